growth - --entity Luohe --format csv
