inspect tests/bad/duplicate-value-column.csv
