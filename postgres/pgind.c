/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pgind.c - the extension's module and the pieces its SQL functions share
 * (see pgind.h): errors, periods, the aggregate state with its combine,
 * serialise and deserialise functions (parallel and partial aggregation),
 * and series built through the library's dataset.
 */
#include "pgind.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

/* ---- errors ---- */

static int sqlstate_of(ind_status st)
{
    switch (st) {
    case IND_E_NOMEM:
        return ERRCODE_OUT_OF_MEMORY;
    case IND_E_ARG:
    case IND_E_VALUE:
        return ERRCODE_INVALID_PARAMETER_VALUE;
    case IND_E_PERIOD:
        return ERRCODE_INVALID_DATETIME_FORMAT;
    case IND_E_DUPLICATE:
        return ERRCODE_CARDINALITY_VIOLATION;
    case IND_E_FREQUENCY:
    case IND_E_UNDEFINED:
    case IND_E_NUMERIC:
    case IND_E_NOTFOUND:
        return ERRCODE_DATA_EXCEPTION;
    default:
        return ERRCODE_INTERNAL_ERROR;
    }
}

void pgind_raise(ind_status st, const ind_error *err)
{
    ereport(ERROR, (errcode(sqlstate_of(st)),
                    errmsg("%s", err && err->message[0] ? err->message : ind_status_name(st))));
    pg_unreachable();
}

/* ---- periods ---- */

static ind_period period_of_cstring(const char *s, size_t len)
{
    ind_period p;
    if (ind_period_parse(s, len, &p) != 0)
        ereport(ERROR, (errcode(ERRCODE_INVALID_DATETIME_FORMAT),
                        errmsg("'%.*s' is not a period (e.g. 2023, 2024H1, 2023Q3, 2023-06)",
                               (int)(len > 64 ? 64 : len), s)));
    return p;
}

ind_period pgind_period_of_text(text *t)
{
    return period_of_cstring(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

ind_period pgind_period_of_year(int32 year)
{
    char buf[16];
    int len = snprintf(buf, sizeof buf, "%d", (int)year);
    return period_of_cstring(buf, (size_t)len);
}

ind_period pgind_period_arg(FunctionCallInfo fcinfo, int argno)
{
    if (PG_ARGISNULL(argno))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("period is NULL")));
    if (get_fn_expr_argtype(fcinfo->flinfo, argno) == INT4OID)
        return pgind_period_of_year(PG_GETARG_INT32(argno));
    return pgind_period_of_text(PG_GETARG_TEXT_PP(argno));
}

void pgind_text_arg(FunctionCallInfo fcinfo, int argno, const char *what, char *buf, size_t n)
{
    if (PG_ARGISNULL(argno))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("%s is NULL", what)));
    text *t = PG_GETARG_TEXT_PP(argno);
    size_t len = VARSIZE_ANY_EXHDR(t);
    if (len >= n)
        ereport(ERROR, (errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
                        errmsg("%s is too long (at most %zu bytes)", what, n - 1)));
    memcpy(buf, VARDATA_ANY(t), len);
    buf[len] = '\0';
    if (strlen(buf) != len)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("%s contains a NUL byte", what)));
}

Datum pgind_text_datum(const char *s)
{
    return PointerGetDatum(cstring_to_text(s));
}

TupleDesc pgind_result_desc(FunctionCallInfo fcinfo, const char *fname)
{
    TupleDesc desc;
    if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("%s: the result type must be a row type", fname)));
    return BlessTupleDesc(desc);
}

void pgind_period_column(Datum *v, bool *null, int col, bool ok, ind_period p)
{
    char text[IND_PERIOD_TEXT_MAX];
    null[col] = !ok;
    if (!ok)
        return;
    ind_period_format(p, text, sizeof text);
    v[col] = pgind_text_datum(text);
}

void pgind_text_column(Datum *v, bool *null, int col, const char *s)
{
    null[col] = !s || !s[0];
    if (!null[col])
        v[col] = pgind_text_datum(s);
}

/* ---- arrays ---- */

