target tests/data/target-sales-monthly.csv --target 'sales >= 150 in 2024' --target 'sales <= 100 in 2024' --target 'sales >= 20 by 2025' --method naive
