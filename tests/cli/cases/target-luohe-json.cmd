target datasets/rd.csv --target 'rd_intensity[Luohe] >= 2.5 by 2025' --method drift --format json
