growth datasets/worldbank-rd-intensity.csv --entity Germny --series GB.XPD.RSDV.GD.ZS
