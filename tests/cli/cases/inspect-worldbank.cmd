inspect datasets/worldbank-rd-intensity.csv
