/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * backtest.c - `indicators backtest FILE --test TESTFILE | --holdout N`:
 * forecasts each series over its held-out periods with one or more methods
 * and reports accuracy per method: sMAPE, MASE (M3/M4 definitions, as
 * scripts/score-forecasts) and the share of held-out values inside each
 * interval. --forecasts writes the forecasts for an independent scorer.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fcjobs.h"
#include "options.h"

static const char about[] =
    "Forecast each series of FILE over periods whose values are known, and report\n"
    "per method: series scored, sMAPE (mean over steps of 200|y-f|/(|y|+|f|), then\n"
    "over series), MASE (mean |y-f| over the in-sample mean absolute one-step change,\n"
    "then over series), the % of held-out values inside each interval (over the\n"
    "forecasts that have intervals; 'none scored' when none has), for the widest\n"
    "interval (e.g. 95%) M4's mean scaled interval score MSIS (mean over steps of\n"
    "U-L + 2/alpha (L-y)[y<L] + 2/alpha (y-U)[y>U], alpha = 0.05 for 95%, over the\n"
    "MASE scale; mean and median over series; lower is better) and the series with\n"
    "a vacuous interval (hi/lo > 100 at some step), the CPU seconds the method took\n"
    "and the series it could not forecast (too short: a note each).\n";

static const char epilog[] =
    "Example: indicators backtest tests/data/forecast/m1-yearly-train.csv \\\n"
    "           --test tests/data/forecast/m1-yearly-test.csv --method auto,drift,ets\n"
    "\n";

#define MAX_METHODS 16

/* --method auto,drift,ets: the methods compared, each once. */
typedef struct method_list {
    const ind_forecast_method *m[MAX_METHODS];
    size_t n;
} method_list;

typedef struct args {
    cli_common c; /* first: the shared rows' fields */
    const char *test, *forecasts, *path;
    long holdout;
    method_list methods;
    bool no_time;
} args;

static int parse_methods(const char *cmd, const cli_option *row, char *arg, void *field);

static const cli_option backtest_rows[] = {
    {.name = "test", .kind = CLI_STRING, .offset = offsetof(args, test), .metavar = "TESTFILE",
     .help = "the values that came after FILE (same series names)"},
    {.name = "holdout", .kind = CLI_INT, .offset = offsetof(args, holdout), .size = sizeof(long),
     .min = 1, .max = 10000, .metavar = "N",
     .help = "hold out the last N periods of each series of FILE"},
    {.name = "method", .kind = CLI_CUSTOM, .parse = parse_methods,
     .offset = offsetof(args, methods), .metavar = "M[,M...]",
     .help = "methods to compare (default auto; see below)"},
    {.name = "forecasts", .kind = CLI_STRING, .offset = offsetof(args, forecasts),
     .metavar = "OUT.csv",
     .help = "also write series,h,forecast,lo80,hi80,lo95,hi95,method, p_below (the format "
             "scripts/score-forecasts reads; p_below is the forecast's P(y <= the held-out "
             "value), the probability target gives, for calibration checks)"},
    {.name = "no-time", .kind = CLI_FLAG, .offset = offsetof(args, no_time),
     .help = "leave out the seconds column (reproducible output)"},
};
static const cli_group backtest_options = CLI_GROUP("Options:", backtest_rows);

static const cli_command_spec backtest_spec = {
    .name = "backtest",
    .usage = "[OPTIONS] FILE (--test TESTFILE | --holdout N)",
    .about = about,
    .groups = (const cli_group *const[]){
        &backtest_options, &cli_format_option, &cli_jobs_option, &cli_forecast_options,
        &cli_select_options, &cli_input_options, NULL,
    },
    .epilog = epilog,
    .one_file = true,
};

/* One series to score: its training part and the values that came after. */
typedef struct case_ {
    ind_series train; /* shallow: points into the loaded dataset */
    double *actual;   /* [h] values of the steps after the training part, NAN unknown */
    size_t h;
} case_;

