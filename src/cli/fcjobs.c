/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fcjobs.c - forecasting options of every command that forecasts, and the
 * threaded runner of `forecast` and `backtest` (see fcjobs.h).
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

const char fc_request_help[] =
    "  --level L[,L...]      interval levels in percent (default 80,95)\n"
    "  --log                 model log values (values must be > 0); intervals stay > 0\n"
    "  --bounds LO,HI        model logit((y-LO)/(HI-LO)): forecasts and intervals stay\n"
    "                        inside (LO, HI); values must be strictly inside.\n"
    "                        Percent series (unit %) get --bounds 0,100 by default\n"
    "                        (loglinear excepted).\n"
    "  --no-bounds           no transform, not even for percent series\n";

void fc_cli_options_init(fc_cli_options *o)
{
    memset(o, 0, sizeof *o);
    ind_forecast_request_init(&o->req);
    o->jobs = 1;
}

int fc_parse_method(const char *cmd, const char *name, const ind_forecast_method **out)
{
    ind_error err;
    ind_error_clear(&err);
    const ind_forecast_method *m = ind_forecast_method_find(name, &err);
    if (!m)
        return cli_usage_error(cmd, "%s", err.message);
    *out = m;
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

static int set_scale(const char *cmd, fc_cli_options *o, ind_forecast_scale scale)
{
    if (o->has_scale)
        return cli_usage_error(cmd, "give only one of --log, --bounds, --no-bounds");
    o->has_scale = true;
    o->req.scale = scale;
    return 1;
}

/* A library parser's verdict as the option handlers' return value. */
static int parsed(const char *cmd, ind_status st, const ind_error *err)
{
    return st == IND_OK ? 1 : cli_usage_error(cmd, "%s", err->message);
}

int fc_cli_option(const char *cmd, int code, const char *arg, fc_cli_options *o)
{
    long v;
    ind_error err;
    ind_error_clear(&err);
    switch (code) {
    case FC_OPT_LEVEL:
        return parsed(cmd, ind_forecast_parse_levels(arg, &o->req, &err), &err);
    case FC_OPT_LOG:
        return set_scale(cmd, o, IND_SCALE_LOG);
    case FC_OPT_BOUNDS:
        if (set_scale(cmd, o, IND_SCALE_BOUNDS) != 1)
            return EXIT_USAGE;
        return parsed(cmd, ind_forecast_parse_bounds(arg, &o->req, &err), &err);
    case FC_OPT_NO_BOUNDS:
        return set_scale(cmd, o, IND_SCALE_NONE);
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

void fc_job_init(fc_job *job, const ind_series *s, size_t h, const fc_cli_options *o)
{
    memset(job, 0, sizeof *job);
    job->s = s;
    job->req = o->req;
    job->req.horizon = h;
}

bool fc_report_failure(const fc_job *job, const char *what)
{
    char title[256];
    bool error = job->st != IND_E_UNDEFINED;
    cli_eprintf("indicators: %s: series %s: %s%s%s\n", error ? "error" : "note",
            cli_series_title(job->s, title, sizeof title), what ? what : "", what ? ": " : "",
            job->err.message);
    return error;
}

void fc_job_clear(fc_job *job)
{
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
    job->st = ind_forecast_series(job->s, &job->req, &job->f, &job->err);
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
    cli_eprintf("\r%s %zu/%zu series", what, done, total);
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
