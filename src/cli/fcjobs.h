/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fcjobs.h - what the commands that forecast share (forecast, backtest): a
 * job forecasting one series through ind_forecast_series, timed, its
 * failure's message, and a stream that forecasts series on several threads
 * as the loader hands them over (over the ordered pool, pool.h). The
 * forecasting options are rows of options.c (fc_cli_options).
 */
#ifndef INDICATORS_CLI_FCJOBS_H
#define INDICATORS_CLI_FCJOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"
#include "indicators/dataset.h"
#include "indicators/forecast.h"

/* One series to forecast, and its result. */
typedef struct fc_job {
    const ind_series *s;
    ind_forecast_request req;
    ind_forecast f;
    ind_status st;
    ind_error err;
    double seconds; /* CPU time this forecast took */
} fc_job;

/* Prepares job for series s with horizon h and the request of o. */
void fc_job_init(fc_job *job, const ind_series *s, size_t h, const fc_cli_options *o);

/*
 * Prints a failed job's message: "note:" when the series has no forecast
 * (IND_E_UNDEFINED: no observations, too short), "error:" otherwise; what
 * (may be NULL) names the method. Returns true for an error.
 */
bool fc_report_failure(const fc_job *job, const char *what);

/* Forecasts job (on the calling thread), timing it. */
void fc_job_run(fc_job *job);

/* Frees what fc_job_run allocated. */
void fc_job_clear(fc_job *job);

/*
 * Series at a time (forecast and backtest over cli_load_each): series are
 * forecast on `threads` threads while the file is still read, and handed
 * back done, in the order they were added, to done (on the adding thread).
 * At most a few series per thread wait, so memory does not grow with the
 * file.
 */
typedef struct fc_stream fc_stream;
typedef void (*fc_stream_done_fn)(void *ctx, fc_job *job);

/* NULL when out of memory. */
fc_stream *fc_stream_new(int threads, fc_stream_done_fn done, void *ctx);

/*
 * Adds a job forecasting s (taken from the loader: ind_series_take) to
 * horizon h with the request of o; may first hand back earlier jobs, and
 * waits while the window is full. -1 when out of memory.
 */
int fc_stream_add(fc_stream *q, ind_series *s, size_t h, const fc_cli_options *o);

/* Waits for every job added and hands them back. */
void fc_stream_flush(fc_stream *q);

/* Stops the threads and frees q; jobs not handed back are dropped. NULL does nothing. */
void fc_stream_free(fc_stream *q);

#endif
