backtest tests/data/backtest-intervals.csv --holdout 1 --method drift --no-time --forecasts /dev/stderr
