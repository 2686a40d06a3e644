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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "methods.h"

/* Members of the combination, in the order named in the model text. */
static const fc_method *const members[] = {
    &fc_drift,
    &fc_theta,
#ifdef HAVE_FC_ETS
    &fc_ets,
#endif
#ifdef HAVE_FC_ARIMA
    &fc_arima,
#endif
};
#define NMEMBERS (sizeof members / sizeof members[0])

/* Members refitted at each origin of the rolling evaluation (cheap ones). */
static const fc_method *const cheap[] = {&fc_drift, &fc_theta};
#define NCHEAP (sizeof cheap / sizeof cheap[0])

/* Scratch for one member run. */
typedef struct scratch {
    fc_result r;
    double *buf;
} scratch;

static int scratch_init(scratch *s, size_t n, size_t h)
{
    memset(s, 0, sizeof *s);
    s->buf = malloc((2 * h + n) * sizeof *s->buf);
    if (!s->buf)
        return -1;
    s->r.mean = s->buf;
    s->r.sd = s->buf + h;
    s->r.fitted = s->buf + 2 * h;
    return 0;
}

static ind_status run_one(const fc_method *m, const double *y, size_t n, int period, size_t h,
                          unsigned long seed, scratch *s)
{
    double *buf = s->buf;
    memset(&s->r, 0, sizeof s->r);
    s->r.mean = buf, s->r.sd = buf + h, s->r.fitted = buf + 2 * h;
    for (size_t t = 0; t < n; t++)
        s->r.fitted[t] = NAN;
    ind_error err;
    ind_error_clear(&err);
    ind_status st = m->run(y, n, period, h, seed, &s->r, &err);
    for (size_t i = 0; st == IND_OK && i < h; i++)
        if (!isfinite(s->r.mean[i]) || !isfinite(s->r.sd[i]) || s->r.sd[i] < 0)
            st = IND_E_NUMERIC;
    return st;
}

/*
 * Mean and average sd of the members in list that fit n; fitted averaged
 * where all members have one. Returns the number of members used.
 */
static size_t combine(const fc_method *const *list, size_t nlist, const double *y, size_t n,
                      int period, size_t h, unsigned long seed, scratch *s, double *mean,
                      double *sd, double *fitted, char *model, size_t model_size)
{
    size_t used = 0, len = 0;
    for (size_t i = 0; i < h; i++)
        mean[i] = sd[i] = 0;
    if (fitted)
        for (size_t t = 0; t < n; t++)
            fitted[t] = 0;
    if (model)
        model[0] = 0;
    for (size_t j = 0; j < nlist; j++) {
        if (n < list[j]->min_obs || run_one(list[j], y, n, period, h, seed, s) != IND_OK)
            continue;
        used++;
        for (size_t i = 0; i < h; i++) {
            mean[i] += s->r.mean[i];
            sd[i] += s->r.sd[i];
        }
        if (fitted)
            for (size_t t = 0; t < n; t++)
                fitted[t] += s->r.fitted[t]; /* NAN stays NAN */
        if (model && len < model_size)
            len += (size_t)snprintf(model + len, model_size - len, "%s%s", used > 1 ? ", " : "",
                                    s->r.model);
    }
    for (size_t i = 0; used && i < h; i++) {
        mean[i] /= (double)used;
        sd[i] /= (double)used;
    }
    if (fitted)
        for (size_t t = 0; used && t < n; t++)
            fitted[t] /= (double)used;
    return used;
}

/*
 * Rolling-origin calibration: for origins n-k (k = 1..K) forecasts the
 * remaining k periods with the cheap combination and returns the factor by
 * which its sd should be scaled: sqrt(mean (error/sd)^2), shrunk towards 1
 * with the weight of a prior of PRIOR ratios. 1 when nothing can be scored.
 */
static double calibration(const double *y, size_t n, int period, size_t h, unsigned long seed,
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
        if (combine(cheap, NCHEAP, y, len, period, k, seed, s, mean, sd, NULL, NULL, 0) == 0)
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
    size_t used = combine(members, NMEMBERS, y, n, m, h, seed, &s, out->mean, out->sd,
                          out->fitted, out->model + 9, sizeof out->model - 10);
    memcpy(out->model, "mean of (", 9);
    size_t len = strlen(out->model);
    snprintf(out->model + len, sizeof out->model - len, ")");
    ind_status st = IND_OK;
    if (used == 0) {
        st = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "no member of the combination fitted");
        goto out;
    }
    if (used == 1)
        snprintf(out->note, sizeof out->note, "%zu observations: too short to combine methods", n);
    double c = calibration(y, n, m, h, seed, &s);
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
