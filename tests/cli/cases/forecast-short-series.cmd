forecast tests/data/forecast-annual.csv --series 'new plant,pilot' --format csv
