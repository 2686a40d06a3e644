/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * target.c - `indicators target FILE... (--target SPEC ... | --targets FILE)`:
 * for each target, where the series stands and whether its trajectory gets
 * it there, by the published methods (Eurostat growth ratio, Destatis
 * weather, UN ESCAP anticipated progress) plus the probability from a
 * forecast, and one verdict. The figures come from the library (target.h);
 * this file parses options and hands cells to the output module.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fcjobs.h"
#include "options.h"
#include "indicators/forecast.h"
#include "indicators/labels.h"
#include "indicators/output.h"
#include "indicators/target.h"

static const char about[] =
    "For each target: the latest value and the gap to the goal, the growth needed\n"
    "from now, the actual growth since the base, three published progress\n"
    "assessments, a forecast at the target year with the probability of meeting\n"
    "the goal, and one verdict. Series are looked up in the FILEs in order.\n"
    "\n"
    "Targets (--target, repeatable; quote them for the shell):\n"
    "  'SERIES[ENTITY] >= GOAL by YEAR'           a level by a year; <= for a cap;\n"
    "                                             [ENTITY] optional (without it, one\n"
    "                                             target per entity); GOAL may end in %\n"
    "  '... >= GOAL by YEAR from START'           a plan from the beginning of START:\n"
    "                                             progress from the first value in or\n"
    "                                             after START (default: the first), and\n"
    "                                             completion against the time gone\n"
    "  'SERIES >= RATE%/yr A-B'                   average annual growth over the years\n"
    "                                             A..B, i.e. CAGR from the A-1 level to\n"
    "                                             B (Five-Year-Plan convention);\n"
    "                                             also 'RATE%/yr by YEAR from BASE'\n"
    "  'SERIES >= GOAL in YEAR'                   the year's total of half-yearly,\n"
    "                                             quarterly or monthly data (or the\n"
    "                                             year's value of annual data)\n"
    "  Examples: 'rd_intensity[Luohe] >= 2.5 by 2025'\n"
    "            'rd_spending[China] >= 7%/yr 2021-2025'\n"
    "            'talent_recruited_h1[Luohe] >= 9,084 in 2024'\n"
    "--targets FILE: a CSV file or workbook (.xlsx, .xls) with the header\n"
    "  series,entity,op,goal,year,base_year,start,kind,label, or in Chinese\n"
    "  指标,地区,比较,目标值,目标年份,基期,起始年份,类型,说明 (series, op, goal,\n"
    "  year required; kind level, growth or total, default level, growth when\n"
    "  goal ends in %/yr; for growth, year is the last year and base_year the\n"
    "  level it grows from, e.g. 2020 for 2021-2025; start is the plan's first\n"
    "  year, as 'from START'). Read as data files are: UTF-8, UTF-16 or GBK, ','\n"
    "  ';' or tab, the workbook's first sheet holding numbers (--targets-sheet\n"
    "  for another); errors as FILE:LINE:FIELD or FILE:SHEET!CELL.\n"
    "\n"
    "\"Now\" is the latest period of the series, never the clock: a target year\n"
    "at or before it is judged by the value observed then (\"met in 2022\") or\n"
    "cannot be assessed (\"target year 2022 is past: missed\").\n"
    "\n";

