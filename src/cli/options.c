/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.c - the option tables' parser and help generator, and the shared
 * groups of rows (see options.h). One parser per kind of value: every
 * --horizon, --level or --format of every command is read by the same code
 * and refused with the same message.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/derive.h"
#include "indicators/output.h"
#include "indicators/period.h"

/* ---- shared groups ---- */

static int delimiter_parse(const char *cmd, const cli_option *row, char *arg, void *field);
static int shape_parse(const char *cmd, const cli_option *row, char *arg, void *field);
static int freq_parse(const char *cmd, const cli_option *row, char *arg, void *field);
static void print_methods(FILE *out);

#define COMMON(field) offsetof(cli_common, field)

static const cli_option input_rows[] = {
    {.name = "shape", .kind = CLI_CUSTOM, .parse = shape_parse, .offset = COMMON(load.shape),
     .metavar = "long|wide-period|wide-series",
     .help = "long: one row per value; wide-period: one column per period (World Bank); "
             "wide-series: one column per series"},
    {.name = "series-col", .kind = CLI_STRING, .offset = COMMON(load.series_col),
     .metavar = "NAME", .help = "column naming the indicator (indicator, series, 指标)"},
    {.name = "entity-col", .kind = CLI_STRING, .offset = COMMON(load.entity_col),
     .metavar = "NAME", .help = "column naming the region or country (region, 地区 ...)"},
    {.name = "period-col", .kind = CLI_STRING, .offset = COMMON(load.period_col),
     .metavar = "NAME", .help = "column of periods (year, period, date, 年份, 时间 ...)"},
    {.name = "value-col", .kind = CLI_STRING, .offset = COMMON(load.value_col),
     .metavar = "NAME", .help = "column of values (value, 数值 ...)"},
    {.name = "unit-col", .kind = CLI_STRING, .offset = COMMON(load.unit_col), .metavar = "NAME",
     .help = "column of units (unit, 单位)"},
    {.name = "encoding", .kind = CLI_STRING, .offset = COMMON(load.encoding), .metavar = "NAME",
     .help = "utf-8, gbk, gb18030 or any iconv name"},
    {.name = "delimiter", .kind = CLI_CUSTOM, .parse = delimiter_parse,
     .offset = COMMON(load.delimiter), .metavar = "C", .help = "',' ';' '|' or 'tab'"},
    {.name = "freq", .kind = CLI_CUSTOM, .parse = freq_parse, .offset = COMMON(load.freq),
     .metavar = "month|quarter|half|year",
     .help = "read dates (2024-01-31, 2024/1/31, 2024年1月31日) as the period they fall in "
             "(default: the frequency the period column's header names, 月份, quarter ...)"},
    {.name = "sheet", .kind = CLI_STRING, .offset = COMMON(load.sheet), .metavar = "NAME|N",
     .help = "the sheet of a workbook (.xlsx, .xls) to read, by name or number (default: the "
             "first visible sheet holding numbers)"},
};
const cli_group cli_input_options = {"Input options (each detected when not given):", input_rows,
                                     sizeof input_rows / sizeof input_rows[0],
                                     "A FILE of '-' is standard input.\n", NULL};

static const cli_option select_rows[] = {
    {.name = "series", .kind = CLI_LIST, .offset = COMMON(sel.series), .metavar = "NAME",
     .help = "only this series (repeat, or separate names with commas)"},
    {.name = "entity", .kind = CLI_LIST, .offset = COMMON(sel.entity), .metavar = "NAME",
     .help = "only this entity (repeat, or separate with commas)"},
};
const cli_group cli_select_options = CLI_GROUP("Selection:", select_rows);

const char *const cli_lang_names[] = {"en", "zh", NULL};

