backtest tests/data/forecast-annual.csv --series gdp --holdout 3 --method naive,drift,linear --format csv --no-time
