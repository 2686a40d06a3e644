growth tests/data/months-10000.csv
