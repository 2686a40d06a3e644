growth datasets/rd.csv
