# SPDX-License-Identifier: GPL-3.0-or-later
# chart-index.gp - several series rebased to 100 in a common base period,
# with a reference line at 100 and the latest index of each labelled in a
# column right of the last period.
#
# Parameters besides chart-common.gp's: base_x (the base period's x).
# Data: $series (index i-1: x index period), $latest (x y text linetype).

set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead linecolor rgb grey \
    linewidth 1 dashtype 2 back
set arrow 2 from first base_x, graph 0 to first base_x, graph 1 nohead \
    linecolor rgb '#c0c0c0' linewidth 1 dashtype 3 back
plot \
    for [i = 1:nseries] $series index (i - 1) using 1:2 with linespoints linetype i \
        title series_title[i], \
    for [k = 1:has_latest] $latest using 1:2:3:4 with labels left offset char 1.2, 0 boxed \
        textcolor variable notitle
