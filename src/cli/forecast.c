/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forecast.c - `indicators forecast FILE`: point forecasts and prediction
 * intervals for every selected series, or (--fit) the fitted model of each.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fcjobs.h"
#include "options.h"

static const char about[] =
    "Forecast each series of FILE with prediction intervals. Output: one row per\n"
    "series and step: series,entity,period,h,forecast,lo80,hi80,lo95,hi95,method\n"
    "(the interval columns follow --level). Notes on a series (fallbacks, filled\n"
    "gaps, no interval for 1 or 2 observations, no forecast for a series without\n"
    "observations or shorter than the method needs) go to stderr as\n"
    "'indicators: note: series NAME: ...'.\n"
    "\n"
    "Gaps (periods without a value) are filled by linear interpolation. A method\n"
    "that fails falls back to drift (or naive) and says so in a note.\n";

typedef struct args {
    cli_common c; /* first: the shared rows' fields (c.fc: method, horizon, levels ...) */
    bool fit;
    const char *path;
} args;

static const cli_option forecast_cmd_rows[] = {
    {.name = "fit", .kind = CLI_FLAG, .offset = offsetof(args, fit),
     .help = "instead of forecasts, one row per series: method, model, parameters, AICc, "
             "in-sample RMSE/MAE/MASE and notes"},
    {.name = "seed", .kind = CLI_INT, .offset = offsetof(args, c.fc.req.seed),
     .size = sizeof(unsigned long), .min = 1, .max = 2147483647L, .metavar = "N",
     .help = "seed of simulated intervals (default fixed)"},
};
static const cli_group forecast_options = CLI_GROUP("Options:", forecast_cmd_rows);

static const cli_command_spec forecast_spec = {
    .name = "forecast",
    .usage = "[OPTIONS] FILE",
    .about = about,
    .groups = (const cli_group *const[]){
        &forecast_options, &cli_method_option, &cli_horizon_option, &cli_to_option,
        &cli_format_option, &cli_output_option,
        &cli_jobs_option, &cli_forecast_options, &cli_select_options, &cli_sorted_option,
        &cli_input_options, NULL,
    },
    .one_file = true,
};

/*
 * Horizon for s: --horizon, or the steps up to --to; 0 (after printing why)
 * when none. A series without observations keeps the default: it gets its
 * note from the library.
 */
static size_t horizon_for(const args *a, const ind_series *s)
{
    size_t h;
    ind_error err;
    if (!cli_given(&a->c, "to") || s->n == 0)
        return a->c.fc.req.horizon;
    if (ind_forecast_horizon_to(s, a->c.fc.to, &h, &err) == IND_OK)
        return h;
    char title[256];
    cli_eprintf("indicators: error: series %s: --to %s\n",
            cli_series_title(s, title, sizeof title), err.message);
    return 0;
}

/* Prints the notes of a job, or why it failed; returns true for an error. */
static bool print_notes(const fc_job *job)
{
    char title[256];
    if (job->st != IND_OK)
        return fc_report_failure(job, NULL);
    if (job->f.note[0])
        cli_eprintf("indicators: note: series %s: %s\n",
                cli_series_title(job->s, title, sizeof title), job->f.note);
    return false;
}

/* Column names lo80, hi80 ... for the levels. */
typedef struct level_names {
    char lo[IND_FORECAST_MAX_LEVELS][16], hi[IND_FORECAST_MAX_LEVELS][16];
} level_names;

