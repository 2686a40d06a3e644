report datasets/rd.csv
