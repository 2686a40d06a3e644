growth datasets/nonexistent.csv
