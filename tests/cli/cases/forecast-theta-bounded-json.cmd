forecast tests/data/forecast-annual.csv --series 'rd share' --method theta --horizon 2 --level 90 --format json
