inspect tests/data/quarterly.tsv
