/*
 * auto.c - the default method: a robust combination of forecasts with
 * intervals calibrated on the series' own past forecast errors.
 *
 * Point forecast: for each step, the median of the members that fit the
 * series: growth (drift of log values, for positive series; plain drift
 * otherwise), robust drift (random walk whose drift is the median change),
 * damped trend (ETS(A,Ad,N)), ETS chosen by AICc and ARIMA chosen by AICc.
 * Combinations of a few sound methods are the most reliable choice on annual
 * data (M3/M4 competitions); the median resists a member that goes astray,
 * and no member is selected by in-sample fit, which over-fits short series.
 * Members run on the original scale of positive series even though the
 * framework hands auto their logs (see below), so trends stay additive.
 *
 * Intervals: the framework models positive series on the log scale for auto
 * (relative errors). The interval shape per step is the sd of the cheap
 * members (growth and robust drift) times step^CAL_GAMMA; its size and tails
 * come from a rolling-origin evaluation inside the sample: from every origin
 * between CAL_FRAC of the series and its end, the cheap combination forecasts
 * the following periods; each error, divided by the sd claimed then, is a
 * standardised error. A Student t is fitted to their 80% and 95% quantiles
 * (df from the ratio of the two, scale from both), with per-step factors
 * from each step's mean square error shrunk towards the pooled one, and df
 * at most (origins - 1) because the scale comes from that few origins. With
 * fewer than 10 errors: a Gaussian whose sd is the root mean square error
 * shrunk towards an inflation of CAL_PRIOR_SCALE. Refitting only cheap
 * members at the origins keeps auto fast.
 *
 * Short series: 1 observation gives naive, 2 give drift, both with no
 * interval; members that need more observations than there are drop out.
 * The note says so.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "ets.h"
#include "methods.h"

/* Scratch for one member run. */
typedef struct scratch {
    fc_result r;
    double *buf;
    size_t n, h;
} scratch;

static int scratch_init(scratch *s, size_t n, size_t h)
{
    memset(s, 0, sizeof *s);
    s->buf = malloc((2 * h + 3 * n) * sizeof *s->buf);
    s->n = n, s->h = h;
    return s->buf ? 0 : -1;
}

static void scratch_reset(scratch *s, size_t n, size_t h)
{
    memset(&s->r, 0, sizeof s->r);
    s->r.mean = s->buf, s->r.sd = s->buf + h, s->r.fitted = s->buf + 2 * h;
    for (size_t t = 0; t < n; t++)
        s->r.fitted[t] = NAN;
}

/* Fewest observations for the fitted models (damped, ETS, ARIMA) in the combination. */
#define MODEL_MIN_OBS 6

/* A member: runs into s->r on the modelling scale; transform tells how y was transformed. */
typedef ind_status (*member_fn)(const double *y, size_t n, int m, size_t h, int transform,
                                scratch *s);

