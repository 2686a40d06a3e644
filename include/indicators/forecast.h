/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forecast.h - projections with prediction intervals.
 *
 * Methods are rows of one table of descriptors (naive, drift, linear,
 * loglinear, ets, arima, theta, auto ...); each fits a series, forecasts h
 * steps ahead and gives intervals. Every result carries, for each step, a
 * Gaussian distribution on the (possibly transformed) scale, so callers can
 * ask for the probability of any threshold (target checks) as well as the
 * interval bounds.
 *
 * Input: y[0..n) consecutive periods, oldest first; NAN marks a gap (a
 * period with no value), which methods fill by linear interpolation. The
 * frequency gives the seasonal period (1 for annual data).
 *
 * Results never hold NaN or inf: a method that fails to converge, or whose
 * forecast or interval would overflow on the series' scale, falls back to a
 * simpler one and says so in note. Bounded forecasts stay strictly inside
 * their bounds, log-scale ones above 0, and a constant series forecasts its
 * value exactly.
 *
 * Two layers:
 *   ind_forecast_series  the one step from a series of a dataset (its unit,
 *                        gaps and frequency) and a request to a forecast:
 *                        every command (forecast, backtest, target, chart)
 *                        and every later caller goes through it, so the same
 *                        series gives the same numbers everywhere;
 *   ind_forecast_run     the engine underneath, on an array of values.
 *
 * GSL: the library never lets GSL abort the program. GSL's default error
 * handler calls abort(); the forecasting entry points (ind_forecast_series,
 * ind_forecast_run, ind_forecast_prob_below) switch that default handler off
 * (gsl_set_error_handler_off) when they find it installed, and every GSL
 * status is checked and turned into an ind_status. The handler is process-
 * global, so the library leaves any handler the program installed itself in
 * place: such a handler must return (not abort or longjmp) for the library's
 * error codes to come back. The check runs under a lock on every entry, so a
 * program that reinstalls the default handler later is covered too; it swaps
 * the handler for an instant, during which a GSL error in another thread of
 * the program would return its status without reaching the program's handler.
 * (Why not install "off" around each call and restore after? Calls run on
 * several threads at once, and the last to restore would win; nor can the
 * library be sure no GSL routine it calls ever reaches the handler: root
 * finders, solvers and allocators all may.)
 */
#ifndef INDICATORS_FORECAST_H
#define INDICATORS_FORECAST_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/period.h"

IND_BEGIN_DECLS

#define IND_FORECAST_MAX_LEVELS 8

/* The longest horizon any forecast takes, in periods (--horizon, --to, targets). */
#define IND_FORECAST_MAX_HORIZON 10000

typedef enum ind_transform {
    IND_TRANSFORM_NONE = 0,
    IND_TRANSFORM_LOG,     /* model log(y); needs y > 0 */
    IND_TRANSFORM_BOUNDED, /* model logit((y - lower) / (upper - lower)) */
} ind_transform;

typedef struct ind_forecast_options {
    const char *method;   /* a name from ind_forecast_methods(); NULL or "auto" for auto */
    size_t horizon;       /* steps ahead, >= 1 */
    size_t nlevels;       /* interval levels in percent, e.g. {80, 95} */
    double levels[IND_FORECAST_MAX_LEVELS];
    ind_transform transform;
    double lower, upper;  /* for IND_TRANSFORM_BOUNDED */
    unsigned long seed;   /* for simulated intervals; fixed default so output is reproducible */
} ind_forecast_options;

typedef struct ind_forecast {
    char method[32];   /* method that produced the forecast (after any fallback) */
    char model[192];    /* e.g. "ETS(M,Ad,N)", "ARIMA(0,1,1) with drift" */
    char note[256];    /* fallbacks and caveats in plain words, "" when none */
    size_t h;
    size_t nlevels;
    double levels[IND_FORECAST_MAX_LEVELS];
    double *mean;      /* [h] point forecasts on the original scale */
    bool has_intervals;/* false when no interval can be given (a single observation) */
    double *lo, *hi;   /* [h * nlevels], lo[i * nlevels + k] for step i, level k */
    double *loc, *scale; /* [h] Gaussian on the transformed scale (scale 0: none) */
    ind_transform transform; /* the transform used: the one asked for; loglinear always
                                models logs, and auto models logs of a positive series
                                when no transform was asked for */
    double lower, upper;
    /* fit summary; NAN where the method has no such figure */
    size_t nparams;
    char param_names[8][16];
    double params[8];
    double loglik, aicc, sigma2;
    double rmse, mae, mase; /* in-sample one-step errors */
    double df; /* > 0: the step distributions are Student t with df degrees of freedom
                  (location loc, scale scale) instead of Gaussian */
} ind_forecast;

