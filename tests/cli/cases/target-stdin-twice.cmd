target - - --target 'rd_intensity[China] >= 3 by 2030'
