growth datasets/rd.csv --format xml