/* The elements of a one-dimensional array argument. */
int pgind_array_arg(ArrayType *a, Oid type, const char *what, Datum **d, bool **nulls)
{
    int16 len;
    bool byval;
    char align;
    int n;
    if (ARR_NDIM(a) > 1)
        ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
                        errmsg("%s must be a one-dimensional array", what)));
    get_typlenbyvalalign(type, &len, &byval, &align);
    deconstruct_array(a, type, len, byval, align, d, nulls, &n);
    return n;
}

size_t pgind_array_observations(FunctionCallInfo fcinfo, pgind_obs **out)
{
    Datum *vd, *pd = NULL;
    bool *vnull, *pnull = NULL;
    int n = pgind_array_arg(PG_GETARG_ARRAYTYPE_P(0), FLOAT8OID, "values", &vd, &vnull);
    bool by_array = get_fn_expr_argtype(fcinfo->flinfo, 1) != TEXTOID;
    ind_period start = {IND_FREQ_UNKNOWN, 0};
    if (by_array) {
        if (pgind_array_arg(PG_GETARG_ARRAYTYPE_P(1), TEXTOID, "periods", &pd, &pnull) != n)
            ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
                            errmsg("values and periods must have the same length")));
    } else {
        start = pgind_period_of_text(PG_GETARG_TEXT_PP(1));
    }
    pgind_obs *obs = palloc((size_t)(n ? n : 1) * sizeof *obs);
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (by_array && pnull[i])
            ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                            errmsg("periods must not contain NULL")));
        if (vnull[i])
            continue;
        obs[k].p = by_array ? pgind_period_of_text(DatumGetTextPP(pd[i]))
                            : ind_period_add(start, i);
        obs[k++].v = DatumGetFloat8(vd[i]);
    }
    *out = obs;
    return k;
}

/* ---- the aggregate state ---- */

static MemoryContext agg_context(FunctionCallInfo fcinfo, const char *fname)
{
    MemoryContext ctx;
    if (!AggCheckCallContext(fcinfo, &ctx))
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("%s called in a non-aggregate context", fname)));
    return ctx;
}

static pgind_state *state_new(MemoryContext ctx)
{
    pgind_state *st = MemoryContextAllocZero(ctx, sizeof *st);
    st->cap = 16;
    st->obs = MemoryContextAlloc(ctx, (Size)st->cap * sizeof *st->obs);
    return st;
}

pgind_state *pgind_state_get(FunctionCallInfo fcinfo, const char *fname)
{
    MemoryContext ctx = agg_context(fcinfo, fname);
    if (!PG_ARGISNULL(0))
        return (pgind_state *)PG_GETARG_POINTER(0);
    return state_new(ctx);
}

/* Room for more observations; the array lives where the state does. */
static void state_reserve(pgind_state *st, int64 more)
{
    int64 need = (int64)st->n + more;
    if (need <= st->cap)
        return;
    if (need > (int64)(MaxAllocHugeSize / sizeof *st->obs) || need > PG_INT32_MAX)
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                        errmsg("too many observations in one group")));
    int64 cap = st->cap;
    while (cap < need)
        cap *= 2;
    if (cap > PG_INT32_MAX)
        cap = PG_INT32_MAX;
    st->obs = repalloc_huge(st->obs, (Size)cap * sizeof *st->obs);
    st->cap = (int32)cap;
}

void pgind_state_add(pgind_state *st, ind_period p, double v)
{
    state_reserve(st, 1);
    st->obs[st->n].p = p;
    st->obs[st->n].v = v;
    st->n++;
}

void pgind_state_opts(pgind_state *st, const pgind_opts *o, const char *fname)
{
    if (!st->opts.set) {
        st->opts = *o;
        st->opts.set = true;
        return;
    }
    if (st->opts.horizon != o->horizon || strcmp(st->opts.method, o->method) != 0 ||
        strcmp(st->opts.unit, o->unit) != 0 || strcmp(st->opts.target, o->target) != 0)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("%s: the arguments after period and value must be the same in "
                               "every row of a group", fname)));
}

