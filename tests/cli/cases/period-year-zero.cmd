growth tests/data/years-zero.csv
