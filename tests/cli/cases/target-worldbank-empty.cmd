target datasets/worldbank-rd-intensity.csv --target 'GB.XPD.RSDV.GD.ZS[Aruba] >= 2 by 2030' --target 'GB.XPD.RSDV.GD.ZS[China] >= 2.5 by 2020'
