growth datasets/luohe.csv --format json --series talent_recruited,talent_recruited_h1
