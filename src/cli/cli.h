/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - what the subcommands of the `indicators` program share: exit
 * codes, error printing, the loader options every command accepts, series
 * selection and the output-format option.
 *
 * All printing of the program happens in src/cli/; the library only returns
 * statuses and ind_error records.
 */
#ifndef INDICATORS_CLI_H
#define INDICATORS_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/load.h"
#include "indicators/output.h"

enum cli_exit {
    EXIT_OK = 0,
    EXIT_DATA = 1,    /* bad data, unreadable file, failed computation */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_TARGET = 3,  /* `target --fail-on`: a target is in the named state */
};

/* One subcommand: a row of the dispatch table in main.c. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
    const char *summary;
} cli_command;

int cli_inspect(int argc, char **argv);
int cli_growth(int argc, char **argv);
int cli_chart(int argc, char **argv);
int cli_target(int argc, char **argv);
int cli_forecast(int argc, char **argv);
int cli_backtest(int argc, char **argv);

/*
 * fprintf for text that may quote data: every %s argument is written with
 * its control characters made visible (ind_text_escape), so that a name or
 * value cannot drive the terminal. Everything printed to stderr goes
 * through these.
 */
void cli_vfprintf(FILE *f, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
void cli_fprintf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_eprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "path:line:col: error: message" (or "indicators: error: ...") to stderr. */
void cli_report(const ind_error *err);

/* Prints "indicators CMD: message" and a hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Long-option codes of the shared options, above any short option character. */
enum cli_shared_option {
    OPT_SERIES_COL = 1000,
    OPT_ENTITY_COL,
    OPT_PERIOD_COL,
    OPT_VALUE_COL,
    OPT_UNIT_COL,
    OPT_SHAPE,
    OPT_ENCODING,
    OPT_DELIMITER,
    OPT_SERIES,
    OPT_ENTITY,
    OPT_FORMAT,
    OPT_FIRST_COMMAND_OPTION = 1100, /* subcommands number their own options from here */
};

/* getopt_long rows for the loader options; put at the start of a command's table. */
#define CLI_LOAD_OPTIONS                                                                          \
    {"series-col", required_argument, NULL, OPT_SERIES_COL},                                      \
        {"entity-col", required_argument, NULL, OPT_ENTITY_COL},                                  \
        {"period-col", required_argument, NULL, OPT_PERIOD_COL},                                  \
        {"value-col", required_argument, NULL, OPT_VALUE_COL},                                    \
        {"unit-col", required_argument, NULL, OPT_UNIT_COL},                                      \
        {"shape", required_argument, NULL, OPT_SHAPE},                                            \
        {"encoding", required_argument, NULL, OPT_ENCODING},                                      \
        {"delimiter", required_argument, NULL, OPT_DELIMITER}

/* getopt_long rows for --series and --entity (repeatable, or comma-separated). */
#define CLI_SELECT_OPTIONS                                                                        \
    {"series", required_argument, NULL, OPT_SERIES}, {"entity", required_argument, NULL, OPT_ENTITY}

/* The --help text of the loader and selection options. */
extern const char cli_load_help[];
extern const char cli_select_help[];

/*
 * Handles a loader option. Returns 1 when code was one (opt updated), 0 when
 * it is not a loader option, or EXIT_USAGE (after printing why) for a bad value.
 */
int cli_load_option(const char *cmd, int code, const char *arg, ind_load_options *opt);

/* Which series a command works on: every one, or those named. */
typedef struct cli_selection {
    const char *series[64];
    size_t nseries;
    const char *entity[64];
    size_t nentity;
    char parts[4096]; /* comma-separated arguments split into names */
    size_t used;
} cli_selection;

/*
 * Handles --series / --entity like cli_load_option. arg is kept (not copied).
 * "A,B" selects A and B, and also a name that contains the comma ("Korea, Rep.").
 */
int cli_select_option(const char *cmd, int code, char *arg, cli_selection *sel);

/* Whether s is selected (no names given selects everything). */
bool cli_selected(const cli_selection *sel, const ind_series *s);

/*
 * Loads path, printing the error and returning EXIT_DATA on failure. Fails
 * with a message naming the names given when the selection matches nothing.
 */
int cli_load(const char *path, const ind_load_options *opt, const cli_selection *sel,
             ind_dataset **out, ind_load_info *info);

/* Parses --format; EXIT_USAGE after printing why when unknown, else 0. */
int cli_format_option(const char *cmd, const char *arg, ind_format *fmt);

/*
 * Flushes and closes f (written to path; NULL for stdout). When a write
 * failed, now or earlier, prints why ("No space left on device") and
 * returns EXIT_DATA in place of EXIT_OK or EXIT_TARGET; else returns status.
 */
int cli_close_output(FILE *f, const char *path, int status);

/* cli_close_output(stdout, NULL, status): every command ends with it (main.c). */
int cli_close_stdout(int status);

/* "name [entity]" for messages into buf. */
const char *cli_series_title(const ind_series *s, char *buf, size_t n);

#endif