static const char details[] =
    "Methods (x_t latest value, x_t0 base value, T target year, G goal):\n"
    "  actual/yr   CAGR since the base, (x_t / x_t0)^(1/(t-t0)) - 1\n"
    "  need/yr     growth needed from now, (G / x_t)^(1/(T-t)) - 1\n"
    "  R           Eurostat growth ratio: actual CAGR / required CAGR, required =\n"
    "              (G / x_t0)^(1/(T-t0)) - 1; a zero base replaced by 0.001 (a zero\n"
    "              goal or value is -100%/yr), mixed signs not assessed but a value\n"
    "              moving away is. R >= 0.95 on track, 0.60-0.95 needs acceleration,\n"
    "              0-0.60 limited progress, < 0 moving away. Source: Eurostat,\n"
    "              \"Sustainable development in the European Union\" monitoring\n"
    "              report, methodological annex (also Open SDG, Statistics Canada).\n"
    "  Destatis    mean of the last 5 annual changes (at least 4) extended linearly\n"
    "              to T: met or missed by < 5% of |G - x_t| sun, 5-20% slightly\n"
    "              cloudy, > 20% cloudy, wrong direction storm. Source: German\n"
    "              Sustainable Development Strategy, Destatis indicator report.\n"
    "  ESCAP       x_T = x_t (1 + CAGR)^(T - t); anticipated progress\n"
    "              (x_T - x_t0) / (G - x_t0): >= 0.95 on track, 0.10-0.95\n"
    "              acceleration needed, < 0.10 stagnation or regression. Source:\n"
    "              UN ESCAP, Asia and the Pacific SDG Progress Report, methodology.\n"
    "  forecast    --method forecast at T with intervals (bounded to 0..100 for %\n"
    "              series); P(meet) = 1 - F(G) for >=, F(G) for <= from its\n"
    "              distribution; 'meets' is the first period the point forecast\n"
    "              meets G. Needs 3 observations: with 2 no probability is given.\n"
    "  plan        completion x_t / G (完成率), or (x_t - x_0) / (G - x_0) from a\n"
    "              base before x_t, against the share of the plan's time gone\n"
    "              (序时进度: from the beginning of START, or from the base, to the\n"
    "              end of T); the gap in points; their ratio gives the verdict\n"
    "              by R's thresholds when a single value is all there is.\n"
    "  year total  pace = year-to-date total / elapsed share of the year;\n"
    "              R = pace / G (G / pace for <=); same-period projection = last\n"
    "              year's total * year-to-date growth; the forecast adds the\n"
    "              remaining periods (a probability only when one period remains).\n"
    "Verdict: achieved (the latest value meets the goal; a year total: the\n"
    "  year-to-date total, for a cap once the year is complete), on track (R >= 0.95), at risk (0.60 <= R < 0.95), off\n"
    "  track (R < 0.60, moving away included), or cannot assess (with the reason).\n"
    "  A growth target is assessed as the level it implies, x_base (1 + rate)^n.\n"
    "  Methods that disagree with the verdict are named beside it.\n";

static const char epilog[] =
    "The table colours the verdict when stdout is a terminal and NO_COLOR is unset.\n"
    "Exit status: as every command (see 'indicators --help'); 3 for --fail-on.\n"
    "\n"
    "Example:\n"
    "  indicators target datasets/rd.csv --target 'rd_intensity[Luohe] >= 2.5 by 2025'\n"
    "  -> 2.1 (2023), actual +22.6%/yr since 2020, need +9.1%/yr, R = 1.33: on track;\n"
    "     no probability (only 2 observations)\n"
    "\n";

enum { FAIL_OFF_TRACK, FAIL_AT_RISK, FAIL_NONE }; /* FAIL_NONE last: --fail-on's choices first */

#define MAX_FILES 16

typedef struct target_args {
    cli_common c; /* first: the shared rows' fields (c.fc: method, levels and the scale) */
    ind_target *targets;
    size_t n, cap;
    ind_target_options opt; /* opt.request is c.fc.req once parsed */
    bool no_forecast;
    int fail_on;
    bool cumulative;
    bool color;
} target_args;

static int target_option(const char *cmd, const cli_option *row, char *arg, void *field);

static const char *const fail_on_names[] = {"off-track", "at-risk", NULL};

#define ARG(field) offsetof(target_args, field)

static const cli_option target_rows[] = {
    /* offset 0: the parser gets the whole args, to add to the targets */
    {.name = "target", .kind = CLI_CUSTOM, .parse = target_option, .offset = 0,
     .metavar = "SPEC", .help = "a target (repeatable)"},
    {.name = "no-forecast", .kind = CLI_FLAG, .offset = ARG(no_forecast),
     .help = "skip the forecast"},
    {.name = "cumulative", .kind = CLI_FLAG, .offset = ARG(cumulative),
     .help = "values are year-to-date totals (累计): a year total is the latest value of the "
             "year, not a sum"},
    {.name = "fail-on", .kind = CLI_CHOICE, .offset = ARG(fail_on), .choices = fail_on_names,
     .help = "exit 3 when any target is off-track (--fail-on off-track) or at risk or worse "
             "(--fail-on at-risk); achieved and cannot-assess never fail"},
};
static const cli_group target_options = CLI_GROUP("Options:", target_rows);

static const cli_command_spec target_spec = {
    .name = "target",
    .usage = "[OPTIONS] FILE... (--target SPEC ... | --targets FILE)",
    .about = about,
    .details = details,
    .groups = (const cli_group *const[]){
        &target_options, &cli_targets_option, &cli_derive_option, &cli_method_option,
        &cli_format_option, &cli_output_option,
        &cli_forecast_options,
        &cli_input_options, NULL,
    },
    .epilog = epilog,
};