static const cli_option format_rows[] = {
    {.name = "format", .kind = CLI_FORMAT, .offset = COMMON(fmt),
     .help = "output format (default table)"},
    {.name = "digits", .kind = CLI_INT, .offset = COMMON(table.digits), .size = sizeof(int),
     .min = 1, .max = 17, .metavar = "N",
     .help = "table and md: numbers with at most N significant digits (whole-number digits "
             "are kept) instead of each column's rounding"},
    {.name = "exact", .kind = CLI_FLAG, .offset = COMMON(table.exact),
     .help = "csv and json: numbers that read back exactly (0.9600000000000002) instead of 15 "
             "significant digits (0.96)"},
    {.name = "bom", .kind = CLI_FLAG, .offset = COMMON(table.bom),
     .help = "csv: start with a UTF-8 byte order mark, so that Excel shows Chinese names"},
    {.name = "excel", .kind = CLI_FLAG, .offset = COMMON(table.bom), .help = "the same as --bom"},
    {.name = "lang", .kind = CLI_CHOICE, .offset = COMMON(lang), .choices = cli_lang_names,
     .help = "language of the headers and notes (default en; zh: 同比, 年均增长, 百分点 ...); "
             "JSON keys stay English"},
};
const cli_group cli_format_option = CLI_GROUP("Output options:", format_rows);

static const cli_option output_rows[] = {
    {.name = "output", .short_name = 'o', .kind = CLI_STRING, .offset = COMMON(output),
     .metavar = "FILE",
     .help = "write to FILE instead of standard output, replacing it only once complete; "
             "FILE.xlsx writes an Excel workbook (--format xlsx)"},
};
const cli_group cli_output_option = CLI_GROUP(NULL, output_rows);

static const cli_option forecast_rows[] = {
    {.name = "level", .kind = CLI_LEVELS, .offset = COMMON(fc.req), .metavar = "L[,L...]",
     .help = "interval levels in percent (default 80,95)"},
    {.name = "log", .kind = CLI_SET, .offset = COMMON(fc.req.scale), .value = IND_SCALE_LOG,
     .exclusive = CLI_EXCLUSIVE_SCALE,
     .help = "model the logs (values must be > 0); intervals stay > 0"},
    {.name = "bounds", .kind = CLI_BOUNDS, .offset = COMMON(fc.req), .metavar = "LO,HI",
     .exclusive = CLI_EXCLUSIVE_SCALE,
     .help = "model logit((y-LO)/(HI-LO)): forecasts and intervals stay inside (LO, HI); "
             "values must be strictly inside. Percent series (unit %) get --bounds 0,100 by "
             "default (loglinear excepted)."},
    {.name = "no-bounds", .kind = CLI_SET, .offset = COMMON(fc.req.scale),
     .value = IND_SCALE_NONE, .exclusive = CLI_EXCLUSIVE_SCALE,
     .help = "no transform, not even for percent series"},
};
const cli_group cli_forecast_options = {"Forecast options:", forecast_rows,
                                        sizeof forecast_rows / sizeof forecast_rows[0], NULL,
                                        print_methods};

static const cli_option method_rows[] = {
    {.name = "method", .kind = CLI_METHOD, .offset = COMMON(fc.req.method), .metavar = "M",
     .help = "forecasting method (default auto; listed below)"},
};
const cli_group cli_method_option = CLI_GROUP(NULL, method_rows);

static const cli_option horizon_rows[] = {
    {.name = "horizon", .kind = CLI_INT, .offset = COMMON(fc.req.horizon),
     .size = sizeof(size_t), .min = 1, .max = IND_FORECAST_MAX_HORIZON, .metavar = "N",
     .exclusive = CLI_EXCLUSIVE_HORIZON, .help = "periods to forecast (default 5)"},
};
const cli_group cli_horizon_option = CLI_GROUP(NULL, horizon_rows);

static const cli_option to_rows[] = {
    {.name = "to", .kind = CLI_PERIOD, .offset = COMMON(fc.to), .metavar = "PERIOD",
     .exclusive = CLI_EXCLUSIVE_HORIZON,
     .help = "forecast up to PERIOD (e.g. 2035) instead of --horizon"},
};
const cli_group cli_to_option = CLI_GROUP(NULL, to_rows);

static const cli_option targets_rows[] = {
    {.name = "targets", .kind = CLI_STRING, .offset = COMMON(targets_file), .metavar = "FILE",
     .once = true, .help = "targets from a file"},
    {.name = "targets-sheet", .kind = CLI_STRING, .offset = COMMON(targets_sheet),
     .metavar = "NAME|N", .once = true,
     .help = "the sheet of a --targets workbook, by name or number (default: the first "
             "visible sheet holding numbers)"},
};
const cli_group cli_targets_option = CLI_GROUP(NULL, targets_rows);

