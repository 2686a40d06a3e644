growth datasets/rd.csv --from 2023 --to 2020
