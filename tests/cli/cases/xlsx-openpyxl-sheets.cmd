inspect tests/data/xlsx/openpyxl-sheets.xlsx
