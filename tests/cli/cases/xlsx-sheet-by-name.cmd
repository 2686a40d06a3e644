growth datasets/rd-communique.xlsx --sheet '表2 全国R&D经费' --format csv
