target datasets/rd.csv datasets/gdp.csv --derive 'rd_spending = rd_intensity / 100 * gdp' --target 'rd_spending >= 7%/yr 2021-2025' --no-forecast
