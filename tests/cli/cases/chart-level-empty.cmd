chart datasets/rd.csv --entity China --forecast auto --level 95, -o x.svg