static const cli_option jobs_rows[] = {
    {.name = "jobs", .kind = CLI_INT, .offset = COMMON(fc.jobs), .size = sizeof(int), .min = 1,
     .max = 64, .metavar = "N", .help = "forecast on N threads (default 1)"},
};
const cli_group cli_jobs_option = CLI_GROUP(NULL, jobs_rows);

static int derive_parse(const char *cmd, const cli_option *row, char *arg, void *field);

static const cli_option derive_rows[] = {
    /* offset 0: the parser gets the whole cli_common, to add to its list */
    {.name = "derive", .kind = CLI_CUSTOM, .parse = derive_parse, .offset = 0,
     .metavar = "'NAME = EXPR'",
     .help = "a series computed from others, e.g. 'rd_spending = rd_intensity / 100 * gdp' "
             "(repeatable): + - * / and numbers over SERIES or SERIES[ENTITY], aligned by "
             "entity and period, missing where an input is missing, units carried (% x 亿元 -> "
             "亿元); an entity whose series of that name is in the data keeps the data's"},
};
const cli_group cli_derive_option = CLI_GROUP(NULL, derive_rows);
static const cli_option sorted_rows[] = {
    {.name = "sorted", .kind = CLI_FLAG, .offset = COMMON(load.sorted),
     .help = "the rows of each series are together: write each series as soon as it is read, and "
             "stop at a series that comes back (FILE:LINE) instead of reading the file again "
             "as a whole"},
};
const cli_group cli_sorted_option = CLI_GROUP("Large files (one series at a time):", sorted_rows);

void cli_common_init(cli_common *c)
{
    memset(c, 0, sizeof *c);
    ind_load_options_init(&c->load);
    ind_forecast_request_init(&c->fc.req);
    c->fmt = IND_FORMAT_TABLE;
    c->fc.jobs = 1;
}

ind_table *cli_table_new(const cli_common *c, const ind_column *cols, size_t ncols, FILE *out,
                         const char *qualifier)
{
    ind_table_options opt = c->table;
    ind_lang lang = (ind_lang)c->lang;
    opt.notes_title = ind_label("Notes:", lang);
    opt.sheet = qualifier; /* xlsx: the command's name */
    opt.notes_header = ind_label("notes", lang);
    opt.notes_header_taken = ind_label("notes (empty cells)", lang); /* target has "notes" */
    opt.pp_word = ind_label("pp", lang); /* xlsx: 0.96 pp, 0.96 百分点 */
    if (lang == IND_LANG_EN || c->fmt == IND_FORMAT_JSON)
        return ind_table_new_with(cols, ncols, c->fmt, &opt, out);
    ind_column *shown = malloc(ncols * sizeof *shown);
    if (!shown)
        return NULL;
    for (size_t i = 0; i < ncols; i++) {
        char id[128];
        shown[i] = cols[i];
        snprintf(id, sizeof id, "%s.%s", qualifier ? qualifier : "", cols[i].name);
        shown[i].name = ind_label(qualifier ? id : cols[i].name, lang);
        if (strcmp(shown[i].name, qualifier ? id + strlen(qualifier) + 1 : cols[i].name) == 0)
            shown[i].name = cols[i].name; /* no label: the id, which lives as long as cols */
    }
    ind_table *t = ind_table_new_with(shown, ncols, c->fmt, &opt, out);
    free(shown); /* the table copied the columns; the labels are static */
    return t;
}

/* ---- custom parsers of the shared rows ---- */

/* A derivation, checked now (a typo is a usage error with its column) and kept as written. */
static int derive_parse(const char *cmd, const cli_option *row, char *arg, void *field)
{
    cli_common *c = field;
    ind_derivation *d;
    ind_error err;
    ind_error_clear(&err);
    if (c->nderive == CLI_MAX_DERIVE)
        return cli_usage_error(cmd, "--%s: at most %d", row->name, CLI_MAX_DERIVE);
    if (ind_derivation_parse(arg, &d, &err) != IND_OK)
        return cli_usage_error(cmd, "--%s: %s", row->name, err.message);
    ind_derivation_free(d);
    c->derive[c->nderive++] = arg;
    return 0;
}

