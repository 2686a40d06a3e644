growth datasets/china-rd-spending.csv --detail --from 2021 --to 2023 --format csv
