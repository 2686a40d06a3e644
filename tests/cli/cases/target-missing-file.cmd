target datasets/rd.csv --targets tests/data/target-targets-typo.csv
