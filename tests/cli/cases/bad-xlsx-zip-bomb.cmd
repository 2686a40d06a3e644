inspect tests/bad/xlsx-zip-bomb.xlsx
