inspect tests/bad/header-only.csv
