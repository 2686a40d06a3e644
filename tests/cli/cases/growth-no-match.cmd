growth datasets/rd.csv --entity Beijing
