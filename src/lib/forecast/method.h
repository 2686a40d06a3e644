/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * method.h - private interface between the forecasting framework
 * (src/lib/forecast/forecast.c) and the methods it lists in its table.
 *
 * The framework does everything that is the same for all methods: checks
 * options, fills gaps, applies and inverts transforms (log, bounded logit),
 * turns each step's mean and standard deviation into interval bounds and
 * probabilities, and computes in-sample RMSE/MAE/MASE from the fitted
 * values. A method only fits a gap-free series on the modelling scale and
 * forecasts it.
 */
#ifndef INDICATORS_FORECAST_METHOD_H
#define INDICATORS_FORECAST_METHOD_H

#include <math.h>
#include <stddef.h>

#include "indicators/error.h"

/* What a method returns. The framework allocates mean, sd (h each) and fitted (n). */
typedef struct fc_result {
    double *mean;   /* [h] point forecasts on the modelling scale */
    double *sd;     /* [h] forecast standard deviation (Gaussian); 0 where none can be given */
    double *fitted; /* [n] one-step-ahead in-sample predictions; NAN where there is none */
    char model[192]; /* "ETS(M,Ad,N)", "ARIMA(0,1,1) with drift", "drift" ... */
    char note[256]; /* caveats and fallbacks in plain words, "" when none */
    size_t nparams;
    char param_names[8][16];
    double params[8];
    double loglik, aicc, sigma2; /* NAN when the method has no likelihood */
    double df; /* > 0: intervals from Student's t with df degrees of freedom; 0: Gaussian */
    int transform; /* input, set by the framework: the ind_transform already applied to y */
    double lower, upper; /* input: the bounds of IND_TRANSFORM_BOUNDED */
} fc_result;

typedef struct fc_method {
    const char *name;
    const char *summary; /* one line for --help */
    size_t min_obs;      /* fewest observations accepted */
    /*
     * Fits y[0..n) (gap-free, n >= min_obs, modelling scale) with seasonal
     * period m (1 for annual data; 2, 4 or 12) and forecasts h >= 1 steps.
     * seed makes simulations reproducible. Fills out; returns IND_OK, or an
     * error status (IND_E_NUMERIC when fitting failed) with err filled in.
     * Never writes NaN or inf into mean or sd.
     */
    ind_status (*run)(const double *y, size_t n, int m, size_t h, unsigned long seed,
                      fc_result *out, ind_error *err);
} fc_method;

/*
 * Long series: auto and arima select and fit their models on the most
 * recent FC_FIT_WINDOW values only (100 years of monthly data, a multiple of
 * every seasonal period), as R's auto.arima approximates on long series, so
 * that a series of 120,000 months costs what one of 1,200 does and the cost
 * per series grows at most linearly with its length. No series of the
 * competition collections is that long. Returns the offset of the window in
 * y[0..n) and sets the fitted values before it to NAN (none is computed).
 */
enum { FC_FIT_WINDOW = 1200 };

static inline size_t fc_fit_window(size_t n, double *fitted)
{
    size_t off = n > FC_FIT_WINDOW ? n - FC_FIT_WINDOW : 0;
    for (size_t t = 0; t < off; t++)
        fitted[t] = NAN;
    return off;
}

#endif
