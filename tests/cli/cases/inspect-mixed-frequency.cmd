inspect tests/data/talent-mixed.csv
