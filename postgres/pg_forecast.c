/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pg_forecast.c - forecasts in SQL, through the library's one path
 * (ind_forecast_series), so that a series gives the numbers of `indicators
 * forecast`:
 *   ind_forecast(values float8[], periods text[] | start text, method,
 *                horizon, levels, unit)        SETOF one row per step;
 *   ind_forecast_agg(period, value [, method [, horizon [, unit]]])
 *                                              one row of arrays per group.
 * NULL values are gaps (periods without a value), as missing cells are in a
 * file; the library fills them by interpolation and says so in the note.
 */
#include "pgind.h"

#include <stdio.h>
#include <string.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* A forecast copied out of the library's memory (palloc'ed), or why there is none. */
typedef struct fc_copy {
    bool ok;
    char why[IND_ERROR_MSG_MAX]; /* when !ok */
    char method[32], note[256];
    ind_period last;             /* the last observation */
    size_t h, nlevels;
    double levels[IND_FORECAST_MAX_LEVELS];
    bool has_intervals;
    double *mean, *lo, *hi;      /* [h], [h * nlevels] */
} fc_copy;

static double *copy_doubles(const double *x, size_t n)
{
    double *y = palloc(n * sizeof *y);
    memcpy(y, x, n * sizeof *y);
    return y;
}

static void copy_forecast(const ind_forecast *f, const ind_series *s, fc_copy *out)
{
    out->ok = true;
    strlcpy(out->method, f->method, sizeof out->method);
    strlcpy(out->note, f->note, sizeof out->note);
    out->last = ind_series_period(s, s->n - 1);
    out->h = f->h;
    out->nlevels = f->nlevels;
    memcpy(out->levels, f->levels, sizeof out->levels);
    out->has_intervals = f->has_intervals;
    out->mean = copy_doubles(f->mean, f->h);
    if (f->has_intervals) {
        out->lo = copy_doubles(f->lo, f->h * f->nlevels);
        out->hi = copy_doubles(f->hi, f->h * f->nlevels);
    }
}

/*
 * Forecasts the observations obs[0..n) with req into *out. A series without
 * a forecast (too few values) is out->ok false with the library's reason;
 * every other failure is raised. The dataset and the forecast's arrays are
 * the library's (malloc'ed) and freed on every path.
 */
static void forecast_obs(pgind_obs *obs, size_t n, const char *unit,
                         const ind_forecast_request *req, fc_copy *out)
{
    ind_dataset *volatile ds = NULL;
    ind_forecast f;
    ind_error err;
    memset(&f, 0, sizeof f);
    ind_error_clear(&err);
    memset(out, 0, sizeof *out);
    PG_TRY();
    {
        ds = pgind_dataset_new();
        ind_series *s = pgind_series(ds, "ind_forecast", obs, n, unit);
        ind_status st = ind_forecast_series(s, req, &f, &err);
        if (st == IND_OK)
            copy_forecast(&f, s, out);
        else if (st == IND_E_UNDEFINED)
            strlcpy(out->why, err.message, sizeof out->why);
        else
            pgind_raise(st, &err);
    }
    PG_FINALLY();
    {
        ind_forecast_clear(&f);
        ind_dataset_free(ds);
    }
    PG_END_TRY();
}

/* ---- the request ---- */

/* levels as the text the library parses ("80,95"), so its rules (distinct, 0..100) apply. */
static void parse_levels(ArrayType *levels, ind_forecast_request *req)
{
    Datum *d;
    bool *nulls;
    int n;
    if (ARR_NDIM(levels) > 1)
        ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
                        errmsg("levels must be a one-dimensional array")));
    deconstruct_array(levels, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &d, &nulls, &n);
    StringInfoData text;
    initStringInfo(&text);
    for (int i = 0; i < n; i++) {
        if (nulls[i])
            ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                            errmsg("levels must not contain NULL")));
        appendStringInfo(&text, "%s%.17g", i ? "," : "", DatumGetFloat8(d[i]));
    }
    ind_error err;
    ind_error_clear(&err);
    ind_status st = ind_forecast_parse_levels(text.data, req, &err);
    if (st != IND_OK)
        pgind_raise(st, &err);
}

/* The request of (method, horizon, levels): every check is the library's. */
static void make_request(const char *method, int32 horizon, ArrayType *levels,
                         ind_forecast_request *req)
{
    ind_error err;
    ind_error_clear(&err);
    ind_forecast_request_init(req);
    req->method = ind_forecast_method_find(method, &err);
    if (!req->method)
        pgind_raise(IND_E_ARG, &err);
    req->horizon = horizon < 0 ? 0 : (size_t)horizon;
    if (levels)
        parse_levels(levels, req);
    ind_status st = ind_forecast_request_check(req, &err);
    if (st != IND_OK)
        pgind_raise(st, &err);
}

