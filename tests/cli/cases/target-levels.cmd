target datasets/rd.csv --target 'rd_intensity[China] >= 2.8 by 2025' --level 50,99.5 --method drift --format csv
