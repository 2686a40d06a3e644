growth --format csv -
