backtest tests/data/long-by-year.csv --holdout 1 --method naive --sorted --no-time
