/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * growth.c - `indicators growth [OPTIONS] FILE`: growth figures of every
 * selected series (latest value, YoY, PoP, CAGR, change, pp, multiple,
 * doublings, doubling time, index), one row per series, or with --detail
 * one row per period. The figures come from the library (growth.h); this
 * file parses options and hands cells to the output module.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "pool.h"
#include "indicators/growth.h"

static const char about[] =
    "Growth figures of each series in FILE, one row per series (or per period\n"
    "with --detail). Definitions (x_t value in period t, t0 the start, n years):\n"
    "  yoy 同比            x_t / x_{t-1y} - 1: the same period a year earlier (t-1 for\n"
    "                      years, t-2 halves, t-4 quarters, t-12 months)\n"
    "  pop 环比            x_t / x_{t-1} - 1: the previous period; sub-annual series only\n"
    "                      (annual series: see yoy)\n"
    "  cagr 年均增长       (x_t / x_t0)^(1/n) - 1, n = years between the periods (gaps\n"
    "                      allowed); needs both values > 0\n"
    "  change 增加         x_t - x_t0; change_per_year = change / n\n"
    "  pp 百分点           x_t - x_t0 for ratio indicators in % (unit starting with %):\n"
    "                      1.14% -> 2.1% is +0.96 pp; growth_pct gives the relative +84%\n"
    "  multiple 倍         x_t / x_t0; growth_pct = 100 (multiple - 1)\n"
    "  doublings 翻番      log2(x_t / x_t0)\n"
    "  doubling_years      ln 2 / ln(1 + cagr): years to double at the CAGR\n"
    "  index               100 x_t / x_base (with --base)\n"
    "  累计 --cumulative   values are year-to-date totals: every figure above uses\n"
    "                      the single periods YTD_t - YTD_{t-1} (YTD_t itself in the first\n"
    "                      period of a year); ytd_growth_pct = YTD_t / YTD_{t-1y} - 1\n"
    "A figure that cannot be computed shows [k] in table and md, its reason\n"
    "numbered below the table (\"no value a year earlier (2022)\", \"CAGR needs\n"
    "positive values\"); one that does not apply (pop of an annual series) is blank.\n"
    "In CSV and xlsx the cell is empty, in JSON null, and the notes column gives\n"
    "the reasons.\n"
    "\n"
    "Columns: series entity unit from to years first latest yoy_pct pop_pct cagr_pct\n"
    "  change change_per_year pp growth_pct multiple doublings doubling_years\n"
    "  [index] [latest_ytd ytd_growth_pct] notes: all of them in csv, json and xlsx\n"
    "  and with --all; table and md show what a reader needs first: series entity from\n"
    "  to first latest cagr_pct, change (pp for % series) and yoy_pct (with the\n"
    "  optional ones asked for); --columns picks any, in any order.\n"
    "  Rates are in percent (cagr_pct 22.6 = 22.6 %/yr); table and md round them\n"
    "  (--digits N: N significant digits), csv and json give 15 significant digits\n"
    "  (--exact: every digit of the double); xlsx keeps every digit in the cell,\n"
    "  percent columns as fractions shown as % (0.226 as 22.6%).\n"
    "--detail columns: series entity period value [single] yoy_pct pop_pct change\n"
    "  [index] [ytd_growth_pct] [notes]; change = x_t - x_{t-1y}; --from/--to\n"
    "  limit the rows to that window.\n";

static const char epilog[] =
    "PERIOD: 2023, 2024H1, 2023Q3, 2023-06 (or 2023年, 2024年上半年 ...). A series\n"
    "without a value at --from/--to/--base shows why; when no selected series has\n"
    "one the command fails (exit 1).\n"
    "\n"
    "Example:\n"
    "  indicators growth datasets/rd.csv --entity Luohe\n"
    "  -> rd_intensity 2020 1.14 -> 2023 2.1: cagr_pct 22.6, pp 0.96, multiple 1.84,\n"
    "     doubling_years 3.4\n"
    "\n";

