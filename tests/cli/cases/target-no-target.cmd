target datasets/rd.csv
