forecast datasets/china-rd-spending.csv --horizon 2 --format csv --exact --method drift
