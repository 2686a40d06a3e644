target datasets/rd.csv --target 'rd_intensity[China] >= 2.8 by 2025' --method loglinear --format csv
