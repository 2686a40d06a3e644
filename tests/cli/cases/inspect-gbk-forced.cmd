inspect --encoding gbk --format csv tests/data/gbk-long.csv
