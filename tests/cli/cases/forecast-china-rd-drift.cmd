forecast datasets/china-rd-spending.csv --method drift --horizon 2 --format csv
