/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * simple.c - the benchmark methods: naive (random walk), drift (random walk
 * with drift), linear (OLS trend) and loglinear (OLS trend on log values,
 * i.e. constant growth; the framework applies the log transform for it).
 *
 * naive and drift reproduce forecast::naive() and forecast::rwf(drift=TRUE)
 * of R's forecast package 8.20, intervals included: the variance of step h
 * is h * mse for naive, h * mse + (h * se(drift))^2 for drift, where mse is
 * the mean squared one-step residual and se(drift) the standard error of
 * the mean difference.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include "methods.h"

void fc_result_no_likelihood(fc_result *out)
{
    out->loglik = NAN;
    out->aicc = NAN;
}

static void add_param(fc_result *out, const char *name, double value)
{
    if (out->nparams >= sizeof out->params / sizeof out->params[0])
        return;
    snprintf(out->param_names[out->nparams], sizeof out->param_names[0], "%s", name);
    out->params[out->nparams++] = value;
}

static ind_status naive_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                            fc_result *out, ind_error *err)
{
    double ss = 0;
    for (size_t t = 1; t < n; t++)
        ss += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
    double mse = n > 1 ? ss / (double)(n - 1) : 0;
    out->fitted[0] = NAN;
    for (size_t t = 1; t < n; t++)
        out->fitted[t] = y[t - 1];
    for (size_t i = 0; i < h; i++) {
        out->mean[i] = y[n - 1];
        out->sd[i] = sqrt(mse * (double)(i + 1));
    }
    snprintf(out->model, sizeof out->model, "naive");
    if (n == 1)
        snprintf(out->note, sizeof out->note,
                 "1 observation: the forecast repeats it, with no interval");
    fc_result_no_likelihood(out);
    out->sigma2 = n > 1 ? mse : NAN;
    return IND_OK;
}

static ind_status drift_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                            fc_result *out, ind_error *err)
{
    double b = (y[n - 1] - y[0]) / (double)(n - 1);
    double ss = 0;
    for (size_t t = 1; t < n; t++) {
        double r = y[t] - y[t - 1] - b;
        ss += r * r;
    }
    /* forecast 8.20 divides by the residuals less one for the drift (unless it is 0) */
    double mse = n > 2 ? ss / (double)(n - 1 - (b != 0)) : 0;
    double se_b = n > 2 ? sqrt(ss / (double)(n - 2) / (double)(n - 1)) : 0;
    out->fitted[0] = NAN;
    for (size_t t = 1; t < n; t++)
        out->fitted[t] = y[t - 1] + b;
    for (size_t i = 0; i < h; i++) {
        double k = (double)(i + 1);
        out->mean[i] = y[n - 1] + k * b;
        out->sd[i] = n > 2 ? sqrt(mse * k + k * k * se_b * se_b) : 0;
    }
    snprintf(out->model, sizeof out->model, "random walk with drift");
    if (n == 2)
        snprintf(out->note, sizeof out->note,
                 "2 observations: the drift has no residual variance, so no interval");
    add_param(out, "drift", b);
    fc_result_no_likelihood(out);
    out->sigma2 = n > 2 ? ss / (double)(n - 2) : NAN;
    return IND_OK;
}

/* OLS trend y = a + b t, t = 0..n-1, with Student-t prediction intervals. */
static ind_status trend_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                            fc_result *out, ind_error *err, const char *model)
{
    double *x = calloc(n, sizeof *x);
    if (!x)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t t = 0; t < n; t++)
        x[t] = (double)t;
    double a, b, c00, c01, c11, sumsq;
    int st = gsl_fit_linear(x, 1, y, 1, n, &a, &b, &c00, &c01, &c11, &sumsq);
    free(x);
    if (st != GSL_SUCCESS)
        return ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "least-squares trend failed: %s",
                             gsl_strerror(st));
    double s2 = n > 2 ? sumsq / (double)(n - 2) : 0;
    for (size_t t = 0; t < n; t++)
        out->fitted[t] = a + b * (double)t;
    for (size_t i = 0; i < h; i++) {
        double x0 = (double)(n - 1 + i + 1);
        out->mean[i] = a + b * x0;
        out->sd[i] = n > 2 ? sqrt(s2 + c00 + 2 * x0 * c01 + x0 * x0 * c11) : 0;
    }
    snprintf(out->model, sizeof out->model, "%s", model);
    if (n == 2)
        snprintf(out->note, sizeof out->note,
                 "2 observations: the trend fits them exactly, so no interval");
    add_param(out, "intercept", a);
    add_param(out, "slope", b);
    out->df = n > 2 ? (double)(n - 2) : 0;
    out->sigma2 = n > 2 ? s2 : NAN;
    if (n > 3 && sumsq > 0) {
        double dn = (double)n, k = 3; /* intercept, slope, variance */
        out->loglik = -dn / 2 * (log(2 * 3.14159265358979323846 * sumsq / dn) + 1);
        out->aicc = -2 * out->loglik + 2 * k + 2 * k * (k + 1) / (dn - k - 1);
    } else {
        fc_result_no_likelihood(out);
    }
    return IND_OK;
}

static ind_status linear_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                             fc_result *out, ind_error *err)
{
    return trend_run(y, n, m, h, seed, out, err, "linear trend");
}

static ind_status loglinear_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                                fc_result *out, ind_error *err)
{
    ind_status st = trend_run(y, n, m, h, seed, out, err, "log-linear trend (constant growth)");
    if (st == IND_OK && out->nparams == 2) {
        /* the slope on the log scale is the continuous growth rate */
        snprintf(out->param_names[1], sizeof out->param_names[1], "growth");
        out->params[1] = expm1(out->params[1]);
    }
    return st;
}

const fc_method fc_naive = {
    "naive",
    "last value carried forward (random walk; R forecast::naive)",
    1,
    naive_run,
};

const fc_method fc_drift = {
    "drift",
    "random walk with drift: the average change of the past continues (R rwf)",
    2,
    drift_run,
};

const fc_method fc_linear = {
    "linear",
    "least-squares straight-line trend, Student-t intervals",
    3,
    linear_run,
};

const fc_method fc_loglinear = {
    "loglinear",
    "least-squares trend of log values: constant growth rate (CAGR); y > 0",
    2,
    loglinear_run,
};
