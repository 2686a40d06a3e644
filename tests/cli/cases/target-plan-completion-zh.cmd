target datasets/luohe.csv datasets/rd.csv --target 'investment_completed[食品科创园] >= 25 by 2026 from 2022' --target 'rd_intensity[Luohe] >= 2.5 by 2025 from 2020' --no-forecast --lang zh
