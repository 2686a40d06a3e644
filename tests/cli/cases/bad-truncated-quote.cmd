inspect tests/bad/truncated-quote.csv
