inspect tests/bad/duplicate-entity-column.csv
