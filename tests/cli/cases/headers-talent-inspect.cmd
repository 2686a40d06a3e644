inspect tests/data/headers/talent-halves.csv
