inspect tests/bad/duplicate-period.csv
