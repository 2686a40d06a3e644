/*
 * growth.h - growth statistics of one series, with the official-statistics
 * definitions of ../shared/design/METHODS.md: year-on-year and
 * period-on-period change, CAGR across gaps, absolute and per-year change,
 * percentage-point change, multiple, index, doubling time, year-to-date.
 *
 * Pure functions over one ind_series; no I/O. A figure that is undefined
 * (a CAGR with a non-positive value, a single observation) is returned with
 * defined = false and a reason in words, never as NaN or inf.
 */
#ifndef INDICATORS_GROWTH_H
#define INDICATORS_GROWTH_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"

/* A figure and, when it cannot be computed, why. */
typedef struct ind_figure {
    bool defined;
    double value;      /* meaningful only when defined */
    const char *why;   /* static text when !defined, e.g. "CAGR needs positive values" */
} ind_figure;

/*
 * Compound annual growth rate from x0 to x1 over years (> 0):
 * (x1 / x0)^(1 / years) - 1. Undefined unless x0 > 0, x1 > 0 and years > 0.
 */
ind_figure ind_growth_cagr(double x0, double x1, double years);

/* Doubling time in years at rate g per year: ln 2 / ln(1 + g); undefined for g <= 0. */
ind_figure ind_growth_doubling_time(double g);

#endif
