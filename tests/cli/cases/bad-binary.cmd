inspect tests/bad/binary.csv
