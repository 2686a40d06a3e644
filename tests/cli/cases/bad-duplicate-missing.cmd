inspect tests/bad/duplicate-missing.csv
