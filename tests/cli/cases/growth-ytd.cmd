growth tests/data/growth-ytd.csv --cumulative
