growth datasets/rd.csv --digits 2 --entity Luohe,China
