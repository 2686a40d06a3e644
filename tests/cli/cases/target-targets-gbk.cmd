target tests/data/gbk-long.csv --targets tests/data/targets-gbk.csv --no-forecast