/* One assessed target. */
typedef struct result {
    const ind_target *t;
    const ind_series *s; /* NULL when the data has no such series */
    ind_assessment a;
} result;

/* ---- options ---- */

static int add_target(target_args *args, const ind_target *t)
{
    if (args->n == args->cap) {
        size_t cap = args->cap ? args->cap * 2 : 16;
        ind_target *grown = realloc(args->targets, cap * sizeof *grown);
        if (!grown) {
            fputs("indicators: error: out of memory\n", stderr);
            return EXIT_DATA;
        }
        args->targets = grown;
        args->cap = cap;
    }
    args->targets[args->n++] = *t;
    return EXIT_OK;
}

static int target_option(const char *cmd, const cli_option *row, char *arg, void *field)
{
    ind_target t;
    ind_error err;
    ind_error_clear(&err);
    if (ind_target_parse(arg, &t, &err) != IND_OK)
        return cli_usage_error(cmd, "--%s: %s", row->name, err.message);
    return add_target(field, &t) == EXIT_OK ? 0 : EXIT_USAGE;
}

/* Returns CLI_RUN, or an exit status (after --help or a usage error). */
static int parse_args(int argc, char **argv, target_args *args)
{
    int status = cli_parse(&target_spec, argc, argv, args);
    if (status != CLI_RUN)
        return status;
    if (args->c.nfiles > MAX_FILES)
        return cli_usage_error("target", "at most %d data files", MAX_FILES);
    if (args->c.nfiles == 0)
        return cli_usage_error("target", "expects a data FILE");
    if (args->n == 0 && !args->c.targets_file)
        return cli_usage_error("target", "expects --target SPEC or --targets FILE");
    args->opt.forecast = !args->no_forecast;
    args->opt.request = args->c.fc.req;
    return CLI_RUN;
}

/* ---- text of cells ---- */

static const char *period_text(ind_period p, char *buf, size_t n)
{
    ind_period_format(p, buf, n);
    return buf;
}

/* The terminal's colour of a verdict (ind_verdict_mark: the workbook fills its cell alike). */
static const char *colour_of(ind_verdict v)
{
    switch (ind_verdict_mark(v)) {
    case IND_MARK_GOOD:
        return "\033[32m";
    case IND_MARK_WARN:
        return "\033[33m";
    case IND_MARK_BAD:
        return "\033[31m";
    default:
        return "\033[2m";
    }
}

/* ---- the table and Markdown: a short row per target, notes below ---- */

