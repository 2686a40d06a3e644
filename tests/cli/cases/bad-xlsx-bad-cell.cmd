inspect tests/bad/xlsx-bad-cell.xlsx
