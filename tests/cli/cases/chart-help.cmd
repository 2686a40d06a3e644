chart --help