typedef struct growth_args {
    cli_common c; /* first: the shared rows' fields */
    ind_growth_options opt;
    const char *from, *to, *base; /* as given, for messages; NULL when not */
    const char *columns;          /* --columns a,b,c */
    bool detail, all;
    const char *path;
} growth_args;

#define ARG(field) offsetof(growth_args, field)

static const cli_option growth_rows[] = {
    {.name = "from", .kind = CLI_PERIOD, .offset = ARG(opt.from), .metavar = "PERIOD",
     .help = "start of the window (default: first observation)"},
    {.name = "to", .kind = CLI_PERIOD, .offset = ARG(opt.to), .metavar = "PERIOD",
     .help = "end of the window and the period of latest, yoy and pop (default: last "
             "observation)"},
    {.name = "base", .kind = CLI_PERIOD, .offset = ARG(opt.base), .metavar = "PERIOD",
     .help = "add index = 100 x_to / x_base"},
    {.name = "cumulative", .kind = CLI_FLAG, .offset = ARG(opt.cumulative),
     .help = "values are year-to-date totals (累计)"},
    {.name = "detail", .kind = CLI_FLAG, .offset = ARG(detail),
     .help = "one row per period instead of one per series"},
    {.name = "columns", .kind = CLI_STRING, .offset = ARG(columns), .metavar = "A,B,...",
     .exclusive = CLI_EXCLUSIVE_COMMAND,
     .help = "these columns, in this order (names as in --all; csv and json too)"},
    {.name = "all", .kind = CLI_FLAG, .offset = ARG(all), .exclusive = CLI_EXCLUSIVE_COMMAND,
     .help = "table and md: every column (csv and json have them all by default)"},
};
static const cli_group growth_options = CLI_GROUP("Options:", growth_rows);

static const cli_command_spec growth_spec = {
    .name = "growth",
    .usage = "[OPTIONS] FILE",
    .about = about,
    .groups = (const cli_group *const[]){
        &growth_options, &cli_format_option, &cli_output_option, &cli_select_options,
        &cli_sorted_option,
        &cli_input_options, NULL,
    },
    .epilog = epilog,
    .one_file = true,
};

/*
 * Columns are rows of two descriptor tables (summary, detail). A figure
 * column names the ind_figure it shows by its offset in ind_growth_summary or
 * ind_growth_row and a scale (100 for rates shown in percent); the other
 * kinds are the series' texts, periods and the notes.
 */
typedef enum col_kind {
    K_SERIES,
    K_ENTITY,
    K_UNIT,
    K_FROM,   /* summary: window start */
    K_TO,     /* summary: window end */
    K_PERIOD, /* detail: the row's period */
    K_VALUE,  /* detail: the value as given */
    K_FIGURE,
    K_NOTES,
} col_kind;

typedef enum col_when {
    ALWAYS,
    WITH_BASE,       /* only with --base */
    WITH_CUMULATIVE, /* only with --cumulative */
    WITH_NOTES,      /* only in csv, json and xlsx: table and md number the reasons below */
} col_when;

typedef struct col_def {
    ind_column col;
    col_kind kind;
    col_when when;
    size_t offset; /* K_FIGURE: offsetof the ind_figure */
    double scale;
} col_def;

/* unit: the workbook's number format (output.h); rates in percent are IND_UNIT_PERCENT */
#define TEXT(name, kind, when) {{name, IND_COL_TEXT, 0, IND_UNIT_PLAIN}, kind, when, 0, 0}
#define SUM(name, digits, unit, field, scale, when)                                                \
    {{name, IND_COL_NUMBER, digits, unit}, K_FIGURE, when, offsetof(ind_growth_summary, field),   \
     scale}
#define ROW(name, digits, unit, field, scale, when)                                                \
    {{name, IND_COL_NUMBER, digits, unit}, K_FIGURE, when, offsetof(ind_growth_row, field), scale}
