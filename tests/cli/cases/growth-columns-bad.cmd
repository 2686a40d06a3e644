growth datasets/rd.csv --columns series,cagr --format csv
