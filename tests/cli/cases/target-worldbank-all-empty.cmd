target datasets/worldbank-rd-intensity.csv --target 'GB.XPD.RSDV.GD.ZS[Aruba] >= 2 by 2030'
