inspect tests/bad/duplicate-column.csv
