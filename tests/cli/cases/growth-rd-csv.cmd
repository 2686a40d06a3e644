growth datasets/rd.csv --format csv
