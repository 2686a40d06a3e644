growth datasets/china-rd-spending.csv --from 2020 --to 2023 --format csv
