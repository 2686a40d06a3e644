/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pg_target.c - targets and periods in SQL:
 *   ind_target(values float8[], periods text[] | start text, target text,
 *              method, unit)                   one assessment row;
 *   ind_target_agg(period, value, target [, method [, unit]])
 *                                              the same over a group's rows;
 *   ind_parse_period(text)                     the library's reading of a period.
 * The assessment is ind_target_assess's, with the column names and scales of
 * `indicators target --format csv` (percentages as its *_pct columns), so the
 * verdict, R and P(meet) are the CLI's. The series name in the target text is
 * not looked up: the rows given are the series.
 */
#include "pgind.h"

#include <string.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

/* Assesses obs[0..n) against the target text with method and unit into *a. */
static void assess(pgind_obs *obs, size_t n, const char *target, const char *method,
                   const char *unit, ind_assessment *a, ind_freq *freq)
{
    ind_target t;
    ind_target_options opt;
    ind_error err;
    ind_error_clear(&err);
    ind_status st = ind_target_parse(target, &t, &err);
    if (st != IND_OK)
        pgind_raise(st, &err);
    ind_target_options_init(&opt);
    opt.request.method = ind_forecast_method_find(method, &err);
    if (!opt.request.method)
        pgind_raise(IND_E_ARG, &err);

    ind_dataset *volatile ds = NULL;
    volatile ind_status status = IND_OK;
    PG_TRY();
    {
        ds = pgind_dataset_new();
        ind_series *s = pgind_series(ds, "ind_target", obs, n, unit);
        *freq = s->freq;
        status = ind_target_assess(s, &t, &opt, a, &err);
    }
    PG_FINALLY();
    {
        ind_dataset_free(ds);
    }
    PG_END_TRY();
    if (status != IND_OK)
        pgind_raise(status, &err);
}

enum { T_KIND, T_GOAL_LEVEL, T_BASE, T_BASE_VALUE, T_LATEST, T_LATEST_VALUE, T_GAP,
       T_REQUIRED, T_ACTUAL, T_RATIO, T_EUROSTAT, T_DESTATIS, T_ESCAP, T_METHOD, T_MODEL,
       T_FORECAST, T_LO80, T_HI80, T_LO95, T_HI95, T_PROB, T_MEETS, T_VERDICT, T_REASON,
       T_DISAGREE, T_NOTE, T_NCOLS };

static void fig(Datum *v, bool *null, int col, const ind_figure *f, double scale)
{
    if (f->defined)
        v[col] = Float8GetDatum(scale * f->value);
    else
        null[col] = true;
}

/* The bound at level (80 or 95), NULL when the forecast has no interval at it. */
static void level_bound(Datum *v, bool *null, int col, const ind_assessment *a, double level,
                        const double *b)
{
    for (size_t k = 0; k < a->nlevels; k++)
        if (a->has_intervals && a->levels[k] == level) {
            v[col] = Float8GetDatum(b[k]);
            return;
        }
    null[col] = true;
}

static Datum result_row(FunctionCallInfo fcinfo, const ind_assessment *a, ind_freq freq)
{
    TupleDesc desc = pgind_result_desc(fcinfo, "ind_target");
    Datum v[T_NCOLS];
    bool null[T_NCOLS];
    memset(null, 0, sizeof null);
    bool data = a->latest.freq != IND_FREQ_UNKNOWN;
    v[T_KIND] = pgind_text_datum(ind_target_kind_name(a->kind));
    if (data && a->has_goal_level)
        v[T_GOAL_LEVEL] = Float8GetDatum(a->goal_level);
    else
        null[T_GOAL_LEVEL] = true;
    pgind_period_column(v, null, T_BASE, a->has_base, a->base);
    if (a->has_base)
        v[T_BASE_VALUE] = Float8GetDatum(a->base_value);
    else
        null[T_BASE_VALUE] = true;
    pgind_period_column(v, null, T_LATEST, data, a->latest);
    if (data)
        v[T_LATEST_VALUE] = Float8GetDatum(a->latest_value);
    else
        null[T_LATEST_VALUE] = true;
    fig(v, null, T_GAP, &a->gap, 1);
    fig(v, null, T_REQUIRED, &a->required_growth, 100);
    fig(v, null, T_ACTUAL, &a->actual_growth, 100);
    fig(v, null, T_RATIO, &a->growth_ratio, 1);
    pgind_text_column(v, null, T_EUROSTAT, ind_eurostat_name(a->eurostat));
    pgind_text_column(v, null, T_DESTATIS, ind_weather_name(a->weather));
    pgind_text_column(v, null, T_ESCAP, ind_escap_name(a->escap));
    pgind_text_column(v, null, T_METHOD, a->has_forecast ? a->method : NULL);
    pgind_text_column(v, null, T_MODEL, a->has_forecast ? a->model : NULL);
    fig(v, null, T_FORECAST, &a->forecast, 1);
    level_bound(v, null, T_LO80, a, 80, a->lo);
    level_bound(v, null, T_HI80, a, 80, a->hi);
    level_bound(v, null, T_LO95, a, 95, a->lo);
    level_bound(v, null, T_HI95, a, 95, a->hi);
    fig(v, null, T_PROB, &a->probability, 100);
    pgind_period_column(v, null, T_MEETS, a->meets.defined, (ind_period){freq, (int32)a->meets.value});
    v[T_VERDICT] = pgind_text_datum(ind_verdict_name(a->verdict));
    v[T_REASON] = pgind_text_datum(a->reason);
    pgind_text_column(v, null, T_DISAGREE, a->disagree);
    pgind_text_column(v, null, T_NOTE, a->forecast_note);
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, null)));
}