static ind_status run_plain(const fc_method *meth, const double *y, size_t n, int m, size_t h,
                            scratch *s)
{
    if (n < meth->min_obs)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    ind_error err;
    return meth->run(y, n, m, h, 0, &s->r, &err);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * Random walk with drift at lag `lag` (1, or the seasonal period: each
 * season continues from its last value) into s->r: the drift is the mean
 * (or, robust, the median) of the lag differences; step variance as rwf's,
 * j * mse + (j * se(drift))^2 with j the number of seasons ahead. tmp holds
 * n doubles of scratch. Needs n >= lag + 2.
 */
static void lag_walk(const double *y, size_t n, size_t lag, size_t h, bool robust, scratch *s,
                     double *tmp)
{
    size_t k = n - lag;
    double b = 0, ss = 0;
    for (size_t t = lag; t < n; t++) {
        tmp[t - lag] = y[t] - y[t - lag];
        b += tmp[t - lag] / (double)k;
    }
    if (robust) {
        qsort(tmp, k, sizeof *tmp, cmp_double);
        b = k % 2 ? tmp[k / 2] : (tmp[k / 2 - 1] + tmp[k / 2]) / 2;
    }
    for (size_t t = lag; t < n; t++) {
        double r = y[t] - y[t - lag] - b;
        ss += r * r;
        s->r.fitted[t] = y[t - lag] + b;
    }
    double mse = ss / (double)(k - 1), se2 = mse / (double)k;
    for (size_t i = 0; i < h; i++) {
        double j = (double)(i / lag + 1);
        s->r.mean[i] = y[n - lag + i % lag] + j * b;
        s->r.sd[i] = sqrt(mse * j + j * j * se2);
    }
}

/* The lag of the walks: the seasonal period when there are two years of data. */
static size_t walk_lag(size_t n, int m)
{
    return m > 1 && n >= 2 * (size_t)m + 1 ? (size_t)m : 1;
}

/* Drift of log values (constant growth) for positive untransformed series, else drift. */
static ind_status member_growth(const double *y, size_t n, int m, size_t h, int transform,
                                scratch *s)
{
    size_t lag = walk_lag(n, m);
    if (n < lag + 2)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    bool positive = transform == 0;
    for (size_t t = 0; positive && t < n; t++)
        positive = y[t] > 0;
    double *ly = s->buf + 2 * h + n, *tmp = ly + n;
    if (!positive) {
        lag_walk(y, n, lag, h, false, s, tmp);
        snprintf(s->r.model, sizeof s->r.model, lag > 1 ? "seasonal drift" : "drift");
        return IND_OK;
    }
    for (size_t t = 0; t < n; t++)
        ly[t] = log(y[t]);
    lag_walk(ly, n, lag, h, false, s, tmp);
    for (size_t i = 0; i < h; i++) {
        double z = fmin(s->r.mean[i], 700);
        s->r.mean[i] = exp(z);
        s->r.sd[i] *= exp(z); /* delta method */
    }
    for (size_t t = 0; t < n; t++)
        s->r.fitted[t] = isnan(s->r.fitted[t]) ? NAN : exp(fmin(s->r.fitted[t], 700));
    snprintf(s->r.model, sizeof s->r.model, lag > 1 ? "seasonal growth" : "growth");
    return IND_OK;
}

/* Random walk whose drift is the median change: robust to outlying jumps. */
static ind_status member_median_drift(const double *y, size_t n, int m, size_t h, int transform,
                                      scratch *s)
{
    size_t lag = walk_lag(n, m);
    if (n < lag + 2)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    lag_walk(y, n, lag, h, true, s, s->buf + 2 * h + n);
    snprintf(s->r.model, sizeof s->r.model, lag > 1 ? "robust seasonal drift" : "robust drift");
    return IND_OK;
}

static ind_status member_damped(const double *y, size_t n, int m, size_t h, int transform,
                                scratch *s)
{
    if (n < MODEL_MIN_OBS)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    ind_error err;
    bool seasonal = m > 1 && m <= ETS_MAX_M && n >= 3 * (size_t)m;
    ind_status st =
        ets_run_spec(seasonal ? "AAdA" : "AAdN", y, n, seasonal ? m : 1, h, &s->r, &err);
    snprintf(s->r.model, sizeof s->r.model, "damped trend");
    return st;
}

static ind_status member_ets(const double *y, size_t n, int m, size_t h, int transform, scratch *s)
{
    if (n < MODEL_MIN_OBS)
        return IND_E_UNDEFINED;
    return run_plain(&fc_ets, y, n, m, h, s);
}

static ind_status member_arima(const double *y, size_t n, int m, size_t h, int transform,
                               scratch *s)
{
    if (n < MODEL_MIN_OBS)
        return IND_E_UNDEFINED;
    return run_plain(&fc_arima, y, n, m, h, s);
}

/* Members of the combination. */
static const member_fn members[] = {
    member_growth, member_median_drift, member_damped, member_ets, member_arima,
};
#define NMEMBERS (sizeof members / sizeof members[0])
#define MAXMEMBERS 8

/* Members refitted at each origin of the rolling evaluation (cheap ones). */
static const member_fn cheap[] = {member_growth, member_median_drift};
#define NCHEAP (sizeof cheap / sizeof cheap[0])

static double median_of(double *v, size_t k)
{
    qsort(v, k, sizeof *v, cmp_double);
    return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
}

static bool result_ok(const fc_result *r, size_t h)
{
    for (size_t i = 0; i < h; i++)
        if (!isfinite(r->mean[i]) || !isfinite(r->sd[i]) || r->sd[i] < 0)
            return false;
    return true;
}

/*
 * Median (per step) of the members in list that fit, and median sd; fitted
 * is the median of the members' fitted values where all have one. Returns
 * the number of members used.
 */
static size_t combine(const member_fn *list, size_t nlist, const double *y, size_t n, int period,
                      size_t h, int transform, scratch *s, double *mean, double *sd, double *fitted,
                      char *model, size_t model_size)
{
    size_t used = 0, len = 0;
    double *means = malloc(MAXMEMBERS * (2 * h + n) * sizeof *means);
    if (!means)
        return 0;
    double *sds = means + MAXMEMBERS * h, *fits = sds + MAXMEMBERS * h;
    if (model)
        model[0] = 0;
    for (size_t j = 0; j < nlist && used < MAXMEMBERS; j++) {
        if (list[j](y, n, period, h, transform, s) != IND_OK || !result_ok(&s->r, h))
            continue;
        for (size_t i = 0; i < h; i++) {
            means[i * MAXMEMBERS + used] = s->r.mean[i];
            sds[i * MAXMEMBERS + used] = s->r.sd[i];
        }
        for (size_t t = 0; fitted && t < n; t++)
            fits[t * MAXMEMBERS + used] = s->r.fitted[t];
        if (model && len < model_size)
            len += (size_t)snprintf(model + len, model_size - len, "%s%s", used ? ", " : "",
                                    s->r.model);
        used++;
    }
    for (size_t i = 0; used && i < h; i++) {
        mean[i] = median_of(means + i * MAXMEMBERS, used);
        sd[i] = median_of(sds + i * MAXMEMBERS, used);
    }
    for (size_t t = 0; used && fitted && t < n; t++) {
        bool all = true;
        for (size_t j = 0; j < used; j++)
            all = all && isfinite(fits[t * MAXMEMBERS + j]);
        fitted[t] = all ? median_of(fits + t * MAXMEMBERS, used) : NAN;
    }
    free(means);
    return used;
}

/* Calibration constants (see the top comment). */
#define CAL_FRAC 0.3        /* first origin at this share of the series (at least 5 values) */
#define CAL_GAMMA 0.5       /* errors grow like step^gamma beyond the models' own sd */
#define CAL_SHRINK 10.0     /* per-step factors: weight of the pooled one, in errors */
#define CAL_PRIOR 4.0       /* few errors: weight of the prior inflation, in errors */
#define CAL_PRIOR_SCALE 1.5 /* ... and that inflation of the sd */

/* Extra growth of the error with the horizon beyond the models' own: step^gamma. */
static double horizon_factor(size_t step, double gamma)
{
    return pow((double)step, gamma);
}

/* Error of forecast f (sd sd) of actual a in sd units; on the log scale when logs. */
static double std_error(double a, double f, double sd, bool logs)
{
    if (!logs)
        return (a - f) / sd;
    if (!(a > 0 && f > 0))
        return NAN;
    return log(a / f) / (sd / f);
}

/* Empirical p-quantile of sorted v[0..k) (linear interpolation). */
static double quantile_sorted(const double *v, size_t k, double p)
{
    /* position p (k + 1) - 1: the predictive quantile of the next error (type 6) */
    double pos = p * (double)(k + 1) - 1;
    if (pos < 0)
        pos = 0;
    size_t i = (size_t)pos;
    return i + 1 < k ? v[i] + (pos - (double)i) * (v[i + 1] - v[i]) : v[k - 1];
}

/* The interval a calibration gives: Student t (df; 0 = Gaussian) with this scale factor. */
typedef struct calib {
    double scale, df;
    size_t errors;
    double *step; /* [h] per-step factor on scale (1 when none), owned by the caller */
} calib;

/*
 * Fits a t distribution to the absolute standardised errors a[0..k) (sorted):
 * the df whose ratio of 95% to 80% two-sided quantiles matches theirs, and
 * the scale matching both quantiles (geometric mean).
 */
static calib fit_t(const double *a, size_t k)
{
    static const double dfs[] = {3, 4, 5, 7, 10, 15, 30, 0};
    double q80 = quantile_sorted(a, k, 0.80), q95 = quantile_sorted(a, k, 0.95);
    double ratio = q80 > 0 ? q95 / q80 : 1.53;
    calib c = {1, 0, k, NULL};
    double best = INFINITY;
    for (size_t j = 0; j < sizeof dfs / sizeof dfs[0]; j++) {
        double t80 = dfs[j] ? gsl_cdf_tdist_Pinv(0.9, dfs[j]) : gsl_cdf_ugaussian_Pinv(0.9);
        double t95 = dfs[j] ? gsl_cdf_tdist_Pinv(0.975, dfs[j]) : gsl_cdf_ugaussian_Pinv(0.975);
        double d = fabs(log(t95 / t80) - log(ratio));
        if (d < best) {
            best = d;
            c.df = dfs[j];
            c.scale = sqrt(q80 / t80 * q95 / t95);
        }
    }
    return c;
}

/*
 * Rolling-origin calibration: from each origin L = n/2 .. n-1 forecasts the
 * next min(h, n - L) periods with the cheap combination, standardises each
 * error by the sd the combination gave (times step^gamma), and fits the
 * distribution of those; with fewer than MIN_ERRORS errors, a Gaussian whose
 * sd is the root mean square error shrunk towards an inflation of PRIOR_SCALE.
 */
static calib calibration(const double *y, size_t n, int period, size_t h, int transform, bool logs,
                         scratch *s, double gamma, double *step)
{
    double *ss = calloc(2 * h, sizeof *ss), *ns = ss ? ss + h : NULL;
    enum { MIN_ERRORS = 10 };
    size_t hmax = h < n ? h : n; /* no origin forecasts further than the data go */
    double *mean = malloc((2 * (h + 1) + n * hmax) * sizeof *mean);
    double *sd = mean ? mean + h + 1 : NULL, *u = mean ? sd + h + 1 : NULL;
    double sum = 0;
    size_t cnt = 0;
    size_t lmin = (size_t)((double)n * CAL_FRAC);
    if (lmin < 5)
        lmin = 5;
    for (size_t len = lmin; mean && len < n; len++) {
        size_t k = n - len < h ? n - len : h;
        if (combine(cheap, NCHEAP, y, len, period, k, transform, s, mean, sd, NULL, NULL, 0) == 0)
            continue;
        for (size_t i = 0; i < k; i++) {
            if (!(sd[i] > 0))
                continue;
            double e = std_error(y[len + i], mean[i], sd[i], logs) / horizon_factor(i + 1, gamma);
            if (isfinite(e)) {
                sum += e * e;
                u[cnt++] = fabs(e);
                if (ss)
                    ss[i] += e * e, ns[i] += 1;
            }
        }
    }
    calib c = {
        sqrt((sum + CAL_PRIOR * CAL_PRIOR_SCALE * CAL_PRIOR_SCALE) / ((double)cnt + CAL_PRIOR)), 0,
        cnt, step};
    for (size_t i = 0; i < h; i++)
        step[i] = 1;
    if (mean && cnt >= MIN_ERRORS) {
        qsort(u, cnt, sizeof *u, cmp_double);
        c = fit_t(u, cnt);
        c.step = step;
        /*
         * The scale is estimated from errors of few origins (errors of one origin
         * are correlated): like a variance estimated from that many values, the
         * predictive distribution is then no lighter-tailed than t(origins - 1).
         */
        double nu = (double)(n - lmin) - 1;
        if (nu >= 1 && (c.df == 0 || c.df > nu))
            c.df = nu;
        /* per step: the step's mean square error relative to the pooled one, shrunk to 1 */
        double pooled = sum / (double)cnt, k0 = CAL_SHRINK, last = 1;
        for (size_t i = 0; ss && i < h; i++) {
            if (ns[i] > 0)
                last = sqrt((ss[i] + k0 * pooled) / (ns[i] + k0) / pooled);
            step[i] = last;
        }
    }
    free(ss);
    free(mean);
    return c;
}

/*
 * Moves a combination made on the original scale x to the log scale: mean
 * becomes its log, sd its relative size (delta method). A non-positive
 * combined forecast (a steep fall) is replaced by the constant-growth one.
 */
static void to_log_scale(const double *logy, size_t n, size_t h, double *mean, double *sd,
                         double *fitted)
{
    double g = (logy[n - 1] - logy[0]) / (double)(n - 1);
    for (size_t i = 0; i < h; i++) {
        if (mean[i] > 0) {
            sd[i] /= mean[i];
            mean[i] = log(mean[i]);
        } else {
            mean[i] = logy[n - 1] + g * (double)(i + 1);
            sd[i] = fabs(g) * sqrt((double)(i + 1));
        }
    }
    for (size_t t = 0; t < n; t++)
        fitted[t] = fitted[t] > 0 ? log(fitted[t]) : NAN;
}

static ind_status short_series(const double *y, size_t n, int m, size_t h, unsigned long seed,
                               fc_result *out, ind_error *err)
{
    const fc_method *short_m = n == 1 ? &fc_naive : &fc_drift;
    ind_status st = short_m->run(y, n, m, h, seed, out, err);
    snprintf(out->note, sizeof out->note,
             "%zu observation%s: too few to combine methods; auto used %s, with no interval", n,
             n > 1 ? "s" : "", short_m->name);
    return st;
}

static ind_status auto_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                           fc_result *out, ind_error *err)
{
    if (n < 3)
        return short_series(y, n, m, h, seed, out, err);
    bool logs = out->transform == 1; /* IND_TRANSFORM_LOG */
    int member_transform = logs ? 0 : out->transform;
    scratch s;
    size_t hmax = h > n ? h : n;
    double *x = malloc(n * sizeof *x);
    if (!x || scratch_init(&s, n, hmax) != 0) {
        free(x);
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t t = 0; t < n; t++)
        x[t] = logs ? exp(y[t]) : y[t];
    size_t used = combine(members, NMEMBERS, x, n, m, h, member_transform, &s, out->mean, out->sd,
                          out->fitted, out->model + 11, sizeof out->model - 12);
    memcpy(out->model, "median of (", 11);
    size_t len = strlen(out->model);
    snprintf(out->model + len, sizeof out->model - len, ")");
    ind_status st = IND_OK;
    if (used == 0) {
        st = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "no member of the combination fitted");
        goto out;
    }
    if (used < NMEMBERS)
        snprintf(out->note, sizeof out->note,
                 "%zu observations: %zu of the %zu methods of the combination could be used", n,
                 used, NMEMBERS);
    /* the interval shape is the cheap combination's, whose errors are calibrated */
    double *m2 = malloc(2 * h * sizeof *m2);
    if (m2 && combine(cheap, NCHEAP, x, n, m, h, member_transform, &s, m2, m2 + h, NULL, NULL, 0))
        for (size_t i = 0; i < h; i++)
            out->sd[i] = m2[h + i] * (logs ? out->mean[i] / m2[i] : 1);
    free(m2);
    if (logs)
        to_log_scale(y, n, h, out->mean, out->sd, out->fitted);
    double gamma = CAL_GAMMA;
    double *step = malloc(h * sizeof *step);
    if (!step) {
        st = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    calib c = calibration(x, n, m, h, member_transform, logs, &s, gamma, step);
    for (size_t i = 0; i < h; i++)
        out->sd[i] *= c.scale * horizon_factor(i + 1, gamma) * step[i];
    free(step);
    out->df = c.df;
    out->nparams = 2;
    snprintf(out->param_names[0], sizeof out->param_names[0], "sd_scale");
    out->params[0] = c.scale;
    snprintf(out->param_names[1], sizeof out->param_names[1], "t_df");
    out->params[1] = c.df;
    out->loglik = out->aicc = out->sigma2 = NAN;
out:
    free(x);
    free(s.buf);
    return st;
}

const fc_method fc_auto = {
    "auto",
    "default: median of growth, robust drift, damped trend, ETS and ARIMA; "
    "intervals calibrated on past errors",
    1,
    auto_run,
};