#define NOTES {{"notes", IND_COL_NOTES, 0, IND_UNIT_PLAIN}, K_NOTES, WITH_NOTES, 0, 0}

static const col_def summary_cols[] = {
    TEXT("series", K_SERIES, ALWAYS),
    TEXT("entity", K_ENTITY, ALWAYS),
    TEXT("unit", K_UNIT, ALWAYS),
    TEXT("from", K_FROM, ALWAYS),
    TEXT("to", K_TO, ALWAYS),
    SUM("years", -1, IND_UNIT_PLAIN, years, 1, ALWAYS),
    SUM("first", -1, IND_UNIT_PLAIN, first, 1, ALWAYS),
    SUM("latest", -1, IND_UNIT_PLAIN, latest, 1, ALWAYS),
    SUM("yoy_pct", 1, IND_UNIT_PERCENT, yoy, 100, ALWAYS),
    SUM("pop_pct", 1, IND_UNIT_PERCENT, pop, 100, ALWAYS),
    SUM("cagr_pct", 1, IND_UNIT_PERCENT, cagr, 100, ALWAYS),
    SUM("change", -1, IND_UNIT_PLAIN, change, 1, ALWAYS),
    SUM("change_per_year", -1, IND_UNIT_PLAIN, change_per_year, 1, ALWAYS),
    SUM("pp", 2, IND_UNIT_PP, pp, 1, ALWAYS),
    SUM("growth_pct", 1, IND_UNIT_PERCENT, growth, 100, ALWAYS),
    SUM("multiple", 2, IND_UNIT_MULTIPLE, multiple, 1, ALWAYS),
    SUM("doublings", 2, IND_UNIT_PLAIN, doublings, 1, ALWAYS),
    SUM("doubling_years", 1, IND_UNIT_PLAIN, doubling_time, 1, ALWAYS),
    SUM("index", 1, IND_UNIT_PLAIN, index, 1, WITH_BASE),
    SUM("latest_ytd", -1, IND_UNIT_PLAIN, ytd, 1, WITH_CUMULATIVE),
    SUM("ytd_growth_pct", 1, IND_UNIT_PERCENT, ytd_growth, 100, WITH_CUMULATIVE),
    NOTES,
};

static const col_def detail_cols[] = {
    TEXT("series", K_SERIES, ALWAYS),
    TEXT("entity", K_ENTITY, ALWAYS),
    TEXT("period", K_PERIOD, ALWAYS),
    {{"value", IND_COL_NUMBER, -1, IND_UNIT_PLAIN}, K_VALUE, ALWAYS, 0, 1},
    ROW("single", -1, IND_UNIT_PLAIN, single, 1, WITH_CUMULATIVE),
    ROW("yoy_pct", 1, IND_UNIT_PERCENT, yoy, 100, ALWAYS),
    ROW("pop_pct", 1, IND_UNIT_PERCENT, pop, 100, ALWAYS),
    ROW("change", -1, IND_UNIT_PLAIN, change, 1, ALWAYS),
    ROW("index", 1, IND_UNIT_PLAIN, index, 1, WITH_BASE),
    ROW("ytd_growth_pct", 1, IND_UNIT_PERCENT, ytd_growth, 100, WITH_CUMULATIVE),
    NOTES,
};

#define MAX_COLS (sizeof summary_cols / sizeof summary_cols[0])

/* The columns shown: optional ones only with their option / format. */
typedef struct layout {
    const col_def *def[MAX_COLS];
    ind_column col[MAX_COLS];
    size_t n;
} layout;

static bool shown(const growth_args *a, col_when when)
{
    switch (when) {
    case WITH_BASE:
        return a->base != NULL;
    case WITH_CUMULATIVE:
        return a->opt.cumulative;
    case WITH_NOTES:
        return !ind_format_for_reader(a->c.fmt);
    default:
        return true;
    }
}

