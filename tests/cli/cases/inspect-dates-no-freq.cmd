inspect tests/data/dates-quarterly.csv
