/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forecast.c - `indicators forecast FILE`: point forecasts and prediction
 * intervals for every selected series, or (--fit) the fitted model of each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fcjobs.h"

static const char help[] =
    "Usage: indicators forecast [OPTIONS] FILE\n"
    "\n"
    "Forecast each series of FILE with prediction intervals. Output: one row per\n"
    "series and step: series,entity,period,h,forecast,lo80,hi80,lo95,hi95,method\n"
    "(the interval columns follow --level). Notes on a series (fallbacks, filled\n"
    "gaps, no interval for 1 or 2 observations, no forecast for a series without\n"
    "observations or shorter than the method needs) go to stderr as\n"
    "'indicators: note: series NAME: ...'.\n"
    "\n"
    "  --method M            forecasting method (default auto; see below)\n"
    "  --horizon N           steps ahead (default 5)\n"
    "  --to PERIOD           forecast up to PERIOD (e.g. 2035) instead of --horizon\n";

static const char help_tail[] =
    "  --fit                 instead of forecasts, one row per series: method, model,\n"
    "                        parameters, AICc, in-sample RMSE/MAE/MASE and notes\n"
    "  --format table|csv|json|md   output format (default table)\n"
    "  --jobs N              forecast on N threads (default 1)\n"
    "  --seed N              seed of simulated intervals (default fixed)\n"
    "  -h, --help            this help\n"
    "\n"
    "Gaps (periods without a value) are filled by linear interpolation. A method\n"
    "that fails falls back to drift (or naive) and says so in a note.\n"
    "\n";

enum {
    OPT_METHOD = OPT_FIRST_COMMAND_OPTION,
    OPT_HORIZON,
    OPT_TO,
    OPT_FIT,
    OPT_SEED,
    OPT_HELP = 'h',
};

static const struct option longopts[] = {
    CLI_LOAD_OPTIONS,
    CLI_SELECT_OPTIONS,
    FC_CLI_OPTIONS,
    {"method", required_argument, NULL, OPT_METHOD},
    {"horizon", required_argument, NULL, OPT_HORIZON},
    {"to", required_argument, NULL, OPT_TO},
    {"fit", no_argument, NULL, OPT_FIT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"seed", required_argument, NULL, OPT_SEED},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

typedef struct args {
    ind_load_options load;
    cli_selection sel;
    fc_cli_options fc;
    bool fit, has_to, has_horizon;
    ind_period to;
    ind_format fmt;
    const char *path;
} args;

static int command_option(args *a, int c, char *arg)
{
    long v;
    switch (c) {
    case OPT_METHOD:
        return fc_parse_method("forecast", arg, &a->fc.req.method);
    case OPT_HORIZON:
        a->has_horizon = true;
        if (fc_parse_count("forecast", "--horizon", arg, IND_FORECAST_MAX_HORIZON, &v))
            return EXIT_USAGE;
        a->fc.req.horizon = (size_t)v;
        return 0;
    case OPT_TO:
        a->has_to = true;
        if (ind_period_parse(arg, strlen(arg), &a->to) != 0)
            return cli_usage_error("forecast",
                                   "--to takes a period such as 2035 or 2030Q4, "
                                   "not '%s'",
                                   arg);
        return 0;
    case OPT_FIT:
        a->fit = true;
        return 0;
    case OPT_FORMAT:
        return cli_format_option("forecast", arg, &a->fmt);
    case OPT_SEED:
        if (fc_parse_count("forecast", "--seed", arg, 2147483647L, &v))
            return EXIT_USAGE;
        a->fc.req.seed = (unsigned long)v;
        return 0;
    default:
        return cli_usage_error("forecast", "unknown option");
    }
}

/* Parses argv into a; returns -1 to go on, or the exit status (help, usage error). */
static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    ind_load_options_init(&a->load);
    fc_cli_options_init(&a->fc);
    int c, handled;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if ((handled = fc_shared_option("forecast", c, optarg, &a->load, &a->sel, &a->fc)) != 0) {
            if (handled != 1)
                return handled;
        } else if (c == OPT_HELP) {
            fputs(help, stdout);
            fputs(fc_request_help, stdout);
            fc_print_help(help_tail);
            return EXIT_OK;
        } else if (command_option(a, c, optarg) != 0) {
            return EXIT_USAGE;
        }
    }
    if (a->has_to && a->has_horizon)
        return cli_usage_error("forecast", "give --horizon or --to, not both");
    if (optind != argc - 1)
        return cli_usage_error("forecast", "expects exactly one FILE");
    a->path = argv[optind];
    return -1;
}