/*
 * The columns a reader needs first, in this order: the default of table and
 * md (csv and json have every column, for programs). change and pp are the
 * same difference; pp is shown for % series, change for the others.
 */
static const char *const reader_summary[] = {
    "series", "entity", "from", "to", "first", "latest", "cagr_pct", "change", "pp", "yoy_pct",
    "index", "latest_ytd", "ytd_growth_pct", NULL,
};
static const char *const reader_detail[] = {
    "series", "entity", "period", "value", "single", "yoy_pct", "pop_pct", "change", "index",
    "ytd_growth_pct", NULL,
};

static const col_def *find_col(const col_def *defs, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(defs[i].col.name) == len && strncmp(defs[i].col.name, name, len) == 0)
            return &defs[i];
    return NULL;
}

static void add_col(layout *l, const col_def *d)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->def[i] == d)
            return;
    if (l->n < MAX_COLS) {
        l->def[l->n] = d;
        l->col[l->n++] = d->col;
    }
}

/* What the selected series are: a % one (pp), another (change), a sub-annual one (pop). */
typedef struct kinds {
    bool pct, other, sub_annual;
} kinds;

static kinds kinds_of(const growth_args *a, const ind_dataset *ds)
{
    kinds k = {false, false, false};
    for (size_t i = 0; i < ind_dataset_count(ds) && !(k.pct && k.other && k.sub_annual); i++) {
        const ind_series *s = ind_dataset_at(ds, i);
        if (!cli_selected(&a->c.sel, s))
            continue;
        *(ind_series_is_percent(s) ? &k.pct : &k.other) = true;
        k.sub_annual = k.sub_annual || s->freq > IND_FREQ_YEAR;
    }
    return k;
}

/* Whether reader column id suits the series: pp for %, change for others, pop sub-annual. */
static bool suits(const growth_args *a, const kinds *k, const char *id)
{
    if (strcmp(id, "pp") == 0)
        return k->pct;
    if (strcmp(id, "change") == 0)
        return k->other || a->detail; /* detail: the change on a year earlier, for every unit */
    if (strcmp(id, "pop_pct") == 0)
        return k->sub_annual;
    return true;
}

/* --columns a,b,c: those, in that order; a name that is none is a usage error. */
static int chosen_layout(const growth_args *a, const col_def *defs, size_t n, layout *l)
{
    for (const char *p = a->columns;; p++) {
        size_t len = strcspn(p, ",");
        const col_def *d = find_col(defs, n, p, len);
        if (!d) {
            char names[512];
            size_t used = 0;
            for (size_t i = 0; i < n && used < sizeof names; i++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? " " : "",
                                         defs[i].col.name);
            return cli_usage_error("growth", "--columns: no column '%.*s'%s; there are: %s",
                                   (int)len, p, a->detail ? " with --detail" : "", names);
        }
        add_col(l, d);
        p += len;
        if (!*p)
            return 0;
    }
}

/* Whether the columns depend on the series (the reader's layout: pp for %, pop sub-annual). */
static bool layout_needs_data(const growth_args *a)
{
    return !a->columns && !a->all && !shown(a, WITH_NOTES);
}

/* The columns shown: --columns, --all (and csv, json), or the reader's (table, md). */
static int make_layout(const growth_args *a, const ind_dataset *ds, layout *l)
{
    const col_def *defs = a->detail ? detail_cols : summary_cols;
    size_t n = a->detail ? sizeof detail_cols / sizeof detail_cols[0] : MAX_COLS;
    l->n = 0;
    if (a->columns)
        return chosen_layout(a, defs, n, l);
    if (a->all || shown(a, WITH_NOTES)) {
        for (size_t i = 0; i < n; i++)
            if (shown(a, defs[i].when))
                add_col(l, &defs[i]);
        return 0;
    }
    kinds k = kinds_of(a, ds); /* ds is NULL only when layout_needs_data is false */
    for (const char *const *id = a->detail ? reader_detail : reader_summary; *id; id++) {
        const col_def *d = find_col(defs, n, *id, strlen(*id));
        if (d && suits(a, &k, *id) && shown(a, d->when))
            add_col(l, d);
    }
    return 0;
}

