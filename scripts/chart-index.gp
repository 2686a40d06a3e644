# SPDX-License-Identifier: GPL-3.0-or-later
# chart-index.gp - several series rebased to 100 in a common base period,
# with a reference line at 100 and the latest index of each labelled in a
# column right of the last period; a gap in a series is joined by a dashed
# segment between the known points.
#
# Parameters besides chart-common.gp's: base_x (the base period's x),
# has_bridge (0/1), bridge_title, has_latest (0/1), latest_text[k].
# Data: $series (index i-1: x index period), $bridge (x y linetype, segments
# apart by blank lines), $latest (x y k linetype: latest_text[k]).

set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead linecolor rgb grey \
    linewidth 1 dashtype 2 back
set arrow 2 from first base_x, graph 0 to first base_x, graph 1 nohead \
    linecolor rgb '#c0c0c0' linewidth 1 dashtype 3 back
# a gap's segment: thin and finely dashed, unlike a forecast
bridge_width = 1.5
bridge_dash = '-  '
plot \
    for [i = 1:nseries] $series index (i - 1) using 1:2 with linespoints linetype i \
        title series_title[i], \
    for [k = 1:has_bridge] $bridge using 1:2:3 with lines linecolor variable \
        linewidth bridge_width dashtype bridge_dash notitle, \
    for [k = 1:has_bridge] keyentry with lines linecolor rgb grey linewidth bridge_width \
        dashtype bridge_dash title (has_bridge ? bridge_title : ''), \
    for [k = 1:has_latest] $latest using 1:2:(latest_text[int($3)]):4 with labels left \
        offset char 1.2, 0 boxed textcolor variable notitle
