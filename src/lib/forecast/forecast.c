/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forecast.c - the forecasting framework behind include/indicators/forecast.h.
 *
 * Owns the method table and everything that is the same for every method
 * (see method.h): checks the options, trims leading gaps and fills inner
 * ones by linear interpolation, applies the log or bounded-logit transform,
 * runs the method on the modelling scale, falls back to drift or naive when
 * it fails or returns non-finite numbers, turns each step's mean and sd into
 * interval bounds (Gaussian, or Student t when the method says so) and back-
 * transforms them, and computes in-sample RMSE/MAE/MASE from the fitted
 * values on the original scale. No static mutable state: thread-safe.
 */
#include "indicators/forecast.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "methods.h"

/* The public rows; each must agree with its fc_method (a unit test checks). */
static const ind_forecast_method public_rows[] = {
    {"auto",
     "default: median of growth, robust drift, damped trend, ETS and ARIMA; "
     "intervals calibrated on past errors",
     1, false},
    {"naive", "last value carried forward (random walk; R forecast::naive)", 1, false},
    {"drift", "random walk with drift: the average change of the past continues (R rwf)", 2,
     false},
    {"linear", "least-squares straight-line trend, Student-t intervals", 3, false},
    {"loglinear", "least-squares trend of log values: constant growth rate (CAGR); y > 0", 2,
     true},
    {"theta", "Theta method: exponential smoothing plus half the linear trend (R thetaf)", 4,
     false},
    {"ets", "exponential smoothing state space (ETS), model chosen by AICc", 3, false},
    {"arima", "ARIMA with automatic order selection (Hyndman-Khandakar)", 3, false},
};

/* Private side of each row: the implementation and how the framework treats it
 * (whether the method models log(y) is the public row's log_scale). */
typedef struct method_row {
    const fc_method *impl;
    bool log_if_positive; /* without a transform asked for, model log(y) when all y > 0 */
} method_row;

static const method_row rows[] = {
    {&fc_auto, true},    {&fc_naive, false}, {&fc_drift, false}, {&fc_linear, false},
    {&fc_loglinear, false}, {&fc_theta, false}, {&fc_ets, false},   {&fc_arima, false},
};

#define NROWS (sizeof rows / sizeof rows[0])
_Static_assert(NROWS == sizeof public_rows / sizeof public_rows[0], "one private row a method");

/* Log-scale values above this overflow when back-transformed: log(DBL_MAX) rounded down. */
#define LOG_MAX 709.78

void ind_forecast_options_init(ind_forecast_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->method = "auto";
    opt->horizon = 5;
    opt->nlevels = 2;
    opt->levels[0] = 80;
    opt->levels[1] = 95;
    opt->transform = IND_TRANSFORM_NONE;
    opt->seed = 20260101;
}

const ind_forecast_method *ind_forecast_methods(size_t *n)
{
    if (n)
        *n = sizeof public_rows / sizeof public_rows[0];
    return public_rows;
}

const ind_forecast_method *ind_forecast_method_find(const char *name, ind_error *err)
{
    if (!name)
        name = "auto";
    for (size_t i = 0; i < NROWS; i++)
        if (strcmp(public_rows[i].name, name) == 0)
            return &public_rows[i];
    char list[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < NROWS && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
                                public_rows[i].name);
    ind_error_set(err, IND_E_ARG, NULL, 0, 0, "unknown forecast method '%.64s' (one of: %s)", name,
                  list);
    return NULL;
}

ind_status fc_check_request(size_t horizon, size_t nlevels, const double *levels, bool bounded,
                            double lower, double upper, ind_error *err)
{
    if (horizon < 1 || horizon > IND_FORECAST_MAX_HORIZON)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "forecast horizon must be 1 to %d periods, not %zu",
                             IND_FORECAST_MAX_HORIZON, horizon);
    if (nlevels > IND_FORECAST_MAX_LEVELS)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "at most %d interval levels",
                             IND_FORECAST_MAX_LEVELS);
    for (size_t k = 0; k < nlevels; k++) {
        if (!(levels[k] > 0 && levels[k] < 100))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "interval level %g must be above 0 and below 100 (percent)",
                                 levels[k]);
        for (size_t j = 0; j < k; j++)
            if (levels[j] == levels[k])
                return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "interval level %g given twice",
                                     levels[k]);
    }
    if (bounded && !(isfinite(lower) && isfinite(upper) && lower < upper))
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "bounds need a finite lower bound below the upper (got %g, %g)",
                             lower, upper);
    return IND_OK;
}