/* ---- notes: the reasons of the undefined figures of a row ---- */

typedef struct notes {
    char text[1024];
    size_t len;
    bool below;    /* table/md: the reasons are numbered below the table */
    ind_lang lang; /* of the reasons */
} notes;

/* Reasons that merely say a column does not apply are not notes. */
static bool by_design(const char *why)
{
    return strcmp(why, "annual series: see yoy") == 0 || strcmp(why, "not a % indicator") == 0 ||
           strcmp(why, "no base period given") == 0 ||
           strcmp(why, "not a cumulative (YTD) series") == 0;
}

/* Adds "name: why", or appends name to an earlier entry with the same reason. */
static void note(notes *nt, const char *name, const char *why)
{
    char entry[300];
    snprintf(entry, sizeof entry, ": %s", why);
    char *at = strstr(nt->text, entry);
    if (at && (at[strlen(entry)] == ';' || at[strlen(entry)] == '\0')) {
        size_t add = strlen(name) + 2;
        if (nt->len + add >= sizeof nt->text)
            return;
        memmove(at + add, at, strlen(at) + 1);
        memcpy(at, ", ", 2);
        memcpy(at + 2, name, add - 2);
        nt->len += add;
        return;
    }
    int w = snprintf(nt->text + nt->len, sizeof nt->text - nt->len, "%s%s%s", nt->len ? "; " : "",
                     name, entry);
    if (w > 0 && nt->len + (size_t)w < sizeof nt->text)
        nt->len += (size_t)w;
    else
        nt->text[nt->len] = '\0';
}

/*
 * A figure cell: scale 100 for rates. An undefined figure is a note (table
 * and md: numbered below the table; csv and json: an empty cell and the
 * reason in the notes column); one that merely does not apply is empty.
 */
static void figure_cell(ind_table *t, notes *nt, const char *name, ind_figure f, double scale)
{
    if (f.defined) {
        ind_table_number(t, f.value * scale);
        return;
    }
    char why[256];
    ind_label_text(f.why, nt->lang, why, sizeof why);
    if (by_design(f.why)) {
        if (nt->below)
            ind_table_empty(t);
        else
            ind_table_note(t, why);
        return;
    }
    ind_table_note(t, why);
    note(nt, ind_label(name, nt->lang), why);
}

static void notes_init(notes *nt, const growth_args *a)
{
    nt->len = 0;
    nt->text[0] = '\0';
    nt->below = ind_format_for_reader(a->c.fmt);
    nt->lang = (ind_lang)a->c.lang;
}

/* A period, or an empty cell (JSON null) when there is none. */
static void period_cell(ind_table *t, bool ok, ind_period p)
{
    char text[IND_PERIOD_TEXT_MAX];
    if (!ok) {
        ind_table_empty(t);
        return;
    }
    ind_period_format(p, text, sizeof text);
    ind_table_text(t, text);
}

/* The ind_figure of column d in the result record at base. */
static ind_figure figure_at(const void *base, const col_def *d)
{
    ind_figure f;
    memcpy(&f, (const char *)base + d->offset, sizeof f);
    return f;
}

/*
 * Adds the cells of one row of series s: a summary row (g set, r NULL) or a
 * detail row (r set, g NULL); the figure columns read the one that is set.
 */