/*
 * Horizon for s: --horizon, or the steps up to --to; 0 (after printing why)
 * when none. A series without observations keeps the default: it gets its
 * note from the library.
 */
static size_t horizon_for(const args *a, const ind_series *s)
{
    size_t h;
    ind_error err;
    if (!a->has_to || s->n == 0)
        return a->fc.req.horizon;
    if (ind_forecast_horizon_to(s, a->to, &h, &err) == IND_OK)
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
    cols[k++] = (ind_column){"series", IND_COL_TEXT, 0};
    cols[k++] = (ind_column){"entity", IND_COL_TEXT, 0};
    cols[k++] = (ind_column){"period", IND_COL_TEXT, 0};
    cols[k++] = (ind_column){"h", IND_COL_NUMBER, 0};
    cols[k++] = (ind_column){"forecast", IND_COL_NUMBER, -1};
    for (size_t l = 0; l < fo->nlevels; l++) {
        snprintf(ln->lo[l], sizeof ln->lo[l], "lo%g", fo->levels[l]);
        snprintf(ln->hi[l], sizeof ln->hi[l], "hi%g", fo->levels[l]);
        cols[k++] = (ind_column){ln->lo[l], IND_COL_NUMBER, -1};
        cols[k++] = (ind_column){ln->hi[l], IND_COL_NUMBER, -1};
    }
    cols[k++] = (ind_column){"method", IND_COL_TEXT, 0};
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
    {"series", IND_COL_TEXT, 0},         {"entity", IND_COL_TEXT, 0},
    {"method", IND_COL_TEXT, 0},         {"model", IND_COL_TEXT, 0},
    {"observations", IND_COL_NUMBER, 0}, {"parameters", IND_COL_TEXT, 0},
    {"aicc", IND_COL_NUMBER, 2},         {"rmse", IND_COL_NUMBER, -1},
    {"mae", IND_COL_NUMBER, -1},         {"mase", IND_COL_NUMBER, 3},
    {"note", IND_COL_TEXT, 0},
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

static int write_output(const args *a, fc_job *jobs, size_t njobs)
{
    ind_column cols[8 + 2 * IND_FORECAST_MAX_LEVELS];
    level_names ln;
    ind_table *t;
    if (a->fit)
        t = ind_table_new(fit_cols, sizeof fit_cols / sizeof fit_cols[0], a->fmt, stdout);
    else
        t = ind_table_new(cols, forecast_columns(&a->fc.req, &ln, cols), a->fmt, stdout);
    if (!t)
        return EXIT_DATA;
    for (size_t i = 0; i < njobs; i++) {
        if (jobs[i].st != IND_OK)
            continue;
        if (a->fit)
            fit_row(t, &jobs[i]);
        else
            forecast_rows(t, &jobs[i]);
    }
    return ind_table_finish(t) == IND_OK ? EXIT_OK : EXIT_DATA;
}

int cli_forecast(int argc, char **argv)
{
    args a;
    int status = parse_args(argc, argv, &a);
    if (status >= 0)
        return status;
    ind_dataset *ds = NULL;
    if ((status = cli_load(a.path, &a.load, &a.sel, &ds, NULL)) != EXIT_OK)
        return status;
    size_t count = ind_dataset_count(ds), njobs = 0;
    fc_job *jobs = calloc(count ? count : 1, sizeof *jobs);
    bool failed = false;
    for (size_t i = 0; jobs && i < count; i++) {
        const ind_series *s = ind_dataset_at(ds, i);
        if (!cli_selected(&a.sel, s))
            continue;
        size_t h = horizon_for(&a, s);
        if (h == 0) {
            failed = true;
            continue;
        }
        fc_job_init(&jobs[njobs++], s, h, &a.fc);
    }
    if (!jobs) {
        cli_eprintf("indicators: error: out of memory\n");
        ind_dataset_free(ds);
        return EXIT_DATA;
    }
    fc_run_jobs(jobs, njobs, a.fc.jobs, "forecasting");
    size_t made = 0;
    for (size_t i = 0; i < njobs; i++) {
        failed = print_notes(&jobs[i]) || failed;
        made += jobs[i].st == IND_OK;
    }
    if (njobs && !made && !failed) { /* as growth: notes only when something was computed */
        cli_eprintf("%s: error: no selected series could be forecast (see the notes)\n",
                a.path);
        failed = true;
    }
    status = write_output(&a, jobs, njobs);
    for (size_t i = 0; i < njobs; i++)
        fc_job_clear(&jobs[i]);
    free(jobs);
    ind_dataset_free(ds);
    return status != EXIT_OK ? status : failed ? EXIT_DATA : EXIT_OK;
}
