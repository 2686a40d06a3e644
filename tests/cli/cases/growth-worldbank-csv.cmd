growth ../shared/data/worldbank-rd-intensity.csv --format csv
