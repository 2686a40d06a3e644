inspect tests/bad/empty.csv
