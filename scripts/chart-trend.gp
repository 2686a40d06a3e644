# SPDX-License-Identifier: GPL-3.0-or-later
# chart-trend.gp - history as lines and points; a forecast as a dashed line
# with interval fan bands (widest first); a target as a horizontal goal line
# and a star at its due period; the latest value labelled above its point
# (several series: in a column right of the last period, as chart-compare.gp).
#
# Parameters besides chart-common.gp's: has_forecast (0/1), fc_title,
# nbands and band_title[1..nbands] (widest first), has_target (0/1),
# target_value, target_title, has_marker (0/1), has_latest (0/1),
# latest_beside (0/1).
# Data: $series (index i-1: x value period), $forecast (x mean lo1 hi1 lo2
# hi2 ..., its first row the last observation), $target (x goal), $latest
# (x y text linetype).

band_alpha = 0.16
target_colour = word(okabe_ito, 2)
# The bands are drawn first (under the lines) without titles; their legend
# entries come after the history and forecast, shaded as they appear where
# they overlap (the narrower band lies on the wider one).
plot \
    for [k = 1:nbands] $forecast using 1:(column(1 + 2 * k)):(column(2 + 2 * k)) \
        with filledcurves fillcolor linetype 1 fillstyle transparent solid band_alpha notitle, \
    for [i = 1:nseries] $series index (i - 1) using 1:2 with linespoints linetype i \
        title series_title[i], \
    for [k = 1:has_forecast] $forecast using 1:2 with linespoints linetype 1 dashtype 2 \
        pointtype 6 title fc_title, \
    for [k = 1:nbands] keyentry with filledcurves fillcolor linetype 1 \
        fillstyle transparent solid 1 - (1 - band_alpha) ** k title band_title[k], \
    for [k = 1:has_target] target_value with lines linecolor rgb target_colour dashtype 3 \
        linewidth 2 title target_title, \
    for [k = 1:has_marker] $target using 1:2 with points linecolor rgb target_colour \
        pointtype 3 pointsize 3.5 * point_scale linewidth 2 notitle, \
    for [k = 1:(has_latest && !latest_beside)] $latest using 1:2:3:4 with labels center \
        offset char 0, 1.3 boxed textcolor variable font sprintf(',%g', font_size * 1.05) notitle, \
    for [k = 1:(has_latest && latest_beside)] $latest using 1:2:3:4 with labels left \
        offset char 1.2, 0 textcolor variable notitle