PG_FUNCTION_INFO_V1(ind_target_sql);
Datum ind_target_sql(PG_FUNCTION_ARGS)
{
    char target[IND_TARGET_TEXT_MAX], method[32], unit[64];
    pgind_text_arg(fcinfo, 2, "target", target, sizeof target);
    pgind_text_arg(fcinfo, 3, "method", method, sizeof method);
    pgind_text_arg(fcinfo, 4, "unit", unit, sizeof unit);
    pgind_obs *obs;
    size_t n = pgind_array_observations(fcinfo, &obs);
    ind_assessment a;
    ind_freq freq = IND_FREQ_UNKNOWN;
    assess(obs, n, target, method, unit, &a, &freq);
    return result_row(fcinfo, &a, freq);
}

PG_FUNCTION_INFO_V1(ind_target_trans);
/* (state, period, value, target [, method [, unit]]) */
Datum ind_target_trans(PG_FUNCTION_ARGS)
{
    pgind_state *st = pgind_state_get(fcinfo, "ind_target_agg");
    pgind_opts o;
    memset(&o, 0, sizeof o);
    strlcpy(o.method, "auto", sizeof o.method);
    pgind_text_arg(fcinfo, 3, "target", o.target, sizeof o.target);
    if (PG_NARGS() > 4)
        pgind_text_arg(fcinfo, 4, "method", o.method, sizeof o.method);
    if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
        pgind_text_arg(fcinfo, 5, "unit", o.unit, sizeof o.unit);
    pgind_state_opts(st, &o, "ind_target_agg");
    if (!PG_ARGISNULL(2))
        pgind_state_add(st, pgind_period_arg(fcinfo, 1), PG_GETARG_FLOAT8(2));
    PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(ind_target_agg_final);
Datum ind_target_agg_final(PG_FUNCTION_ARGS)
{
    if (PG_ARGISNULL(0))
        PG_RETURN_NULL();
    pgind_state *st = (pgind_state *)PG_GETARG_POINTER(0);
    ind_assessment a;
    ind_freq freq = IND_FREQ_UNKNOWN;
    assess(st->obs, (size_t)st->n, st->opts.target, st->opts.method, st->opts.unit, &a, &freq);
    return result_row(fcinfo, &a, freq);
}

PG_FUNCTION_INFO_V1(ind_parse_period_sql);
/* (period text canonical, frequency, year, sub, ordinal) of a period's text; ERROR 22007. */
Datum ind_parse_period_sql(PG_FUNCTION_ARGS)
{
    TupleDesc desc = pgind_result_desc(fcinfo, "ind_parse_period");
    ind_period p = pgind_period_of_text(PG_GETARG_TEXT_PP(0));
    char text[IND_PERIOD_TEXT_MAX];
    ind_period_format(p, text, sizeof text);
    Datum v[5] = {pgind_text_datum(text), pgind_text_datum(ind_freq_name(p.freq)),
                  Int32GetDatum(ind_period_year(p)), Int32GetDatum(ind_period_sub(p)),
                  Int32GetDatum(p.ord)};
    bool null[5] = {false, false, false, false, false};
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, null)));
}
