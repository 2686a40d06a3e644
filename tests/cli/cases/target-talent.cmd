target datasets/luohe.csv --target 'talent_recruited_h1[Luohe] >= 9,084 in 2024' --target 'talent_recruited[Luohe] >= 9084 in 2024' --target 'talent_recruited[Luohe] >= 9000 in 2023' --method naive
