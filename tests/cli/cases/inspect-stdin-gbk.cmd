inspect - --format csv