static int delimiter_parse(const char *cmd, const cli_option *row, char *arg, void *field)
{
    char *out = field;
    if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
        *out = '\t';
    else if (strlen(arg) == 1 && strchr(",;\t|", arg[0]))
        *out = arg[0];
    else
        return cli_usage_error(cmd, "--%s must be ',' ';' '|' or 'tab', not '%s'", row->name, arg);
    return 0;
}

/* The library's parser, which also takes "auto" (detect). */
static int shape_parse(const char *cmd, const cli_option *row, char *arg, void *field)
{
    if (ind_shape_parse(arg, field) != 0)
        return cli_usage_error(cmd, "--%s must be long, wide-period or wide-series, not '%s'",
                               row->name, arg);
    return 0;
}

static int freq_parse(const char *cmd, const cli_option *row, char *arg, void *field)
{
    if (ind_freq_parse(arg, field) != 0)
        return cli_usage_error(cmd, "--%s must be month, quarter, half or year, not '%s'",
                               row->name, arg);
    return 0;
}

static void print_methods(FILE *out)
{
    size_t n;
    const ind_forecast_method *m = ind_forecast_methods(&n);
    fprintf(out, "Methods (fewest observations in brackets):\n");
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  %-10s [%zu] %s\n", m[i].name, m[i].min_obs, m[i].summary);
}

/* ---- one parser per kind ---- */

/* "a, b or c" of a NULL-terminated list (or of the output formats when names is NULL). */
static const char *name_at(const char *const *names, size_t i)
{
    return names ? names[i] : ind_format_name(i);
}

static void join_names(const char *const *names, const char *sep, const char *last, char *buf,
                       size_t n)
{
    size_t count = 0, len = 0;
    while (name_at(names, count))
        count++;
    buf[0] = '\0';
    for (size_t i = 0; i < count && len < n; i++) {
        const char *between = i == 0 ? "" : i + 1 == count && last ? last : sep;
        int w = snprintf(buf + len, n - len, "%s%s", between, name_at(names, i));
        len += w > 0 ? (size_t)w : 0;
    }
}

static int bad_choice(const char *cmd, const cli_option *row, const char *arg)
{
    char names[256];
    join_names(row->kind == CLI_FORMAT ? NULL : row->choices, ", ", " or ", names, sizeof names);
    return cli_usage_error(cmd, "--%s must be %s, not '%s'", row->name, names, arg);
}

static int parse_int(const char *cmd, const cli_option *row, const char *arg, void *field)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || errno || v < row->min || v > row->max)
        return cli_usage_error(cmd, "--%s takes a whole number from %ld to %ld, not '%s'",
                               row->name, row->min, row->max, arg);
    if (row->size == sizeof(int)) {
        int i = (int)v;
        memcpy(field, &i, sizeof i);
    } else { /* long or size_t: the range keeps v representable in both */
        int64_t i = v;
        memcpy(field, &i, sizeof i);
    }
    return 0;
}

static int parse_double(const char *cmd, const cli_option *row, const char *arg, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno || !isfinite(v) || v < row->dmin || v > row->dmax)
        return cli_usage_error(cmd, "--%s takes a number from %g to %g, not '%s'", row->name,
                               row->dmin, row->dmax, arg);
    *out = v;
    return 0;
}

static int parse_choice(const char *cmd, const cli_option *row, const char *arg, int *out)
{
    for (int i = 0; row->choices[i]; i++)
        if (strcmp(arg, row->choices[i]) == 0) {
            *out = i;
            return 0;
        }
    return bad_choice(cmd, row, arg);
}

static int add_item(const char *cmd, const cli_option *row, const char *name, cli_list *l)
{
    size_t max = sizeof l->items / sizeof l->items[0];
    if (l->n == max)
        return cli_usage_error(cmd, "too many --%s names (at most %zu)", row->name, max);
    l->items[l->n++] = name;
    return 0;
}

