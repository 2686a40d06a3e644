growth datasets/rd.csv --base 2023Q5
