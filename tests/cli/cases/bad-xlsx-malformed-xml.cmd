inspect tests/bad/xlsx-malformed-xml.xlsx