/* "auto,drift,ets": every name read (no copy to cut short), none empty or twice. */
static int parse_methods(const char *cmd, const cli_option *row, char *arg, void *field)
{
    method_list *l = field;
    l->n = 0;
    for (const char *p = arg;; p++) {
        size_t len = strcspn(p, ",");
        char name[64];
        if (len == 0)
            return cli_usage_error(cmd, "--%s '%s': an empty method name", row->name, arg);
        if (l->n == MAX_METHODS)
            return cli_usage_error(cmd, "at most %d methods", MAX_METHODS);
        if (len >= sizeof name)
            return cli_usage_error(cmd, "--%s: unknown method '%.*s...'", row->name, 32, p);
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        ind_error err;
        const ind_forecast_method *m = ind_forecast_method_find(name, &err);
        if (!m)
            return cli_usage_error(cmd, "%s", err.message);
        for (size_t k = 0; k < l->n; k++)
            if (l->m[k] == m)
                return cli_usage_error(cmd, "--%s names %s twice", row->name, m->name);
        l->m[l->n++] = m;
        p += len;
        if (*p == '\0')
            return 0;
    }
}

static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    cli_common_init(&a->c);
    a->methods.m[0] = a->c.fc.req.method;
    a->methods.n = 1;
    int status = cli_parse(&backtest_spec, argc, argv, a);
    if (status != CLI_RUN)
        return status;
    if (!a->test == !a->holdout)
        return cli_usage_error("backtest", "give either --test TESTFILE or --holdout N");
    a->path = a->c.files[0];
    return CLI_RUN;
}

/* Prints "indicators: error|note: series S: what FILE"; returns -1 for an error, 1 for a note. */
static int series_message(bool error, const ind_series *s, const char *what, const char *file)
{
    char title[256];
    cli_series_title(s, title, sizeof title);
    cli_eprintf("indicators: %s: series %s: %s%s\n", error ? "error" : "note", title, what,
            file ? file : "");
    return error ? -1 : 1;
}

/*
 * The case of s against test series t (or its own last holdout periods).
 * Returns 0, 1 when the series cannot be scored (a note: no observations,
 * too short to hold out), -1 for an error (printed).
 */
static int make_case(const args *a, const ind_series *s, const ind_dataset *test, case_ *c)
{
    memset(c, 0, sizeof *c);
    c->train = *s;
    const ind_series *future = s;
    if (s->n == 0)
        return series_message(false, s, "no observations: nothing to forecast", NULL);
    if (a->holdout) {
        if (s->n <= (size_t)a->holdout)
            return series_message(false, s, "not scored: no more observations than --holdout",
                                  NULL);
        return ind_forecast_holdout(s, (size_t)a->holdout, &c->train, &c->actual, &c->h, NULL) ==
                       IND_OK
                   ? 0
                   : -1;
    } else if (!(future = ind_dataset_find(test, s->name, s->entity))) {
        return series_message(true, s, "is not in ", a->test);
    } else if (future->n == 0) {
        return series_message(false, s, "not scored: no values in ", a->test);
    }
    int32_t last = c->train.ord[c->train.n - 1];
    int32_t end = future->ord[future->n - 1];
    if (future->freq != s->freq || end <= last)
        return series_message(true, s, "has no held-out values after its last training period",
                              NULL);
    c->h = (size_t)(end - last);
    c->actual = malloc(c->h * sizeof *c->actual);
    if (!c->actual)
        return -1;
    for (size_t i = 0; i < c->h; i++)
        c->actual[i] = NAN;
    for (size_t i = 0; i < future->n; i++)
        if (future->ord[i] > last)
            c->actual[future->ord[i] - last - 1] = future->value[i];
    return 0;
}

/* Per-method totals. */
typedef struct tally {
    size_t series, failed, mase_series;
    size_t interval_points; /* held-out values scored against a forecast with intervals */
    double smape, mase, seconds;
    size_t inside[IND_FORECAST_MAX_LEVELS];
    size_t wide;      /* the level whose interval score is reported: the widest */
    double *msis;     /* [series] scores at that level (NAN skipped), caller-owned */
    size_t nmsis, vacuous;
} tally;

