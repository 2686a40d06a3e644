growth datasets/rd.csv --from 20x
