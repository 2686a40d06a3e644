growth tests/data/xlsx/openpyxl-long-1904.xlsx --detail --format csv
