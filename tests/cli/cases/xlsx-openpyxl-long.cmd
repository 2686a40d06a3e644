inspect tests/data/xlsx/openpyxl-long.xlsx