/* ---- ind_forecast(values, periods | start, method, horizon, levels, unit) ---- */

/* The column of level L (80 or 95) among the forecast's levels; -1 when not asked for. */
static int level_index(const fc_copy *fc, double level)
{
    for (size_t k = 0; k < fc->nlevels; k++)
        if (fc->levels[k] == level)
            return (int)k;
    return -1;
}

static ArrayType *float8_array(const double *x, size_t n)
{
    Datum *d = palloc((n ? n : 1) * sizeof *d);
    for (size_t i = 0; i < n; i++)
        d[i] = Float8GetDatum(x[i]);
    return construct_array(d, (int)n, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* Columns of one step of ind_forecast's rows. */
enum { F_PERIOD, F_H, F_FORECAST, F_LO80, F_HI80, F_LO95, F_HI95, F_METHOD, F_NOTE, F_LO, F_HI,
       F_NCOLS };

/* Bound k of step i into column col, NULL without intervals or without that level. */
static void bound(Datum *v, bool *null, int col, const fc_copy *fc, const double *b, size_t i,
                  int k)
{
    if (!fc->has_intervals || k < 0) {
        null[col] = true;
        return;
    }
    v[col] = Float8GetDatum(b[i * fc->nlevels + (size_t)k]);
}

static void step_row(const fc_copy *fc, size_t i, Datum *v, bool *null)
{
    char period[IND_PERIOD_TEXT_MAX];
    int k80 = level_index(fc, 80), k95 = level_index(fc, 95);
    memset(null, 0, F_NCOLS * sizeof *null);
    ind_period_format(ind_period_add(fc->last, (int32)(i + 1)), period, sizeof period);
    v[F_PERIOD] = pgind_text_datum(period);
    v[F_H] = Int32GetDatum((int32)(i + 1));
    v[F_FORECAST] = Float8GetDatum(fc->mean[i]);
    bound(v, null, F_LO80, fc, fc->lo, i, k80);
    bound(v, null, F_HI80, fc, fc->hi, i, k80);
    bound(v, null, F_LO95, fc, fc->lo, i, k95);
    bound(v, null, F_HI95, fc, fc->hi, i, k95);
    v[F_METHOD] = pgind_text_datum(fc->method);
    pgind_text_column(v, null, F_NOTE, fc->note);
    if (fc->has_intervals) {
        v[F_LO] = PointerGetDatum(float8_array(fc->lo + i * fc->nlevels, fc->nlevels));
        v[F_HI] = PointerGetDatum(float8_array(fc->hi + i * fc->nlevels, fc->nlevels));
    } else {
        null[F_LO] = null[F_HI] = true;
    }
}

PG_FUNCTION_INFO_V1(ind_forecast_sql);
/*
 * One row per step: (period, h, forecast, lo80, hi80, lo95, hi95, method,
 * note, lo[], hi[]); lo80 .. hi95 are the bounds at 80 and 95 % when levels
 * holds them, lo and hi the bounds at every level asked for, in its order.
 * A series with no forecast (too few values) gives no row and a NOTICE with
 * the reason, as the CLI gives a note.
 */
Datum ind_forecast_sql(PG_FUNCTION_ARGS)
{
    char method[32], unit[64];
    pgind_text_arg(fcinfo, 2, "method", method, sizeof method);
    pgind_text_arg(fcinfo, 5, "unit", unit, sizeof unit);
    ind_forecast_request req;
    make_request(method, PG_GETARG_INT32(3), PG_GETARG_ARRAYTYPE_P(4), &req);
    pgind_obs *obs;
    size_t n = pgind_array_observations(fcinfo, &obs);
    fc_copy fc;
    forecast_obs(obs, n, unit, &req, &fc);

    InitMaterializedSRF(fcinfo, 0);
    ReturnSetInfo *rsi = (ReturnSetInfo *)fcinfo->resultinfo;
    if (!fc.ok) {
        ereport(NOTICE, (errmsg("ind_forecast: %s", fc.why)));
        return (Datum)0;
    }
    Datum v[F_NCOLS];
    bool null[F_NCOLS];
    for (size_t i = 0; i < fc.h; i++) {
        step_row(&fc, i, v, null);
        tuplestore_putvalues(rsi->setResult, rsi->setDesc, v, null);
    }
    return (Datum)0;
}

/* ---- ind_forecast_agg(period, value [, method [, horizon [, unit]]]) ---- */

PG_FUNCTION_INFO_V1(ind_forecast_trans);
Datum ind_forecast_trans(PG_FUNCTION_ARGS)
{
    pgind_state *st = pgind_state_get(fcinfo, "ind_forecast_agg");
    pgind_opts o;
    memset(&o, 0, sizeof o);
    strlcpy(o.method, "auto", sizeof o.method);
    o.horizon = 5;
    if (PG_NARGS() > 3)
        pgind_text_arg(fcinfo, 3, "method", o.method, sizeof o.method);
    if (PG_NARGS() > 4) {
        if (PG_ARGISNULL(4))
            ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("horizon is NULL")));
        o.horizon = PG_GETARG_INT32(4);
    }
    if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
        pgind_text_arg(fcinfo, 5, "unit", o.unit, sizeof o.unit);
    pgind_state_opts(st, &o, "ind_forecast_agg");
    if (!PG_ARGISNULL(2))
        pgind_state_add(st, pgind_period_arg(fcinfo, 1), PG_GETARG_FLOAT8(2));
    PG_RETURN_POINTER(st);
}

