forecast tests/data/forecast-annual.csv --series gdp --method drift --horizon 3 --format csv
