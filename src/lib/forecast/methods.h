/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * methods.h - the forecasting methods the framework lists in its table
 * (forecast.c), and the small numerical helpers several of them share.
 *
 * Each fc_* method follows the contract of fc_method in method.h.
 */
#ifndef INDICATORS_FORECAST_METHODS_H
#define INDICATORS_FORECAST_METHODS_H

#include <stdbool.h>
#include <stddef.h>

#include "method.h"

extern const fc_method fc_naive, fc_drift, fc_linear, fc_loglinear; /* simple.c */
extern const fc_method fc_theta;                                    /* theta.c */
extern const fc_method fc_auto;                                     /* auto.c */
extern const fc_method fc_ets;                                      /* ets.c */
extern const fc_method fc_arima;                                    /* arima.c */

/* Simple exponential smoothing, ETS(A,N,N), fitted by least squares. */
typedef struct fc_ses_fit {
    double alpha; /* smoothing parameter in [1e-4, 0.9999] */
    double l0;    /* initial level */
    double level; /* level after the last observation */
    double sse;   /* sum of squared one-step errors */
} fc_ses_fit;

/*
 * Fits SES to y[0..n) (n >= 2) minimising the sum of squared one-step errors
 * over alpha and l0 (for a given alpha the best l0 is a linear least-squares
 * solution, so only alpha is searched), as forecast::ses() does with
 * opt.crit = "mse". fitted (may be NULL) receives the n one-step predictions.
 * Returns 0, or -1 when the minimiser failed.
 */
int fc_ses(const double *y, size_t n, fc_ses_fit *fit, double *fitted);

/* OLS slope of y[0..n) on 0..n-1 (n >= 2). */
double fc_ols_slope(const double *y, size_t n);

/*
 * Writes a, then sep and b when b is not empty, into dst[0..size), cut to
 * fit and NUL-terminated. b (or a) may be dst itself.
 */
void fc_text_join(char *dst, size_t size, const char *a, const char *sep, const char *b);

/*
 * The checks a request and the engine's options share: horizon
 * 1..IND_FORECAST_MAX_HORIZON, distinct levels in (0, 100), at most
 * IND_FORECAST_MAX_LEVELS of them, finite bounds lower < upper when bounded.
 * IND_OK or IND_E_ARG with the reason.
 */
ind_status fc_check_request(size_t horizon, size_t nlevels, const double *levels, bool bounded,
                            double lower, double upper, ind_error *err);

/*
 * Makes sure GSL cannot abort the program: when GSL's default handler (which
 * calls abort) is installed, switches it off; a handler the program installed
 * stays. Under a lock, so concurrent entries cannot lose the program's
 * handler. Called on entry by every public function that may reach GSL
 * (contract in include/indicators/forecast.h).
 */
void fc_gsl_guard(void);

/*
 * A value to the modelling scale of transform tr (an ind_transform; lo, hi
 * the bounds of IND_TRANSFORM_BOUNDED) and back; v must lie in the
 * transform's domain. fc_from_model is finite for finite z below the
 * log-scale overflow and keeps bounded values strictly inside (lo, hi).
 */
double fc_to_model(double v, int tr, double lo, double hi);
double fc_from_model(double z, int tr, double lo, double hi);

/* Fills the rest of out for a method run that needs no fit summary. */
void fc_result_no_likelihood(fc_result *out);

#endif
