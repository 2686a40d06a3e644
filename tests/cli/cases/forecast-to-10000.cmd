forecast tests/data/months-9999.csv --method drift --to 10000-01
