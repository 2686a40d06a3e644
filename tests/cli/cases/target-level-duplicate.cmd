target datasets/rd.csv --target 'rd_intensity[China] >= 2.8 by 2025' --level 80,80.00000001