PG_FUNCTION_INFO_V1(ind_state_combine);
/* Merges two partial states (parallel workers, partial aggregation). */
Datum ind_state_combine(PG_FUNCTION_ARGS)
{
    MemoryContext ctx = agg_context(fcinfo, "ind_state_combine");
    pgind_state *a = PG_ARGISNULL(0) ? NULL : (pgind_state *)PG_GETARG_POINTER(0);
    pgind_state *b = PG_ARGISNULL(1) ? NULL : (pgind_state *)PG_GETARG_POINTER(1);
    if (!b)
        PG_RETURN_POINTER(a);
    if (!a)
        a = state_new(ctx);
    if (b->opts.set)
        pgind_state_opts(a, &b->opts, "ind_state_combine");
    MemoryContext old = MemoryContextSwitchTo(ctx);
    state_reserve(a, b->n);
    MemoryContextSwitchTo(old);
    memcpy(a->obs + a->n, b->obs, (size_t)b->n * sizeof *b->obs);
    a->n += b->n;
    PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(ind_state_serial);
/* The state as bytea: the options as they are, then the observations. */
Datum ind_state_serial(PG_FUNCTION_ARGS)
{
    pgind_state *st = (pgind_state *)PG_GETARG_POINTER(0);
    Size len = sizeof st->opts + sizeof st->n + (Size)st->n * sizeof *st->obs;
    bytea *out = palloc_extended(VARHDRSZ + len, MCXT_ALLOC_HUGE);
    SET_VARSIZE(out, VARHDRSZ + len);
    char *p = VARDATA(out);
    memcpy(p, &st->opts, sizeof st->opts);
    p += sizeof st->opts;
    memcpy(p, &st->n, sizeof st->n);
    p += sizeof st->n;
    memcpy(p, st->obs, (size_t)st->n * sizeof *st->obs);
    PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(ind_state_deserial);
Datum ind_state_deserial(PG_FUNCTION_ARGS)
{
    MemoryContext ctx = agg_context(fcinfo, "ind_state_deserial");
    bytea *in = PG_GETARG_BYTEA_PP(0);
    const char *p = VARDATA_ANY(in);
    Size len = VARSIZE_ANY_EXHDR(in);
    pgind_state *st = state_new(ctx);
    int32 n;
    if (len < sizeof st->opts + sizeof n)
        ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("bad aggregate state")));
    memcpy(&st->opts, p, sizeof st->opts);
    memcpy(&n, p + sizeof st->opts, sizeof n);
    if (n < 0 || len != sizeof st->opts + sizeof n + (Size)n * sizeof *st->obs)
        ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("bad aggregate state")));
    state_reserve(st, n);
    memcpy(st->obs, p + sizeof st->opts + sizeof n, (size_t)n * sizeof *st->obs);
    st->n = n;
    PG_RETURN_POINTER(st);
}

/* ---- series ---- */

static int obs_cmp(const void *a, const void *b)
{
    int32 x = ((const pgind_obs *)a)->p.ord, y = ((const pgind_obs *)b)->p.ord;
    return (x > y) - (x < y);
}

ind_dataset *pgind_dataset_new(void)
{
    ind_dataset *ds = ind_dataset_new();
    if (!ds)
        pgind_raise(IND_E_NOMEM, NULL);
    return ds;
}

ind_series *pgind_series(ind_dataset *ds, const char *name, pgind_obs *obs, size_t n,
                         const char *unit)
{
    ind_error err;
    ind_error_clear(&err);
    ind_series *s = ind_dataset_series(ds, name, "");
    if (!s || ind_series_set_text(&s->unit, unit) != IND_OK || ind_series_reserve(s, n) != IND_OK)
        pgind_raise(IND_E_NOMEM, NULL);
    qsort(obs, n, sizeof *obs, obs_cmp);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(obs[i].v))
            ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                            errmsg("%s: value %g is not a finite number", name, obs[i].v)));
        ind_status st = ind_series_add(s, obs[i].p, obs[i].v, &err);
        if (st != IND_OK)
            pgind_raise(st, &err);
    }
    return s;
}
