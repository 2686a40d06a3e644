growth datasets/luohe.csv --format csv
