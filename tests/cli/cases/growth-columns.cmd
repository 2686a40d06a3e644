growth datasets/rd.csv --columns series,entity,latest,pp,cagr_pct