enum { A_PERIOD, A_FORECAST, A_LO80, A_HI80, A_LO95, A_HI95, A_METHOD, A_NOTE, A_NCOLS };

/* Bounds at level index k of every step as an array into column col (NULL when none). */
static void bound_array(Datum *v, bool *null, int col, const fc_copy *fc, const double *b, int k)
{
    if (!fc->has_intervals || k < 0) {
        null[col] = true;
        return;
    }
    double *x = palloc(fc->h * sizeof *x);
    for (size_t i = 0; i < fc->h; i++)
        x[i] = b[i * fc->nlevels + (size_t)k];
    v[col] = PointerGetDatum(float8_array(x, fc->h));
}

PG_FUNCTION_INFO_V1(ind_forecast_agg_final);
/*
 * (period text[], forecast, lo80, hi80, lo95, hi95 float8[], method, note):
 * the steps of ind_forecast as arrays, one row per group, so that
 * (ind_forecast_agg(...)).* fits in a GROUP BY query. Without a forecast the
 * arrays are NULL and note says why.
 */
Datum ind_forecast_agg_final(PG_FUNCTION_ARGS)
{
    TupleDesc desc = pgind_result_desc(fcinfo, "ind_forecast_agg");
    if (PG_ARGISNULL(0))
        PG_RETURN_NULL();
    pgind_state *st = (pgind_state *)PG_GETARG_POINTER(0);
    ind_forecast_request req;
    make_request(st->opts.method, st->opts.horizon, NULL, &req);
    fc_copy fc;
    /* the state may be finalised again (window functions): forecast a copy */
    pgind_obs *obs = palloc((size_t)(st->n ? st->n : 1) * sizeof *obs);
    memcpy(obs, st->obs, (size_t)st->n * sizeof *obs);
    forecast_obs(obs, (size_t)st->n, st->opts.unit, &req, &fc);

    Datum v[A_NCOLS];
    bool null[A_NCOLS];
    memset(null, 0, sizeof null);
    if (!fc.ok) {
        for (int k = 0; k < A_NCOLS; k++)
            null[k] = true;
        null[A_NOTE] = false;
        v[A_NOTE] = pgind_text_datum(fc.why);
        PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, null)));
    }
    Datum *periods = palloc(fc.h * sizeof *periods);
    for (size_t i = 0; i < fc.h; i++) {
        char p[IND_PERIOD_TEXT_MAX];
        ind_period_format(ind_period_add(fc.last, (int32)(i + 1)), p, sizeof p);
        periods[i] = pgind_text_datum(p);
    }
    v[A_PERIOD] = PointerGetDatum(construct_array(periods, (int)fc.h, TEXTOID, -1, false,
                                                  TYPALIGN_INT));
    v[A_FORECAST] = PointerGetDatum(float8_array(fc.mean, fc.h));
    int k80 = level_index(&fc, 80), k95 = level_index(&fc, 95);
    bound_array(v, null, A_LO80, &fc, fc.lo, k80);
    bound_array(v, null, A_HI80, &fc, fc.hi, k80);
    bound_array(v, null, A_LO95, &fc, fc.lo, k95);
    bound_array(v, null, A_HI95, &fc, fc.hi, k95);
    v[A_METHOD] = pgind_text_datum(fc.method);
    pgind_text_column(v, null, A_NOTE, fc.note);
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, null)));
}
