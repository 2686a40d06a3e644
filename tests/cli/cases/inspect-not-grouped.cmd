inspect tests/data/long-by-year.csv
