forecast tests/data/forecast-annual.csv --series gdp --log --method drift --horizon 2 --format md
