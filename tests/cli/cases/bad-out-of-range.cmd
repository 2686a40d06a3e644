inspect tests/bad/out-of-range.csv
