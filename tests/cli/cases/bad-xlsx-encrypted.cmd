inspect tests/bad/xlsx-encrypted.xlsx
