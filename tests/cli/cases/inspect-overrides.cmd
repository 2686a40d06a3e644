inspect --shape wide-series --period-col year --entity-col region --format csv tests/data/wide-series.csv
