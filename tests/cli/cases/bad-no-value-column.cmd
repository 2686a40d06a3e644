inspect tests/bad/no-value-column.csv
