inspect --shape wide-series --period-col period --entity-col entity --format csv tests/data/wide-series.csv
