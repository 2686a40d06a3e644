check datasets/rd.csv --claims tests/data/claims-bad.csv
