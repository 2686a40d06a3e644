target datasets/rd.csv --targets tests/bad/xlsx-targets-bad-op.xlsx