typedef struct ind_forecast_method {
    const char *name;
    const char *summary;  /* one line for --help */
    size_t min_obs;       /* fewest observations the method accepts */
    bool log_scale;       /* models log values: needs y > 0 and takes no bounds */
} ind_forecast_method;

/* Defaults: auto, horizon 5, levels 80 and 95, no transform, fixed seed. */
void ind_forecast_options_init(ind_forecast_options *opt);

/* The method table (n receives its length). */
const ind_forecast_method *ind_forecast_methods(size_t *n);

/*
 * The row of the method table called name (NULL: auto). Returns NULL and
 * fills err (IND_E_ARG, the message lists the names) when there is none.
 * The one lookup by name: every command's --method goes through it.
 */
const ind_forecast_method *ind_forecast_method_find(const char *name, ind_error *err);

/* ---- a forecast of one series: the shared path ---- */

/* Which scale a series is modelled on. */
typedef enum ind_forecast_scale {
    IND_SCALE_DEFAULT = 0, /* percent series (ind_series_is_percent): logit between 0 and
                              100, unless a value is at or beyond 0 or 100 (then none, with a
                              note) or the method models logs; other series: none (auto
                              still models the logs of a positive series) */
    IND_SCALE_LOG,         /* log values; every value must be > 0 */
    IND_SCALE_BOUNDS,      /* logit between lower and upper; values strictly inside */
    IND_SCALE_NONE,        /* no transform, not even for percent series */
} ind_forecast_scale;

typedef struct ind_forecast_request {
    const ind_forecast_method *method; /* a row of ind_forecast_methods(); NULL: auto */
    size_t horizon;      /* periods after the last observation, 1..IND_FORECAST_MAX_HORIZON */
    size_t nlevels;      /* interval levels in percent, distinct, each in (0, 100) */
    double levels[IND_FORECAST_MAX_LEVELS];
    ind_forecast_scale scale;
    double lower, upper; /* for IND_SCALE_BOUNDS: finite, lower < upper */
    unsigned long seed;  /* for simulated intervals */
} ind_forecast_request;

/* Defaults: auto, horizon 5, levels 80 and 95, default scale, the fixed seed. */
void ind_forecast_request_init(ind_forecast_request *req);

/*
 * Parses an interval-level list such as "80,95" into req->levels (req is
 * unchanged on failure). Every item must be a number above 0 and below 100;
 * an empty item ("80,,95"), a duplicate (also two levels that print alike,
 * as 80 and 80.0000001 would name the same columns), more than
 * IND_FORECAST_MAX_LEVELS items or trailing text is IND_E_ARG with a message
 * quoting the item. The whole text is read: nothing is cut off.
 */
ind_status ind_forecast_parse_levels(const char *text, ind_forecast_request *req, ind_error *err);

/*
 * Parses bounds "LO,HI" (finite numbers, LO < HI) and sets req->scale to
 * IND_SCALE_BOUNDS; IND_E_ARG quoting the text otherwise (req unchanged).
 */
ind_status ind_forecast_parse_bounds(const char *text, ind_forecast_request *req, ind_error *err);

/*
 * Checks a request without a series: method a row of the table, horizon
 * 1..IND_FORECAST_MAX_HORIZON, levels, scale and bounds. IND_OK or IND_E_ARG
 * with the reason. ind_forecast_series checks the same first; callers that
 * must tell a bad request from a series without a forecast call it up front.
 */
ind_status ind_forecast_request_check(const ind_forecast_request *req, ind_error *err);

/*
 * The horizon that reaches period to from the last observation of s (a
 * forecast "to 2030"): IND_OK and *h in 1..IND_FORECAST_MAX_HORIZON, or
 * IND_E_ARG when to is of another frequency, not after the last observation
 * or further than that (the message names both periods), IND_E_UNDEFINED
 * when s has no observations.
 */
ind_status ind_forecast_horizon_to(const ind_series *s, ind_period to, size_t *h, ind_error *err);

/*
 * Forecasts series s (observations sorted by period, as in a dataset) req->
 * horizon periods past its last observation: the periods between the first
 * and the last observation that have no value are gaps, filled by linear
 * interpolation (a note says how many); the scale follows req->scale and the
 * series' unit (a note says when a percent series cannot take the 0..100
 * bounds); the method's minimum number of observations applies; s->freq
 * gives the seasonal period. out->note gathers every caveat, "" when none.
 *
 * Returns IND_OK with *out filled (free with ind_forecast_clear), or:
 *   IND_E_UNDEFINED  this series has no forecast: no observations, or fewer
 *                    than the method needs (the message says which). Callers
 *                    report it as a note, not a failure, as growth figures
 *                    that cannot be computed are;
 *   IND_E_ARG        a bad request (method not a row of the table, horizon,
 *                    levels, bounds), or values outside the scale asked for
 *                    (log of a value <= 0, a value outside --bounds);
 *   IND_E_NUMERIC    every method, the fallbacks included, failed;
 *   IND_E_NOMEM.
 * *out is zeroed on failure. Thread-safe: no shared mutable state.
 */
