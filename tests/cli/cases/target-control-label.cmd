target datasets/rd.csv --targets tests/data/targets-control-label.csv --no-forecast
