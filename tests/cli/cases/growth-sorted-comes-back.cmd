growth --sorted tests/data/long-by-year.csv --format csv
