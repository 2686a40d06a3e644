# SPDX-License-Identifier: GPL-3.0-or-later
# R data.table doing the job of `indicators growth --format csv` on the benchmark files of
# scripts/bench/gen-worldbank, for scripts/bench/growth (--datatable) and
# scripts/bench/streaming: the one data.table script both use.
#
# Per series (series, entity): the first and latest periods and values, CAGR in percent over
# the years between them (blank unless both values are positive and the periods differ) and
# YoY in percent against the value of the year before the latest (blank when there is none),
# as growth computes them (its from, to, first, latest, cagr_pct and yoy_pct columns; checked
# equal on the benchmark files to 1e-9 relative: scripts/bench/growth --datatable --check).
# Written as CSV to standard output.
#
# The fastest data.table code we found: fread of only the columns used, with their types
# given; the wide file melted to long without its missing cells; one radix sort (setkey) so
# that each series' rows are together in period order, whatever the file's order (growth
# does not assume one either); then everything vectorised over the sorted table - the
# first and last row of each run of a key, the row before the last - with no per-group R
# call. Grouped forms (d[, .(...), by = .(series, entity)] with first()/last()/shift())
# took 1.5 times the CPU.
#
# usage: Rscript growth-datatable.R long|wide FILE
#   DT_THREADS  data.table's threads (default 0: every core, as indicators uses both, for the
#               wall time). On a loaded machine its waiting OpenMP threads spin: on 2 cores the
#               long file took 7.1-7.7 s CPU on both, 4.0 s on one (DT_THREADS=1), so CPU time
#               is compared with each program on one thread too (INDICATORS_THREADS=1).
suppressMessages(library(data.table))
args <- commandArgs(TRUE)
stopifnot(length(args) == 2, args[1] %in% c("long", "wide"))
setDTthreads(as.integer(Sys.getenv("DT_THREADS", "0")))
if (args[1] == "long") {
    d <- fread(args[2], select = c(series = "character", entity = "character",
                                   year = "integer", value = "double"))
    setnames(d, "year", "period")
} else {
    years <- grep("^[0-9]{4}$", names(fread(args[2], nrows = 0L, header = TRUE)), value = TRUE)
    w <- fread(args[2], header = TRUE, select = c("Indicator Code", "Country Name", years))
    d <- melt(w, id.vars = c("Indicator Code", "Country Name"), measure.vars = years,
              variable.name = "period", value.name = "value", na.rm = TRUE,
              variable.factor = FALSE)
    rm(w)
    setnames(d, c("Indicator Code", "Country Name"), c("series", "entity"))
    d[, period := as.integer(period)]
}
setkey(d, series, entity, period)
n <- nrow(d)
ends <- c(d$series[-1L] != d$series[-n] | d$entity[-1L] != d$entity[-n], TRUE)
li <- which(ends)                  # the last row of each series
fi <- c(1L, li[-length(li)] + 1L)  # its first
prev <- pmax(li - 1L, 1L)          # the row before the last (when it is the same series)
has_prev <- li > fi & d$period[prev] == d$period[li] - 1L
g <- d[li, .(series, entity, from = d$period[fi], to = period, first = d$value[fi],
             latest = value)]
g[, cagr_pct := fifelse(to > from & first > 0 & latest > 0,
                        100 * ((latest / first)^(1 / (to - from)) - 1), NA_real_)]
g[, yoy_pct := fifelse(has_prev, 100 * (latest / d$value[prev] - 1), NA_real_)]
fwrite(g, "")
