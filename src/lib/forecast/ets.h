/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ets.h - private pieces of the ETS method (src/lib/forecast/ets.c) that other
 * methods (the `auto` combination) and the unit tests use: fitting one given
 * model, the state-space filter and the forecast moments.
 *
 * Notation follows Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with
 * Exponential Smoothing", and the implementation of R's forecast::ets().
 * The state vector is (l, b, s[0..m-1]) as in forecast's etscalc(): b only
 * with a trend, s only with a seasonal component, s[0] the most recent
 * seasonal state and s[m-1] the one used for the next observation.
 */
#ifndef INDICATORS_FORECAST_ETS_H
#define INDICATORS_FORECAST_ETS_H

#include <stddef.h>

#include "method.h"

/* The method descriptor (registered in the framework's method table). */
extern const fc_method fc_ets;

enum { ETS_NONE = 0, ETS_ADD = 1, ETS_MULT = 2 };

/* Largest seasonal period handled (forecast::ets refuses m > 24 too). */
#define ETS_MAX_M 24

/* One ETS model with its smoothing parameters. */
typedef struct ets_model {
    int error;  /* ETS_ADD or ETS_MULT */
    int trend;  /* ETS_NONE or ETS_ADD */
    int season; /* ETS_NONE, ETS_ADD or ETS_MULT */
    int damped; /* 1: damped trend (phi used), 0: phi = 1 */
    int m;      /* seasonal period; 1 when season == ETS_NONE */
    double alpha, beta, gamma, phi;
} ets_model;

/* Number of states of mod: 1 + (trend) + m (season). */
size_t ets_nstates(const ets_model *mod);

/*
 * Runs the filter of mod over y[0..n) from the initial state x0 (ets_nstates
 * values). Returns forecast's likelihood criterion n*log(sum e^2), plus
 * 2*sum(log|yhat|) for multiplicative errors, where e are the additive or
 * relative one-step errors; NAN when it cannot be computed. When not NULL,
 * e[n] receives the errors, fit[n] the one-step predictions and xn the
 * final state (ets_nstates values).
 */
double ets_filter(const ets_model *mod, const double *y, size_t n, const double *x0, double *e,
                  double *fit, double *xn);

/*
 * Forecast mean and variance for h steps from the final state xn with
 * innovation variance sigma2: Hyndman et al. (2008) class 1 (additive
 * errors), class 2 (multiplicative errors, no multiplicative seasonality)
 * and class 3 (multiplicative errors and seasonality), as forecast::forecast.ets.
 * Writes mean[h] and var[h]; returns 0, or -1 for a model outside these classes.
 */
int ets_moments(const ets_model *mod, const double *xn, double sigma2, size_t h, double *mean,
                double *var);

/*
 * Fits the ETS models matching spec and forecasts h steps like fc_ets.run.
 * spec is error, trend, season letters as forecast::ets's `model` argument,
 * with "d" after the trend for a damped trend: "ZZZ" (select among all),
 * "ANN", "AAdN", "MAM", "AZN" ... ("Z" = choose; "AZZ" = additive errors
 * only). Unlike forecast (damped = NULL), trend "A" means undamped only.
 * A given model is fitted only when n is large enough for its AICc
 * (ETS(A,Ad,N) needs n >= 8). Errors: IND_E_ARG for a bad spec or a seasonal
 * spec without seasonal data, IND_E_NUMERIC when no model could be fitted.
 */
ind_status ets_run_spec(const char *spec, const double *y, size_t n, int m, size_t h,
                        fc_result *out, ind_error *err);

#endif
