growth datasets/rd.csv --entity Luohe,Xuchang
