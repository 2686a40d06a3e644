growth --detail --format csv tests/data/headers/rd-regions.csv
