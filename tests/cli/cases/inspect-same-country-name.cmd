inspect tests/data/wb-same-name.csv --format md
