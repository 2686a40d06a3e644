growth datasets/rd.csv --entity Luohe --from 2021
