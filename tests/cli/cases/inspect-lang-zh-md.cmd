inspect datasets/rd.csv --lang zh --format md
