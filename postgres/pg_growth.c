/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pg_growth.c - the growth aggregates ind_cagr(period, value) and
 * ind_growth(period, value [, unit]): the figures of ind_growth_summarize
 * over the rows of a group, as `indicators growth` computes them for a
 * series (rates in percent, as its cagr_pct column).
 */
#include "pgind.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(ind_growth_trans);
/* (state, period, value [, unit]): collects one row. */
Datum ind_growth_trans(PG_FUNCTION_ARGS)
{
    pgind_state *st = pgind_state_get(fcinfo, "ind_growth");
    if (PG_NARGS() > 3) {
        pgind_opts o;
        memset(&o, 0, sizeof o);
        if (!PG_ARGISNULL(3))
            pgind_text_arg(fcinfo, 3, "unit", o.unit, sizeof o.unit);
        pgind_state_opts(st, &o, "ind_growth");
    }
    if (!PG_ARGISNULL(2))
        pgind_state_add(st, pgind_period_arg(fcinfo, 1), PG_GETARG_FLOAT8(2));
    PG_RETURN_POINTER(st);
}

/*
 * Summarises the state's observations into *g; false (and why in err) when
 * the group has no observation. Library errors of the data (a period twice)
 * are raised.
 */
static bool summarize(pgind_state *st, ind_growth_summary *g, ind_error *err)
{
    ind_dataset *volatile ds = NULL;
    volatile ind_status status = IND_OK;
    PG_TRY();
    {
        ds = pgind_dataset_new();
        ind_series *s = pgind_series(ds, "ind_growth", st->obs, (size_t)st->n, st->opts.unit);
        status = ind_growth_summarize(s, NULL, g, err);
    }
    PG_FINALLY();
    {
        ind_dataset_free(ds);
    }
    PG_END_TRY();
    if (status != IND_OK && status != IND_E_UNDEFINED)
        pgind_raise(status, err);
    return status == IND_OK;
}

PG_FUNCTION_INFO_V1(ind_cagr_final);
/* CAGR in percent a year from the first to the latest observation; NULL when undefined. */
Datum ind_cagr_final(PG_FUNCTION_ARGS)
{
    ind_growth_summary g;
    ind_error err;
    ind_error_clear(&err);
    if (PG_ARGISNULL(0) || !summarize((pgind_state *)PG_GETARG_POINTER(0), &g, &err) ||
        !g.cagr.defined)
        PG_RETURN_NULL();
    PG_RETURN_FLOAT8(g.cagr.value * 100);
}

/* The columns of type ind_growth_result, in order. */
enum { G_FIRST, G_LATEST, G_CAGR, G_PP, G_MULTIPLE, G_DOUBLING, G_NOTE, G_FIRST_PERIOD,
       G_LATEST_PERIOD, G_YEARS, G_NCOLS };

/* Sets column k to figure f (times scale), or NULL and "name: why" added to note. */
static void figure(Datum *v, bool *null, int k, ind_figure f, double scale, const char *name,
                   bool noted, StringInfo note)
{
    if (f.defined) {
        v[k] = Float8GetDatum(f.value * scale);
        return;
    }
    null[k] = true;
    if (noted)
        appendStringInfo(note, "%s%s: %s", note->len ? "; " : "", name, f.why);
}

PG_FUNCTION_INFO_V1(ind_growth_final);
/*
 * (first, latest, cagr, pp, multiple, doubling_years, note, first_period,
 * latest_period, years): the names and scales of `indicators growth --format
 * csv` (cagr there is cagr_pct). An undefined figure is NULL and its reason
 * is in note, as in the CLI's notes column; pp of a series that is not in %
 * is NULL without a note, as there.
 */
Datum ind_growth_final(PG_FUNCTION_ARGS)
{
    TupleDesc desc = pgind_result_desc(fcinfo, "ind_growth");
    if (PG_ARGISNULL(0))
        PG_RETURN_NULL();
    Datum v[G_NCOLS];
    bool null[G_NCOLS];
    memset(null, 0, sizeof null);
    StringInfoData note;
    initStringInfo(&note);
    ind_growth_summary g;
    ind_error err;
    ind_error_clear(&err);
    if (!summarize((pgind_state *)PG_GETARG_POINTER(0), &g, &err)) {
        for (int k = 0; k < G_NCOLS; k++)
            null[k] = true;
        null[G_NOTE] = false;
        v[G_NOTE] = pgind_text_datum(err.message);
        PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, null)));
    }
    figure(v, null, G_FIRST, g.first, 1, "first", true, &note);
    figure(v, null, G_LATEST, g.latest, 1, "latest", true, &note);
    figure(v, null, G_CAGR, g.cagr, 100, "cagr", true, &note);
    figure(v, null, G_PP, g.pp, 1, "pp", g.percent, &note);
    figure(v, null, G_MULTIPLE, g.multiple, 1, "multiple", true, &note);
    figure(v, null, G_DOUBLING, g.doubling_time, 1, "doubling_years", true, &note);
    figure(v, null, G_YEARS, g.years, 1, "years", false, &note);
    pgind_period_column(v, null, G_FIRST_PERIOD, g.has_window, g.start);
    pgind_period_column(v, null, G_LATEST_PERIOD, g.has_end, g.end);
    pgind_text_column(v, null, G_NOTE, note.data);
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, v, null)));
}
