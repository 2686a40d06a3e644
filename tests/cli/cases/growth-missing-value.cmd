growth datasets/rd.csv --from
