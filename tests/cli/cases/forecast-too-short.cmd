forecast tests/data/forecast-annual.csv --series 'new plant' --method drift --format csv