static ind_status check_options(const ind_forecast_options *opt, ind_error *err)
{
    if (!ind_forecast_method_find(opt->method, err))
        return IND_E_ARG;
    if (opt->transform != IND_TRANSFORM_NONE && opt->transform != IND_TRANSFORM_LOG &&
        opt->transform != IND_TRANSFORM_BOUNDED)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "unknown transform %d",
                             (int)opt->transform);
    return fc_check_request(opt->horizon, opt->nlevels, opt->levels,
                            opt->transform == IND_TRANSFORM_BOUNDED, opt->lower, opt->upper, err);
}

/* The transform a run uses; fails when the method and the options disagree. */
static ind_status pick_transform(const ind_forecast_options *opt, const ind_forecast_method *pub,
                                 ind_transform *tr, ind_error *err)
{
    *tr = opt->transform;
    if (!pub->log_scale)
        return IND_OK;
    if (opt->transform == IND_TRANSFORM_BOUNDED)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "method %s models log values and cannot take bounds", pub->name);
    *tr = IND_TRANSFORM_LOG;
    return IND_OK;
}

/* Series value to modelling scale; fails outside the transform's domain. */
static ind_status to_model(double v, ind_transform tr, double lo, double hi, size_t i, double *out,
                           ind_error *err)
{
    if (tr == IND_TRANSFORM_LOG) {
        if (!(v > 0))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "the log transform needs values above 0; value %zu is %g", i + 1,
                                 v);
    } else if (tr == IND_TRANSFORM_BOUNDED) {
        if (!(v > lo && v < hi))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "bounded forecasts need values strictly between %g and %g; "
                                 "value %zu is %g",
                                 lo, hi, i + 1, v);
    }
    *out = fc_to_model(v, tr, lo, hi);
    return IND_OK;
}

double fc_to_model(double v, int tr, double lo, double hi)
{
    if (tr == IND_TRANSFORM_LOG)
        return log(v);
    if (tr == IND_TRANSFORM_BOUNDED) {
        double p = (v - lo) / (hi - lo);
        return log(p / (1 - p));
    }
    return v;
}

/*
 * Modelling scale back to the series' scale. Finite for every z the run
 * accepted (see back_transformable); bounded values stay strictly inside
 * (lo, hi) and log-scale ones above 0 even where the exact value is closer to
 * the bound than a double can tell: they become the nearest double inside.
 */
double fc_from_model(double z, int tr, double lo, double hi)
{
    if (tr == IND_TRANSFORM_LOG)
        return fmax(exp(z), DBL_TRUE_MIN);
    if (tr == IND_TRANSFORM_BOUNDED) {
        double p = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
        double x = lo + (hi - lo) * p;
        return fmin(fmax(x, nextafter(lo, hi)), nextafter(hi, lo));
    }
    return z;
}

/* Whether z, and every interval bound around it, back-transforms to a finite number. */
static bool back_transformable(double z, ind_transform tr)
{
    return isfinite(z) && (tr != IND_TRANSFORM_LOG || z <= LOG_MAX);
}

/* The observed stretch of y: first..last finite value, gaps filled. */
typedef struct series_view {
    double *x;    /* [len] original scale, gaps interpolated */
    double *z;    /* [len] modelling scale */
    size_t len;   /* periods from first to last observation */
    size_t nobs;  /* observations (non-gap values) */
    size_t tail;  /* periods after the last observation up to n (extra steps) */
    size_t ngaps; /* interpolated periods */
} series_view;

