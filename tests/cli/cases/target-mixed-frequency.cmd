target tests/data/talent-mixed.csv --target 'talent_recruited[Luohe] >= 9,084 in 2024' --target 'talent_projects_signed >= 211 in 2024' --no-forecast
