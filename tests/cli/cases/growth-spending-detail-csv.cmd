growth --detail --format csv datasets/china-rd-spending.csv
