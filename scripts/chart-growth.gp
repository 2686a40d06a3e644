# SPDX-License-Identifier: GPL-3.0-or-later
# chart-growth.gp - year-on-year change in % as bars (one cluster per period
# when there are several series), each bar labelled with its value; the
# compound annual growth rate of each series as a dashed reference line.
#
# Parameters besides chart-common.gp's: nslots (series with bars),
# slot[1..nseries] (a series' place in each cluster, 0: it has no bars),
# bar_width (in periods), label_gap (in value units), has_bar_labels (0/1),
# cagr[1..nseries], has_cagr[1..nseries] (0/1), cagr_title[1..nseries].
# Data: $growth (index i-1: x change% text; periods whose change is undefined
# have no row).

set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead linecolor rgb grey linewidth 1 back
set boxwidth bar_width absolute
# one series: the CAGR line in vermillion, so it shows across the blue bars
cagr_colour(i) = nseries == 1 ? word(okabe_ito, 2) : word(okabe_ito, (i - 1) % 8 + 1)
shift(i) = (slot[i] - (nslots + 1) / 2.0) * bar_width
plot \
    for [i = 1:nseries] for [k = 1:(slot[i] > 0)] $growth index (i - 1) \
        using ($1 + shift(i)):2 with boxes \
        linetype i title series_title[i], \
    for [i = 1:nseries] for [k = 1:has_cagr[i]] cagr[i] with lines \
        linecolor rgb cagr_colour(i) dashtype 2 linewidth 2 title cagr_title[i], \
    for [i = 1:nseries] for [k = 1:(has_bar_labels && slot[i] > 0)] $growth index (i - 1) \
        using ($1 + shift(i)):($2 + ($2 >= 0 ? label_gap : -label_gap)):3 with labels center boxed \
        textcolor rgb '#303030' font sprintf(',%g', font_size * 0.8) notitle