/* Adds arg itself and, when it has commas, each comma-separated part. */
static int parse_list(const char *cmd, const cli_option *row, char *arg, cli_list *l)
{
    if (add_item(cmd, row, arg, l) != 0)
        return EXIT_USAGE;
    if (!strchr(arg, ','))
        return 0;
    size_t len = strlen(arg);
    if (len + 1 > sizeof l->parts - l->used)
        return cli_usage_error(cmd, "--%s names too long", row->name);
    char *copy = memcpy(l->parts + l->used, arg, len + 1);
    l->used += len + 1;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save))
        if (add_item(cmd, row, tok, l) != 0)
            return EXIT_USAGE;
    return 0;
}

/* A library parser's verdict: its message names the option and the value. */
static int library_verdict(const char *cmd, ind_status st, const ind_error *err)
{
    return st == IND_OK ? 0 : cli_usage_error(cmd, "%s", err->message);
}

static int parse_value(const char *cmd, const cli_option *row, char *arg, void *field)
{
    ind_error err;
    ind_error_clear(&err);
    switch (row->kind) {
    case CLI_FLAG:
        *(bool *)field = true;
        return 0;
    case CLI_SET:
        memcpy(field, &row->value, sizeof row->value);
        return 0;
    case CLI_STRING:
        *(const char **)field = arg;
        return 0;
    case CLI_INT:
        return parse_int(cmd, row, arg, field);
    case CLI_DOUBLE:
        return parse_double(cmd, row, arg, field);
    case CLI_PERIOD:
        if (ind_period_parse(arg, strlen(arg), field) == IND_PERIOD_OUT_OF_RANGE)
            return cli_usage_error(cmd, "--%s: '%s': the year is outside %d..%d", row->name, arg,
                                   IND_YEAR_MIN, IND_YEAR_MAX);
        if (ind_period_parse(arg, strlen(arg), field) != 0)
            return cli_usage_error(cmd,
                                   "--%s: '%s' is not a period (e.g. 2023, 2024H1, 2023Q3, "
                                   "2023-06)",
                                   row->name, arg);
        return 0;
    case CLI_FORMAT:
        return ind_format_parse(arg, field) == 0 ? 0 : bad_choice(cmd, row, arg);
    case CLI_METHOD: {
        const ind_forecast_method *m = ind_forecast_method_find(arg, &err);
        if (!m)
            return cli_usage_error(cmd, "%s", err.message);
        *(const ind_forecast_method **)field = m;
        return 0;
    }
    case CLI_LEVELS:
        return library_verdict(cmd, ind_forecast_parse_levels(arg, field, &err), &err);
    case CLI_BOUNDS:
        return library_verdict(cmd, ind_forecast_parse_bounds(arg, field, &err), &err);
    case CLI_CHOICE:
        return parse_choice(cmd, row, arg, field);
    case CLI_LIST:
        return parse_list(cmd, row, arg, field);
    case CLI_CUSTOM:
        return row->parse(cmd, row, arg, field);
    }
    return cli_usage_error(cmd, "--%s: unknown kind of option", row->name);
}

/* ---- what was given ---- */

static cli_seen *seen_of(cli_common *c, const cli_option *row)
{
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i].row == row)
            return &c->seen[i];
    return NULL;
}

const char *cli_given(const cli_common *c, const char *name)
{
    for (size_t i = 0; i < c->nseen; i++)
        if (strcmp(c->seen[i].row->name, name) == 0)
            return c->seen[i].arg;
    return NULL;
}

bool cli_given_any(const cli_common *c, const cli_group *g)
{
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i].row >= g->rows && c->seen[i].row < g->rows + g->n)
            return true;
    return false;
}

/* The rows of spec, flattened in help order. */
typedef struct row_list {
    const cli_option *row[128];
    size_t n;
} row_list;

static void collect_rows(const cli_command_spec *spec, row_list *l)
{
    l->n = 0;
    for (const cli_group *const *g = spec->groups; *g; g++)
        for (size_t i = 0; i < (*g)->n && l->n < sizeof l->row / sizeof l->row[0]; i++)
            l->row[l->n++] = &(*g)->rows[i];
}

