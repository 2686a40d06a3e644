target datasets/rd.csv --target 'rd_intensity >= by 2025'
