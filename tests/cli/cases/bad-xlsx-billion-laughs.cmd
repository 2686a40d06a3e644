inspect tests/bad/xlsx-billion-laughs.xlsx
