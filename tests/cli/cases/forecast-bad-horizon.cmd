forecast tests/data/forecast-annual.csv --horizon 0
