forecast datasets/worldbank-rd-intensity.csv --entity China --fit --method ets --format csv
