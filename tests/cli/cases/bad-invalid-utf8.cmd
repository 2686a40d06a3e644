inspect --encoding utf-8 tests/bad/invalid-utf8.csv
