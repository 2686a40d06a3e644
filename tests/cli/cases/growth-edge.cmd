growth tests/data/growth-edge.csv --format csv
