backtest tests/data/forecast-annual.csv
