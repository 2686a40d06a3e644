growth tests/data/growth-ytd.csv --series sales_ytd --to 2023-12 --format csv