/* "give --a or --b, not both" / "give only one of --a, --b, --c" */
static int exclusive_error(const char *cmd, const row_list *rows, int exclusive)
{
    const char *names[16];
    size_t n = 0;
    for (size_t i = 0; i < rows->n && n < 15; i++)
        if (rows->row[i]->exclusive == exclusive)
            names[n++] = rows->row[i]->name;
    if (n == 2)
        return cli_usage_error(cmd, "give --%s or --%s, not both", names[0], names[1]);
    char list[512];
    size_t len = 0;
    list[0] = '\0';
    for (size_t i = 0; i < n && len < sizeof list; i++) {
        int w = snprintf(list + len, sizeof list - len, "%s--%s", i ? ", " : "", names[i]);
        len += w > 0 ? (size_t)w : 0;
    }
    return cli_usage_error(cmd, "give only one of %s", list);
}

/* Records that row was given with arg; refuses a second --once or an exclusive partner. */
static int note_given(const char *cmd, const row_list *rows, cli_common *c, const cli_option *row,
                      const char *arg)
{
    cli_seen *s = seen_of(c, row);
    if (s && row->once)
        return cli_usage_error(cmd, "--%s given twice", row->name);
    for (size_t i = 0; row->exclusive && i < c->nseen; i++)
        if (c->seen[i].row != row && c->seen[i].row->exclusive == row->exclusive)
            return exclusive_error(cmd, rows, row->exclusive);
    if (!s) {
        if (c->nseen == CLI_MAX_SEEN)
            return cli_usage_error(cmd, "too many different options");
        s = &c->seen[c->nseen++];
        s->row = row;
    }
    s->arg = arg ? arg : "";
    return 0;
}

/* ---- getopt_long ---- */

enum { LONG_BASE = 1000 };

static bool takes_value(const cli_option *row)
{
    return row->kind != CLI_FLAG && row->kind != CLI_SET;
}

/* The getopt_long table and short-option string of rows ("h" and ':' first: missing values). */
static void getopt_tables(const row_list *rows, struct option *longopts, char *shortopts)
{
    size_t k = 0, s = 0;
    shortopts[s++] = ':';
    shortopts[s++] = 'h';
    for (size_t i = 0; i < rows->n; i++) {
        const cli_option *r = rows->row[i];
        longopts[k++] = (struct option){r->name, takes_value(r) ? required_argument : no_argument,
                                        NULL, LONG_BASE + (int)i};
        if (r->short_name) {
            shortopts[s++] = r->short_name;
            if (takes_value(r))
                shortopts[s++] = ':';
        }
    }
    longopts[k++] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[k] = (struct option){NULL, 0, NULL, 0};
    shortopts[s] = '\0';
}

/* The row of getopt's answer c, or NULL. */
static const cli_option *row_of(const row_list *rows, int c)
{
    if (c >= LONG_BASE && (size_t)(c - LONG_BASE) < rows->n)
        return rows->row[c - LONG_BASE];
    for (size_t i = 0; c > 0 && c < 256 && i < rows->n; i++)
        if (rows->row[i]->short_name == c)
            return rows->row[i];
    return NULL;
}

/* The message for getopt's '?' (unknown) or ':' (missing value). */
static int getopt_error(const char *cmd, const row_list *rows, int c, char **argv)
{
    const cli_option *row = row_of(rows, optopt);
    if (c == ':' && row)
        return cli_usage_error(cmd, "--%s needs a value", row->name);
    if (optopt > 0 && optopt < 256)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

int cli_parse(const cli_command_spec *spec, int argc, char **argv, void *args)
{
    cli_common *common = args;
    row_list rows;
    collect_rows(spec, &rows);
    struct option longopts[sizeof rows.row / sizeof rows.row[0] + 2];
    char shortopts[2 * sizeof rows.row / sizeof rows.row[0] + 3];
    getopt_tables(&rows, longopts, shortopts);
    int c;
    optind = 0; /* GNU: start afresh, also after a parse that stopped midway */
    opterr = 0; /* messages are ours */
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == 'h') {
            cli_help(spec, stdout);
            return EXIT_OK;
        }
        const cli_option *row = c == '?' || c == ':' ? NULL : row_of(&rows, c);
        if (!row)
            return getopt_error(spec->name, &rows, c, argv);
        if (note_given(spec->name, &rows, common, row, optarg) != 0 ||
            parse_value(spec->name, row, optarg, (char *)args + row->offset) != 0)
            return EXIT_USAGE;
    }
    common->files = argv + optind;
    common->nfiles = (size_t)(argc - optind);
    if (spec->one_file && common->nfiles != 1)
        return cli_usage_error(spec->name, "expects exactly one FILE");
    int status = cli_output_begin(spec->name, common);
    return status != 0 ? status : CLI_RUN;
}

