/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fcjobs.h - what the commands that forecast share: (forecast, backtest) a
 * runner that forecasts many series on several threads through
 * ind_forecast_series, with a progress line on stderr when it is a terminal.
 * The forecasting options are rows of options.c (fc_cli_options).
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

/* Forecasts every job on o->jobs threads; shows progress when stderr is a terminal. */
void fc_run_jobs(fc_job *jobs, size_t njobs, int threads, const char *what);

/* Frees what fc_run_jobs allocated. */
void fc_job_clear(fc_job *job);

#endif
