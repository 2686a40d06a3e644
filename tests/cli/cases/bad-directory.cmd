inspect tests/bad
