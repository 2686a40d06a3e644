check datasets/rd.csv --derive 'x = rd_intensity +' --claim 'value(rd_intensity[Luohe], 2023) > 1'