static const ind_column short_columns[] = {
    {"#", IND_COL_NUMBER, 0, IND_UNIT_YEAR},       {"target", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"latest", IND_COL_TEXT, 0, IND_UNIT_PLAIN},    {"goal", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"actual/yr", IND_COL_TEXT, 0, IND_UNIT_PLAIN}, {"need/yr", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"R", IND_COL_NUMBER, 2, IND_UNIT_PLAIN},       {"Destatis", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"ESCAP", IND_COL_TEXT, 0, IND_UNIT_PLAIN},     {"forecast", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"P(meet)", IND_COL_TEXT, 0, IND_UNIT_PLAIN},   {"verdict", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
};

/* Whether the target's series has observations (a latest value to show). */
static bool has_data(const result *r)
{
    return r->s && r->s->n > 0;
}

static void short_row(ind_table *tab, size_t i, const result *r, const cli_common *c)
{
    const ind_assessment *a = &r->a;
    int digits = c->table.digits;
    ind_lang lang = (ind_lang)c->lang;
    char buf[160];
    ind_table_number(tab, (double)(i + 1));
    ind_table_text(tab, r->t->text);
    ind_table_text(tab, ind_label(ind_target_latest_text(r->s, a, digits, buf, sizeof buf), lang));
    ind_table_text(tab, ind_target_goal_text(r->t, digits, buf, sizeof buf));
    ind_table_text(tab, ind_label(ind_target_rate_text(&a->actual_growth, digits, buf, sizeof buf), lang));
    ind_table_text(tab, ind_label(ind_target_rate_text(&a->required_growth, digits, buf, sizeof buf), lang));
    if (a->growth_ratio.defined)
        ind_table_number(tab, a->growth_ratio.value);
    else
        ind_table_text(tab, ind_label("n/a", lang));
    ind_table_text(tab, ind_target_weather_text(a, lang));
    ind_table_text(tab, ind_target_escap_text(a, lang));
    ind_table_text(tab, ind_label(ind_target_forecast_text(a, digits, buf, sizeof buf), lang));
    if (a->probability.defined && digits > 0) {
        ind_format_significant(100 * a->probability.value, digits, true, buf, sizeof buf - 1);
        strcat(buf, "%");
    } else if (a->probability.defined) {
        snprintf(buf, sizeof buf, "%.0f%%", 100 * a->probability.value);
    }
    ind_table_text(tab, a->probability.defined ? buf : ind_label("n/a", lang));
    snprintf(buf, sizeof buf, "%s%s", ind_label(ind_verdict_name(a->verdict), lang),
             a->disagree[0] ? " *" : "");
    ind_table_text(tab, buf);
    ind_table_end_row(tab);
}

/* Where the notes of one target go: the stream and the lead of each line. */
typedef struct note_out {
    FILE *out;
    const char *lead;
} note_out;

static void note_line(void *ctx, const char *line)
{
    const note_out *o = ctx;
    cli_fprintf(o->out, "%s%s\n", o->lead, line);
}

/* The notes under the table: why each verdict, and what else the methods say (the library's). */
static void note_lines(FILE *out, size_t i, const result *r, bool md, int lang)
{
    note_out o = {out, md ? "   - " : "    "};
    cli_fprintf(out, md ? "%zu. `%s`%s%s\n" : "[%zu] %s%s%s\n", i + 1, r->t->text,
            r->t->label[0] ? " - " : "", r->t->label);
    ind_target_notes(r->t, r->s, &r->a, (ind_lang)lang, note_line, &o);
}

/*
 * Prints the finished table with the verdict coloured. The verdict is the
 * last column, so colouring it after the layout keeps the columns aligned
 * (the table writer would count the escape codes as width).
 */
static void print_coloured(const char *text, const result *res, size_t n, ind_lang lang)
{
    size_t line = 0;
    for (const char *p = text; *p; line++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *name =
            line >= 2 && line - 2 < n ? ind_label(ind_verdict_name(res[line - 2].a.verdict), lang) : "";
        size_t star = line >= 2 && line - 2 < n && res[line - 2].a.disagree[0] ? 2 : 0;
        size_t nlen = strlen(name);
        if (nlen && len >= nlen + star && strncmp(p + len - star - nlen, name, nlen) == 0)
            printf("%.*s%s%s\033[0m%.*s\n", (int)(len - star - nlen), p,
                   colour_of(res[line - 2].a.verdict), name, (int)star, p + len - star);
        else
            printf("%.*s\n", (int)len, p);
        p += len + (end ? 1 : 0);
    }
}

static int write_short(const result *res, size_t n, const target_args *args)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = args->color ? open_memstream(&text, &len) : stdout;
    if (!out)
        return EXIT_DATA;
    ind_table *tab = cli_table_new(&args->c, short_columns,
                                   sizeof short_columns / sizeof short_columns[0], out, "target");
    for (size_t i = 0; tab && i < n; i++)
        short_row(tab, i, &res[i], &args->c);
    ind_status st = tab ? ind_table_finish(tab) : IND_E_NOMEM;
    if (args->color) {
        fclose(out);
        if (st == IND_OK)
            print_coloured(text ? text : "", res, n, (ind_lang)args->c.lang);
        free(text);
    }
    if (st != IND_OK)
        return EXIT_DATA;
    bool md = args->c.fmt == IND_FORMAT_MD, starred = false;
    for (size_t i = 0; i < n; i++)
        starred = starred || res[i].a.disagree[0];
    ind_lang lang = (ind_lang)args->c.lang;
    if (md)
        printf("\n%s\n\n", ind_label(starred ? "Notes (* marks a verdict some method disagrees with):"
                                             : "Notes:", lang));
    else if (starred)
        printf("\n%s\n\n", ind_label("* some method disagrees with the verdict (see the notes)", lang));
    else
        fputs("\n", stdout);
    for (size_t i = 0; i < n; i++)
        note_lines(stdout, i, &res[i], md, args->c.lang);
    return EXIT_OK;
}

/* ---- CSV and JSON: every figure ---- */

