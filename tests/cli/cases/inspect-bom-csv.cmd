inspect datasets/rd.csv --format csv --bom
