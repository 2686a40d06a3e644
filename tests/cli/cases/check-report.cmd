check datasets/rd.csv datasets/gdp.csv datasets/luohe.csv datasets/china-rd-spending.csv --claims datasets/claims.csv