static void add_row(ind_table *t, const layout *l, const ind_series *s, const ind_growth_summary *g,
                    const ind_growth_row *r, const growth_args *a)
{
    const void *rec = g ? (const void *)g : (const void *)r;
    notes nt;
    notes_init(&nt, a);
    for (size_t c = 0; c < l->n; c++) {
        const col_def *d = l->def[c];
        switch (d->kind) {
        case K_SERIES:
            ind_table_text(t, s->name);
            break;
        case K_ENTITY:
            ind_table_text(t, s->entity);
            break;
        case K_UNIT:
            ind_table_text(t, s->unit);
            break;
        case K_FROM:
            period_cell(t, g->has_window, g->start);
            break;
        case K_TO:
            period_cell(t, g->has_end, g->end);
            break;
        case K_PERIOD:
            period_cell(t, true, r->period);
            break;
        case K_VALUE:
            ind_table_number(t, r->value);
            break;
        case K_FIGURE:
            figure_cell(t, &nt, d->col.name, figure_at(rec, d), d->scale);
            break;
        case K_NOTES:
            ind_table_text(t, nt.text);
            break;
        }
    }
    ind_table_end_row(t);
}

/* Parses argv into a; returns CLI_RUN to go on, or an exit status (after --help). */
static int parse_args(int argc, char **argv, growth_args *a)
{
    int status = cli_parse(&growth_spec, argc, argv, a);
    if (status != CLI_RUN)
        return status;
    a->path = a->c.files[0];
    a->from = cli_given(&a->c, "from");
    a->to = cli_given(&a->c, "to");
    a->base = cli_given(&a->c, "base");
    const ind_period *f = &a->opt.from, *t = &a->opt.to;
    if (a->from && a->to && f->freq == t->freq && f->ord > t->ord)
        return cli_usage_error("growth", "--from %s is after --to %s", a->from, a->to);
    return CLI_RUN;
}

/* ---- running ---- */

/* What went wrong with --from/--to/--base across the series (for the exit status). */
typedef struct outcome {
    size_t series, windows, bases;
    ind_error first_error; /* the first series' window error */
} outcome;

/* The summary row of series s. */
static void summarize(const growth_args *a, const ind_series *s, ind_table *t, const layout *l,
                      outcome *o)
{
    ind_growth_summary g;
    ind_error err;
    o->series++;
    /* err is filled on failure only, so it needs no clearing per series */
    if (ind_growth_summarize(s, &a->opt, &g, &err) == IND_OK)
        o->windows++;
    else if (o->first_error.code == IND_OK)
        o->first_error = err;
    o->bases += g.has_base;
    add_row(t, l, s, &g, NULL, a);
}

/* Whether period p of a series lies within [from, to] (compared in months, so
 * that --from 2023 selects 2023-01 onwards of a monthly series). */
static bool in_window(const ind_growth_options *opt, ind_period p)
{
    int32_t m = 12 / (int32_t)p.freq;
    if (opt->from.freq && p.ord * m < opt->from.ord * (12 / (int32_t)opt->from.freq))
        return false;
    if (opt->to.freq && (p.ord + 1) * m > (opt->to.ord + 1) * (12 / (int32_t)opt->to.freq))
        return false;
    return true;
}

/* The per-period rows of series s. */
static void detail(const growth_args *a, const ind_series *s, ind_table *t, const layout *l,
                   outcome *o)
{
    ind_growth_row r;
    o->series++;
    if (a->base && a->opt.base.freq == s->freq && ind_series_find(s, a->opt.base.ord) >= 0)
        o->bases++;
    for (size_t k = 0; k < s->n; k++) {
        if (!in_window(&a->opt, ind_series_period(s, k)))
            continue;
        o->windows++;
        ind_growth_detail_row(s, &a->opt, k, &r);
        add_row(t, l, s, NULL, &r, a);
    }
}

/* The rows of series s (selected). */
static void series_rows(const growth_args *a, const ind_series *s, ind_table *t, const layout *l,
                        outcome *o)
{
    if (a->detail)
        detail(a, s, t, l, o);
    else
        summarize(a, s, t, l, o);
}

/* ---- rows on several threads ---- */

