forecast datasets/worldbank-rd-intensity.csv --entity Aruba,China,Afghanistan,Andorra --horizon 2 --format csv
