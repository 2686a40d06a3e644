growth datasets/rd.csv --format md
