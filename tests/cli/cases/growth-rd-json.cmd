growth datasets/rd.csv --format json
