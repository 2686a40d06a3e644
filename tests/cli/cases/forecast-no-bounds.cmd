forecast tests/data/forecast-annual.csv --series 'rd share' --no-bounds --method drift --horizon 2 --format csv --jobs 2