/* Index of the widest interval level (MSIS is reported for it). */
static size_t widest_level(const ind_forecast_request *fo)
{
    size_t w = 0;
    for (size_t k = 1; k < fo->nlevels; k++)
        if (fo->levels[k] > fo->levels[w])
            w = k;
    return w;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void score_job(const fc_job *job, const case_ *c, tally *t)
{
    t->seconds += job->seconds;
    if (job->st != IND_OK) {
        t->failed++;
        return;
    }
    ind_forecast_accuracy acc;
    if (ind_forecast_accuracy_of(&job->f, c->train.value, c->train.n, c->actual, c->h, &acc,
                                 NULL) != IND_OK)
        return;
    t->series++;
    t->smape += acc.smape; /* always finite: ind_forecast_accuracy_of */
    if (isfinite(acc.mase)) { /* undefined for a flat training part, infinite for a tiny one */
        t->mase += acc.mase;
        t->mase_series++;
    }
    /* coverage is a share of the values that had an interval to fall in */
    if (!job->f.has_intervals)
        return;
    t->interval_points += acc.n;
    for (size_t k = 0; k < job->f.nlevels; k++)
        t->inside[k] += acc.inside[k];
    if (t->wide < job->f.nlevels) {
        if (isfinite(acc.msis[t->wide]))
            t->msis[t->nmsis++] = acc.msis[t->wide];
        t->vacuous += acc.vacuous[t->wide];
    }
}

/* One row per step; p_below is the forecast's P(y <= the value that came), target's P(meet). */
static void write_forecasts(ind_table *t, const fc_job *job, const case_ *c)
{
    char id[256];
    if (job->st != IND_OK)
        return;
    cli_series_title(job->s, id, sizeof id);
    for (size_t i = 0; i < job->f.h; i++) {
        ind_table_text(t, id);
        ind_table_number(t, (double)(i + 1));
        ind_table_number(t, job->f.mean[i]);
        for (size_t k = 0; k < job->f.nlevels; k++) {
            if (job->f.has_intervals) {
                ind_table_number(t, job->f.lo[i * job->f.nlevels + k]);
                ind_table_number(t, job->f.hi[i * job->f.nlevels + k]);
            } else {
                ind_table_empty(t);
                ind_table_empty(t);
            }
        }
        ind_table_text(t, job->f.method);
        double p = i < c->h ? ind_forecast_prob_below(&job->f, i, c->actual[i]) : NAN;
        if (isnan(p))
            ind_table_empty(t);
        else
            ind_table_number(t, p);
        ind_table_end_row(t);
    }
}

typedef struct level_names {
    char lo[IND_FORECAST_MAX_LEVELS][16], hi[IND_FORECAST_MAX_LEVELS][16];
    char pi[IND_FORECAST_MAX_LEVELS][16];
    char msis[24], msis_median[32], vacuous[24];
} level_names;

static ind_table *forecasts_table(const args *a, FILE *out, level_names *ln)
{
    ind_column cols[5 + 2 * IND_FORECAST_MAX_LEVELS];
    size_t k = 0;
    cols[k++] = (ind_column){"series", IND_COL_TEXT, 0};
    cols[k++] = (ind_column){"h", IND_COL_NUMBER, 0};
    cols[k++] = (ind_column){"forecast", IND_COL_NUMBER, -1};
    for (size_t l = 0; l < a->c.fc.req.nlevels; l++) {
        snprintf(ln->lo[l], sizeof ln->lo[l], "lo%g", a->c.fc.req.levels[l]);
        snprintf(ln->hi[l], sizeof ln->hi[l], "hi%g", a->c.fc.req.levels[l]);
        cols[k++] = (ind_column){ln->lo[l], IND_COL_NUMBER, -1};
        cols[k++] = (ind_column){ln->hi[l], IND_COL_NUMBER, -1};
    }
    cols[k++] = (ind_column){"method", IND_COL_TEXT, 0};
    cols[k++] = (ind_column){"p_below", IND_COL_NUMBER, -1};
    ind_table_options exact; /* data for a scorer: every digit */
    ind_table_options_init(&exact);
    exact.exact = true;
    return ind_table_new_with(cols, k, IND_FORMAT_CSV, &exact, out);
}

static ind_table *report_table(const args *a, level_names *ln)
{
    ind_column cols[11 + IND_FORECAST_MAX_LEVELS];
    size_t k = 0;
    cols[k++] = (ind_column){"method", IND_COL_TEXT, 0};
    cols[k++] = (ind_column){"series", IND_COL_NUMBER, 0};
    cols[k++] = (ind_column){"smape", IND_COL_NUMBER, 2};
    cols[k++] = (ind_column){"mase", IND_COL_NUMBER, 3};
    for (size_t l = 0; l < a->c.fc.req.nlevels; l++) {
        snprintf(ln->pi[l], sizeof ln->pi[l], "pi%g", a->c.fc.req.levels[l]);
        cols[k++] = (ind_column){ln->pi[l], IND_COL_NUMBER, 1};
    }
    double wide = a->c.fc.req.levels[widest_level(&a->c.fc.req)];
    snprintf(ln->msis, sizeof ln->msis, "msis%g", wide);
    snprintf(ln->msis_median, sizeof ln->msis_median, "msis%g_median", wide);
    snprintf(ln->vacuous, sizeof ln->vacuous, "vacuous%g", wide);
    cols[k++] = (ind_column){ln->msis, IND_COL_NUMBER, 2};
    cols[k++] = (ind_column){ln->msis_median, IND_COL_NUMBER, 2};
    cols[k++] = (ind_column){ln->vacuous, IND_COL_NUMBER, 0};
    if (!a->no_time)
        cols[k++] = (ind_column){"seconds", IND_COL_NUMBER, 3};
    cols[k++] = (ind_column){"failed", IND_COL_NUMBER, 0};
    return cli_table_new(&a->c, cols, k, stdout, "backtest");
}

/* Mean and median of the interval scores, or notes when there are none. */
static void report_msis(ind_table *t, tally *s)
{
    if (s->nmsis == 0) {
        ind_table_note(t, "no interval");
        ind_table_note(t, "no interval");
        ind_table_note(t, "no interval");
        return;
    }
    double sum = 0;
    for (size_t i = 0; i < s->nmsis; i++)
        sum += s->msis[i];
    qsort(s->msis, s->nmsis, sizeof *s->msis, cmp_double);
    ind_table_number(t, sum / (double)s->nmsis);
    ind_table_number(t, (s->msis[(s->nmsis - 1) / 2] + s->msis[s->nmsis / 2]) / 2);
    ind_table_number(t, (double)s->vacuous);
}

static void report_row(ind_table *t, const char *method, tally *s, size_t nlevels, bool time)
{
    ind_table_text(t, method);
    ind_table_number(t, (double)s->series);
    if (s->series)
        ind_table_number(t, s->smape / (double)s->series);
    else
        ind_table_note(t, "none scored");
    if (s->mase_series)
        ind_table_number(t, s->mase / (double)s->mase_series);
    else
        ind_table_note(t, "none scored");
    for (size_t k = 0; k < nlevels; k++)
        if (s->interval_points)
            ind_table_number(t, 100.0 * (double)s->inside[k] / (double)s->interval_points);
        else
            ind_table_note(t, "none scored");
    report_msis(t, s);
    if (time)
        ind_table_number(t, s->seconds);
    ind_table_number(t, (double)s->failed);
    ind_table_end_row(t);
}

/*
 * Runs one method over all cases into t (free t->msis after); writes its
 * forecasts to ft when not NULL. Returns -1 when out of memory, else the
 * number of series that failed with an error (a series too short for the
 * method is a note, counted in t->failed).
 */
static long run_method(const args *a, const ind_forecast_method *method, case_ *cases,
                       size_t ncases, ind_table *ft, tally *t)
{
    fc_cli_options o = a->c.fc;
    o.req.method = method;
    memset(t, 0, sizeof *t);
    t->wide = widest_level(&o.req);
    t->msis = malloc((ncases ? ncases : 1) * sizeof *t->msis); /* freed by the caller */
    fc_job *jobs = calloc(ncases ? ncases : 1, sizeof *jobs);
    if (!jobs || !t->msis) {
        free(jobs);
        return -1;
    }
    long errors = 0;
    for (size_t i = 0; i < ncases; i++)
        fc_job_init(&jobs[i], &cases[i].train, cases[i].h, &o);
    char what[64];
    snprintf(what, sizeof what, "backtest %s", method->name);
    fc_run_jobs(jobs, ncases, o.jobs, what);
    for (size_t i = 0; i < ncases; i++) {
        if (jobs[i].st != IND_OK && fc_report_failure(&jobs[i], method->name))
            errors++;
        score_job(&jobs[i], &cases[i], t);
        if (ft)
            write_forecasts(ft, &jobs[i], &cases[i]);
    }
    for (size_t i = 0; i < ncases; i++)
        fc_job_clear(&jobs[i]);
    free(jobs);
    return errors;
}

static int run_all(const args *a, case_ *cases, size_t ncases)
{
    level_names ln;
    FILE *fout = NULL;
    ind_table *ft = NULL;
    if (a->forecasts) {
        if (!(fout = fopen(a->forecasts, "w"))) {
            cli_eprintf("%s: error: cannot write: %s\n", a->forecasts, strerror(errno));
            return EXIT_DATA;
        }
        ft = forecasts_table(a, fout, &ln);
    }
    ind_table *rt = report_table(a, &ln);
    int status = rt && (!a->forecasts || ft) ? EXIT_OK : EXIT_DATA;
    bool errors = false, scored = false;
    for (size_t m = 0; status == EXIT_OK && m < a->methods.n; m++) {
        tally t;
        long failed = run_method(a, a->methods.m[m], cases, ncases, ft, &t);
        if (failed < 0) {
            fputs("indicators: error: out of memory\n", stderr);
            status = EXIT_DATA;
        } else {
            errors = errors || failed > 0;
            scored = scored || t.series > 0;
            report_row(rt, a->methods.m[m]->name, &t, a->c.fc.req.nlevels, !a->no_time);
        }
        free(t.msis);
    }
    if (ft && ind_table_finish(ft) != IND_OK)
        status = EXIT_DATA;
    if (fout)
        status = cli_close_output(fout, a->forecasts, status);
    if (rt && ind_table_finish(rt) != IND_OK)
        status = EXIT_DATA;
    if (status == EXIT_OK && !errors && !scored) { /* as growth: nothing computed is a failure */
        cli_eprintf("%s: error: no series could be scored (see the notes)\n", a->path);
        errors = true;
    }
    return status == EXIT_OK && errors ? EXIT_DATA : status;
}

int cli_backtest(int argc, char **argv)
{
    args a;
    int status = parse_args(argc, argv, &a);
    if (status != CLI_RUN)
        return status;
    ind_dataset *ds = NULL, *test = NULL;
    if ((status = cli_load(a.path, &a.c.load, &a.c.sel, &ds, NULL)) != EXIT_OK)
        return status;
    if (a.test && (status = cli_load(a.test, &a.c.load, NULL, &test, NULL)) != EXIT_OK) {
        ind_dataset_free(ds);
        return status;
    }
    size_t count = ind_dataset_count(ds), ncases = 0;
    case_ *cases = calloc(count ? count : 1, sizeof *cases);
    bool failed = !cases;
    for (size_t i = 0; cases && i < count; i++) {
        const ind_series *s = ind_dataset_at(ds, i);
        if (!cli_selected(&a.c.sel, s))
            continue;
        int rc = make_case(&a, s, test, &cases[ncases]);
        if (rc == 0)
            ncases++;
        else
            failed = failed || rc < 0;
    }
    status = cases ? run_all(&a, cases, ncases) : EXIT_DATA;
    for (size_t i = 0; i < ncases; i++)
        free(cases[i].actual);
    free(cases);
    ind_dataset_free(ds);
    ind_dataset_free(test);
    return status != EXIT_OK ? status : failed ? EXIT_DATA : EXIT_OK;
}
