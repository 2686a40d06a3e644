growth datasets/rd.csv --bogus
