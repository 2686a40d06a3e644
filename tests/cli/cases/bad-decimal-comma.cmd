inspect tests/bad/decimal-comma.csv
