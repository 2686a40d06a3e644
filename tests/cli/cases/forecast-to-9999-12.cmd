forecast tests/data/months-9999.csv --method drift --horizon 3
