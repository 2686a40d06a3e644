forecast --sorted --method drift --format csv -
