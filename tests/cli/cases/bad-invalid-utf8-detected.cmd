inspect tests/bad/invalid-utf8-detected.csv
