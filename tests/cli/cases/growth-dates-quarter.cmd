growth tests/data/dates-quarterly.csv --freq quarter
