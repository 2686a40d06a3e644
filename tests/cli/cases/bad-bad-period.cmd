inspect tests/bad/bad-period.csv
