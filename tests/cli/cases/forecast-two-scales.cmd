forecast tests/data/forecast-annual.csv --log --bounds 0,100
