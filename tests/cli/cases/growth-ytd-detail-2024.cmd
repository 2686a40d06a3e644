growth tests/data/growth-ytd.csv --cumulative --detail --from 2024 --series sales_ytd
