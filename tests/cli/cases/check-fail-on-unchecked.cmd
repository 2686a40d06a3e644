check datasets/luohe.csv --claim 'multiple(high_level_talent_added[Luohe], 2022, 2023) = 3.65' --fail-on unchecked --format json
