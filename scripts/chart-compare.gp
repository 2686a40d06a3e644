# SPDX-License-Identifier: GPL-3.0-or-later
# chart-compare.gp - several series (entities of one indicator) as lines
# with points; the latest value of each labelled in its colour, in a column
# right of the last period (heights spread so labels do not overlap; a series
# that ends earlier has its period added).
#
# Data: $series (index i-1: x value period), $latest (x y text linetype).

plot \
    for [i = 1:nseries] $series index (i - 1) using 1:2 with linespoints linetype i \
        title series_title[i], \
    for [k = 1:has_latest] $latest using 1:2:3:4 with labels left offset char 1.2, 0 boxed \
        textcolor variable notitle
