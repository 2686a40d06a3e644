forecast datasets/worldbank-rd-intensity.csv --entity Aruba,Andorra
