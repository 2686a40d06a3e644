# SPDX-License-Identifier: GPL-3.0-or-later
# chart-common.gp - what every `indicators chart` kind shares: terminal,
# fonts, the Okabe-Ito palette, axes and legend placement.
#
# `indicators chart` writes a script that sets the parameters below and the
# data blocks, then appends this file and chart-KIND.gp. Edit the copy under
# share/indicators/ (or point INDICATORS_SCRIPTS at your own directory) to
# change every chart, or edit a script written with --script DIR and rerun
# it with `gnuplot chart.gp`.
#
# Parameters (set before this file): term_type ('png', 'svg', 'pdf'),
# out_file ('' for standard output), width, height (pixels), font_name, font_size (points at 1600x900
# pixels), chart_title, value_label, period_label, xmin, xmax, ymin, ymax,
# nseries, series_title[1..nseries] and source_text (a line under the plot,
# '' for none). Text is printed as it is (R&D, x_1,
# {a}): the terminals are noenhanced, so no text is read as markup. The x
# axis holds period ordinals (the year for
# annual data) and its ticks are set by the generated part: whole periods
# only, labelled as periods.

set encoding utf8
set decimalsign '.'
# The terminals measure text and points differently: these scales make the
# three formats look alike (PDF pages are sized at 160 pixels an inch).
text_scale = term_type eq 'svg' ? 1.3 : term_type eq 'pdf' ? 0.75 : 1.0
point_scale = term_type eq 'svg' ? 0.6 : term_type eq 'pdf' ? 0.7 : 1.0
line_scale = term_type eq 'pdf' ? 1.0 : 1.5
font_size = font_size * text_scale
font_spec = sprintf('%s,%g', font_name, font_size)
if (term_type eq 'svg') {
    set terminal svg size width, height dynamic noenhanced font font_spec \
        background rgb 'white' linewidth line_scale rounded
} else {
    if (term_type eq 'pdf') {
        set terminal pdfcairo size width / 160.0, height / 160.0 noenhanced font font_spec \
            linewidth line_scale rounded
    } else {
        set terminal pngcairo size width, height noenhanced font font_spec \
            background rgb 'white' linewidth line_scale rounded
    }
}
# out_file '' is standard output (`indicators chart` reads it and writes the file itself)
if (strlen(out_file) > 0) { set output out_file } else { set output }

# Okabe & Ito (2008) colour-blind-safe palette: blue, vermillion, bluish
# green, orange, sky blue, reddish purple, black, yellow.
okabe_ito = '#0072B2 #D55E00 #009E73 #E69F00 #56B4E9 #CC79A7 #000000 #F0E442'
do for [i = 1:8] {
    set linetype i linecolor rgb word(okabe_ito, i) linewidth 2 pointtype 7 \
        pointsize 1.3 * point_scale dashtype solid
}
set linetype cycle 8
grey = '#606060'

set title chart_title font sprintf(',%g', font_size * 1.25) offset 0, 0.5
# the value axis label (the unit) stands upright above the axis, so that
# Chinese reads the right way up and long labels do not squeeze the plot
set ylabel ''
set label 101 value_label at graph 0, graph 1 offset char -1, char 1.2 left front
set xlabel period_label
set border 3 linecolor rgb grey
set tics nomirror out scale 0.6 textcolor rgb '#202020'
set grid ytics linetype 1 linecolor rgb '#e4e4e4' linewidth 1
set xrange [xmin:xmax]
set yrange [ymin:ymax]
set format y '%g'
# the legend goes below the plot so it never covers data
set key outside below center horizontal noautotitle samplen 2.5 spacing 1.1 width 4
set style fill solid 1.0 noborder
# labels drawn `boxed` get an opaque white box, so lines do not strike through them
set style textbox opaque noborder margins 0.5, 0.2
# the source of the data ('数据来源：国家统计局') in small grey type under
# everything: the chart is drawn in the canvas above a strip kept for it
if (strlen(source_text) > 0) {
    source_room = 2.2 * font_size * 0.85 / (term_type eq 'pdf' ? height / 1.6 : height)
    set size 1, 1 - source_room
    set origin 0, source_room
    set label 102 source_text at screen 0.012, screen source_room * 0.45 left \
        font sprintf(',%g', font_size * 0.85) textcolor rgb grey noenhanced
}
