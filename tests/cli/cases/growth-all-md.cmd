growth datasets/rd.csv --all --format md
