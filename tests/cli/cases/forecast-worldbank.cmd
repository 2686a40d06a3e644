forecast datasets/worldbank-rd-intensity.csv --entity China,Germany --horizon 3 --format csv
