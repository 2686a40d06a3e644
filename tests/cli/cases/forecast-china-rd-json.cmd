forecast datasets/china-rd-spending.csv --horizon 3 --format json
