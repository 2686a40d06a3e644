inspect tests/data/control-names.csv
