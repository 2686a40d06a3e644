growth datasets/rd.csv --columns series --all