ind_status ind_forecast_series(const ind_series *s, const ind_forecast_request *req,
                               ind_forecast *out, ind_error *err);

/*
 * The engine under ind_forecast_series, for callers that hold bare arrays:
 * fits y[0..n) and forecasts opt->horizon steps. It applies no rule of the
 * series (no percent bounds: opt->transform is used as given). On success
 * returns IND_OK and fills *out (free with ind_forecast_clear). Fails with
 * IND_E_ARG for an unknown method, a horizon outside
 * 1..IND_FORECAST_MAX_HORIZON, bad or repeated levels, bad bounds, or values
 * outside the transform's domain; IND_E_UNDEFINED when there are no
 * observations or fewer than the method needs (the message says how many).
 */
ind_status ind_forecast_run(const double *y, size_t n, ind_freq freq,
                            const ind_forecast_options *opt, ind_forecast *out, ind_error *err);

/* Frees the arrays of f and zeroes it. NULL does nothing. */
void ind_forecast_clear(ind_forecast *f);

/*
 * Probability that the value at step (0-based) is <= x, from the forecast
 * distribution; returns NAN when f has no intervals.
 */
double ind_forecast_prob_below(const ind_forecast *f, size_t step, double x);

/* Accuracy of a forecast against the values that came (M3/M4 definitions). */
typedef struct ind_forecast_accuracy {
    size_t n;     /* steps scored: those with an actual value */
    double smape; /* mean over steps of 200 |y - f| / (|y| + |f|) (0 when both are 0);
                     always finite, in [0, 200], even for values near DBL_MAX */
    double mase;  /* mean |y - f| over the in-sample mean |x_t - x_{t-1}|; NAN when that is 0
                     or the errors overflow; may be inf when the scale is tiny */
    size_t inside[IND_FORECAST_MAX_LEVELS]; /* steps whose value lies in the level-k interval */
    /*
     * M4's mean scaled interval score of the level-k interval (L, U), alpha =
     * 1 - level/100: mean over steps of (U - L) + 2/alpha (L - y)[y < L] +
     * 2/alpha (y - U)[y > U], over the MASE scale (the non-seasonal one-step
     * change, as scripts/score-forecasts; M4 itself uses the seasonal lag).
     * NAN without intervals or when the scale is 0. Lower is better.
     */
    double msis[IND_FORECAST_MAX_LEVELS];
    bool vacuous[IND_FORECAST_MAX_LEVELS]; /* some step's interval has lo > 0 and hi/lo > 100 */
} ind_forecast_accuracy;

/*
 * Scores f against actual[0..nactual) (the values of steps 1.., NAN where
 * unknown; steps beyond f->h are ignored), with the MASE scale taken from the
 * training values train[0..ntrain) (NAN gaps skipped), as the M3/M4
 * competitions and scripts/score-forecasts do. Returns IND_OK, or
 * IND_E_UNDEFINED when no step has an actual value.
 */
ind_status ind_forecast_accuracy_of(const ind_forecast *f, const double *train, size_t ntrain,
                                    const double *actual, size_t nactual,
                                    ind_forecast_accuracy *out, ind_error *err);

/*
 * Splits s for a backtest on its own values: the last holdout observations
 * are held out. *train becomes a view of s (no copy: valid while s is) with
 * the earlier observations; *actual (malloc'd; free it) the values of the h
 * periods after the training part's last, NAN where the series has a gap.
 * IND_E_UNDEFINED when holdout is 0 or s has no more observations than
 * holdout; IND_E_NOMEM. The one rule of `backtest --holdout` and the report.
 */
ind_status ind_forecast_holdout(const ind_series *s, size_t holdout, ind_series *train,
                                double **actual, size_t *h, ind_error *err);

/*
 * Backtests req (its horizon ignored) on s: ind_forecast_holdout, the
 * forecast of the training part through ind_forecast_series, scored by
 * ind_forecast_accuracy_of. Fails as those do (IND_E_UNDEFINED: too short).
 * forecast, when not NULL, receives the forecast of the held-out periods on
 * success (free with ind_forecast_clear).
 */
ind_status ind_forecast_backtest(const ind_series *s, size_t holdout,
                                 const ind_forecast_request *req, ind_forecast_accuracy *acc,
                                 ind_forecast *forecast, ind_error *err);

IND_END_DECLS

#endif
