inspect tests/bad/xlsx-truncated.xlsx
