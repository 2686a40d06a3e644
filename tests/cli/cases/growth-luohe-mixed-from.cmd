growth datasets/luohe.csv --from 2023 --series talent_recruited,talent_recruited_h1 --format csv
