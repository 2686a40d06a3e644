# SPDX-License-Identifier: GPL-3.0-or-later
# chart-growth.gp - the change on a year earlier as bars (in %, or in
# percentage points), one cluster per period when there are several series,
# centred on the period whatever the number of bars in it, each bar labelled
# with its value (the label moved past a reference line it would sit on); the
# compound annual growth rate (or the average change a year) of each series as
# a dashed reference line.
#
# Parameters besides chart-common.gp's: has_bars[1..nseries] (0/1),
# bar_width (in periods), has_bar_labels (0/1), cagr[1..nseries],
# has_cagr[1..nseries] (0/1), cagr_title[1..nseries].
# (A title is '' where its iteration may be empty: gnuplot 5.4 keeps a
# legend row for it otherwise.)
# Data: $growth (index i-1: x_of_the_bar change label_y label; periods whose
# change is undefined have no row).

set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead linecolor rgb grey linewidth 1 back
set boxwidth bar_width absolute
# one series: the reference line in vermillion, so it shows across the blue bars
cagr_colour(i) = nseries == 1 ? word(okabe_ito, 2) : word(okabe_ito, (i - 1) % 8 + 1)
plot \
    for [i = 1:nseries] for [k = 1:has_bars[i]] $growth index (i - 1) using 1:2 with boxes \
        linetype i title (has_bars[i] ? series_title[i] : ''), \
    for [i = 1:nseries] for [k = 1:has_cagr[i]] cagr[i] with lines \
        linecolor rgb cagr_colour(i) dashtype 2 linewidth 2 \
        title (has_cagr[i] ? cagr_title[i] : ''), \
    for [i = 1:nseries] for [k = 1:(has_bar_labels && has_bars[i])] $growth index (i - 1) \
        using 1:3:4 with labels center boxed \
        textcolor rgb '#303030' font sprintf(',%g', font_size * 0.8) notitle
