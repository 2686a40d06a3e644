inspect tests/bad/ragged-row.csv
