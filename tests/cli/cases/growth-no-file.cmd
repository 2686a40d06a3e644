growth