/*
 * The series come one at a time from the loader's thread (cli_load_each).
 * They are gathered into chunks that the ordered pool (pool.h) makes into
 * batches of rows on worker threads while the loader goes on; the batches
 * are appended to the output in order. At most AHEAD chunks wait, so memory
 * holds a few thousand series, not the file.
 */
enum { CHUNK_SERIES = 1024, AHEAD = 4 };

typedef struct chunk {
    ind_series *s[CHUNK_SERIES]; /* taken from the loader */
    size_t n;
    ind_table *rows; /* NULL when out of memory */
    outcome o;
} chunk;

/* The rows made as the series come (cli_load_each). */
typedef struct stream {
    const growth_args *a;
    layout l;
    ind_table *t;
    outcome o;
    int nthreads;
    cli_pool *q;     /* NULL until the first series */
    chunk *filling;  /* NULL until the next series */
} stream;

static void chunk_work(void *ctx, void *item)
{
    const stream *st = ctx;
    chunk *c = item;
    if ((c->rows = ind_table_new_batch(st->t)) != NULL)
        for (size_t i = 0; i < c->n; i++)
            series_rows(st->a, c->s[i], c->rows, &st->l, &c->o);
}

static void chunk_drop(void *ctx, void *item)
{
    (void)ctx;
    chunk *c = item;
    for (size_t i = 0; i < c->n; i++)
        ind_series_free(c->s[i]);
    ind_table_free(c->rows);
    c->n = 0;
    c->rows = NULL;
}

static void add_outcome(outcome *into, const outcome *o)
{
    into->series += o->series;
    into->windows += o->windows;
    into->bases += o->bases;
    if (into->first_error.code == IND_OK)
        into->first_error = o->first_error;
}

/* Appends a chunk's rows (in order); false when they could not be made. */
static bool chunk_done(void *ctx, void *item)
{
    stream *st = ctx;
    chunk *c = item;
    bool ok = c->rows && ind_table_append(st->t, c->rows) == IND_OK;
    c->rows = NULL; /* freed by ind_table_append */
    add_outcome(&st->o, &c->o);
    chunk_drop(ctx, item);
    return ok;
}

/*
 * Worker threads: one per core up to 8, none on one core.
 * INDICATORS_THREADS=N overrides (the tests compare 1 and 3).
 */
static int thread_count(void)
{
    const char *forced = getenv("INDICATORS_THREADS");
    long cores = forced ? strtol(forced, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 2)
        return 0;
    return cores > 8 ? 8 : (int)cores;
}

