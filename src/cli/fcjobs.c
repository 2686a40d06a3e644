/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fcjobs.c - the forecasting jobs of `forecast` and `backtest` (see fcjobs.h).
 */
#include "fcjobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "pool.h"

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

void fc_job_run(fc_job *job)
{
    double t0 = now();
    ind_error_clear(&job->err);
    job->st = ind_forecast_series(job->s, &job->req, &job->f, &job->err);
    job->seconds = now() - t0;
}

/* ---- series at a time: one job per item of the ordered pool ---- */

typedef struct fc_item {
    fc_job job;
    ind_series *own; /* the job's series, taken from the loader */
} fc_item;

struct fc_stream {
    cli_pool *pool;
    fc_stream_done_fn done_fn;
    void *ctx;
};

static void item_work(void *ctx, void *item)
{
    (void)ctx;
    fc_job_run(&((fc_item *)item)->job);
}

static void item_drop(void *ctx, void *item)
{
    (void)ctx;
    fc_item *it = item;
    fc_job_clear(&it->job);
    ind_series_free(it->own);
    it->own = NULL;
}

static bool item_done(void *ctx, void *item)
{
    fc_stream *q = ctx;
    q->done_fn(q->ctx, &((fc_item *)item)->job);
    item_drop(ctx, item);
    return true;
}

fc_stream *fc_stream_new(int threads, fc_stream_done_fn done, void *ctx)
{
    static const cli_pool_fns fns = {item_work, item_done, item_drop};
    fc_stream *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->done_fn = done;
    q->ctx = ctx;
    /* a few series per thread wait, so that a slow one does not stall the others */
    int workers = threads > 1 ? threads : 0;
    q->pool = cli_pool_new(workers, workers ? 8 * (size_t)workers : 1, sizeof(fc_item), &fns, q);
    if (!q->pool) {
        free(q);
        return NULL;
    }
    return q;
}

int fc_stream_add(fc_stream *q, ind_series *s, size_t h, const fc_cli_options *o)
{
    fc_item *it = cli_pool_next(q->pool);
    if (!it || !(it->own = ind_series_take(s)))
        return -1;
    fc_job_init(&it->job, it->own, h, o);
    return cli_pool_add(q->pool) ? 0 : -1;
}

void fc_stream_flush(fc_stream *q)
{
    cli_pool_flush(q->pool);
}

void fc_stream_free(fc_stream *q)
{
    if (!q)
        return;
    cli_pool_free(q->pool);
    free(q);
}
