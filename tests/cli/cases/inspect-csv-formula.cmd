inspect --format csv tests/data/formula-names.csv
