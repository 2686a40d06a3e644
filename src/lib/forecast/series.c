/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * series.c - the one path from a series of a dataset to a forecast
 * (ind_forecast_series in include/indicators/forecast.h), and the parsers of
 * the request's texts (--level, --bounds). Every command goes through here,
 * so the rules that turn a series into the engine's input live once: the
 * periods from the first to the last observation with gaps as NAN, the
 * default 0..100 bounds of percent series, the empty-series case.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/forecast.h"

#include "methods.h"

void ind_forecast_request_init(ind_forecast_request *req)
{
    ind_forecast_options fo;
    ind_forecast_options_init(&fo);
    memset(req, 0, sizeof *req);
    req->method = ind_forecast_method_find(fo.method, NULL);
    req->horizon = fo.horizon;
    req->nlevels = fo.nlevels;
    memcpy(req->levels, fo.levels, sizeof req->levels);
    req->scale = IND_SCALE_DEFAULT;
    req->seed = fo.seed;
}

/* ---- parsers ---- */

/* Reads one number filling text[0..len) exactly; -1 when it does not. */
static int number_of(const char *text, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *end;
    errno = 0;
    *out = strtod(buf, &end);
    return end == buf + len && errno == 0 && isfinite(*out) ? 0 : -1;
}

ind_status ind_forecast_parse_levels(const char *text, ind_forecast_request *req, ind_error *err)
{
    double levels[IND_FORECAST_MAX_LEVELS];
    char names[IND_FORECAST_MAX_LEVELS][32];
    size_t n = 0;
    for (const char *p = text;; p++) {
        size_t len = strcspn(p, ",");
        double v;
        if (len == 0)
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "--level '%.64s%s': an empty level (two commas, or a comma at "
                                 "an end); give percents like 80,95",
                                 text, strlen(text) > 64 ? "..." : "");
        if (n == IND_FORECAST_MAX_LEVELS)
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "--level takes at most %d levels",
                                 IND_FORECAST_MAX_LEVELS);
        if (number_of(p, len, &v) != 0 || !(v > 0 && v < 100))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "--level takes percents above 0 and below 100, not '%.*s%s'",
                                 len > 64 ? 64 : (int)len, p, len > 64 ? "..." : "");
        /* levels name the interval columns (lo80, hi80): two that print alike collide */
        snprintf(names[n], sizeof names[n], "%g", v);
        for (size_t k = 0; k < n; k++)
            if (levels[k] == v || strcmp(names[k], names[n]) == 0)
                return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                     "--level gives %s twice (as '%.*s')", names[k],
                                     len > 64 ? 64 : (int)len, p);
        levels[n++] = v;
        p += len;
        if (*p == '\0')
            break;
    }
    req->nlevels = n;
    memcpy(req->levels, levels, n * sizeof *levels);
    return IND_OK;
}

ind_status ind_forecast_parse_bounds(const char *text, ind_forecast_request *req, ind_error *err)
{
    const char *comma = strchr(text, ',');
    double lo, hi;
    if (!comma || strchr(comma + 1, ',') || number_of(text, (size_t)(comma - text), &lo) != 0 ||
        number_of(comma + 1, strlen(comma + 1), &hi) != 0 || !(lo < hi))
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "--bounds takes LO,HI with LO < HI, e.g. 0,100; not '%.64s%s'", text,
                             strlen(text) > 64 ? "..." : "");
    req->scale = IND_SCALE_BOUNDS;
    req->lower = lo;
    req->upper = hi;
    return IND_OK;
}

/* ---- the series ---- */

ind_status ind_forecast_horizon_to(const ind_series *s, ind_period to, size_t *h, ind_error *err)
{
    char last[IND_PERIOD_TEXT_MAX], want[IND_PERIOD_TEXT_MAX];
    if (s->n == 0)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "no observations: nothing to forecast");
    ind_period p = ind_series_period(s, s->n - 1);
    ind_period_format(p, last, sizeof last);
    ind_period_format(to, want, sizeof want);
    if (to.freq != s->freq)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "%s is not a period of the series' frequency (%s)", want,
                             ind_freq_name(s->freq));
    if (to.ord <= p.ord || to.ord - p.ord > IND_FORECAST_MAX_HORIZON)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "%s must be 1 to %d periods after the last observation (%s)", want,
                             IND_FORECAST_MAX_HORIZON, last);
    *h = (size_t)(to.ord - p.ord);
    return IND_OK;
}

static bool strictly_inside(const ind_series *s, double lo, double hi)
{
    for (size_t i = 0; i < s->n; i++)
        if (!(s->value[i] > lo && s->value[i] < hi))
            return false;
    return true;
}

/* The request's method row; NULL when it is not a row of the table. */
static const ind_forecast_method *method_of(const ind_forecast_request *req)
{
    size_t count;
    const ind_forecast_method *table = ind_forecast_methods(&count);
    if (!req->method)
        return ind_forecast_method_find(NULL, NULL);
    for (size_t i = 0; i < count; i++)
        if (req->method == &table[i])
            return req->method;
    return NULL;
}

ind_status ind_forecast_request_check(const ind_forecast_request *req, ind_error *err)
{
    const ind_forecast_method *m = method_of(req);
    if (!m)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "the forecast method is not a row of ind_forecast_methods()");
    if ((unsigned)req->scale > IND_SCALE_NONE)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "unknown forecast scale %d",
                             (int)req->scale);
    ind_status st = fc_check_request(req->horizon, req->nlevels, req->levels,
                                     req->scale == IND_SCALE_BOUNDS, req->lower, req->upper, err);
    if (st != IND_OK)
        return st;
    if (req->scale == IND_SCALE_BOUNDS && m->log_scale)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "method %s models log values and cannot take bounds", m->name);
    return IND_OK;
}

