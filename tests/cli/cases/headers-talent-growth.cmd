growth --format csv tests/data/headers/talent-halves.csv
