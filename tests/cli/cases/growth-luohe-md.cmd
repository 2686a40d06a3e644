growth datasets/luohe.csv --format md --series rd_intensity
