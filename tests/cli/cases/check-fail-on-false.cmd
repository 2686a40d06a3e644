check datasets/rd.csv --claim 'value(rd_intensity[Luohe], 2023) = 2.1' --claim 'cagr(rd_intensity[Luohe], 2020, 2023) > 30%' --fail-on false
