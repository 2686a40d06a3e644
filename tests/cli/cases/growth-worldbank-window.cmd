growth datasets/worldbank-rd-intensity.csv --entity China,Luxembourg --entity 'Korea, Rep.' --from 2000 --to 2013