static size_t forecast_columns(const ind_forecast_request *fo, level_names *ln, ind_column *cols)
{
    size_t k = 0;
    cols[k++] = (ind_column){"series", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"entity", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"period", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"h", IND_COL_NUMBER, 0, IND_UNIT_YEAR};
    cols[k++] = (ind_column){"forecast", IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
    for (size_t l = 0; l < fo->nlevels; l++) {
        snprintf(ln->lo[l], sizeof ln->lo[l], "lo%g", fo->levels[l]);
        snprintf(ln->hi[l], sizeof ln->hi[l], "hi%g", fo->levels[l]);
        cols[k++] = (ind_column){ln->lo[l], IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
        cols[k++] = (ind_column){ln->hi[l], IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
    }
    cols[k++] = (ind_column){"method", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    return k;
}

static void forecast_rows(ind_table *t, const fc_job *job)
{
    const ind_forecast *f = &job->f;
    ind_period last = ind_series_period(job->s, job->s->n - 1);
    for (size_t i = 0; i < f->h; i++) {
        char period[IND_PERIOD_TEXT_MAX];
        ind_period_format(ind_period_add(last, (int32_t)(i + 1)), period, sizeof period);
        ind_table_text(t, job->s->name);
        ind_table_text(t, job->s->entity);
        ind_table_text(t, period);
        ind_table_number(t, (double)(i + 1));
        ind_table_number(t, f->mean[i]);
        for (size_t l = 0; l < f->nlevels; l++) {
            if (f->has_intervals) {
                ind_table_number(t, f->lo[i * f->nlevels + l]);
                ind_table_number(t, f->hi[i * f->nlevels + l]);
            } else {
                ind_table_note(t, "none");
                ind_table_note(t, "none");
            }
        }
        ind_table_text(t, f->method);
        ind_table_end_row(t);
    }
}

static const ind_column fit_cols[] = {
    {"series", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"entity", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"method", IND_COL_TEXT, 0, IND_UNIT_PLAIN},         {"model", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"observations", IND_COL_NUMBER, 0, IND_UNIT_COUNT},
    {"parameters", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"aicc", IND_COL_NUMBER, 2, IND_UNIT_PLAIN},
    {"rmse", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"mae", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"mase", IND_COL_NUMBER, 3, IND_UNIT_PLAIN},
    {"note", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
};

static void number_or_note(ind_table *t, double v, const char *why)
{
    if (v == v)
        ind_table_number(t, v);
    else
        ind_table_note(t, why);
}

static void fit_row(ind_table *t, const fc_job *job)
{
    const ind_forecast *f = &job->f;
    char params[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < f->nparams && len < sizeof params; i++) {
        len += (size_t)snprintf(params + len, sizeof params - len, "%s%s=%.6g", i ? " " : "",
                                f->param_names[i], f->params[i]);
    }
    ind_table_text(t, job->s->name);
    ind_table_text(t, job->s->entity);
    ind_table_text(t, f->method);
    ind_table_text(t, f->model);
    ind_table_number(t, (double)job->s->n);
    ind_table_text(t, params);
    number_or_note(t, f->aicc, "n/a");
    number_or_note(t, f->rmse, "n/a");
    number_or_note(t, f->mae, "n/a");
    number_or_note(t, f->mase, "n/a");
    ind_table_text(t, f->note);
    ind_table_end_row(t);
}

/* ---- series at a time ---- */

/*
 * Each series is forecast as soon as the loader hands it over (fc_stream) and
 * its rows are written when it is done, in file order. Its notes wait in
 * `later` until the end: a whole load printed every --to error first.
 */
typedef struct run {
    const args *a;
    fc_stream *q;
    ind_table *t;
    ind_column cols[8 + 2 * IND_FORECAST_MAX_LEVELS];
    size_t ncols;
    level_names ln;
    FILE *later;
    size_t added, njobs, made;
    bool failed, nomem;
} run;

static ind_table *new_table(run *r)
{
    if (r->a->fit)
        return cli_table_new(&r->a->c, fit_cols, sizeof fit_cols / sizeof fit_cols[0], cli_out(),
                             "fit");
    return cli_table_new(&r->a->c, r->cols, r->ncols, cli_out(), "forecast");
}

static void job_done(void *ctx, fc_job *job)
{
    run *r = ctx;
    r->njobs++;
    FILE *notes = cli_set_notes(r->later ? r->later : cli_notes());
    r->failed = print_notes(job) || r->failed;
    cli_set_notes(notes);
    if (job->st != IND_OK)
        return;
    r->made++;
    if (r->a->fit)
        fit_row(r->t, job);
    else
        forecast_rows(r->t, job);
}

static int run_series(void *ctx, ind_series *s)
{
    run *r = ctx;
    size_t h = horizon_for(r->a, s);
    if (h == 0) {
        r->failed = true;
        return EXIT_OK;
    }
    if (fc_stream_add(r->q, s, h, &r->a->c.fc) != 0) {
        r->nomem = true;
        cli_eprintf("indicators: error: out of memory\n");
        return EXIT_DATA;
    }
    r->added++;
    return EXIT_OK;
}

/* Makes (again, after a restart) the job queue, the table and the notes file. */
static int run_start(run *r)
{
    fc_stream_free(r->q);
    ind_table_free(r->t);
    if (r->later)
        fclose(r->later);
    r->later = tmpfile(); /* NULL: notes printed at once */
    r->added = r->njobs = r->made = 0;
    r->failed = false;
    r->q = fc_stream_new(r->a->c.fc.jobs, job_done, r);
    r->t = new_table(r);
    if (!r->q || !r->t) {
        cli_eprintf("indicators: error: out of memory\n");
        return EXIT_DATA;
    }
    return EXIT_OK;
}

static int run_restart(void *ctx)
{
    return run_start(ctx);
}

static void run_free(run *r)
{
    fc_stream_free(r->q);
    ind_table_free(r->t);
    if (r->later)
        fclose(r->later);
}

/* After the load: the last forecasts, the notes that waited, the closing checks and the table. */
static int run_finish(run *r)
{
    fc_stream_flush(r->q);
    if (r->later) {
        char buf[1 << 14];
        size_t n;
        rewind(r->later);
        while ((n = fread(buf, 1, sizeof buf, r->later)) > 0)
            fwrite(buf, 1, n, cli_notes());
    }
    bool failed = r->failed;
    if (r->njobs && !r->made && !failed) { /* as growth: notes only when something was computed */
        cli_eprintf("%s: error: no selected series could be forecast (see the notes)\n",
                    r->a->path);
        failed = true;
    }
    ind_table *t = r->t;
    r->t = NULL;
    int status = cli_table_finish(t, cli_out());
    return status != EXIT_OK ? status : failed ? EXIT_DATA : EXIT_OK;
}

int cli_forecast(int argc, char **argv)
{
    args a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.c);
    int status = cli_parse(&forecast_spec, argc, argv, &a);
    if (status != CLI_RUN)
        return status;
    a.path = a.c.files[0];
    run r;
    memset(&r, 0, sizeof r);
    r.a = &a;
    r.ncols = forecast_columns(&a.c.fc.req, &r.ln, r.cols);
    cli_stream_begin(a.path, &a.c.load);
    if ((status = run_start(&r)) == EXIT_OK) {
        cli_each each = {run_series, run_restart, &r};
        status = cli_load_each(a.path, &a.c.load, &a.c.sel, &each, NULL);
    }
    if (status == EXIT_OK)
        status = run_finish(&r);
    else if (cli_stream_direct() && r.added) /* the rows of the series before the error */
        run_finish(&r);
    run_free(&r);
    return cli_stream_end(status);
}
