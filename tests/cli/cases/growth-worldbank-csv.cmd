growth datasets/worldbank-rd-intensity.csv --format csv
