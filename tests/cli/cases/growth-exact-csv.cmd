growth datasets/rd.csv --entity Luohe --format csv --exact
