report datasets/rd.csv --targets tests/data/report/missing-series-targets.csv -o /tmp/never.html
