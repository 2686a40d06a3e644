growth tests/data/xlsx/xlsxwriter-quarterly.xlsx --sheet 3 --detail --format csv
