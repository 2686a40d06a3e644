growth datasets/china-rd-spending.csv --detail --base 2019
