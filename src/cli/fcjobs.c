/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fcjobs.c - the threaded runner of `forecast` and `backtest` (see fcjobs.h).
 */
#include "fcjobs.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

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

/* ---- series at a time ---- */

/*
 * A window of jobs in a ring: the loader's thread adds a job at `added`,
 * workers take them in order at `taken`, and the adding thread hands them,
 * done, to the caller in order at `out`. Adding waits while the window is
 * full, so memory holds at most `window` series whatever the file size.
 */
struct fc_stream {
    fc_job *ring;
    ind_series **own; /* the series of each slot, taken from the loader */
    bool *done;
    size_t window, added, taken, out;
    bool closing;
    fc_stream_done_fn done_fn;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_t tid[64];
    int started;
};

static void *stream_worker(void *arg)
{
    fc_stream *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (q->taken == q->added && !q->closing)
            pthread_cond_wait(&q->changed, &q->lock);
        if (q->taken == q->added)
            break;
        fc_job *job = &q->ring[q->taken % q->window];
        size_t slot = q->taken++ % q->window;
        pthread_mutex_unlock(&q->lock);
        run_one(job);
        pthread_mutex_lock(&q->lock);
        q->done[slot] = true;
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

fc_stream *fc_stream_new(int threads, fc_stream_done_fn done, void *ctx)
{
    fc_stream *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->window = threads > 1 ? 8 * (size_t)threads : 1;
    q->ring = calloc(q->window, sizeof *q->ring);
    q->own = calloc(q->window, sizeof *q->own);
    q->done = calloc(q->window, sizeof *q->done);
    q->done_fn = done;
    q->ctx = ctx;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->changed, NULL);
    if (!q->ring || !q->own || !q->done) {
        fc_stream_free(q);
        return NULL;
    }
    for (int t = 0; threads > 1 && t < threads && t < 64; t++)
        if (pthread_create(&q->tid[q->started], NULL, stream_worker, q) == 0)
            q->started++;
    return q;
}

/* Hands the oldest job, once done, to the caller; false when it is not done and wait is false. */
static bool hand_out(fc_stream *q, bool wait)
{
    size_t slot = q->out % q->window;
    pthread_mutex_lock(&q->lock);
    while (wait && !q->done[slot])
        pthread_cond_wait(&q->changed, &q->lock);
    bool ready = q->done[slot];
    pthread_mutex_unlock(&q->lock);
    if (!ready)
        return false;
    q->done_fn(q->ctx, &q->ring[slot]);
    fc_job_clear(&q->ring[slot]);
    ind_series_free(q->own[slot]);
    q->own[slot] = NULL;
    pthread_mutex_lock(&q->lock);
    q->done[slot] = false;
    q->out++;
    pthread_mutex_unlock(&q->lock);
    return true;
}

int fc_stream_add(fc_stream *q, ind_series *s, size_t h, const fc_cli_options *o)
{
    while (q->added - q->out == q->window)
        hand_out(q, true);
    ind_series *own = ind_series_take(s);
    if (!own)
        return -1;
    size_t slot = q->added % q->window;
    q->own[slot] = own;
    fc_job_init(&q->ring[slot], own, h, o);
    if (q->started == 0) { /* one thread: forecast here */
        run_one(&q->ring[slot]);
        q->done[slot] = true;
        q->added++;
    } else {
        pthread_mutex_lock(&q->lock);
        q->added++;
        pthread_cond_broadcast(&q->changed);
        pthread_mutex_unlock(&q->lock);
    }
    while (q->out < q->added && hand_out(q, false))
        ;
    return 0;
}

void fc_stream_flush(fc_stream *q)
{
    while (q->out < q->added)
        hand_out(q, true);
}

void fc_stream_free(fc_stream *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->closing = true;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->lock);
    for (int t = 0; t < q->started; t++)
        pthread_join(q->tid[t], NULL);
    for (size_t i = 0; q->own && i < q->window; i++) {
        if (q->own[i])
            fc_job_clear(&q->ring[i]);
        ind_series_free(q->own[i]);
    }
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->changed);
    free(q->ring);
    free(q->own);
    free(q->done);
    free(q);
}
