inspect tests/bad/xlsx-shared-string.xlsx
