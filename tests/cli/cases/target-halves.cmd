target tests/data/target-talent-halves.csv --target 'talent >= 9084 in 2024' --target 'talent >= 10000 in 2024' --method naive
