check datasets/rd.csv --claim 'cagr(rd_intensity[Luohe], 2020) > 30%'
