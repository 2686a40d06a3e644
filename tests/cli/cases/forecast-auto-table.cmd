forecast tests/data/forecast-annual.csv
