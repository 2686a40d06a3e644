backtest tests/data/forecast-annual.csv --holdout 3 --method auto,drift --no-time
