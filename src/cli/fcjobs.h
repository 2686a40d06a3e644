/*
 * fcjobs.h - what the `forecast` and `backtest` commands share: parsing of
 * the forecasting options (--method, --level, --log, --bounds, --jobs) and a
 * runner that forecasts many series on several threads, with a progress
 * line on stderr when it is a terminal.
 */
#ifndef INDICATORS_CLI_FCJOBS_H
#define INDICATORS_CLI_FCJOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "indicators/dataset.h"
#include "indicators/forecast.h"

/* How the user asked to transform series. */
typedef enum fc_scale_choice {
    FC_SCALE_DEFAULT = 0, /* bounds 0..100 for percent series, else none */
    FC_SCALE_LOG,
    FC_SCALE_BOUNDS,
    FC_SCALE_NONE, /* --no-bounds */
} fc_scale_choice;

typedef struct fc_cli_options {
    ind_forecast_options fo;
    fc_scale_choice scale;
    bool has_scale; /* one of --log, --bounds, --no-bounds was given */
    double lower, upper;
    int jobs;
} fc_cli_options;

/* Codes of the options both commands take, after each command's own. */
enum fc_shared_option {
    FC_OPT_LEVEL = OPT_FIRST_COMMAND_OPTION + 50,
    FC_OPT_LOG,
    FC_OPT_BOUNDS,
    FC_OPT_NO_BOUNDS,
    FC_OPT_JOBS,
};

/* getopt_long rows of --level, --log, --bounds, --no-bounds and --jobs. */
#define FC_CLI_OPTIONS                                                                            \
    {"level", required_argument, NULL, FC_OPT_LEVEL}, {"log", no_argument, NULL, FC_OPT_LOG},    \
        {"bounds", required_argument, NULL, FC_OPT_BOUNDS},                                       \
        {"no-bounds", no_argument, NULL, FC_OPT_NO_BOUNDS},                                       \
        {"jobs", required_argument, NULL, FC_OPT_JOBS}

/*
 * Handles a shared forecasting option like cli_load_option: 1 when code was
 * one (o updated), 0 when not, EXIT_USAGE (after printing why) for a bad value.
 */
int fc_cli_option(const char *cmd, int code, const char *arg, fc_cli_options *o);

/*
 * Handles every option the two commands share: input (CLI_LOAD_OPTIONS),
 * selection (CLI_SELECT_OPTIONS) and FC_CLI_OPTIONS. Returns 1 when code was
 * one of them, 0 when not, or EXIT_USAGE after printing why.
 */
int fc_shared_option(const char *cmd, int code, char *arg, ind_load_options *load,
                     cli_selection *sel, fc_cli_options *o);

/* Prints a command's --help: its own text, then the methods, selection and input options. */
void fc_print_help(const char *text);

/* One series to forecast, and its result. */
typedef struct fc_job {
    const ind_series *s;
    double *y; /* [n] consecutive periods from the first observation, NAN in gaps */
    size_t n;
    ind_forecast_options opt;
    char scale_note[128]; /* why the default bounds were not used, or "" */
    ind_forecast f;
    ind_status st;
    ind_error err;
    double seconds; /* CPU time this forecast took */
} fc_job;

/* Defaults of the options above. */
void fc_cli_options_init(fc_cli_options *o);

/* Parsers; each prints the usage error and returns EXIT_USAGE, or 0 when fine. */
int fc_parse_method(const char *cmd, const char *name);
int fc_parse_levels(const char *cmd, const char *arg, ind_forecast_options *fo);
int fc_parse_bounds(const char *cmd, const char *arg, fc_cli_options *o);
int fc_parse_count(const char *cmd, const char *what, const char *arg, long max, long *out);

/* The --help lines listing the methods from the library's table. */
void fc_print_methods(void);

/*
 * Prepares job for series s with horizon h: builds y (s->n observations
 * spread over their periods) and picks the transform from o and the series.
 * Returns 0, or -1 when out of memory.
 */
int fc_job_init(fc_job *job, const ind_series *s, size_t h, const fc_cli_options *o);

/* Forecasts every job on o->jobs threads; shows progress when stderr is a terminal. */
void fc_run_jobs(fc_job *jobs, size_t njobs, int threads, const char *what);

/* Frees what fc_job_init and fc_run_jobs allocated. */
void fc_job_clear(fc_job *job);

#endif
