inspect tests/data/xlsx/xlsxwriter-quarterly.xlsx
