check datasets/rd.csv --claim 'value(rd_intensity[Shanghai], 2023) > 1'
