target --help