static const char *const full_names[] = {
    "target", "label", "series", "entity", "kind", "op", "goal", "target_year", "goal_level",
    "base", "base_value", "latest", "latest_value", "gap", "required_growth_pct",
    "required_change", "actual_growth_pct", "base_required_growth_pct", "growth_ratio", "eurostat", "trend_change",
    "trend_value", "trend_miss_pct", "destatis", "escap_value", "anticipated_progress", "escap",
    "completion_pct", "progress_pct", "elapsed_pct", "schedule_gap_pp", "pace",
    "same_period_projection", "method", "model", "forecast",
    "forecast_growth_pct",
};
static const char *const tail_names[] = {"probability_pct", "probability_note", "first_meets", "verdict", "reason",
                                         "disagree", "notes"};
#define NFULL (sizeof full_names / sizeof full_names[0])
#define NTAIL (sizeof tail_names / sizeof tail_names[0])
#define MAX_COLUMNS (NFULL + 2 * IND_FORECAST_MAX_LEVELS + NTAIL)

static bool is_text(const char *name)
{
    static const char *const text[] = {"target", "label",  "series", "entity",  "kind",
                                       "op",     "base",   "latest", "eurostat", "destatis",
                                       "escap",  "method", "model",  "verdict", "reason",
                                       "disagree", "notes", "first_meets", "probability_note"};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (strcmp(name, text[i]) == 0)
            return true;
    return false;
}

/* The workbook's number format of a figure column: rates in percent, pp, the year. */
static ind_col_unit unit_of(const char *name)
{
    size_t len = strlen(name);
    if (len > 4 && strcmp(name + len - 4, "_pct") == 0)
        return IND_UNIT_PERCENT;
    if (len > 3 && strcmp(name + len - 3, "_pp") == 0)
        return IND_UNIT_PP;
    return strcmp(name, "target_year") == 0 ? IND_UNIT_YEAR : IND_UNIT_PLAIN;
}

static ind_column full_column(const char *name)
{
    return (ind_column){name, is_text(name) ? IND_COL_TEXT : IND_COL_NUMBER, -1, unit_of(name)};
}

