/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.h - one typed option table per command (curl's tool option table
 * is the model). A command describes each option once, as a row: its long
 * and short name, the kind of its value, where the value goes (offsetof into
 * the command's args struct, whose first member is a cli_common), the help
 * text. cli_parse() builds the getopt_long table from the rows, parses each
 * value with the one parser of its kind, and generates --help from the same
 * rows, so that an option cannot be accepted without being documented or
 * documented without being accepted. Options several commands share are
 * groups of rows (input, selection, output format, forecasting) whose fields
 * live in cli_common.
 *
 * Adding an option: add its field to the args struct and one row to the
 * command's table (or to a shared group when several commands have it).
 */
#ifndef INDICATORS_CLI_OPTIONS_H
#define INDICATORS_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "indicators/forecast.h"
#include "indicators/labels.h"

/* The kind of an option's value: which parser reads it, what type its field has. */
typedef enum cli_kind {
    CLI_FLAG,   /* bool = true; no value */
    CLI_SET,    /* int (an enum) = row.value; no value */
    CLI_STRING, /* const char * = the argument itself (argv is not copied) */
    CLI_INT,    /* an integer field of row.size bytes (int, long, size_t) in [min, max] */
    CLI_DOUBLE, /* double, finite, in [dmin, dmax] */
    CLI_PERIOD, /* ind_period (ind_period_parse) */
    CLI_FORMAT, /* ind_format (ind_format_parse) */
    CLI_METHOD, /* const ind_forecast_method * (ind_forecast_method_find): the row, not a name */
    CLI_LEVELS, /* ind_forecast_request: its levels (ind_forecast_parse_levels) */
    CLI_BOUNDS, /* ind_forecast_request: scale and bounds (ind_forecast_parse_bounds) */
    CLI_CHOICE, /* int = the index of the argument in row.choices */
    CLI_LIST,   /* cli_list: repeatable, and comma-separated names (see cli_list) */
    CLI_CUSTOM, /* row.parse(cmd, row, arg, field), for the rare odd one */
} cli_kind;

typedef struct cli_option cli_option;

/*
 * A custom parser: stores the value of arg into field (the row's field in
 * the args). Returns 0, or EXIT_USAGE after printing why with cli_usage_error.
 */
typedef int (*cli_parse_fn)(const char *cmd, const cli_option *row, char *arg, void *field);

/* One option: a row of a command's table (initialise with designated initialisers). */
struct cli_option {
    const char *name;           /* long name without "--" */
    char short_name;            /* 'o' for -o; 0 for none */
    cli_kind kind;
    size_t offset;              /* offsetof the field in the args (shared rows: in cli_common) */
    size_t size;                /* CLI_INT: sizeof the field */
    const char *metavar;        /* the value's name in --help ("PERIOD"); CLI_CHOICE and
                                   CLI_FORMAT default to their names joined by '|' */
    const char *help;           /* words, wrapped by the help generator; '\n' breaks a line */
    const char *const *choices; /* CLI_CHOICE: the names, NULL-terminated */
    long min, max;              /* CLI_INT: the range */
    double dmin, dmax;          /* CLI_DOUBLE: the range */
    int value;                  /* CLI_SET: the value stored */
    int exclusive;              /* rows with the same nonzero number exclude each other */
    bool once;                  /* giving it twice is an error (else the last one counts) */
    cli_parse_fn parse;         /* CLI_CUSTOM */
};

/* Rows shown under one heading of --help; a command's table is a list of groups. */
typedef struct cli_group {
    const char *title;         /* "Options:"; NULL: continues the previous heading */
    const cli_option *rows;
    size_t n;
    const char *note;          /* text printed after the rows, laid out; may be NULL */
    void (*after)(FILE *out);  /* prints more after the note (the method table); may be NULL */
} cli_group;

#define CLI_GROUP(title, rows) {(title), (rows), sizeof(rows) / sizeof((rows)[0]), NULL, NULL}

/* A command: its name, help texts and groups of options. */
typedef struct cli_command_spec {
    const char *name;               /* "growth" */
    const char *usage;              /* after "Usage: indicators NAME ": "[OPTIONS] FILE" */
    const char *about;              /* the description after the usage line, laid out */
    const char *details;            /* more of it (a string literal has at most 4095 bytes) */
    const cli_group *const *groups; /* NULL-terminated, in --help order */
    const char *epilog;             /* after the options (examples); may be NULL */
    bool one_file;                  /* exactly one FILE operand, else any number */
} cli_command_spec;

/* Exclusion numbers of the shared rows (commands number theirs from CLI_EXCLUSIVE_COMMAND). */
enum { CLI_EXCLUSIVE_SCALE = 1, CLI_EXCLUSIVE_HORIZON = 2, CLI_EXCLUSIVE_COMMAND = 10 };

/* The forecasting options (forecast, backtest, target, chart). */
typedef struct fc_cli_options {
    ind_forecast_request req; /* method, horizon, levels, scale, bounds, seed */
    ind_period to;            /* --to (cli_to_option): forecast up to it instead of --horizon */
    int jobs;                 /* --jobs */
} fc_cli_options;

enum { CLI_MAX_SEEN = 64, CLI_MAX_DERIVE = 16 };

/* An option given on the command line, and its (last) value. */
typedef struct cli_seen {
    const cli_option *row;
    const char *arg; /* "" for a flag */
} cli_seen;

/*
 * What every command's args struct starts with: the fields of the shared
 * groups, the operands and the options seen.
 */
typedef struct cli_common {
    ind_load_options load; /* cli_input_options */
    cli_selection sel;     /* cli_select_options */
    ind_format fmt;        /* cli_format_option: --format */
    ind_table_options table; /* cli_format_option: --digits, --exact, --bom */
    int lang;              /* cli_format_option: --lang (an ind_lang) */
    fc_cli_options fc;     /* cli_forecast_options, cli_method_option, cli_horizon_option ... */
    const char *derive[CLI_MAX_DERIVE]; /* cli_derive_option: derivations, as written */
    size_t nderive;
    const char *targets_file; /* cli_targets_option */
    const char *targets_sheet; /* cli_targets_option: --targets-sheet */
    const char *output;    /* cli_output_option: -o FILE */
    char **files;          /* the operands (FILEs) */
    size_t nfiles;
    cli_seen seen[CLI_MAX_SEEN];
    size_t nseen;
} cli_common;

/* The defaults: the library's load options and forecast request, table output, one job. */
void cli_common_init(cli_common *c);

/* Shared groups of rows (their fields are in cli_common). */
extern const cli_group cli_input_options;    /* --shape, --series-col ... --delimiter */
extern const cli_group cli_select_options;   /* --series, --entity */
extern const cli_group cli_format_option;    /* --format, --digits, --exact, --bom, --lang */
extern const cli_group cli_output_option;    /* -o FILE (after cli_format_option) */
extern const cli_group cli_forecast_options; /* --level, --log, --bounds, --no-bounds; methods */
extern const cli_group cli_method_option;    /* --method M (forecast, target) */
extern const cli_group cli_horizon_option;   /* --horizon N (forecast, chart) */
extern const cli_group cli_to_option;        /* --to PERIOD (forecast, chart; not with --horizon) */
extern const cli_group cli_targets_option;   /* --targets FILE, --targets-sheet (target, chart) */
extern const cli_group cli_jobs_option;      /* --jobs N (forecast, backtest) */
extern const cli_group cli_derive_option;    /* --derive 'NAME = EXPRESSION' (check, target) */

/*
 * Computes c's --derive series from the data files ds[0..nds) into ds[0]
 * (derive.h), in order, so a later one may use an earlier one. Prints a
 * note for entities left without a result; returns EXIT_OK or EXIT_DATA
 * after printing why.
 */
int cli_derive(const cli_common *c, ind_dataset *const *ds, size_t nds);
extern const cli_group cli_sorted_option;    /* --sorted (growth, forecast, backtest) */

/* The names of --lang (chart's too): en, zh. */
extern const char *const cli_lang_names[];

/*
 * The table writer the output options ask for: c->fmt, c->table, and with
 * --lang zh the headers (not JSON keys) and the notes' heading in Chinese.
 * qualifier ("inspect") picks the command's own label of a column id that
 * means something else elsewhere (labels.h). NULL when out of memory.
 */
ind_table *cli_table_new(const cli_common *c, const ind_column *cols, size_t ncols, FILE *out,
                         const char *qualifier);

/* cli_parse's answer when the command should run. */
enum { CLI_RUN = -1 };

/*
 * Parses argv (argv[0] the command name) into args, which starts with a
 * cli_common, filled beforehand with the defaults. -h/--help prints the help
 * generated from spec. Returns CLI_RUN to go on, EXIT_OK after --help, or
 * EXIT_USAGE after printing why (unknown option, missing or bad value, two
 * exclusive options, not one FILE when spec->one_file).
 */
int cli_parse(const cli_command_spec *spec, int argc, char **argv, void *args);

/* Writes the --help of spec to out. */
void cli_help(const cli_command_spec *spec, FILE *out);

/* The value given for option NAME ("" for a flag), or NULL when it was not given. */
const char *cli_given(const cli_common *c, const char *name);

/*
 * -o FILE and --format xlsx, once the options are read (cli_parse calls it):
 * FILE.xlsx means --format xlsx, a workbook needs -o, FILE may not be an
 * input; standard output is pointed at a temporary file beside FILE that
 * cli_close_stdout renames or removes. 0, EXIT_USAGE or EXIT_DATA after
 * printing why.
 */
int cli_output_begin(const char *cmd, cli_common *c);

/* Whether any option of group g was given. */
bool cli_given_any(const cli_common *c, const cli_group *g);

#endif
