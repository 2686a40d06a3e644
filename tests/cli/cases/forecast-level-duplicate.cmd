forecast tests/data/forecast-annual.csv --level 80,95,80
