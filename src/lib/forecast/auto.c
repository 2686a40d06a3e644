/*
 * auto.c - the default method: a combination of forecasts with intervals
 * calibrated on the series' own past forecast errors.
 *
 * Point forecast: the mean of the members that fit the series length
 * (drift, Theta, and ETS and ARIMA when they are built in), each run on the
 * modelling scale. Combinations of a few sound methods are the most reliable
 * choice on annual data (M3/M4 competitions); no member is selected by
 * in-sample fit, which over-fits short series.
 *
 * Intervals: the members' average standard deviation, rescaled by how large
 * the errors of the combination were when it forecast the last periods of
 * the series from earlier origins (rolling-origin evaluation inside the
 * sample: each error divided by the sd the method claimed then, the scale
 * factor being the root mean square of those ratios, shrunk towards 1 when
 * there are few of them). Only cheap members are refitted at the origins.
 *
 * Short series: 1 observation gives naive with no interval, 2 give drift
 * with no interval, fewer than the members' minimum lengths use those that
 * fit; the note says which.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    s->buf = malloc((2 * h + 2 * n) * sizeof *s->buf);
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

/* Drift of log values (constant growth) for positive untransformed series, else drift. */
static ind_status member_growth(const double *y, size_t n, int m, size_t h, int transform,
                                scratch *s)
{
    bool positive = transform == 0;
    for (size_t t = 0; positive && t < n; t++)
        positive = y[t] > 0;
    if (!positive)
        return run_plain(&fc_drift, y, n, m, h, s);
    double *ly = s->buf + 2 * h + n; /* the second n doubles of the scratch */
    for (size_t t = 0; t < n; t++)
        ly[t] = log(y[t]);
    ind_status st = run_plain(&fc_drift, ly, n, m, h, s);
    for (size_t i = 0; st == IND_OK && i < h; i++) {
        double z = fmin(s->r.mean[i], 700);
        s->r.mean[i] = exp(z);
        s->r.sd[i] *= exp(z); /* delta method */
    }
    for (size_t t = 0; st == IND_OK && t < n; t++)
        s->r.fitted[t] = exp(fmin(s->r.fitted[t], 700));
    snprintf(s->r.model, sizeof s->r.model, "growth");
    return st;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Random walk whose drift is the median change: robust to outlying jumps. */
static ind_status member_median_drift(const double *y, size_t n, int m, size_t h, int transform,
                                      scratch *s)
{
    if (n < 3)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    double *d = s->buf + 2 * h + n;
    for (size_t t = 1; t < n; t++)
        d[t - 1] = y[t] - y[t - 1];
    qsort(d, n - 1, sizeof *d, cmp_double);
    size_t k = n - 1;
    double b = k % 2 ? d[k / 2] : (d[k / 2 - 1] + d[k / 2]) / 2, ss = 0;
    for (size_t t = 1; t < n; t++) {
        ss += (y[t] - y[t - 1] - b) * (y[t] - y[t - 1] - b);
        s->r.fitted[t] = y[t - 1] + b;
    }
    double s2 = ss / (double)(n - 2);
    for (size_t i = 0; i < h; i++) {
        double j = (double)(i + 1);
        s->r.mean[i] = y[n - 1] + j * b;
        s->r.sd[i] = sqrt(s2 * j + j * j * s2 / (double)(n - 1));
    }
    snprintf(s->r.model, sizeof s->r.model, "median drift");
    return IND_OK;
}

static ind_status member_damped(const double *y, size_t n, int m, size_t h, int transform,
                                scratch *s)
{
    if (n < 5)
        return IND_E_UNDEFINED;
    scratch_reset(s, n, h);
    ind_error err;
    return ets_run_spec("AAdN", y, n, 1, h, &s->r, &err);
}

static ind_status member_ets(const double *y, size_t n, int m, size_t h, int transform,
                             scratch *s)
{
    return run_plain(&fc_ets, y, n, m, h, s);
}

#ifdef HAVE_FC_ARIMA
static ind_status member_arima(const double *y, size_t n, int m, size_t h, int transform,
                               scratch *s)
{
    return run_plain(&fc_arima, y, n, m, h, s);
}
#endif

/* Members of the combination. */
static const member_fn members[] = {
    member_growth, member_median_drift, member_damped, member_ets,
#ifdef HAVE_FC_ARIMA
    member_arima,
#endif
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
                      size_t h, int transform, scratch *s, double *mean, double *sd,
                      double *fitted, char *model, size_t model_size)
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

/*
 * Rolling-origin calibration: for origins n-k (k = 1..K) forecasts the
 * remaining k periods with the cheap combination and returns the factor by
 * which its sd should be scaled: sqrt(mean (error/sd)^2), shrunk towards 1
 * with the weight of a prior of PRIOR ratios. 1 when nothing can be scored.
 */
static double calibration(const double *y, size_t n, int period, size_t h, int transform,
                          scratch *s)
{
    enum { PRIOR = 4 };
    size_t kmax = h < n / 3 ? h : n / 3;
    double *mean = malloc(2 * (kmax + 1) * sizeof *mean), *sd = mean ? mean + kmax + 1 : NULL;
    double sum = 0;
    size_t cnt = 0;
    for (size_t k = 1; mean && k <= kmax; k++) {
        size_t len = n - k;
        if (len < 4)
            break;
        if (combine(cheap, NCHEAP, y, len, period, k, transform, s, mean, sd, NULL, NULL, 0) == 0)
            continue;
        for (size_t i = 0; i < k; i++)
            if (sd[i] > 0) {
                double u = (y[len + i] - mean[i]) / sd[i];
                sum += u * u;
                cnt++;
            }
    }
    free(mean);
    return sqrt((sum + PRIOR) / (double)(cnt + PRIOR));
}

static ind_status auto_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                           fc_result *out, ind_error *err)
{
    if (n < 3) {
        const fc_method *short_m = n == 1 ? &fc_naive : &fc_drift;
        ind_status st = short_m->run(y, n, m, h, seed, out, err);
        char head[64];
        snprintf(head, sizeof head, "%zu observation%s: auto used %s", n, n > 1 ? "s" : "",
                 short_m->name);
        fc_text_join(out->note, sizeof out->note, head, "; ", out->note);
        return st;
    }
    scratch s;
    size_t hmax = h > n ? h : n;
    if (scratch_init(&s, n, hmax) != 0)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    size_t used = combine(members, NMEMBERS, y, n, m, h, out->transform, &s, out->mean, out->sd,
                          out->fitted, out->model + 11, sizeof out->model - 12);
    memcpy(out->model, "median of (", 11);
    size_t len = strlen(out->model);
    snprintf(out->model + len, sizeof out->model - len, ")");
    ind_status st = IND_OK;
    if (used == 0) {
        st = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "no member of the combination fitted");
        goto out;
    }
    if (used == 1)
        snprintf(out->note, sizeof out->note, "%zu observations: too short to combine methods", n);
    double c = calibration(y, n, m, h, out->transform, &s);
    for (size_t i = 0; i < h; i++)
        out->sd[i] *= c;
    out->nparams = 1;
    snprintf(out->param_names[0], sizeof out->param_names[0], "sd_scale");
    out->params[0] = c;
    out->loglik = out->aicc = out->sigma2 = NAN;
out:
    free(s.buf);
    return st;
}

const fc_method fc_auto = {
    "auto", "default: combination of methods with intervals calibrated on past errors", 1,
    auto_run,
};
