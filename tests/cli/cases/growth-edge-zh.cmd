growth tests/data/growth-edge.csv --lang zh --all
