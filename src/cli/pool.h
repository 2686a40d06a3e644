/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pool.h - the one ordered worker pool of the series-at-a-time commands
 * (growth, forecast, backtest): items are filled on one thread (the
 * loader's, as cli_load_each hands over series), worked on by N threads
 * while the file is still read, and handed back done, on the filling
 * thread, in the order they were added - so the output is the same bytes
 * whatever the number of threads. At most `window` items exist at once, so
 * memory does not grow with the file.
 *
 * An item is the caller's fixed-size record (a series and its forecasts, a
 * chunk of series and their rows); the pool owns the slots and the order,
 * the caller what is in them.
 */
#ifndef INDICATORS_CLI_POOL_H
#define INDICATORS_CLI_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cli_pool cli_pool;

typedef struct cli_pool_fns {
    /* Works on item: on a worker thread, or on the filling thread when there is none. */
    void (*work)(void *ctx, void *item);
    /* Takes item back, done, in the order of adding, on the filling thread, and
       frees what it holds. false (out of memory, a failed write) is kept:
       every cli_pool_* call returns failure from then on. */
    bool (*done)(void *ctx, void *item);
    /* Frees what an item holds that was never handed back (cli_pool_free); also
       called on items that are all zero bytes. */
    void (*drop)(void *ctx, void *item);
} cli_pool_fns;

/*
 * A pool of `workers` threads (0: items are worked on as they are added, on
 * the filling thread) and `window` slots of item_size bytes; fns is copied.
 * NULL when out of memory or no thread could be started.
 */
cli_pool *cli_pool_new(int workers, size_t window, size_t item_size, const cli_pool_fns *fns,
                       void *ctx);

/*
 * The item to fill next (all zero bytes the first time; the same item until
 * cli_pool_add). While the window is full it first waits for the oldest
 * item and hands it back. NULL when a done failed.
 */
void *cli_pool_next(cli_pool *p);

/*
 * Hands the item of cli_pool_next over to be worked on (with no workers:
 * works on it now), then hands back the items done so far without waiting.
 * false when a done failed.
 */
bool cli_pool_add(cli_pool *p);

/* Waits for every item added and hands them back; false when a done failed. */
bool cli_pool_flush(cli_pool *p);

/*
 * Stops the workers once the items they took are done, drops every item not
 * handed back (and the one being filled) and frees p. NULL does nothing.
 */
void cli_pool_free(cli_pool *p);

#endif
