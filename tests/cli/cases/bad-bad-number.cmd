inspect tests/bad/bad-number.csv
