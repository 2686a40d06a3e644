growth tests/data/growth-edge.csv
