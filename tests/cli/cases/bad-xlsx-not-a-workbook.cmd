inspect tests/bad/xlsx-not-a-workbook.xlsx
