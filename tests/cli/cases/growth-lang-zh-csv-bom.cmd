growth datasets/rd.csv --entity Luohe --lang zh --format csv --excel
