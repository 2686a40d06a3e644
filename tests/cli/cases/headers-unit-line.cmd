growth --format csv tests/data/headers/unit-line.csv
