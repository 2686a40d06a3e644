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
#include "pool.h"

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
    "and the series it could not forecast (too short: a note each).\n"
    "Series at a time: when the rows of each series are together (see --sorted),\n"
    "each series is forecast and scored as soon as it is read, so memory holds a\n"
    "few series per thread plus, for the MSIS medians, one number per series and\n"
    "method; TESTFILE is read whole.\n";

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
        &backtest_options, &cli_format_option, &cli_output_option, &cli_jobs_option,
        &cli_forecast_options, &cli_select_options, &cli_sorted_option, &cli_input_options, NULL,
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
    cols[k++] = (ind_column){"series", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"h", IND_COL_NUMBER, 0, IND_UNIT_YEAR};
    cols[k++] = (ind_column){"forecast", IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
    for (size_t l = 0; l < a->c.fc.req.nlevels; l++) {
        snprintf(ln->lo[l], sizeof ln->lo[l], "lo%g", a->c.fc.req.levels[l]);
        snprintf(ln->hi[l], sizeof ln->hi[l], "hi%g", a->c.fc.req.levels[l]);
        cols[k++] = (ind_column){ln->lo[l], IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
        cols[k++] = (ind_column){ln->hi[l], IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
    }
    cols[k++] = (ind_column){"method", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"p_below", IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
    ind_table_options exact; /* data for a scorer: every digit */
    ind_table_options_init(&exact);
    exact.exact = true;
    return ind_table_new_with(cols, k, IND_FORMAT_CSV, &exact, out);
}

static ind_table *report_table(const args *a, level_names *ln)
{
    ind_column cols[11 + IND_FORECAST_MAX_LEVELS];
    size_t k = 0;
    cols[k++] = (ind_column){"method", IND_COL_TEXT, 0, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"series", IND_COL_NUMBER, 0, IND_UNIT_COUNT};
    cols[k++] = (ind_column){"smape", IND_COL_NUMBER, 2, IND_UNIT_PERCENT};
    cols[k++] = (ind_column){"mase", IND_COL_NUMBER, 3, IND_UNIT_PLAIN};
    for (size_t l = 0; l < a->c.fc.req.nlevels; l++) {
        snprintf(ln->pi[l], sizeof ln->pi[l], "pi%g", a->c.fc.req.levels[l]);
        cols[k++] = (ind_column){ln->pi[l], IND_COL_NUMBER, 1, IND_UNIT_PERCENT};
    }
    double wide = a->c.fc.req.levels[widest_level(&a->c.fc.req)];
    snprintf(ln->msis, sizeof ln->msis, "msis%g", wide);
    snprintf(ln->msis_median, sizeof ln->msis_median, "msis%g_median", wide);
    snprintf(ln->vacuous, sizeof ln->vacuous, "vacuous%g", wide);
    cols[k++] = (ind_column){ln->msis, IND_COL_NUMBER, 2, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){ln->msis_median, IND_COL_NUMBER, 2, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){ln->vacuous, IND_COL_NUMBER, 0, IND_UNIT_COUNT};
    if (!a->no_time)
        cols[k++] = (ind_column){"seconds", IND_COL_NUMBER, 3, IND_UNIT_PLAIN};
    cols[k++] = (ind_column){"failed", IND_COL_NUMBER, 0, IND_UNIT_COUNT};
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

/* ---- series at a time ---- */

/*
 * Each series is set up (make_case) as the loader hands it over, forecast by
 * every method on the pool's threads (pool.h) and scored when it is done, in
 * file order, so memory holds a window of series, not the file. The
 * summary's sums are kept as the series come; the medians need every
 * series' MSIS, one double a series and method. What a whole load printed
 * method by method - the notes of the series a method could not forecast,
 * the --forecasts rows - waits in a temporary file per method until the end.
 */
typedef struct bt_item {
    ind_series *own; /* taken from the loader; c.train is a view of it */
    case_ c;
    fc_job job[MAX_METHODS];
} bt_item;

/* One method's request, totals, and what waits of its output. */
typedef struct method_run {
    fc_cli_options o;
    tally t;
    size_t msis_cap;
    long errors;      /* series it failed on with an error (not a note) */
    FILE *notes;      /* its notes (NULL: printed at once) */
    FILE *rows;       /* --forecasts: its rows as CSV, with a header line */
    ind_table *ft;
} method_run;

typedef struct run {
    const args *a;
    ind_dataset *test; /* --test, loaded at the first series (after FILE's messages) */
    bool test_read;
    cli_pool *pool;
    method_run m[MAX_METHODS];
    level_names ln;
    bool failed; /* a series could not be set up (error printed) */
} run;

static void item_work(void *ctx, void *item)
{
    const run *r = ctx;
    bt_item *it = item;
    for (size_t m = 0; m < r->a->methods.n; m++) {
        fc_job_init(&it->job[m], &it->c.train, it->c.h, &r->m[m].o);
        fc_job_run(&it->job[m]);
    }
}

static void item_drop(void *ctx, void *item)
{
    (void)ctx;
    bt_item *it = item;
    for (size_t m = 0; m < MAX_METHODS; m++)
        fc_job_clear(&it->job[m]);
    free(it->c.actual);
    it->c.actual = NULL;
    ind_series_free(it->own);
    it->own = NULL;
}

/* Room for one more MSIS of method mr; false when out of memory. */
static bool msis_room(method_run *mr)
{
    if (mr->t.nmsis < mr->msis_cap)
        return true;
    size_t cap = mr->msis_cap ? 2 * mr->msis_cap : 1024;
    double *grown = realloc(mr->t.msis, cap * sizeof *grown);
    if (!grown)
        return false;
    mr->t.msis = grown;
    mr->msis_cap = cap;
    return true;
}

/* Scores a series done by every method, in file order. */
static bool item_done(void *ctx, void *item)
{
    run *r = ctx;
    bt_item *it = item;
    bool ok = true;
    for (size_t m = 0; m < r->a->methods.n; m++) {
        method_run *mr = &r->m[m];
        const fc_job *job = &it->job[m];
        if (job->st != IND_OK) {
            FILE *was = cli_set_notes(mr->notes);
            mr->errors += fc_report_failure(job, r->a->methods.m[m]->name);
            cli_set_notes(was);
        }
        ok = msis_room(mr) && ok;
        if (ok)
            score_job(job, &it->c, &mr->t);
        if (mr->ft)
            write_forecasts(mr->ft, job, &it->c);
    }
    item_drop(ctx, item);
    if (!ok)
        cli_eprintf("indicators: error: out of memory\n");
    return ok;
}

/* Ends every method's output and forgets what was made (the load starts over, or is done). */
static void run_clear(run *r)
{
    cli_pool_free(r->pool);
    r->pool = NULL;
    for (size_t m = 0; m < MAX_METHODS; m++) {
        method_run *mr = &r->m[m];
        ind_table_free(mr->ft);
        if (mr->notes)
            fclose(mr->notes);
        if (mr->rows)
            fclose(mr->rows);
        free(mr->t.msis);
        memset(mr, 0, sizeof *mr);
    }
    ind_dataset_free(r->test);
    r->test = NULL;
    r->test_read = false;
}

/* Makes (again, after a restart) the pool and each method's totals and files. */
static int run_start(run *r)
{
    static const cli_pool_fns fns = {item_work, item_done, item_drop};
    const args *a = r->a;
    run_clear(r);
    r->failed = false;
    bool ok = true;
    for (size_t m = 0; m < a->methods.n; m++) {
        method_run *mr = &r->m[m];
        mr->o = a->c.fc;
        mr->o.req.method = a->methods.m[m];
        mr->t.wide = widest_level(&mr->o.req);
        mr->notes = tmpfile(); /* NULL: notes printed at once */
        if (a->forecasts && (!(mr->rows = tmpfile()) ||
                             !(mr->ft = forecasts_table(a, mr->rows, &r->ln))))
            ok = false;
    }
    int workers = a->c.fc.jobs > 1 ? a->c.fc.jobs : 0;
    /* a few series per thread wait, so that a slow one does not stall the others */
    if (ok)
        r->pool = cli_pool_new(workers, workers ? 8 * (size_t)workers : 1, sizeof(bt_item), &fns, r);
    if (!r->pool) {
        cli_eprintf("indicators: error: %s\n",
                    ok ? "out of memory" : "no temporary file for the --forecasts rows");
        return EXIT_DATA;
    }
    return EXIT_OK;
}

static int run_restart(void *ctx)
{
    return run_start(ctx);
}

/* --test: read at the first series, so that its messages come after FILE's, as a whole load. */
static int read_test(run *r)
{
    if (r->test_read || !r->a->test)
        return EXIT_OK;
    r->test_read = true;
    return cli_load(r->a->test, &r->a->c.load, NULL, &r->test, NULL);
}

static int run_series(void *ctx, ind_series *s)
{
    run *r = ctx;
    int status = read_test(r);
    if (status != EXIT_OK)
        return status;
    bt_item *it = cli_pool_next(r->pool);
    if (!it)
        return EXIT_DATA; /* said by item_done */
    if (!(it->own = ind_series_take(s))) {
        cli_eprintf("indicators: error: out of memory\n");
        return EXIT_DATA;
    }
    int rc = make_case(r->a, it->own, r->test, &it->c);
    if (rc != 0) { /* not scored: a note, or an error that fails the run at the end */
        r->failed = r->failed || rc < 0;
        item_drop(r, it);
        return EXIT_OK;
    }
    return cli_pool_add(r->pool) ? EXIT_OK : EXIT_DATA;
}

/* Copies the rows that waited in tmp to out, without their header line. */
static bool copy_rows(FILE *tmp, FILE *out)
{
    char buf[1 << 16];
    size_t n;
    int c;
    if (fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0)
        return false;
    while ((c = getc(tmp)) != EOF && c != '\n')
        ;
    while ((n = fread(buf, 1, sizeof buf, tmp)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            return false;
    return !ferror(tmp);
}

/* --forecasts: the header, then each method's rows in method order; closes out. */
static int write_forecasts_file(run *r, FILE *out)
{
    const args *a = r->a;
    level_names ln;
    ind_table *head = forecasts_table(a, out, &ln);
    int status = head && ind_table_finish(head) == IND_OK ? EXIT_OK : EXIT_DATA; /* no rows */
    for (size_t m = 0; status == EXIT_OK && m < a->methods.n; m++)
        if (!copy_rows(r->m[m].rows, out))
            status = EXIT_DATA;
    return cli_close_output(out, a->forecasts, status);
}

/* Writes the notes that waited, method by method. */
static void release_notes(run *r)
{
    char buf[1 << 14];
    size_t n;
    for (size_t m = 0; m < r->a->methods.n; m++) {
        FILE *f = r->m[m].notes;
        if (!f || fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
            continue;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            fwrite(buf, 1, n, cli_notes());
    }
}

/*
 * After the load: the last series, then what a whole load printed after
 * its forecasts - the notes, the --forecasts file, the summary.
 */
static int run_finish(run *r)
{
    const args *a = r->a;
    int status = read_test(r); /* a whole load read it even when FILE had no series */
    if (status != EXIT_OK)
        return status;
    if (!cli_pool_flush(r->pool))
        return EXIT_DATA;
    FILE *fout = NULL;
    if (a->forecasts && !(fout = fopen(a->forecasts, "w"))) { /* before any note, as before */
        cli_eprintf("%s: error: cannot write: %s\n", a->forecasts, strerror(errno));
        return EXIT_DATA;
    }
    release_notes(r);
    if (fout)
        status = write_forecasts_file(r, fout);
    ind_table *rt = report_table(a, &r->ln);
    if (!rt)
        return EXIT_DATA;
    bool errors = false, scored = false;
    for (size_t m = 0; m < a->methods.n; m++) {
        tally *t = &r->m[m].t;
        errors = errors || r->m[m].errors > 0;
        scored = scored || t->series > 0;
        report_row(rt, a->methods.m[m]->name, t, a->c.fc.req.nlevels, !a->no_time);
    }
    if (cli_table_finish(rt, stdout) != EXIT_OK)
        status = EXIT_DATA;
    if (status == EXIT_OK && !errors && !scored) { /* as growth: nothing computed is a failure */
        cli_eprintf("%s: error: no series could be scored (see the notes)\n", a->path);
        errors = true;
    }
    return status == EXIT_OK && (errors || r->failed) ? EXIT_DATA : status;
}

int cli_backtest(int argc, char **argv)
{
    args a;
    int status = parse_args(argc, argv, &a);
    if (status != CLI_RUN)
        return status;
    run r;
    memset(&r, 0, sizeof r);
    r.a = &a;
    cli_stream_begin(a.path, &a.c.load);
    if ((status = run_start(&r)) == EXIT_OK) {
        cli_each each = {run_series, run_restart, &r};
        status = cli_load_each(a.path, &a.c.load, &a.c.sel, &each, NULL);
    }
    if (status == EXIT_OK)
        status = run_finish(&r);
    run_clear(&r);
    return cli_stream_end(status);
}
