target datasets/rd.csv --target 'rd_intensity >= 2.5 by 2025' --no-forecast
