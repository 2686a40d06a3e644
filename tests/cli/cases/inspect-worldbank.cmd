inspect ../shared/data/worldbank-rd-intensity.csv