/* The engine's options for s; note receives why the default bounds were not used. */
static ind_status engine_options(const ind_series *s, const ind_forecast_request *req,
                                 ind_forecast_options *fo, char *note, size_t nnote,
                                 ind_error *err)
{
    ind_status st = ind_forecast_request_check(req, err);
    if (st != IND_OK)
        return st;
    const ind_forecast_method *m = method_of(req);
    ind_forecast_options_init(fo);
    fo->method = m->name;
    fo->horizon = req->horizon;
    fo->seed = req->seed;
    fo->nlevels = req->nlevels;
    memcpy(fo->levels, req->levels, sizeof fo->levels);
    note[0] = '\0';
    switch (req->scale) {
    case IND_SCALE_DEFAULT:
        /* a method that models logs keeps them: a percent series is positive too */
        if (!ind_series_is_percent(s) || m->log_scale)
            fo->transform = IND_TRANSFORM_NONE;
        else if (strictly_inside(s, 0, 100))
            fo->transform = IND_TRANSFORM_BOUNDED, fo->lower = 0, fo->upper = 100;
        else
            snprintf(note, nnote, "percent values reach 0 or 100: forecast without the 0..100 "
                                  "bounds");
        return IND_OK;
    case IND_SCALE_LOG:
        fo->transform = IND_TRANSFORM_LOG;
        return IND_OK;
    case IND_SCALE_BOUNDS:
        fo->transform = IND_TRANSFORM_BOUNDED;
        fo->lower = req->lower;
        fo->upper = req->upper;
        return IND_OK;
    case IND_SCALE_NONE:
        break;
    }
    return IND_OK;
}

/* A forecast stops at 9999-12 (IND_YEAR_MAX): a later period would have no text that reads
   back. */
static ind_status within_years(const ind_series *s, size_t horizon, ind_error *err)
{
    ind_period last = ind_series_period(s, s->n - 1), end = ind_period_last(s->freq);
    int64_t room = (int64_t)end.ord - last.ord;
    if ((int64_t)horizon <= room)
        return IND_OK;
    char from[IND_PERIOD_TEXT_MAX], to[IND_PERIOD_TEXT_MAX];
    ind_period_format(last, from, sizeof from);
    ind_period_format(end, to, sizeof to);
    if (room <= 0)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "the last observation (%s) is the last period supported (years "
                             "%d..%d): nothing to forecast",
                             from, IND_YEAR_MIN, IND_YEAR_MAX);
    return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                         "a horizon of %zu periods after %s passes %s, the last period supported "
                         "(years %d..%d): at most %lld",
                         horizon, from, to, IND_YEAR_MIN, IND_YEAR_MAX, (long long)room);
}

ind_status ind_forecast_series(const ind_series *s, const ind_forecast_request *req,
                               ind_forecast *out, ind_error *err)
{
    memset(out, 0, sizeof *out);
    ind_forecast_options fo;
    char note[96];
    ind_status st = engine_options(s, req, &fo, note, sizeof note, err);
    if (st != IND_OK)
        return st;
    if (s->n == 0)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "no observations: nothing to forecast");
    if ((st = within_years(s, req->horizon, err)) != IND_OK)
        return st;
    size_t len = (size_t)(s->ord[s->n - 1] - s->ord[0]) + 1;
    double *y = malloc(len * sizeof *y);
    if (!y)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < len; i++)
        y[i] = NAN;
    for (size_t i = 0; i < s->n; i++)
        y[s->ord[i] - s->ord[0]] = s->value[i];
    st = ind_forecast_run(y, len, s->freq, &fo, out, err);
    free(y);
    if (st == IND_OK && note[0])
        fc_text_join(out->note, sizeof out->note, note, "; ", out->note);
    return st;
}

/* ---- a backtest on the series' own values ---- */

ind_status ind_forecast_holdout(const ind_series *s, size_t holdout, ind_series *train,
                                double **actual, size_t *h, ind_error *err)
{
    *actual = NULL;
    *h = 0;
    if (holdout == 0 || s->n <= holdout)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                             "%zu observations: too few to hold out %zu", s->n, holdout);
    *train = *s;
    train->n = s->n - holdout;
    int32_t last = train->ord[train->n - 1];
    size_t steps = (size_t)(s->ord[s->n - 1] - last);
    double *y = malloc(steps * sizeof *y);
    if (!y)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < steps; i++)
        y[i] = NAN;
    for (size_t i = train->n; i < s->n; i++)
        y[s->ord[i] - last - 1] = s->value[i];
    *actual = y;
    *h = steps;
    return IND_OK;
}

ind_status ind_forecast_backtest(const ind_series *s, size_t holdout,
                                 const ind_forecast_request *req, ind_forecast_accuracy *acc,
                                 ind_forecast *forecast, ind_error *err)
{
    ind_series train;
    double *actual;
    size_t h;
    ind_status st = ind_forecast_holdout(s, holdout, &train, &actual, &h, err);
    if (st != IND_OK)
        return st;
    ind_forecast_request r = *req;
    r.horizon = h;
    ind_forecast f;
    st = ind_forecast_series(&train, &r, &f, err);
    if (st == IND_OK) {
        st = ind_forecast_accuracy_of(&f, train.value, train.n, actual, h, acc, err);
        if (st == IND_OK && forecast)
            *forecast = f;
        else
            ind_forecast_clear(&f);
    }
    free(actual);
    return st;
}
