# SPDX-License-Identifier: GPL-3.0-or-later
# chart-trend.gp - the trend and compare kinds: history as lines and points,
# a gap in a series joined by a dashed segment between the known points;
# forecasts as dashed lines with interval bands (one series: a fan of the two
# widest levels; several: one lighter band each); targets as a dotted goal
# line (a growth target: its path from the base year) and a star at the due
# period; the latest values labelled, above the last point for one series or
# in a column right of the data (heights spread so labels do not overlap;
# the end of a forecast, or a series that ends earlier, has its period added).
#
# Parameters besides chart-common.gp's: has_bridge (0/1), bridge_title, has_forecast
# (0/1), has_fc[1..nseries] (0/1), fc_title, nbands and band_title[1..nbands]
# (widest first), ntargets, tg_value[t], tg_path[t] (0/1), tg_lt[t] (the
# linetype whose colour the target takes), tg_title[t], has_marker (0/1),
# has_latest (0/1), latest_beside (0/1), latest_text[k].
# An element that may be drawn zero times has a title that is '' then:
# gnuplot 5.4 keeps a legend row for a titled element even when its
# iteration is empty.
# Data: $series (index i-1: x value period), $bridge (x y linetype, segments
# apart by blank lines), $forecast (index i-1: x mean lo1 hi1 lo2 hi2 ...,
# its first row the last observation), $tpath (index t-1: x level), $target
# (x goal linetype), $latest (x y k linetype: latest_text[k]).

# one series: the fan in its colour; several: a lighter band each
band_alpha = nseries == 1 ? 0.16 : 0.10
legend_colour = nseries == 1 ? word(okabe_ito, 1) : grey
tg_colour(t) = word(okabe_ito, tg_lt[t])
# The bands are drawn first (under the lines) without titles; their legend
# entries come after the history and forecast, shaded as they appear where
# they overlap (the narrower band lies on the wider one).
# a gap's segment: thin and finely dashed, unlike a forecast
bridge_width = 1.5
bridge_dash = '-  '
plot \
    for [i = 1:nseries] for [k = 1:(has_fc[i] ? nbands : 0)] $forecast index (i - 1) \
        using 1:(column(1 + 2 * k)):(column(2 + 2 * k)) \
        with filledcurves fillcolor linetype i fillstyle transparent solid band_alpha notitle, \
    for [i = 1:nseries] $series index (i - 1) using 1:2 with linespoints linetype i \
        title series_title[i], \
    for [k = 1:has_bridge] $bridge using 1:2:3 with lines linecolor variable \
        linewidth bridge_width dashtype bridge_dash notitle, \
    for [k = 1:has_bridge] keyentry with lines linecolor rgb grey linewidth bridge_width \
        dashtype bridge_dash title (has_bridge ? bridge_title : ''), \
    for [i = 1:nseries] for [k = 1:has_fc[i]] $forecast index (i - 1) using 1:2 \
        with linespoints linetype i dashtype 2 pointtype 6 notitle, \
    for [k = 1:has_forecast] keyentry with linespoints linecolor rgb legend_colour dashtype 2 \
        pointtype 6 title (has_forecast ? fc_title : ''), \
    for [k = 1:(has_forecast ? nbands : 0)] keyentry with filledcurves \
        fillcolor rgb legend_colour fillstyle transparent solid 1 - (1 - band_alpha) ** k \
        title (has_forecast && nbands > 0 ? band_title[k] : ''), \
    for [t = 1:ntargets] for [k = 1:!tg_path[t]] tg_value[t] with lines \
        linecolor rgb tg_colour(t) dashtype 3 linewidth 2 \
        title (ntargets > 0 && !tg_path[t] ? tg_title[t] : ''), \
    for [t = 1:ntargets] for [k = 1:tg_path[t]] $tpath index (t - 1) using 1:2 with lines \
        linecolor rgb tg_colour(t) dashtype 3 linewidth 2 \
        title (ntargets > 0 && tg_path[t] ? tg_title[t] : ''), \
    for [k = 1:has_marker] $target using 1:2:3 with points linecolor variable \
        pointtype 3 pointsize 3.5 * point_scale linewidth 2 notitle, \
    for [k = 1:(has_latest && !latest_beside)] $latest using 1:2:(latest_text[int($3)]):4 \
        with labels center offset char 0, 1.3 boxed textcolor variable \
        font sprintf(',%g', font_size * 1.05) notitle, \
    for [k = 1:(has_latest && latest_beside)] $latest using 1:2:(latest_text[int($3)]):4 \
        with labels left offset char 1.2, 0 boxed textcolor variable notitle
