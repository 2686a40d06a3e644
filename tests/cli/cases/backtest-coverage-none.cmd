backtest tests/data/backtest-intervals.csv --series line --holdout 1 --method drift --no-time
