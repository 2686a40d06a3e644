target datasets/rd.csv --target 'rd_intensity[Shanghai] >= 4 by 2025' --target 'rd_intensty >= 3 by 2025' --no-forecast
