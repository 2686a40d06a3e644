growth datasets/china-rd-spending.csv --detail --from 2030
