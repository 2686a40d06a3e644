forecast tests/data/forecast-annual.csv --series gdp --method naive --to 2026 --format csv
