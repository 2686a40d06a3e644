inspect --period-col when tests/data/luohe-long.csv
