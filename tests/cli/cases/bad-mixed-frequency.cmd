inspect tests/bad/mixed-frequency.csv
