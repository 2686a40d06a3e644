inspect tests/data/luohe-long.csv
