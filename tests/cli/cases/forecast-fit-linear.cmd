forecast tests/data/forecast-annual.csv --series gdp --method linear --fit --format csv
