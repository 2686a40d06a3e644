/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * auto.c - the default method: a robust combination of forecasts with
 * intervals calibrated on the series' own past forecast errors.
 *
 * Point forecast: for each step, the median of the members that fit the
 * series. From 6 observations: growth (drift of log values, for positive
 * series; plain drift otherwise), robust drift (random walk whose drift is
 * the median change), damped trend (ETS(A,Ad,N)), ETS chosen by AICc,
 * ARIMA chosen by AICc, and for seasonal data Theta with thetaf's seasonal
 * adjustment (M3 quarterly: sMAPE 8.91 -> 8.75, MASE 2.087 -> 1.994). With 3 to 5 observations the fitted models have too
 * little to go on; the members are then growth, drift, robust drift, theta
 * (from 4) and naive, so that the median of five simple extrapolations
 * guards against any one drift estimated from 2 to 4 changes. Combinations
 * of a few sound methods are the most reliable choice on annual data
 * (M3/M4 competitions); the median resists a member that goes astray, and
 * no member is selected by in-sample fit, which over-fits short series.
 * Members run on the original scale of positive series even though the
 * framework hands auto their logs (see below), so trends stay additive;
 * bounded series (shares between 0 and 100) are combined on the logit scale
 * the framework hands over, which bends towards the bounds. A
 * member whose step-i forecast is not finite only drops out at that step,
 * so step i never depends on how many steps are asked for.
 *
 * Intervals (docs/forecast-auto.md): on the level scale the step-h error
 * scale is kappa * s * (h / p)^GAMMA, where s is the spread of the changes
 * at lag p (1, or the seasonal period when there are two years of data):
 * their standard deviation combined with a share CAL_DRIFT of their mean,
 * because a drift estimated from a few changes is itself uncertain. kappa
 * comes from a rolling-origin evaluation: from every origin in the second
 * half of the series the cheap pair (drift and robust drift) forecasts up
 * to CAL_STEPS periods ahead, whatever horizon is asked for; their errors in
 * units of s * (h / p)^GAMMA give kappa^2 as their mean square, shrunk
 * towards CAL_PRIOR^2 with a weight of CAL_WEIGHT errors. The 95% bound
 * lies CAL_Q95 * kappa * s * (h / p)^GAMMA from the point, and every step is
 * Student's t with CAL_DF degrees of freedom: CAL_Q95 and CAL_DF are pooled
 * over collections, from errors inside their training periods (the median
 * of what each collection and length class needs; see the doc), rather
 * than a t with as many degrees of freedom as changes, whose 97.5% point
 * (3.18 at 4 values) made short series' intervals cover 97-98%. For a
 * positive series, modelled on the log scale, the t is put on the log
 * scale with the spread that matches the level-scale 95% upper bound (for
 * a bounded one, on the logit scale likewise): the interval stays in the
 * series' range, and hi/lo
 * exceeds 100 only where the level-scale upper bound is about ten times the
 * forecast, a spread the series' own changes show.
 *
 * Short series: 1 observation gives naive, 2 give drift, both with no
 * interval. The note says which members were used.
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
    bool shrink; /* the walks' drifts shrink by their evidence (3-5 values, drift_weight) */
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
 * At 3-5 values a drift comes from 2-4 changes and is a gamble: each walk's
 * drift is multiplied by t^2 / (t^2 + DRIFT_SHRINK_C), t = mean change / its
 * standard error, so that a trend the changes barely show is mostly left
 * out (towards naive) and a steady one kept (M1: every change alike gives
 * t = inf, weight 1). It replaces a hard rule (naive twice when |t| < 2).
 * The constant was chosen on errors inside the training periods (each
 * collection's series less its last H values, cut to 4 values; 1 to 12
 * tried, 2 to 6 alike; docs/forecast-auto.md), never on the held-out ones.
 */
#define DRIFT_SHRINK_C 3.0

static double drift_weight(const double *d, size_t k, double mean)
{
    if (k < 2)
        return 1;
    double ss = 0;
    for (size_t t = 0; t < k; t++)
        ss += (d[t] - mean) * (d[t] - mean);
    double se2 = ss / (double)(k - 1) / (double)k, t2 = mean * mean / se2;
    return se2 > 0 && isfinite(t2) ? t2 / (t2 + DRIFT_SHRINK_C) : 1;
}

