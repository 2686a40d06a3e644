inspect tests/data/control-value.csv
