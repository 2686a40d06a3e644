inspect tests/bad/no-layout.csv
