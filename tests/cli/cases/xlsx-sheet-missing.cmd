inspect tests/data/xlsx/xlsxwriter-quarterly.xlsx --sheet 9
