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
 * Results never hold NaN or inf: a method that fails to converge falls back
 * to a simpler one and says so in note.
 */
#ifndef INDICATORS_FORECAST_H
#define INDICATORS_FORECAST_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/period.h"

IND_BEGIN_DECLS

#define IND_FORECAST_MAX_LEVELS 8

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
} ind_forecast_method;

/* Defaults: auto, horizon 5, levels 80 and 95, no transform, fixed seed. */
void ind_forecast_options_init(ind_forecast_options *opt);

/* The method table (n receives its length). */
const ind_forecast_method *ind_forecast_methods(size_t *n);

/*
 * Fits y[0..n) and forecasts opt->horizon steps. On success returns IND_OK and
 * fills *out (free with ind_forecast_clear). Fails with IND_E_ARG for an
 * unknown method, a horizon of 0, bad levels or bounds, or values outside the
 * transform's domain; IND_E_UNDEFINED when the series is too short for the
 * method (the message says how many observations it needs).
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
    double smape; /* mean over steps of 200 |y - f| / (|y| + |f|) (0 when both are 0) */
    double mase;  /* mean |y - f| over the in-sample mean |x_t - x_{t-1}|; NAN when that is 0 */
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

IND_END_DECLS

#endif
