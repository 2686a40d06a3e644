/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pool.c - the ordered worker pool (see pool.h).
 *
 * The slots form a ring: the filling thread adds an item at `added`,
 * workers take them in order at `taken`, and the filling thread hands them
 * back, done, at `out`. So out <= taken <= added <= out + window, and only
 * the filling thread moves `added` and `out`.
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct cli_pool {
    cli_pool_fns fns;
    void *ctx;
    unsigned char *slots; /* window * size bytes */
    bool *done;           /* [window] the slot's item is worked on */
    size_t size, window;
    size_t added, taken, out;
    bool closing, failed;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_t *tid;
    int started;
};

static void *slot(const cli_pool *p, size_t i)
{
    return p->slots + (i % p->window) * p->size;
}

static void *worker(void *arg)
{
    cli_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->taken == p->added && !p->closing)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->closing) /* after flush nothing waits; after an error what waits is dropped */
            break;
        size_t i = p->taken++;
        pthread_mutex_unlock(&p->lock);
        p->fns.work(p->ctx, slot(p, i));
        pthread_mutex_lock(&p->lock);
        p->done[i % p->window] = true;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

cli_pool *cli_pool_new(int workers, size_t window, size_t item_size, const cli_pool_fns *fns,
                       void *ctx)
{
    cli_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->fns = *fns;
    p->ctx = ctx;
    p->size = item_size;
    p->window = window ? window : 1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    p->slots = calloc(p->window, item_size);
    p->done = calloc(p->window, sizeof *p->done);
    p->tid = calloc(workers > 0 ? (size_t)workers : 1, sizeof *p->tid);
    if (!p->slots || !p->done || !p->tid) {
        cli_pool_free(p);
        return NULL;
    }
    while (p->started < workers && pthread_create(&p->tid[p->started], NULL, worker, p) == 0)
        p->started++;
    if (workers > 0 && p->started == 0) { /* no thread at all: the caller says out of memory */
        cli_pool_free(p);
        return NULL;
    }
    return p;
}

/* Hands the oldest item back once it is done; false when it is not and wait is false. */
static bool hand_back(cli_pool *p, bool wait)
{
    size_t k = p->out % p->window;
    pthread_mutex_lock(&p->lock);
    while (wait && !p->done[k])
        pthread_cond_wait(&p->changed, &p->lock);
    bool ready = p->done[k];
    pthread_mutex_unlock(&p->lock);
    if (!ready)
        return false;
    void *item = slot(p, p->out);
    if (!p->fns.done(p->ctx, item))
        p->failed = true;
    memset(item, 0, p->size);
    pthread_mutex_lock(&p->lock);
    p->done[k] = false;
    p->out++;
    pthread_mutex_unlock(&p->lock);
    return true;
}

void *cli_pool_next(cli_pool *p)
{
    while (!p->failed && p->added - p->out == p->window)
        hand_back(p, true);
    return p->failed ? NULL : slot(p, p->added);
}

bool cli_pool_add(cli_pool *p)
{
    if (p->failed)
        return false;
    if (p->started == 0) {
        p->fns.work(p->ctx, slot(p, p->added));
        p->done[p->added % p->window] = true;
        p->added++;
    } else {
        pthread_mutex_lock(&p->lock);
        p->added++;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    while (!p->failed && p->out < p->added && hand_back(p, false))
        ;
    return !p->failed;
}

bool cli_pool_flush(cli_pool *p)
{
    while (!p->failed && p->out < p->added)
        hand_back(p, true);
    return !p->failed;
}

void cli_pool_free(cli_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->closing = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (int t = 0; t < p->started; t++)
        pthread_join(p->tid[t], NULL);
    for (size_t i = 0; p->slots && i < p->window; i++)
        p->fns.drop(p->ctx, slot(p, i));
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->changed);
    free(p->slots);
    free(p->done);
    free(p->tid);
    free(p);
}