/* ---- --help, generated from the rows ---- */

enum { HELP_COLUMN = 24, HELP_WIDTH = 80 };

/* Writes text from column col on, wrapped at HELP_WIDTH with continuation lines at HELP_COLUMN. */
static void wrap(FILE *out, const char *text, size_t col)
{
    const char *p = text;
    bool first = true;
    while (*p) {
        if (*p == '\n') { /* a forced break */
            fprintf(out, "\n%*s", HELP_COLUMN, "");
            col = HELP_COLUMN;
            first = true;
            p++;
            continue;
        }
        size_t len = strcspn(p, " \n");
        char word[256];
        snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), p);
        size_t w = ind_display_width(word);
        if (!first && col + 1 + w > HELP_WIDTH) {
            fprintf(out, "\n%*s", HELP_COLUMN, "");
            col = HELP_COLUMN;
            first = true;
        }
        if (!first) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, len, out);
        col += w;
        first = false;
        p += len;
        p += strspn(p, " ");
    }
    fputc('\n', out);
}

/* The value's name of a row: its metavar, else its choices joined by '|'. */
static const char *metavar(const cli_option *row, char *buf, size_t n)
{
    if (!takes_value(row))
        return NULL;
    if (row->metavar)
        return row->metavar;
    if (row->kind == CLI_CHOICE || row->kind == CLI_FORMAT) {
        join_names(row->kind == CLI_FORMAT ? NULL : row->choices, "|", NULL, buf, n);
        return buf;
    }
    return "VALUE";
}

static void help_row(FILE *out, const cli_option *row)
{
    char left[160], names[256];
    const char *arg = metavar(row, names, sizeof names);
    int len;
    if (row->short_name)
        len = snprintf(left, sizeof left, "  -%c, --%s%s%s", row->short_name, row->name,
                       arg ? " " : "", arg ? arg : "");
    else
        len = snprintf(left, sizeof left, "  --%s%s%s", row->name, arg ? " " : "", arg ? arg : "");
    fputs(left, out);
    size_t col = len > 0 ? (size_t)len : 0;
    if (col + 2 > HELP_COLUMN) { /* too long to share a line with the help */
        fprintf(out, "\n%*s", HELP_COLUMN, "");
    } else {
        fprintf(out, "%*s", (int)(HELP_COLUMN - col), "");
    }
    wrap(out, row->help ? row->help : "", HELP_COLUMN);
}

void cli_help(const cli_command_spec *spec, FILE *out)
{
    static const cli_option help_option = {.name = "help", .short_name = 'h', .kind = CLI_FLAG,
                                           .help = "this help"};
    bool help_shown = false; /* -h ends the first heading, the command's own options */
    fprintf(out, "Usage: indicators %s %s\n\n", spec->name, spec->usage);
    if (spec->about)
        fprintf(out, "%s%s\n", spec->about, spec->details ? spec->details : "");
    for (const cli_group *const *g = spec->groups; *g; g++) {
        if ((*g)->title && g != spec->groups) {
            if (!help_shown)
                help_row(out, &help_option);
            help_shown = true;
            fputc('\n', out);
        }
        if ((*g)->title)
            fprintf(out, "%s\n", (*g)->title);
        for (size_t i = 0; i < (*g)->n; i++)
            help_row(out, &(*g)->rows[i]);
        if ((*g)->note)
            fputs((*g)->note, out);
        if ((*g)->after) {
            fputc('\n', out);
            (*g)->after(out);
        }
    }
    if (!help_shown)
        help_row(out, &help_option);
    if (spec->epilog)
        fprintf(out, "\n%s", spec->epilog);
}
