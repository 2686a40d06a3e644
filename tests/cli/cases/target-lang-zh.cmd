target datasets/rd.csv datasets/china-rd-spending.csv datasets/luohe.csv --targets datasets/targets.csv --method drift --lang zh
