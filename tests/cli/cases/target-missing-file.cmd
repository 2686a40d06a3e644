target datasets/rd.csv --targets tests/cli/data/targets-typo.csv
