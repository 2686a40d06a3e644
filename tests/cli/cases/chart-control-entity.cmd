chart datasets/rd.csv -o x.png --entity $'Luohe\e]0;pwned\a'
