growth datasets/rd.csv --base 2019
