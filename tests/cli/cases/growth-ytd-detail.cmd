growth tests/data/growth-ytd.csv --cumulative --detail --format csv
