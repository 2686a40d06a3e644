target datasets/rd.csv --target 'rd_intensity[China] >= 3.5 by 2025' --target 'rd_intensity[China] <= 2 by 2030' --method drift --fail-on off-track
