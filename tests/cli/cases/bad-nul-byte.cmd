inspect tests/bad/nul-byte.csv
