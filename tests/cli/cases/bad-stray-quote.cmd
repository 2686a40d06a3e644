inspect tests/bad/stray-quote.csv
