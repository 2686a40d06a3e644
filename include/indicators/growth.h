/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * growth.h - growth statistics of one series, with the official-statistics
 * definitions of docs/METHODS.md: year-on-year and
 * period-on-period change, CAGR across gaps, absolute and per-year change,
 * percentage-point change, multiple, doublings, index, doubling time,
 * two-year average growth and year-to-date (cumulative) series.
 *
 * Pure functions over one ind_series; no I/O, no allocation. A figure that is
 * undefined (a CAGR with a non-positive value, a single observation, no value
 * a year earlier) is returned with defined = false and a reason in words,
 * never as NaN or inf.
 *
 * Rates (yoy, pop, cagr, growth, two_year, ytd_growth) are fractions:
 * 0.226 means 22.6 %. Changes are in the series' unit; for a % series the
 * change is in percentage points.
 *
 * The window: figures comparing two periods (cagr, change, multiple ...)
 * go from the start observation (opt->from, default the first) to the end
 * observation (opt->to, default the last). The point figures (latest value,
 * yoy, pop, ytd growth, two-year growth) are those of the end observation.
 * n, the years between start and end, is the ordinal difference divided by
 * the frequency, so gaps in between do not matter.
 *
 * Cumulative series (opt->cumulative or the series flag IND_SERIES_CUMULATIVE):
 * values are year-to-date totals. Every figure except ytd and ytd_growth is
 * computed on the derived single-period values: single_t = YTD_t - YTD_{t-1}
 * within a year, the YTD itself in the first period of a year; undefined when
 * YTD_{t-1} is missing. ytd_growth is YTD_t / YTD_{t-1y} - 1.
 */
#ifndef INDICATORS_GROWTH_H
#define INDICATORS_GROWTH_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/period.h"

IND_BEGIN_DECLS

/*
 * A figure and, when it cannot be computed, why. why is static text, or (in
 * an ind_growth_summary) points into that summary's own text buffers: use a
 * summary in place, since a copy's reasons still point into the original.
 */
typedef struct ind_figure {
    bool defined;
    double value;    /* meaningful only when defined; always finite */
    const char *why; /* when !defined, e.g. "CAGR needs positive values"; NULL when defined */
} ind_figure;

/*
 * Compound annual growth rate from x0 to x1 over years (> 0):
 * (x1 / x0)^(1 / years) - 1. Undefined unless x0 > 0, x1 > 0 and years > 0.
 */
ind_figure ind_growth_cagr(double x0, double x1, double years);

/* Doubling time in years at rate g per year: ln 2 / ln(1 + g); undefined for g <= 0. */
ind_figure ind_growth_doubling_time(double g);

/*
 * Growth rate x1 / x0 - 1 (yoy, pop, ytd growth). Undefined when x0 is zero
 * ("zero base") or negative ("negative base": a ratio across a sign change
 * means nothing).
 */
ind_figure ind_growth_rate(double x0, double x1);

/* Two-year average growth sqrt((1 + g1)(1 + g2)) - 1; undefined when (1+g1)(1+g2) < 0. */
ind_figure ind_growth_two_year(double g1, double g2);

/* Options of ind_growth_summarize and ind_growth_detail_row. */
typedef struct ind_growth_options {
    ind_period from; /* window start; freq IND_FREQ_UNKNOWN: the first observation */
    ind_period to;   /* window end; freq IND_FREQ_UNKNOWN: the last observation */
    ind_period base; /* index base (index = 100 x / x_base); freq IND_FREQ_UNKNOWN: no index */
    bool cumulative; /* values are year-to-date totals (also when the series is flagged so) */
} ind_growth_options;

/* No from, to or base; not cumulative. */
void ind_growth_options_init(ind_growth_options *opt);

/* The growth figures of one series over its window. */
typedef struct ind_growth_summary {
    bool percent;               /* ratio indicator in %: pp is defined */
    bool cumulative;            /* computed on single periods derived from YTD values */
    bool has_window;            /* start and end were found (false: see cagr.why) */
    bool has_base;              /* opt->base was given and has a value in the series */
    bool has_end;               /* the end was found: end, latest, yoy, pop ... refer to it */
    ind_period start;           /* window start (valid when has_window) */
    ind_period end;             /* window end (valid when has_end) */
    ind_figure first;           /* value at start (single-period value when cumulative) */
    ind_figure latest;          /* value at end (single-period value when cumulative) */
    ind_figure ytd;             /* cumulative only: the YTD value at end as given */
    ind_figure years;           /* n: years from start to end */
    ind_figure yoy;             /* x_end / x_{end-1y} - 1 */
    ind_figure pop;             /* x_end / x_{end-1} - 1; annual series: "annual series: see yoy" */
    ind_figure ytd_growth;      /* cumulative only: YTD_end / YTD_{end-1y} - 1 */
    ind_figure two_year;        /* sqrt(x_end / x_{end-2y}) - 1 = sqrt((1+g1)(1+g2)) - 1 */
    ind_figure cagr;            /* (latest / first)^(1/n) - 1 */
    ind_figure change;          /* latest - first */
    ind_figure change_per_year; /* change / n */
    ind_figure pp;              /* % series only: latest - first in percentage points */
    ind_figure growth;          /* latest / first - 1 (relative growth over the window) */
    ind_figure multiple;        /* latest / first */
    ind_figure doublings;       /* log2(latest / first) */
    ind_figure doubling_time;   /* ln 2 / ln(1 + cagr), years */
    ind_figure index;           /* 100 latest / x_base, when opt->base is given */
    /* storage for reasons that name a period (private) */
    char why_window[96], why_yoy[64], why_pop[64], why_two[64], why_ytd[64], why_base[64];
} ind_growth_summary;

/*
 * Computes the growth figures of s into *out: every figure is set, defined or
 * with a reason. No allocation; O(log n).
 *
 * Returns IND_OK, also when figures are undefined for reasons of the data
 * (one observation, non-positive values, no value a year earlier, a base
 * period without a value: see out->has_base). Fails, with a message naming
 * the series, with
 *   IND_E_ARG        opt->from after opt->to (periods of one frequency);
 *   IND_E_UNDEFINED  s has no observations, or opt->to / opt->from has no
 *                    value in s or is of another frequency. Every figure is
 *                    then undefined with that reason, except that when only
 *                    opt->from is unusable the point figures (latest, yoy,
 *                    pop, ytd ...) are still computed at the end.
 * err may be NULL; opt NULL means defaults.
 */
ind_status ind_growth_summarize(const ind_series *s, const ind_growth_options *opt,
                                ind_growth_summary *out, ind_error *err);

/* One period of the per-period table. */
typedef struct ind_growth_row {
    ind_period period;
    double value;          /* as given (the YTD total when cumulative) */
    ind_figure single;     /* cumulative: derived single-period value; else the value */
    ind_figure yoy;        /* single_t / single_{t-1y} - 1 */
    ind_figure pop;        /* single_t / single_{t-1} - 1; undefined for annual series */
    ind_figure change;     /* single_t - single_{t-1y} (pp for % series) */
    ind_figure index;      /* 100 single_t / single_base when opt->base is given */
    ind_figure ytd_growth; /* cumulative: YTD_t / YTD_{t-1y} - 1 */
} ind_growth_row;

/*
 * Fills *row with the figures of observation i (< s->n) of s; reasons are
 * static text. opt->from and opt->to are ignored; opt NULL means defaults.
 * O(log n); no allocation.
 */
void ind_growth_detail_row(const ind_series *s, const ind_growth_options *opt, size_t i,
                           ind_growth_row *row);

IND_END_DECLS

#endif
