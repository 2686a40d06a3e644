forecast tests/data/forecast-annual.csv --method prophet
