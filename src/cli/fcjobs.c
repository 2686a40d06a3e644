/*
 * fcjobs.c - forecasting options and the threaded runner shared by the
 * `forecast` and `backtest` commands (see fcjobs.h).
 */
#include "fcjobs.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void fc_cli_options_init(fc_cli_options *o)
{
    memset(o, 0, sizeof *o);
    ind_forecast_options_init(&o->fo);
    o->scale = FC_SCALE_DEFAULT;
    o->jobs = 1;
}

int fc_parse_method(const char *cmd, const char *name)
{
    size_t n;
    const ind_forecast_method *m = ind_forecast_methods(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(m[i].name, name) == 0)
            return 0;
    char list[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", m[i].name);
    return cli_usage_error(cmd, "unknown method '%s' (one of: %s)", name, list);
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return end != s && *end == 0 && errno == 0 && isfinite(*out) ? 0 : -1;
}

int fc_parse_levels(const char *cmd, const char *arg, ind_forecast_options *fo)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg);
    fo->nlevels = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        double v;
        if (fo->nlevels == IND_FORECAST_MAX_LEVELS)
            return cli_usage_error(cmd, "at most %d --level values", IND_FORECAST_MAX_LEVELS);
        if (parse_double(tok, &v) != 0 || !(v > 0 && v < 100))
            return cli_usage_error(cmd, "--level takes percents above 0 and below 100, not '%s'",
                                   tok);
        fo->levels[fo->nlevels++] = v;
    }
    if (fo->nlevels == 0)
        return cli_usage_error(cmd, "--level needs at least one percent, e.g. 80,95");
    return 0;
}

int fc_parse_bounds(const char *cmd, const char *arg, fc_cli_options *o)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", arg);
    char *comma = strchr(buf, ',');
    if (comma)
        *comma = 0;
    if (!comma || parse_double(buf, &o->lower) != 0 || parse_double(comma + 1, &o->upper) != 0 ||
        !(o->lower < o->upper))
        return cli_usage_error(cmd, "--bounds takes LO,HI with LO < HI, e.g. 0,100; not '%s'", arg);
    o->scale = FC_SCALE_BOUNDS;
    return 0;
}

int fc_parse_count(const char *cmd, const char *what, const char *arg, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || errno || v < 1 || v > max)
        return cli_usage_error(cmd, "%s takes a whole number from 1 to %ld, not '%s'", what, max,
                               arg);
    *out = v;
    return 0;
}

static int set_scale(const char *cmd, fc_cli_options *o, fc_scale_choice scale)
{
    if (o->has_scale)
        return cli_usage_error(cmd, "give only one of --log, --bounds, --no-bounds");
    o->has_scale = true;
    o->scale = scale;
    return 1;
}

int fc_cli_option(const char *cmd, int code, const char *arg, fc_cli_options *o)
{
    long v;
    switch (code) {
    case FC_OPT_LEVEL:
        return fc_parse_levels(cmd, arg, &o->fo) ? EXIT_USAGE : 1;
    case FC_OPT_LOG:
        return set_scale(cmd, o, FC_SCALE_LOG);
    case FC_OPT_BOUNDS:
        if (set_scale(cmd, o, FC_SCALE_BOUNDS) != 1)
            return EXIT_USAGE;
        return fc_parse_bounds(cmd, arg, o) ? EXIT_USAGE : 1;
    case FC_OPT_NO_BOUNDS:
        return set_scale(cmd, o, FC_SCALE_NONE);
    case FC_OPT_JOBS:
        if (fc_parse_count(cmd, "--jobs", arg, 64, &v))
            return EXIT_USAGE;
        o->jobs = (int)v;
        return 1;
    default:
        return 0;
    }
}

int fc_shared_option(const char *cmd, int code, char *arg, ind_load_options *load,
                     cli_selection *sel, fc_cli_options *o)
{
    int handled = cli_load_option(cmd, code, arg, load);
    if (handled == 0)
        handled = cli_select_option(cmd, code, arg, sel);
    if (handled == 0)
        handled = fc_cli_option(cmd, code, arg, o);
    return handled;
}

void fc_print_help(const char *text)
{
    fputs(text, stdout);
    fc_print_methods();
    fputs("\n", stdout);
    fputs(cli_select_help, stdout);
    fputs(cli_load_help, stdout);
}