static ind_status view_series(const double *y, size_t n, series_view *v, ind_error *err)
{
    memset(v, 0, sizeof *v);
    size_t first = n, last = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(y[i]))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "value %zu is infinite", i + 1);
        if (!isnan(y[i])) {
            if (first == n)
                first = i;
            last = i;
            v->nobs++;
        }
    }
    if (v->nobs == 0)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "no observations to forecast from");
    v->len = last - first + 1;
    v->tail = n - 1 - last;
    v->ngaps = v->len - v->nobs;
    v->x = malloc(v->len * sizeof *v->x);
    v->z = malloc(v->len * sizeof *v->z);
    if (!v->x || !v->z)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    size_t prev = 0; /* index in x of the last observation seen */
    for (size_t i = 0; i < v->len; i++) {
        double yi = y[first + i];
        v->x[i] = yi;
        if (isnan(yi))
            continue;
        for (size_t j = prev + 1; j < i; j++) /* fill the gap (prev, i) */
            v->x[j] = v->x[prev] + (yi - v->x[prev]) * (double)(j - prev) / (double)(i - prev);
        prev = i;
    }
    return IND_OK;
}

static void view_free(series_view *v)
{
    free(v->x);
    free(v->z);
}

static bool all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return false;
    return true;
}

static double quantile(double level, double df)
{
    double p = 0.5 + level / 200;
    return df > 0 ? gsl_cdf_tdist_Pinv(p, df) : gsl_cdf_ugaussian_Pinv(p);
}

/* What every run of a method shares. */
typedef struct run_setup {
    const series_view *v;
    int period;
    size_t h;
    unsigned long seed;
    double widest; /* the widest interval level asked for; 0 when none */
} run_setup;

/*
 * A result the framework can use: finite means and sds, sds >= 0, and every
 * mean and interval bound finite once back on the series' scale (a log-scale
 * forecast of 800 would be exp(800) = inf: that is a failure, not a value).
 */
static ind_status check_result(const fc_result *res, const run_setup *rs, ind_error *err)
{
    if (!(all_finite(res->mean, rs->h) && all_finite(res->sd, rs->h)))
        return ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "non-finite forecast");
    ind_transform tr = (ind_transform)res->transform;
    double q = rs->widest > 0 ? quantile(rs->widest, res->df) : 0;
    for (size_t i = 0; i < rs->h; i++) {
        if (res->sd[i] < 0)
            return ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "negative standard deviation");
        double w = q * res->sd[i];
        if (!back_transformable(res->mean[i], tr) ||
            !back_transformable(res->mean[i] + w, tr) || !back_transformable(res->mean[i] - w, tr))
            return ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0,
                                 "the forecast overflows at step %zu (%s%g on the %s scale)",
                                 i + 1, tr == IND_TRANSFORM_LOG ? "exp of " : "",
                                 res->mean[i] + w, tr == IND_TRANSFORM_LOG ? "log" : "model");
    }
    return IND_OK;
}

/* Runs one method into res (arrays allocated by the caller, rs->h steps). */
static ind_status run_method(const fc_method *m, const run_setup *rs, fc_result *res,
                             ind_error *err)
{
    const series_view *v = rs->v;
    double *mean = res->mean, *sd = res->sd, *fitted = res->fitted;
    int transform = res->transform;
    double lower = res->lower, upper = res->upper;
    memset(res, 0, sizeof *res);
    res->mean = mean, res->sd = sd, res->fitted = fitted, res->transform = transform;
    res->lower = lower, res->upper = upper;
    for (size_t i = 0; i < v->len; i++)
        fitted[i] = NAN;
    res->loglik = res->aicc = res->sigma2 = NAN;
    ind_status st = m->run(v->z, v->len, rs->period, rs->h, rs->seed, res, err);
    return st == IND_OK ? check_result(res, rs, err) : st;
}

/* After a failed method: drift (or naive for one observation), with a note. */
static ind_status fall_back(const char *failed, const run_setup *rs, fc_result *res,
                            const fc_method **used, ind_error *err)
{
    char why[160];
    fc_text_join(why, sizeof why, err && err->message[0] ? err->message : "it failed", "", "");
    *used = rs->v->len >= 2 ? &fc_drift : &fc_naive;
    ind_error_clear(err);
    ind_status st = run_method(*used, rs, res, err);
    if (st != IND_OK && *used == &fc_drift) {
        *used = &fc_naive;
        ind_error_clear(err);
        st = run_method(*used, rs, res, err);
    }
    if (st != IND_OK) { /* last resort: the last value, without an interval */
        run_setup annual = *rs;
        annual.period = 1;
        ind_error_clear(err);
        st = run_method(&fc_naive, &annual, res, err);
        if (st != IND_OK && all_finite(res->mean, rs->h)) {
            for (size_t i = 0; i < rs->h; i++)
                res->sd[i] = 0;
            snprintf(res->note, sizeof res->note, "the interval overflows: none given");
            ind_error_clear(err);
            st = IND_OK;
        }
    }
    if (st == IND_OK) {
        char head[256];
        snprintf(head, sizeof head, "%s failed (%s); used %s instead", failed, why, (*used)->name);
        fc_text_join(res->note, sizeof res->note, head, "; ", res->note);
    }
    return st;
}

