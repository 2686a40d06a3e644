target tests/data/target-sales-monthly.csv --cumulative --target 'sales >= 150 in 2024' --no-forecast