/*
 * Random walk with drift at lag `lag` (1, or the seasonal period: each
 * season continues from its last value) into s->r: the drift is the mean
 * (or, robust, the median) of the lag differences, times drift_weight when
 * s->shrink; step variance as rwf's, j * mse + (j * se(drift))^2 with j the
 * number of seasons ahead. tmp holds n doubles of scratch. Needs n >= lag + 2.
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
    double w = s->shrink ? drift_weight(tmp, k, b) : 1;
    if (robust) {
        qsort(tmp, k, sizeof *tmp, cmp_double);
        b = k % 2 ? tmp[k / 2] : (tmp[k / 2 - 1] + tmp[k / 2]) / 2;
    }
    b *= w;
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

/* A random walk with drift over the seasonal lag (1 for non-seasonal data):
   the drift is the mean change, or the median change when robust. */
static ind_status walk_member(const double *y, size_t n, int m, size_t h, bool robust,
                              scratch *s)
{
    size_t lag = walk_lag(n, m);
    if (n < lag + 2)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    lag_walk(y, n, lag, h, robust, s, s->buf + 2 * h + n);
    snprintf(s->r.model, sizeof s->r.model, "%s%sdrift", robust ? "robust " : "",
             lag > 1 ? "seasonal " : "");
    return IND_OK;
}

