inspect tests/data/wb-preamble.csv