static size_t full_columns(const target_args *args, ind_column *cols, char names[][16])
{
    size_t n = 0;
    for (size_t i = 0; i < NFULL; i++)
        cols[n++] = full_column(full_names[i]);
    for (size_t k = 0; k < args->opt.request.nlevels; k++) {
        snprintf(names[2 * k], 16, "lo_%g", args->opt.request.levels[k]);
        snprintf(names[2 * k + 1], 16, "hi_%g", args->opt.request.levels[k]);
        cols[n++] = (ind_column){names[2 * k], IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
        cols[n++] = (ind_column){names[2 * k + 1], IND_COL_NUMBER, -1, IND_UNIT_PLAIN};
    }
    for (size_t i = 0; i < NTAIL; i++)
        cols[n++] = full_column(tail_names[i]);
    return n;
}

static void fig_cell(ind_table *tab, const ind_figure *f, double scale)
{
    if (f->defined)
        ind_table_number(tab, scale * f->value);
    else
        ind_table_note(tab, f->why);
}

static void category_cell(ind_table *tab, const char *name, const ind_figure *why)
{
    if (name[0])
        ind_table_text(tab, name);
    else
        ind_table_note(tab, why->why);
}

static void full_row_target(ind_table *tab, const result *r)
{
    const ind_target *t = r->t;
    const ind_assessment *a = &r->a;
    char p[IND_PERIOD_TEXT_MAX];
    ind_table_text(tab, t->text);
    ind_table_text(tab, t->label);
    ind_table_text(tab, t->series);
    ind_table_text(tab, t->entity);
    ind_table_text(tab, ind_target_kind_name(t->kind));
    ind_table_text(tab, t->op == IND_TARGET_AT_MOST ? "<=" : ">=");
    ind_table_number(tab, t->goal);
    ind_table_number(tab, t->year);
    if (has_data(r) && a->has_goal_level)
        ind_table_number(tab, a->goal_level);
    else
        ind_table_note(tab, "n/a");
    if (a->has_base) {
        ind_table_text(tab, period_text(a->base, p, sizeof p));
        ind_table_number(tab, a->base_value);
    } else {
        ind_table_empty(tab);
        ind_table_empty(tab);
    }
    if (has_data(r)) {
        ind_table_text(tab, period_text(a->latest, p, sizeof p));
        ind_table_number(tab, a->latest_value);
    } else {
        ind_table_empty(tab);
        ind_table_empty(tab);
    }
}

static void full_row(ind_table *tab, const result *r, const target_args *args)
{
    const ind_assessment *a = &r->a;
    full_row_target(tab, r);
    fig_cell(tab, &a->gap, 1);
    fig_cell(tab, &a->required_growth, 100);
    fig_cell(tab, &a->required_change, 1);
    fig_cell(tab, &a->actual_growth, 100);
    fig_cell(tab, &a->base_required_growth, 100);
    fig_cell(tab, &a->growth_ratio, 1);
    category_cell(tab, ind_eurostat_name(a->eurostat), &a->growth_ratio);
    fig_cell(tab, &a->trend_change, 1);
    fig_cell(tab, &a->trend_value, 1);
    fig_cell(tab, &a->trend_miss, 100);
    category_cell(tab, ind_weather_name(a->weather), &a->trend_value);
    fig_cell(tab, &a->escap_value, 1);
    fig_cell(tab, &a->anticipated, 1);
    category_cell(tab, ind_escap_name(a->escap), &a->anticipated);
    fig_cell(tab, &a->completion, 100);
    fig_cell(tab, &a->progress, 100);
    fig_cell(tab, &a->elapsed, 100);
    fig_cell(tab, &a->schedule_gap, 100);
    fig_cell(tab, &a->pace, 1);
    fig_cell(tab, &a->seasonal, 1);
    ind_table_text(tab, a->has_forecast ? a->method : "");
    ind_table_text(tab, a->has_forecast ? a->model : "");
    fig_cell(tab, &a->forecast, 1);
    fig_cell(tab, &a->forecast_growth, 100);
    for (size_t k = 0; k < args->opt.request.nlevels; k++) {
        if (a->has_intervals) {
            ind_table_number(tab, a->lo[k]);
            ind_table_number(tab, a->hi[k]);
        } else {
            ind_table_note(tab, "no interval");
            ind_table_note(tab, "no interval");
        }
    }
    fig_cell(tab, &a->probability, 100);
    ind_table_text(tab, a->probability.defined ? "" : a->probability.why);
    char p[IND_PERIOD_TEXT_MAX];
    if (a->meets.defined) {
        ind_period m = {r->s->freq, (int32_t)a->meets.value};
        ind_table_text(tab, period_text(m, p, sizeof p));
    } else {
        ind_table_note(tab, a->meets.why);
    }
    ind_table_marked(tab, ind_verdict_name(a->verdict), ind_verdict_mark(a->verdict));
    ind_table_text(tab, a->reason);
    ind_table_text(tab, a->disagree);
    ind_table_text(tab, a->forecast_note);
    ind_table_end_row(tab);
}

static int write_full(const result *res, size_t n, const target_args *args)
{
    ind_column cols[MAX_COLUMNS];
    char names[2 * IND_FORECAST_MAX_LEVELS][16];
    size_t ncols = full_columns(args, cols, names);
    ind_table *tab = cli_table_new(&args->c, cols, ncols, stdout, "target");
    if (!tab)
        return EXIT_DATA;
    for (size_t i = 0; i < n; i++)
        full_row(tab, &res[i], args);
    return cli_table_finish(tab, stdout);
}

/* ---- running ---- */

/* One target per entity where a target names no entity (ind_targets_expand). */
static int expand_entities(ind_dataset *const *ds, target_args *args)
{
    ind_target *all = NULL;
    size_t n = 0;
    ind_error err;
    ind_error_clear(&err);
    if (ind_targets_expand(ds, args->c.nfiles, args->targets, args->n, &all, &n, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    free(args->targets);
    args->targets = all;
    args->n = args->cap = n;
    return EXIT_OK;
}

/* Finds every target's series; prints each one missing (with its file line) and fails. */
static int find_all(ind_dataset *const *ds, const target_args *args, result *res)
{
    int status = EXIT_OK;
    for (size_t i = 0; i < args->n; i++) {
        char why[256];
        res[i].t = &args->targets[i];
        res[i].s = ind_target_find_series(ds, args->c.nfiles, res[i].t, why, sizeof why);
        if (res[i].s)
            continue;
        if (res[i].t->place[0]) /* "t.csv:3", or the workbook cell "t.xlsx:Sheet1!A3" */
            cli_eprintf("%s: error: %s\n", res[i].t->place, why);
        else
            cli_eprintf("indicators target: error: --target '%s': %s\n", res[i].t->text, why);
        status = EXIT_DATA;
    }
    if (status != EXIT_OK)
        cli_eprintf("indicators target: run 'indicators inspect FILE' to list the series of a file\n");
    return status;
}

static int assess_all(ind_dataset *const *ds, const target_args *args, result *res)
{
    int status = find_all(ds, args, res);
    size_t with_data = 0;
    for (size_t i = 0; i < args->n && status == EXIT_OK; i++) {
        ind_error err;
        ind_error_clear(&err);
        if (ind_target_assess(res[i].s, res[i].t, &args->opt, &res[i].a, &err) != IND_OK) {
            cli_eprintf("indicators target: error: target '%s': %s\n", res[i].t->text,
                    err.message);
            status = EXIT_DATA;
        }
        with_data += has_data(&res[i]);
    }
    if (status == EXIT_OK && args->n && !with_data) { /* as growth: nothing to assess at all */
        cli_eprintf("indicators target: error: no target's series has observations\n");
        status = EXIT_DATA;
    }
    return status;
}

/* EXIT_TARGET, saying so on stderr, when a target is in the --fail-on state. */
static int fail_status(const result *res, size_t n, int fail_on)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        ind_verdict v = res[i].a.verdict;
        if ((fail_on == FAIL_OFF_TRACK && v == IND_VERDICT_OFF_TRACK) ||
            (fail_on == FAIL_AT_RISK && (v == IND_VERDICT_OFF_TRACK || v == IND_VERDICT_AT_RISK)))
            count++;
    }
    if (count == 0)
        return EXIT_OK;
    cli_eprintf("indicators target: %zu of %zu targets %s (--fail-on %s)\n", count, n,
            fail_on == FAIL_OFF_TRACK ? "off track" : "at risk or off track",
            fail_on == FAIL_OFF_TRACK ? "off-track" : "at-risk");
    return EXIT_TARGET;
}

static int load_targets_file(target_args *args)
{
    ind_target *loaded = NULL;
    size_t n = 0;
    ind_error err;
    ind_error_clear(&err);
    if (ind_targets_load_sheet(args->c.targets_file, args->c.targets_sheet, &loaded, &n, &err) !=
        IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < n && status == EXIT_OK; i++)
        status = add_target(args, &loaded[i]);
    free(loaded);
    return status;
}

static int run(target_args *args)
{
    ind_dataset *ds[MAX_FILES] = {NULL};
    result *res = NULL;
    int status = EXIT_OK;
    if (args->c.targets_file && (status = load_targets_file(args)) != EXIT_OK)
        goto out;
    for (size_t k = 0; k < args->c.nfiles; k++) {
        if ((status = cli_load(args->c.files[k], &args->c.load, NULL, &ds[k], NULL)) != EXIT_OK)
            goto out;
        for (size_t i = 0; args->cumulative && i < ind_dataset_count(ds[k]); i++)
            ind_dataset_at(ds[k], i)->flags |= IND_SERIES_CUMULATIVE;
    }
    if ((status = cli_derive(&args->c, ds, args->c.nfiles)) != EXIT_OK ||
        (status = expand_entities(ds, args)) != EXIT_OK)
        goto out;
    res = calloc(args->n, sizeof *res);
    if (!res) {
        status = EXIT_DATA;
        goto out;
    }
    if ((status = assess_all(ds, args, res)) != EXIT_OK)
        goto out;
    if (args->c.fmt == IND_FORMAT_TABLE || args->c.fmt == IND_FORMAT_MD)
        status = write_short(res, args->n, args);
    else
        status = write_full(res, args->n, args);
    if (status == EXIT_OK && args->fail_on != FAIL_NONE)
        status = fail_status(res, args->n, args->fail_on);
out:
    free(res);
    for (size_t k = 0; k < args->c.nfiles; k++)
        ind_dataset_free(ds[k]);
    return status;
}

int cli_target(int argc, char **argv)
{
    target_args args;
    memset(&args, 0, sizeof args);
    cli_common_init(&args.c);
    ind_target_options_init(&args.opt);
    args.fail_on = FAIL_NONE;
    int status = parse_args(argc, argv, &args);
    if (status == CLI_RUN) {
        args.color = args.c.fmt == IND_FORMAT_TABLE && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
        status = run(&args);
    }
    free(args.targets);
    return status;
}
