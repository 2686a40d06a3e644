growth datasets/china-rd-spending.csv --base 2020 --format csv
