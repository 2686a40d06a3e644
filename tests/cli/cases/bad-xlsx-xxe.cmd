inspect tests/bad/xlsx-xxe.xlsx