/* Random walk whose drift is the median change: robust to outlying jumps. */
static ind_status member_median_drift(const double *y, size_t n, int m, size_t h, int transform,
                                      scratch *s)
{
    return walk_member(y, n, m, h, true, s);
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

static ind_status member_drift(const double *y, size_t n, int m, size_t h, int transform,
                               scratch *s)
{
    return walk_member(y, n, m, h, false, s);
}

static ind_status member_theta(const double *y, size_t n, int m, size_t h, int transform,
                               scratch *s)
{
    return run_plain(&fc_theta, y, n, 1, h, s);
}

/* Theta with thetaf's seasonal adjustment (for seasonal data). */
static ind_status member_seasonal_theta(const double *y, size_t n, int m, size_t h, int transform,
                                        scratch *s)
{
    if (m < 2)
        return IND_E_UNDEFINED;
    return run_plain(&fc_theta, y, n, m, h, s);
}

static ind_status member_naive(const double *y, size_t n, int m, size_t h, int transform,
                               scratch *s)
{
    return run_plain(&fc_naive, y, n, 1, h, s);
}

/* Seasonal naive: each season's last value (needs a full year). */
static ind_status member_seasonal_naive(const double *y, size_t n, int m, size_t h, int transform,
                                        scratch *s)
{
    if (m < 2 || n < (size_t)m)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    for (size_t i = 0; i < h; i++)
        s->r.mean[i] = y[n - (size_t)m + i % (size_t)m];
    for (size_t t = (size_t)m; t < n; t++)
        s->r.fitted[t] = y[t - (size_t)m];
    snprintf(s->r.model, sizeof s->r.model, "seasonal naive");
    return IND_OK;
}

/* Growth only where it differs from drift (short list, which has drift too). */
static ind_status member_positive_growth(const double *y, size_t n, int m, size_t h, int transform,
                                         scratch *s)
{
    ind_status st = member_growth(y, n, m, h, transform, s);
    return st == IND_OK && strstr(s->r.model, "growth") ? IND_OK : IND_E_UNDEFINED;
}

/* Members of the combination from MODEL_MIN_OBS observations, and below. */
static const member_fn members[] = {
    member_growth, member_median_drift, member_damped, member_ets, member_arima,
    member_seasonal_theta,
};
/* (their drifts shrunk: drift_weight) */
static const member_fn short_members[] = {
    member_positive_growth, member_drift, member_median_drift, member_theta, member_naive,
};

/* Seasonal data with under 6 values: trends across seasons mislead; the last value, the
 * same season a year before and theta (M3 quarterly, 4 values: sMAPE 17.00 -> 10.77,
 * naive 11.32). */
static const member_fn seasonal_short_members[] = {
    member_naive, member_seasonal_naive, member_theta,
};
#define NMEMBERS (sizeof members / sizeof members[0])
#define MAXMEMBERS 8

/* The pair refitted at each origin of the rolling evaluation (cheap ones). */
static const member_fn cheap[] = {member_drift, member_median_drift};
#define NCHEAP (sizeof cheap / sizeof cheap[0])

static double median_of(double *v, size_t k)
{
    qsort(v, k, sizeof *v, cmp_double);
    return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
}

/*
 * Per step, the median of the members in list that fit and give a finite
 * value there (and, for a positive series, a value above 0: a straight line
 * through a steep fall leaves the series' domain; only when every member
 * does are they all kept, for the caller's fallback); fitted is the median
 * of the members' fitted values where all have one. Returns the number of
 * members that fitted (0: none).
 */
static size_t combine(const member_fn *list, size_t nlist, const double *y, size_t n, int period,
                      size_t h, int transform, bool positive, scratch *s, double *mean,
                      double *fitted, char *model, size_t model_size)
{
    size_t used = 0, len = 0;
    double *means = malloc(MAXMEMBERS * (h + n) * sizeof *means);
    if (!means)
        return 0;
    double *fits = means + MAXMEMBERS * h;
    if (model)
        model[0] = 0;
    for (size_t j = 0; j < nlist && used < MAXMEMBERS; j++) {
        if (list[j](y, n, period, h, transform, s) != IND_OK)
            continue;
        for (size_t i = 0; i < h; i++)
            means[i * MAXMEMBERS + used] = s->r.mean[i];
        for (size_t t = 0; fitted && t < n; t++)
            fits[t * MAXMEMBERS + used] = s->r.fitted[t];
        if (model && len < model_size)
            len += (size_t)snprintf(model + len, model_size - len, "%s%s", used ? ", " : "",
                                    s->r.model);
        used++;
    }
    for (size_t i = 0; used && i < h; i++) {
        double *v = means + i * MAXMEMBERS;
        size_t k = 0;
        for (size_t j = 0; j < used; j++)
            if (isfinite(v[j]) && (!positive || v[j] > 0))
                v[k++] = v[j];
        for (size_t j = 0; k == 0 && j < used; j++) /* all at or below 0: to_model_scale */
            if (isfinite(v[j]))
                v[k++] = v[j];
        mean[i] = k ? median_of(v, k) : NAN;
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

/* Interval constants (see the top comment and docs/forecast-auto.md). */
#define CAL_DRIFT 1.0   /* share of the mean change counted as spread (drift uncertainty) */
#define CAL_GAMMA 0.5   /* the error scale grows like (steps in periods p)^gamma */
#define CAL_STEPS 8     /* rolling-origin errors up to this many steps (times p) */
#define CAL_PRIOR 1.3   /* kappa before any error is seen ... */
#define CAL_WEIGHT 8.0  /* ... weighing as much as this many errors */
#define CAL_Q95 2.5     /* the 95% half-width in units of kappa * spread * shape (pooled) */
#define CAL_DF 4.0      /* Student's t of every step: the tails of the pooled errors */
#define REF_LEVEL 0.975 /* the quantile matched on the log scale (upper 95% bound) */
#define CAL_FIT_POWER 0.5 /* kappa times (in-sample error ratio)^this: fit_ratio */
#define CAL_Q95_FIT 2.6   /* CAL_Q95 re-pooled for the series whose kappa has that factor */
#define CAL_STEADY_FLOOR 0.3 /* kappa's factor for changes all alike ... (steady_factor) */
#define CAL_STEADY_NOISE 0.3 /* ... rising to 1 at this share of noise in the spread */

/*
 * Spread of the lag-`lag` changes of x[0..n): sqrt(sd^2 + (CAL_DRIFT mean)^2),
 * sd with k - 1 in the denominator (0 for one change). *k receives the
 * number of changes, *sd their standard deviation.
 */
static double change_spread(const double *x, size_t n, size_t lag, size_t *k, double *sd)
{
    *k = n > lag ? n - lag : 0;
    *sd = 0;
    if (*k == 0)
        return 0;
    double mean = 0, ss = 0;
    for (size_t t = lag; t < n; t++)
        mean += (x[t] - x[t - lag]) / (double)*k;
    for (size_t t = lag; t < n; t++) {
        double d = x[t] - x[t - lag] - mean;
        ss += d * d;
    }
    double var = *k > 1 ? ss / (double)(*k - 1) : 0;
    *sd = sqrt(var);
    return sqrt(var + CAL_DRIFT * CAL_DRIFT * mean * mean);
}

/*
 * kappa's factor for a steady trend. The spread counts the whole mean
 * change as possible drift error; for a series whose changes are nearly all
 * alike (noise share r = sd / spread near 0: a country's population) the
 * trend is known far better than that: in the training periods (each
 * collection less its last H values; docs/forecast-auto.md) the errors of
 * the series with r < 0.15 were 0.27 (wb-population, 168 series at 4
 * values), 0.37 (M3 other), 0.60 (M1) and 0.87 (M3 quarterly) of the 95%
 * half-width, those with r > 0.3 about 1. The factor rises linearly from
 * CAL_STEADY_FLOOR at r = 0 to 1 at r = CAL_STEADY_NOISE; both were chosen
 * on the training periods (floor 0.3-0.6, knee 0.2-0.4 tried).
 */
static double steady_factor(double sd, double spread)
{
    double r = spread > 0 ? sd / spread : 1;
    return r < CAL_STEADY_NOISE ? CAL_STEADY_FLOOR + (1 - CAL_STEADY_FLOOR) * r / CAL_STEADY_NOISE
                                : 1;
}

/* The error scale's growth with the step (1-based), in periods of lag. */
static double step_shape(size_t step, size_t lag)
{
    return pow((double)step / (double)lag, CAL_GAMMA);
}

/*
 * kappa (see the top comment): errors of the cheap pair from the origins in
 * the second half of x (at least 5 values before each), in units of
 * spread * step_shape; the mean square of each step, averaged over the
 * steps so that the few long-range errors count as much as the many
 * one-step ones, shrunk towards CAL_PRIOR^2.
 */
static double calibrate(const double *x, size_t n, int period, size_t lag, double spread,
                        int transform, scratch *s)
{
    size_t steps = CAL_STEPS * lag, first = n / 2 > 5 ? n / 2 : 5;
    double *f = malloc(3 * steps * sizeof *f), *ss = f + steps, *cnt = ss + steps;
    if (!f)
        return CAL_PRIOR;
    for (size_t i = 0; i < steps; i++)
        ss[i] = cnt[i] = 0;
    for (size_t len = first; spread > 0 && len < n; len++) {
        size_t k = n - len < steps ? n - len : steps;
        if (combine(cheap, NCHEAP, x, len, period, k, transform, false, s, f, NULL, NULL, 0) == 0)
            continue;
        for (size_t i = 0; i < k; i++) {
            double u = (x[len + i] - f[i]) / (spread * step_shape(i + 1, lag));
            if (isfinite(u))
                ss[i] += u * u, cnt[i] += 1;
        }
    }
    double msq = 0, errors = 0, nsteps = 0;
    for (size_t i = 0; i < steps; i++)
        if (cnt[i] > 0)
            msq += ss[i] / cnt[i], errors += cnt[i], nsteps += 1;
    free(f);
    if (nsteps == 0)
        return CAL_PRIOR;
    msq /= nsteps;
    return sqrt((CAL_WEIGHT * CAL_PRIOR * CAL_PRIOR + errors * msq) / (CAL_WEIGHT + errors));
}

/*
 * kappa measures the cheap pair's errors, but the interval is the
 * combination's: where the fitted models follow the series much better
 * than the walks (a smooth, curving trend such as a population's), the
 * cheap pair's errors overstate the combination's, and the interval was
 * too wide (wb-population: 98% inside the 95% interval). The ratio of the
 * combination's in-sample one-step mean absolute error (fitted[0..n), on
 * x's scale) to the cheap pair's, at most 1, is that gap measured on the
 * series itself; in-sample errors flatter the fitted models, so the
 * interval takes its square root (across the collections the held-out
 * error ratio is about the square root of the in-sample one: wb-population
 * 0.26 in-sample, 0.45 held out). Non-seasonal series only: seasonal
 * models fitted on every season flatter themselves more (M3 quarterly's
 * PI80 fell from 82% to 70% in the training periods). Returns the factor.
 * The factor only narrows, so Q was re-pooled for the series it applies
 * to (CAL_Q95_FIT): on the training periods of the five annual
 * collections, full and cut to 6 and 10 values, Q = 2.6 keeps the rows
 * whose PI95 is within 90-97% (12 of 15) and the sum of their mean MSIS95
 * (299.1 against 299.9 without the factor), and brings PI80 within 75-87%
 * on 11 rows instead of 9.
 */
static double fit_ratio(const double *x, size_t n, int period, const double *fitted, scratch *s)
{
    double *cheap_fit = malloc(n * sizeof *cheap_fit), one, comb = 0, pair = 0;
    if (!cheap_fit)
        return 1;
    if (combine(cheap, NCHEAP, x, n, period, 1, 0, false, s, &one, cheap_fit, NULL, 0))
        for (size_t t = 0; t < n; t++)
            if (isfinite(fitted[t]) && isfinite(cheap_fit[t]))
                comb += fabs(x[t] - fitted[t]), pair += fabs(x[t] - cheap_fit[t]);
    free(cheap_fit);
    return pair > 0 && comb < pair ? pow(comb / pair, CAL_FIT_POWER) : 1;
}

/*
 * Modelling-scale spread of a point forecast f (original scale, inside the
 * transform's domain) whose level-scale REF_LEVEL bound lies width away: the
 * upper bound f + width is matched (the lower one when the upper leaves a
 * bounded range; when both leave it, the range's far end).
 */
static double model_spread(double f, double width, double q, int tr, double lo, double hi)
{
    if (tr == 1) /* IND_TRANSFORM_LOG */
        return log1p(width / f) / q;
    double g = fc_to_model(f, tr, lo, hi), eps = 1e-6 * (hi - lo);
    if (f + width < hi)
        return (fc_to_model(f + width, tr, lo, hi) - g) / q;
    if (f - width > lo)
        return (g - fc_to_model(f - width, tr, lo, hi)) / q;
    return fmax(fc_to_model(hi - eps, tr, lo, hi) - g, g - fc_to_model(lo + eps, tr, lo, hi)) / q;
}

/*
 * The step distributions on the modelling scale (tr, bounds lo, hi) from
 * the level-scale error scales w[0..h) of the point forecasts mean[0..h)
 * (original scale). A point forecast outside the transform's domain (a
 * steep fall of a positive series, a share beyond its bounds) is replaced:
 * for logs by the last value continued at the series' average growth, for
 * bounds by the nearest value a millionth of the range inside. Returns the
 * number of steps replaced.
 */
static size_t to_model_scale(const double *y, size_t n, size_t h, double q, int tr, double lo,
                             double hi, double *mean, double *sd, const double *w)
{
    size_t replaced = 0;
    double g = n > 1 ? (y[n - 1] - y[0]) / (double)(n - 1) : 0, eps = 1e-6 * (hi - lo);
    for (size_t i = 0; i < h; i++) {
        if (tr == 0) {
            sd[i] = w[i];
            continue;
        }
        if (tr == 1 && !(mean[i] > 0)) {
            mean[i] = exp(y[n - 1] + g * (double)(i + 1));
            replaced++;
        } else if (tr == 2 && !(mean[i] > lo && mean[i] < hi)) {
            mean[i] = fmin(fmax(mean[i], lo + eps), hi - eps);
            replaced++;
        }
        sd[i] = model_spread(mean[i], q * w[i], q, tr, lo, hi);
        mean[i] = fc_to_model(mean[i], tr, lo, hi);
    }
    return replaced;
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

static ind_status auto_window(const double *y, size_t n, int m, size_t h, fc_result *out,
                              ind_error *err);

static ind_status auto_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                           fc_result *out, ind_error *err)
{
    if (n < 3)
        return short_series(y, n, m, h, seed, out, err);
    size_t off = fc_fit_window(n, out->fitted); /* a long series: its recent values */
    double *fitted = out->fitted;
    y += off, n -= off, out->fitted += off;
    ind_status st = auto_window(y, n, m, h, out, err);
    out->fitted = fitted;
    return st;
}

static ind_status auto_window(const double *y, size_t n, int m, size_t h, fc_result *out,
                              ind_error *err)
{
    /* members run on the original scale (see the top comment) */
    int tr = out->transform;
    double lo = out->lower, hi = out->upper;
    scratch s;
    size_t hmax = (h > n ? h : n) + CAL_STEPS * (size_t)(m > 1 ? m : 1);
    double *x = malloc(n * sizeof *x), *w = malloc(h * sizeof *w);
    if (!x || !w || scratch_init(&s, n, hmax) != 0) {
        free(x);
        free(w);
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t t = 0; t < n; t++)
        x[t] = fc_from_model(y[t], tr, lo, hi);
    /* bounded: the points come from the logit scale, which bends towards the bounds */
    bool logit_points = tr == 2; /* IND_TRANSFORM_BOUNDED */
    bool fitted_models = n >= MODEL_MIN_OBS;
    const member_fn *list = fitted_models ? members
                            : m > 1       ? seasonal_short_members
                                          : short_members;
    size_t nlist = fitted_models ? NMEMBERS
                   : m > 1       ? sizeof seasonal_short_members / sizeof seasonal_short_members[0]
                                 : sizeof short_members / sizeof short_members[0];
    s.shrink = !fitted_models && m < 2;
    size_t used = combine(list, nlist, logit_points ? y : x, n, m, h, logit_points ? tr : 0,
                          tr == 1 /* IND_TRANSFORM_LOG */, &s, out->mean, out->fitted,
                          out->model + 11, sizeof out->model - 12);
    memcpy(out->model, "median of (", 11);
    size_t len = strlen(out->model);
    snprintf(out->model + len, sizeof out->model - len, ")");
    ind_status st = IND_OK;
    for (size_t i = 0; i < h && used; i++)
        if (!isfinite(out->mean[i]))
            used = 0;
    if (used == 0) {
        st = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "no member of the combination fitted");
        goto out;
    }
    if (!fitted_models)
        snprintf(out->note, sizeof out->note,
                 "%zu observations: too few for the fitted models (damped trend, ETS, ARIMA); "
                 "%zu simple methods combined%s",
                 n, used, s.shrink ? ", their drifts shrunk by the evidence for them" : "");
    else if (used < NMEMBERS - (m < 2)) /* (seasonal theta: seasonal data only) */
        snprintf(out->note, sizeof out->note,
                 "%zu observations: %zu of the %zu methods of the combination could be used", n,
                 used, NMEMBERS - (m < 2));
    s.shrink = false; /* the cheap pair of the calibration: as the spread, unshrunk */
    size_t lag = walk_lag(n, m), k;
    double sd;
    double spread = change_spread(x, n, lag, &k, &sd);
    double kappa = calibrate(x, n, m, lag, spread, 0, &s), fit = 1; /* see fit_ratio */
    if (fitted_models && m < 2) {
        double *fx = malloc(n * sizeof *fx); /* the fitted values on x's scale */
        for (size_t t = 0; fx && t < n; t++)
            fx[t] = logit_points ? fc_from_model(out->fitted[t], tr, lo, hi) : out->fitted[t];
        fit = fx ? fit_ratio(x, n, m, fx, &s) : 1;
        free(fx);
    }
    kappa *= fit * steady_factor(sd, spread);
    double df = CAL_DF, q = gsl_cdf_tdist_Pinv(REF_LEVEL, df);
    double q95 = fitted_models && m < 2 ? CAL_Q95_FIT : CAL_Q95;
    for (size_t i = 0; i < h; i++)
        w[i] = q95 / q * kappa * spread * step_shape(i + 1, lag);
    for (size_t i = 0; logit_points && i < h; i++)
        out->mean[i] = fc_from_model(out->mean[i], tr, lo, hi);
    if (to_model_scale(y, n, h, q, tr, lo, hi, out->mean, out->sd, w))
        fc_text_join(out->note, sizeof out->note, out->note, out->note[0] ? "; " : "",
                     tr == 1 ? "the combination fell to 0 or below: those steps continue the "
                               "average growth"
                             : "the combination left the bounds: those steps stay just inside");
    for (size_t t = 0; tr == 1 && t < n; t++) { /* (logit points: fitted already there) */
        double v = out->fitted[t];
        bool inside = tr == 1 ? v > 0 : v > lo && v < hi;
        out->fitted[t] = inside ? fc_to_model(v, tr, lo, hi) : NAN;
    }
    out->df = df;
    out->nparams = 3;
    snprintf(out->param_names[0], sizeof out->param_names[0], "spread");
    out->params[0] = spread;
    snprintf(out->param_names[1], sizeof out->param_names[1], "kappa");
    out->params[1] = kappa;
    snprintf(out->param_names[2], sizeof out->param_names[2], "t_df");
    out->params[2] = df;
    out->loglik = out->aicc = out->sigma2 = NAN;
out:
    free(x);
    free(w);
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
