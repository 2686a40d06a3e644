inspect tests/bad/short-row.csv
