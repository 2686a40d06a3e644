inspect datasets/rd-communique.xlsx
