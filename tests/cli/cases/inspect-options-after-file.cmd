inspect datasets/rd.csv --format json
