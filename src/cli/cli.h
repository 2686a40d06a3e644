/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - what the subcommands of the `indicators` program share: exit
 * codes, error printing, series selection, loading and closing the output.
 * Options are rows of typed tables: options.h.
 *
 * All printing of the program happens in src/cli/; the library only returns
 * statuses and ind_error records.
 */
#ifndef INDICATORS_CLI_H
#define INDICATORS_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/load.h"
#include "indicators/output.h"
#include "indicators/workbook.h"

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
int cli_check(int argc, char **argv);
int cli_forecast(int argc, char **argv);
int cli_backtest(int argc, char **argv);
int cli_report_command(int argc, char **argv);

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

/*
 * The names given with a repeatable option (--series, --entity): each
 * argument, and when it has commas each comma-separated part too, so that
 * "A,B" selects A and B and also a name that contains the comma ("Korea,
 * Rep."). Arguments are kept, not copied; parts are copied into parts.
 */
typedef struct cli_list {
    const char *items[64];
    size_t n;
    char parts[4096];
    size_t used;
} cli_list;

/* Which series a command works on: every one, or those named. */
typedef struct cli_selection {
    cli_list series, entity;
} cli_selection;

/* Whether s is selected (no names given selects everything). */
bool cli_selected(const cli_selection *sel, const ind_series *s);

/* Prints the load's notes (how the file was read, columns not read) on stderr. */
void cli_load_notes(const char *path, const ind_load_info *info);

/*
 * Loads path, printing the error and returning EXIT_DATA on failure. Fails
 * with a message naming the names given when the selection matches nothing.
 */
int cli_load(const char *path, const ind_load_options *opt, const cli_selection *sel,
             ind_dataset **out, ind_load_info *info);

/*
 * Whether the selection's names are all in the data - series names (or
 * labels) in names, entities in entities - and matched some series; else
 * prints why (near names) and returns EXIT_DATA.
 */
int cli_check_selection(const char *path, const ind_dataset *names, const ind_dataset *entities,
                        bool matched, const cli_selection *sel);

/* Standard input is read once: IND_OK the first time, else IND_E_ARG with err filled. */
ind_status cli_claim_stdin(ind_error *err);

/*
 * Series at a time (stream.c), for the commands that need one series at a
 * time (growth, forecast, backtest): what they do with each selected series.
 */
typedef struct cli_each {
    /* A complete selected series (the command may take it: ind_series_take).
       Returns 0, or EXIT_DATA after printing why, which stops the load. */
    int (*series)(void *ctx, ind_series *s);
    /* The file is read again as a whole (not grouped): forget every series so
       far, and drop the rows made (cli_out() is emptied already). 0 or EXIT_DATA. */
    int (*restart)(void *ctx);
    void *ctx;
} cli_each;

/*
 * Starts the output of a series-at-a-time command: from now on its rows go
 * to cli_out() and its notes (cli_eprintf) to cli_notes(). When the load may
 * start over (a file read without --sorted that may turn out not to be
 * grouped), they wait in temporary files - stdout itself when it is a
 * regular file, emptied on a restart - so that stdout and stderr end up
 * byte for byte what loading the whole file first gives; with --sorted or
 * standard input they are written at once.
 */
void cli_stream_begin(const char *path, const ind_load_options *opt);

/* Where rows go between cli_stream_begin and cli_stream_end (else stdout). */
FILE *cli_out(void);

/* Where notes go (else stderr). */
FILE *cli_notes(void);

/* Sends notes to f until called again (NULL: back to cli_notes()); returns the earlier f. */
FILE *cli_set_notes(FILE *f);

/*
 * Loads path (or "-") series by series into each, with the messages, the
 * selection checks and the exit status of cli_load: EXIT_OK, or EXIT_DATA
 * after printing why (and dropping the rows and notes made).
 */
int cli_load_each(const char *path, const ind_load_options *opt, const cli_selection *sel,
                  const cli_each *each, ind_load_info *info);

/*
 * Whether rows are written at once (--sorted, standard input): after an
 * error the command still writes the rows of the series handed over before
 * it (else they are dropped, as a whole load writes none).
 */
bool cli_stream_direct(void);

/*
 * Writes out what waited (after the command finished its table) and returns
 * status, or EXIT_DATA when a write failed. Without a successful
 * cli_load_each, drops it instead.
 */
int cli_stream_end(int status);

/*
 * Flushes and closes f (written to path; NULL for stdout). When a write
 * failed, now or earlier, prints why ("No space left on device") and
 * returns EXIT_DATA in place of EXIT_OK or EXIT_TARGET; else returns status.
 */
int cli_close_output(FILE *f, const char *path, int status);

/*
 * cli_close_output(stdout, NULL, status): every command ends with it
 * (main.c). With -o FILE (cli_output_begin) the output is renamed over FILE
 * when status is EXIT_OK or EXIT_TARGET and everything was written, and
 * removed otherwise (FILE left as it was); a failure names FILE.
 */
int cli_close_stdout(int status);

/*
 * A new empty file beside path (same directory, so that rename replaces path
 * at once): DIR/.NAME.XXXXXX, made with O_EXCL by mkstemp, readable as a
 * file created by open would be. Returns its descriptor, or -1 with errno.
 */
int cli_temp_beside(const char *path, char *tmp, size_t n);

/*
 * ind_table_finish(t) for a table written to out, saying why when it failed
 * (naming -o FILE): a workbook that could not be made or written, more rows
 * than a worksheet holds. EXIT_OK or EXIT_DATA.
 */
int cli_table_finish(ind_table *t, FILE *out);

/* Whether paths a and b name one existing file (same device and inode, whatever the path). */
bool cli_same_file(const char *a, const char *b);

/* "name [entity]" for messages into buf. */
const char *cli_series_title(const ind_series *s, char *buf, size_t n);

#endif
