backtest datasets/worldbank-rd-intensity.csv --entity Aruba,China,Afghanistan,Andorra,Belgium --holdout 3 --method auto,drift --no-time
