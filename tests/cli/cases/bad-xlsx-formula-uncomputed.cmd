growth tests/bad/xlsx-formula-uncomputed.xlsx