static void in_sample_accuracy(const series_view *v, const double *fitted, ind_transform tr,
                               double lo, double hi, int period, ind_forecast *out)
{
    double sse = 0, sae = 0, scale = 0;
    size_t k = 0, ks = 0, lag = v->len > (size_t)period ? (size_t)period : 1;
    for (size_t t = 0; t < v->len; t++) {
        if (t >= lag) {
            scale += fabs(v->x[t] - v->x[t - lag]);
            ks++;
        }
        if (!isfinite(fitted[t]))
            continue;
        double e = v->x[t] - fc_from_model(fitted[t], tr, lo, hi);
        sse += e * e;
        sae += fabs(e);
        k++;
    }
    out->rmse = k ? sqrt(sse / (double)k) : NAN;
    out->mae = k ? sae / (double)k : NAN;
    out->mase = k && ks && scale > 0 ? out->mae / (scale / (double)ks) : NAN;
}

/* Moves res (steps tail..tail+h) into out, with intervals on the series' scale. */
static ind_status fill_output(const series_view *v, const fc_result *res, const fc_method *used,
                              ind_transform tr, const ind_forecast_options *opt, ind_forecast *out,
                              ind_error *err)
{
    size_t h = opt->horizon, nl = opt->nlevels;
    out->h = h;
    out->nlevels = nl;
    memcpy(out->levels, opt->levels, sizeof out->levels);
    out->transform = tr;
    out->lower = tr == IND_TRANSFORM_BOUNDED ? opt->lower : NAN;
    out->upper = tr == IND_TRANSFORM_BOUNDED ? opt->upper : NAN;
    out->mean = malloc(h * sizeof *out->mean);
    out->loc = malloc(h * sizeof *out->loc);
    out->scale = malloc(h * sizeof *out->scale);
    out->lo = malloc((h * nl + 1) * sizeof *out->lo);
    out->hi = malloc((h * nl + 1) * sizeof *out->hi);
    if (!out->mean || !out->loc || !out->scale || !out->lo || !out->hi)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    out->has_intervals = true;
    for (size_t i = 0; i < h; i++) {
        out->loc[i] = res->mean[v->tail + i];
        out->scale[i] = res->sd[v->tail + i];
        out->mean[i] = fc_from_model(out->loc[i], tr, opt->lower, opt->upper);
        if (!(out->scale[i] > 0))
            out->has_intervals = false;
    }
    /* Interpolated periods carry no information about the spread: an interval
     * fitted to two real values and the line between them would be dishonest. */
    bool too_few = v->nobs < 3 && out->has_intervals;
    if (too_few)
        out->has_intervals = false;
    out->df = res->df;
    for (size_t i = 0; i < h; i++)
        for (size_t k = 0; k < nl; k++) {
            double w = out->has_intervals ? quantile(opt->levels[k], res->df) * out->scale[i] : 0;
            out->lo[i * nl + k] = fc_from_model(out->loc[i] - w, tr, opt->lower, opt->upper);
            out->hi[i * nl + k] = fc_from_model(out->loc[i] + w, tr, opt->lower, opt->upper);
        }
    snprintf(out->method, sizeof out->method, "%s", used->name);
    memcpy(out->model, res->model, sizeof out->model);
    memcpy(out->note, res->note, sizeof out->note);
    if (too_few)
        snprintf(out->note, sizeof out->note,
                 "only %zu observations (filled gaps do not count): no interval", v->nobs);
    else if (!out->has_intervals && !out->note[0])
        snprintf(out->note, sizeof out->note, "the model gives no forecast variance: no interval");
    out->nparams = res->nparams;
    memcpy(out->param_names, res->param_names, sizeof out->param_names);
    memcpy(out->params, res->params, sizeof out->params);
    out->loglik = res->loglik;
    out->aicc = res->aicc;
    out->sigma2 = res->sigma2;
    return IND_OK;
}

