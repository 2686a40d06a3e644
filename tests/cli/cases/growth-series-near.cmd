forecast datasets/rd.csv --series rd_intensty
