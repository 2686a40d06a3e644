inspect tests/data/nbs-annual.csv
