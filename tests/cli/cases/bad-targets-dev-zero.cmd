target datasets/rd.csv --targets /dev/zero
