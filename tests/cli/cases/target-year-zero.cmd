target tests/data/years-zero.csv --target 'x >= 5 by 0'
