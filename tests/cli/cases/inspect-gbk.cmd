inspect tests/data/gbk-long.csv
