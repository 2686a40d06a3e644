forecast datasets/rd.csv --to 2030 --format csv
