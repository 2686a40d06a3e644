/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fcjobs.h - what the commands that forecast share: the forecasting options
 * (--method, --level, --log, --bounds, --no-bounds, --jobs) as an
 * ind_forecast_request, and (forecast, backtest) a runner that forecasts many
 * series on several threads through ind_forecast_series, with a progress line
 * on stderr when it is a terminal.
 */
#ifndef INDICATORS_CLI_FCJOBS_H
#define INDICATORS_CLI_FCJOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "indicators/dataset.h"
#include "indicators/forecast.h"

typedef struct fc_cli_options {
    ind_forecast_request req; /* method, horizon, levels, scale, seed */
    bool has_scale;           /* one of --log, --bounds, --no-bounds was given */
    int jobs;
} fc_cli_options;

/* Codes of the forecasting options, after each command's own. */
enum fc_shared_option {
    FC_OPT_LEVEL = OPT_FIRST_COMMAND_OPTION + 50,
    FC_OPT_LOG,
    FC_OPT_BOUNDS,
    FC_OPT_NO_BOUNDS,
    FC_OPT_JOBS,
};

/* getopt_long rows of --level, --log, --bounds and --no-bounds (forecast, backtest, target, chart). */
#define FC_REQUEST_OPTIONS                                                                        \
    {"level", required_argument, NULL, FC_OPT_LEVEL}, {"log", no_argument, NULL, FC_OPT_LOG},    \
        {"bounds", required_argument, NULL, FC_OPT_BOUNDS},                                       \
        {"no-bounds", no_argument, NULL, FC_OPT_NO_BOUNDS}

/* ... and those rows with --jobs (forecast, backtest). */
#define FC_CLI_OPTIONS FC_REQUEST_OPTIONS, {"jobs", required_argument, NULL, FC_OPT_JOBS}

/* Their --help lines (without --jobs). */
extern const char fc_request_help[];

/*
 * Handles a forecasting option like cli_load_option: 1 when code was one
 * (o updated), 0 when not, EXIT_USAGE (after printing why) for a bad value.
 */
int fc_cli_option(const char *cmd, int code, const char *arg, fc_cli_options *o);

/*
 * Handles every option the forecast and backtest commands share: input
 * (CLI_LOAD_OPTIONS), selection (CLI_SELECT_OPTIONS) and FC_CLI_OPTIONS.
 * Returns 1 when code was one of them, 0 when not, or EXIT_USAGE after
 * printing why.
 */
int fc_shared_option(const char *cmd, int code, char *arg, ind_load_options *load,
                     cli_selection *sel, fc_cli_options *o);

/* Prints a command's --help: its own text, then the methods, selection and input options. */
void fc_print_help(const char *text);

/* One series to forecast, and its result. */
typedef struct fc_job {
    const ind_series *s;
    ind_forecast_request req;
    ind_forecast f;
    ind_status st;
    ind_error err;
    double seconds; /* CPU time this forecast took */
} fc_job;

/* Defaults of the options above. */
void fc_cli_options_init(fc_cli_options *o);

/*
 * Parsers of option values (the rules themselves are the library's); each
 * prints the usage error and returns EXIT_USAGE, or 0 when fine.
 */
int fc_parse_method(const char *cmd, const char *name, const ind_forecast_method **out);
int fc_parse_count(const char *cmd, const char *what, const char *arg, long max, long *out);

/* The --help lines listing the methods from the library's table. */
void fc_print_methods(void);

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
