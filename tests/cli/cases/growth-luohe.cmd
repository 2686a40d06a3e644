growth datasets/luohe.csv