void fc_text_join(char *dst, size_t size, const char *a, const char *sep, const char *b)
{
    char tmp[1024];
    size_t la = strlen(a), ls = b[0] ? strlen(sep) : 0, lb = b[0] ? strlen(b) : 0;
    la = la < sizeof tmp - 1 ? la : sizeof tmp - 1;
    memcpy(tmp, a, la);
    ls = la + ls < sizeof tmp - 1 ? ls : sizeof tmp - 1 - la;
    memcpy(tmp + la, sep, ls);
    lb = la + ls + lb < sizeof tmp - 1 ? lb : sizeof tmp - 1 - la - ls;
    memcpy(tmp + la + ls, b, lb);
    size_t len = la + ls + lb < size - 1 ? la + ls + lb : size - 1;
    memcpy(dst, tmp, len);
    dst[len] = 0;
}

static void append_note(ind_forecast *out, const char *text)
{
    if (out->note[0])
        fc_text_join(out->note, sizeof out->note, out->note, "; ", text);
    else
        fc_text_join(out->note, sizeof out->note, text, "", "");
}

ind_status ind_forecast_run(const double *y, size_t n, ind_freq freq,
                            const ind_forecast_options *opt, ind_forecast *out, ind_error *err)
{
    memset(out, 0, sizeof *out);
    fc_gsl_guard();
    ind_status st = check_options(opt, err);
    if (st != IND_OK)
        return st;
    const ind_forecast_method *pub = ind_forecast_method_find(opt->method, NULL);
    const method_row *row = &rows[pub - public_rows];
    ind_transform tr;
    if ((st = pick_transform(opt, pub, &tr, err)) != IND_OK)
        return st;
    series_view v = {0};
    fc_result res = {0};
    if ((st = view_series(y, n, &v, err)) != IND_OK)
        goto out;
    if (v.nobs < pub->min_obs) {
        st = ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                           "method %s needs at least %zu observations; the series has %zu",
                           pub->name, pub->min_obs, v.nobs);
        goto out;
    }
    bool positive = row->log_if_positive && tr == IND_TRANSFORM_NONE && v.nobs >= 3;
    for (size_t i = 0; positive && i < v.len; i++)
        positive = v.x[i] > 0;
    if (positive)
        tr = IND_TRANSFORM_LOG;
    bool constant = true;
    for (size_t i = 0; i < v.len; i++) {
        if ((st = to_model(v.x[i], tr, opt->lower, opt->upper, i, &v.z[i], err)) != IND_OK)
            goto out;
        constant = constant && v.x[i] == v.x[0];
    }
    if (constant && tr != IND_TRANSFORM_NONE) {
        /* a transform cannot bend a flat line, and its round trip would forecast
           4.999999999999999 for a series of fives: model the values themselves */
        tr = IND_TRANSFORM_NONE;
        memcpy(v.z, v.x, v.len * sizeof *v.z);
    }
    size_t steps = opt->horizon + v.tail;
    int period = freq > 0 ? (int)freq : 1;
    res.mean = malloc(steps * sizeof *res.mean);
    res.sd = malloc(steps * sizeof *res.sd);
    res.fitted = malloc(v.len * sizeof *res.fitted);
    if (!res.mean || !res.sd || !res.fitted) {
        st = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    const fc_method *used = row->impl;
    res.transform = (int)tr;
    res.lower = opt->lower, res.upper = opt->upper;
    run_setup rs = {&v, period, steps, opt->seed, 0};
    for (size_t k = 0; k < opt->nlevels; k++)
        rs.widest = fmax(rs.widest, opt->levels[k]);
    st = run_method(used, &rs, &res, err);
    if (st != IND_OK && st != IND_E_NOMEM)
        st = fall_back(used->name, &rs, &res, &used, err);
    if (st != IND_OK)
        goto out;
    if ((st = fill_output(&v, &res, used, tr, opt, out, err)) != IND_OK)
        goto out;
    /* after a fallback the method column names the method used (the note says why) */
    if (used == row->impl)
        snprintf(out->method, sizeof out->method, "%s", pub->name);
    in_sample_accuracy(&v, res.fitted, tr, opt->lower, opt->upper, period, out);
    if (v.ngaps) {
        char text[96];
        snprintf(text, sizeof text, "%zu missing period%s filled by linear interpolation", v.ngaps,
                 v.ngaps > 1 ? "s" : "");
        append_note(out, text);
    }
out:
    free(res.mean);
    free(res.sd);
    free(res.fitted);
    view_free(&v);
    if (st != IND_OK)
        ind_forecast_clear(out);
    return st;
}