void fc_print_methods(void)
{
    size_t n;
    const ind_forecast_method *m = ind_forecast_methods(&n);
    printf("Methods (fewest observations in brackets):\n");
    for (size_t i = 0; i < n; i++)
        printf("  %-10s [%zu] %s\n", m[i].name, m[i].min_obs, m[i].summary);
}

static bool inside_bounds(const ind_series *s, double lo, double hi)
{
    for (size_t i = 0; i < s->n; i++)
        if (!(s->value[i] > lo && s->value[i] < hi))
            return false;
    return true;
}

static void pick_scale(fc_job *job, const ind_series *s, const fc_cli_options *o)
{
    job->opt.transform = IND_TRANSFORM_NONE;
    if (o->scale == FC_SCALE_LOG) {
        job->opt.transform = IND_TRANSFORM_LOG;
    } else if (o->scale == FC_SCALE_BOUNDS) {
        job->opt.transform = IND_TRANSFORM_BOUNDED;
        job->opt.lower = o->lower;
        job->opt.upper = o->upper;
    } else if (o->scale == FC_SCALE_DEFAULT && ind_series_is_percent(s) &&
               !(job->opt.method && strcmp(job->opt.method, "loglinear") == 0)) {
        /* (loglinear models log values: a percent series keeps that scale) */
        if (inside_bounds(s, 0, 100)) {
            job->opt.transform = IND_TRANSFORM_BOUNDED;
            job->opt.lower = 0;
            job->opt.upper = 100;
        } else {
            snprintf(job->scale_note, sizeof job->scale_note,
                     "percent values reach 0 or 100: forecast without the 0..100 bounds");
        }
    }
}

int fc_job_init(fc_job *job, const ind_series *s, size_t h, const fc_cli_options *o)
{
    memset(job, 0, sizeof *job);
    job->s = s;
    job->opt = o->fo;
    job->opt.horizon = h;
    pick_scale(job, s, o);
    if (s->n == 0)
        return 0;
    job->n = (size_t)(s->ord[s->n - 1] - s->ord[0]) + 1;
    job->y = malloc(job->n * sizeof *job->y);
    if (!job->y)
        return -1;
    for (size_t i = 0; i < job->n; i++)
        job->y[i] = NAN;
    for (size_t i = 0; i < s->n; i++)
        job->y[s->ord[i] - s->ord[0]] = s->value[i];
    return 0;
}

void fc_job_clear(fc_job *job)
{
    free(job->y);
    ind_forecast_clear(&job->f);
    memset(job, 0, sizeof *job);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: fair under load and threads */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_one(fc_job *job)
{
    double t0 = now();
    ind_error_clear(&job->err);
    if (job->n == 0)
        job->st = ind_error_set(&job->err, IND_E_UNDEFINED, NULL, 0, 0, "no observations");
    else
        job->st = ind_forecast_run(job->y, job->n, job->s->freq, &job->opt, &job->f, &job->err);
    job->seconds = now() - t0;
}

typedef struct pool {
    fc_job *jobs;
    size_t njobs;
    atomic_size_t next, done;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->njobs)
            break;
        run_one(&p->jobs[i]);
        atomic_fetch_add(&p->done, 1);
    }
    return NULL;
}

static void progress(const char *what, size_t done, size_t total)
{
    fprintf(stderr, "\r%s %zu/%zu series", what, done, total);
    fflush(stderr);
}

void fc_run_jobs(fc_job *jobs, size_t njobs, int threads, const char *what)
{
    bool tty = isatty(STDERR_FILENO) && njobs > 1;
    pool p = {jobs, njobs, 0, 0};
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > njobs)
        threads = njobs ? (int)njobs : 1;
    pthread_t tid[64];
    int started = 0;
    for (int t = 1; t < threads && t < 64; t++)
        if (pthread_create(&tid[started], NULL, worker, &p) == 0)
            started++;
    /* the main thread works too, reporting progress between series */
    for (;;) {
        size_t i = atomic_fetch_add(&p.next, 1);
        if (i >= njobs)
            break;
        run_one(&jobs[i]);
        size_t d = atomic_fetch_add(&p.done, 1) + 1;
        if (tty)
            progress(what, d, njobs);
    }
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    if (tty) {
        progress(what, njobs, njobs);
        fputs("\n", stderr);
    }
}
