inspect tests/data/wide-series.csv
