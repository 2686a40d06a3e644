growth datasets/rd-communique.xlsx --format csv
