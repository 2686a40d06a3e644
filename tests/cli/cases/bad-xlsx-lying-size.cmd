inspect tests/bad/xlsx-lying-size.xlsx
