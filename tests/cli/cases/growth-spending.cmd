growth datasets/china-rd-spending.csv
