inspect tests/data/xlsx/lo-rd.xls