void ind_forecast_clear(ind_forecast *f)
{
    if (!f)
        return;
    free(f->mean);
    free(f->lo);
    free(f->hi);
    free(f->loc);
    free(f->scale);
    memset(f, 0, sizeof *f);
}

double ind_forecast_prob_below(const ind_forecast *f, size_t step, double x)
{
    if (!f || !f->has_intervals || step >= f->h || !(f->scale[step] > 0) || isnan(x))
        return NAN;
    fc_gsl_guard();
    double z;
    if (f->transform == IND_TRANSFORM_LOG) {
        if (x <= 0)
            return 0;
        z = log(x);
    } else if (f->transform == IND_TRANSFORM_BOUNDED) {
        if (x <= f->lower)
            return 0;
        if (x >= f->upper)
            return 1;
        double p = (x - f->lower) / (f->upper - f->lower);
        z = log(p / (1 - p));
    } else {
        z = x;
    }
    double u = (z - f->loc[step]) / f->scale[step];
    return f->df > 0 ? gsl_cdf_tdist_P(u, f->df) : gsl_cdf_ugaussian_P(u);
}

/*
 * 200 |y - f| / (|y| + |f|), 0 when both are 0; in [0, 200] even where the
 * sums overflow (values near DBL_MAX), by dividing through by the larger.
 */
static double smape_term(double y, double f)
{
    double d = fabs(y) + fabs(f), e = fabs(y - f);
    if (isfinite(d) && isfinite(e))
        return d > 0 ? 200 * e / d : 0;
    double m = fmax(fabs(y), fabs(f));
    return 200 * fabs(y / m - f / m) / (fabs(y) / m + fabs(f) / m);
}

ind_status ind_forecast_accuracy_of(const ind_forecast *f, const double *train, size_t ntrain,
                                    const double *actual, size_t nactual,
                                    ind_forecast_accuracy *out, ind_error *err)
{
    memset(out, 0, sizeof *out);
    double scale = 0, prev = NAN;
    size_t ks = 0;
    for (size_t t = 0; t < ntrain; t++) {
        if (isnan(train[t]))
            continue;
        if (!isnan(prev)) {
            scale += fabs(train[t] - prev);
            ks++;
        }
        prev = train[t];
    }
    scale = ks ? scale / (double)ks : 0;
    double sm = 0, ae = 0, is[IND_FORECAST_MAX_LEVELS] = {0};
    for (size_t i = 0; i < nactual && i < f->h; i++) {
        double y = actual[i], fc = f->mean[i];
        if (isnan(y))
            continue;
        sm += smape_term(y, fc);
        ae += fabs(y - fc);
        for (size_t k = 0; f->has_intervals && k < f->nlevels; k++) {
            double lo = f->lo[i * f->nlevels + k], hi = f->hi[i * f->nlevels + k];
            double penalty = 2 / (1 - f->levels[k] / 100);
            out->inside[k] += lo <= y && y <= hi;
            is[k] += hi - lo + penalty * (fmax(lo - y, 0) + fmax(y - hi, 0));
            out->vacuous[k] = out->vacuous[k] || (lo > 0 && hi / lo > 100);
        }
        out->n++;
    }
    if (out->n == 0)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "no actual value to score");
    out->smape = sm / (double)out->n;
    /* |y - f| of values near DBL_MAX overflows: then the mean error is unknown */
    out->mase = scale > 0 && isfinite(ae) ? ae / (double)out->n / scale : NAN;
    for (size_t k = 0; k < IND_FORECAST_MAX_LEVELS; k++)
        out->msis[k] = f->has_intervals && k < f->nlevels && scale > 0
                           ? is[k] / (double)out->n / scale
                           : NAN;
    return IND_OK;
}
