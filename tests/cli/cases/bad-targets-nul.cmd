target datasets/rd.csv --targets tests/bad/targets-nul.csv