/* Exit status after the rows: fails when no series could use --from/--to/--base. */
static int check_outcome(const growth_args *a, const outcome *o)
{
    ind_error err = o->first_error;
    if (a->detail && o->series && o->windows == 0 && (a->from || a->to)) {
        cli_eprintf("%s: error: no selected series has values between --from and --to\n",
                a->path);
        return EXIT_DATA;
    }
    if (o->series && o->windows == 0 && err.code != IND_OK) {
        snprintf(err.path, sizeof err.path, "%s", a->path);
        cli_report(&err);
        return EXIT_DATA;
    }
    if (o->series && a->base && o->bases == 0) {
        cli_eprintf("%s: error: --base %s: no selected series has a value in that period\n",
                a->path, a->base);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* ---- series at a time ---- */

static int out_of_memory(void)
{
    cli_eprintf("indicators: error: out of memory\n");
    return EXIT_DATA;
}

static int stream_series(void *ctx, ind_series *s)
{
    static const cli_pool_fns fns = {chunk_work, chunk_done, chunk_drop};
    stream *st = ctx;
    if (!st->q && !(st->q = cli_pool_new(st->nthreads, AHEAD, sizeof(chunk), &fns, st)))
        return out_of_memory();
    if (!st->filling && !(st->filling = cli_pool_next(st->q)))
        return out_of_memory();
    if (!(st->filling->s[st->filling->n] = ind_series_take(s)))
        return out_of_memory();
    if (++st->filling->n == CHUNK_SERIES) {
        st->filling = NULL;
        if (!cli_pool_add(st->q))
            return out_of_memory();
    }
    return EXIT_OK;
}

/* After the last series: the chunk being filled, then every chunk appended. */
static int stream_finish(stream *st)
{
    bool ok = true;
    if (st->filling) {
        st->filling = NULL;
        ok = cli_pool_add(st->q);
    }
    ok = (!st->q || cli_pool_flush(st->q)) && ok;
    cli_pool_free(st->q);
    st->q = NULL;
    return ok ? EXIT_OK : out_of_memory();
}

/* The file is read again as a whole: the rows start over. */
static int stream_restart(void *ctx)
{
    stream *st = ctx;
    cli_pool_free(st->q);
    st->q = NULL;
    st->filling = NULL;
    ind_table_free(st->t);
    memset(&st->o, 0, sizeof st->o);
    if (!(st->t = cli_table_new(&st->a->c, st->l.col, st->l.n, cli_out(), "growth")))
        return out_of_memory();
    return EXIT_OK;
}

/* Ends the output: the table, then the checks of --from/--to/--base. */
static int finish_output(stream *st)
{
    if (cli_table_finish(st->t, cli_out()) != EXIT_OK)
        return EXIT_DATA;
    return check_outcome(st->a, &st->o);
}


/*
 * The reader's columns (table, md) depend on the series (pp for % ones, pop
 * for sub-annual ones), so the whole file is loaded first; these formats keep
 * every row until the end anyway.
 */
static int whole_file(stream *st)
{
    ind_dataset *ds = NULL;
    const growth_args *a = st->a;
    int status = cli_load(a->path, &a->c.load, &a->c.sel, &ds, NULL);
    if (status != EXIT_OK)
        return status;
    if ((status = make_layout(a, ds, &st->l)) == 0 &&
        !(st->t = cli_table_new(&a->c, st->l.col, st->l.n, stdout, "growth")))
        status = out_of_memory();
    for (size_t i = 0; status == EXIT_OK && i < ind_dataset_count(ds); i++)
        if (cli_selected(&a->c.sel, ind_dataset_at(ds, i)))
            status = stream_series(st, ind_dataset_at(ds, i));
    if (status == EXIT_OK)
        status = stream_finish(st);
    ind_dataset_free(ds);
    if (status != EXIT_OK) {
        cli_pool_free(st->q);
        ind_table_free(st->t);
        return status;
    }
    return finish_output(st);
}

int cli_growth(int argc, char **argv)
{
    growth_args a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.c);
    ind_growth_options_init(&a.opt);
    int status = parse_args(argc, argv, &a);
    if (status != CLI_RUN)
        return status;

    stream st;
    memset(&st, 0, sizeof st);
    st.a = &a;
    st.nthreads = thread_count();
    a.c.table.notes_below = true;
    if (layout_needs_data(&a)) /* table and md keep every row anyway */
        return whole_file(&st);
    if ((status = make_layout(&a, NULL, &st.l)) != 0)
        return status;
    cli_stream_begin(a.path, &a.c.load);
    if (!(st.t = cli_table_new(&a.c, st.l.col, st.l.n, cli_out(), "growth"))) {
        cli_eprintf("indicators: error: out of memory\n");
        return cli_stream_end(EXIT_DATA);
    }
    cli_each each = {stream_series, stream_restart, &st};
    status = cli_load_each(a.path, &a.c.load, &a.c.sel, &each, NULL);
    if (status == EXIT_OK || cli_stream_direct())
        status = stream_finish(&st) == EXIT_OK ? status : EXIT_DATA;
    if (status != EXIT_OK) {
        cli_pool_free(st.q); /* the load stopped: the series not yet written are dropped */
        if (cli_stream_direct() && st.o.series)
            ind_table_finish(st.t); /* the rows of the series before the error */
        else
            ind_table_free(st.t);
        return cli_stream_end(status);
    }
    return cli_stream_end(finish_output(&st));
}
