backtest - --sorted --holdout 2 --method naive,drift --no-time
