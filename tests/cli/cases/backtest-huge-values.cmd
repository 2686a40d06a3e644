backtest tests/data/backtest-huge.csv --holdout 1 --method drift,naive --no-time
