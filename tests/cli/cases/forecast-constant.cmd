forecast tests/data/forecast-constant.csv --horizon 2 --format csv
