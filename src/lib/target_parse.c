/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * target_parse.c - reading targets: the one-line syntax of --target and the
 * targets file, CSV or a workbook (see include/indicators/target.h). Exports
 * ind_target_parse, ind_targets_load, ind_target_format and the kind names;
 * the assessment is in target.c.
 *
 * Errors point at a character column (UTF-8 characters, 1-based) and say
 * what was expected there, because a target is typed by hand.
 */
#include "indicators/target.h"

#include "indicators/output.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "table_read.h"

/* ---- the one-line syntax (lexer: lex.h) ---- */

static size_t read_number(const char *s, double *value)
{
    return lex_number(s, value, NULL);
}

static ind_status parse_name(lex *c, ind_target *t, ind_error *err)
{
    lex_skip_spaces(c);
    const char *op = lex_find_operator(c->p);
    return lex_series(c, op ? op : c->p + strlen(c->p), t->series, sizeof t->series, t->entity,
                      sizeof t->entity, err);
}

static ind_status parse_operator(lex *c, ind_target *t, ind_error *err)
{
    lex_skip_spaces(c);
    static const struct {
        const char *text;
        ind_target_op op;
    } ops[] = {{">=", IND_TARGET_AT_LEAST},
               {"\xe2\x89\xa5", IND_TARGET_AT_LEAST},
               {"<=", IND_TARGET_AT_MOST},
               {"\xe2\x89\xa4", IND_TARGET_AT_MOST}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (lex_starts(c->p, ops[i].text)) {
            t->op = ops[i].op;
            c->p += strlen(ops[i].text);
            return IND_OK;
        }
    return lex_expected(c, err, "'>=' (at least) or '<=' (at most)");
}

static ind_status parse_goal(lex *c, ind_target *t, ind_error *err)
{
    lex_skip_spaces(c);
    size_t len = read_number(c->p, &t->goal);
    if (len == 0)
        return lex_expected(c, err, "a number (the goal)");
    c->p += len;
    size_t rate = lex_rate_suffix(c->p);
    if (rate) {
        t->kind = IND_TARGET_GROWTH;
        c->p += rate;
    } else if (*c->p == '%') {
        c->p++; /* a level in percent, like the data */
    }
    if (*c->p && *c->p != ' ' && *c->p != '\t')
        return lex_expected(c, err, "a space after the goal (growth goals are written 7%/yr)");
    return IND_OK;
}

static ind_status parse_year(lex *c, int *year, ind_error *err, const char *what)
{
    lex_skip_spaces(c);
    int y = lex_year(c);
    if (y < 0)
        return lex_expected(c, err, what);
    *year = y;
    return IND_OK;
}

/* "by YEAR [from YEAR]" */
static ind_status parse_by(lex *c, ind_target *t, ind_error *err)
{
    ind_status st = parse_year(c, &t->year, err, "a year after 'by'");
    if (st != IND_OK)
        return st;
    lex_skip_spaces(c);
    if (!lex_keyword(c, "from"))
        return IND_OK;
    const char *at = c->p;
    if ((st = parse_year(c, &t->base_year, err, "a year after 'from'")) != IND_OK)
        return st;
    t->has_base = true;
    if (t->base_year >= t->year) {
        c->p = at;
        lex_skip_spaces(c);
        return lex_expected(c, err, "a base year before the target year");
    }
    return IND_OK;
}

/* "A-B" after a growth goal: the years A..B grow, measured from A-1. */
static ind_status parse_range(lex *c, ind_target *t, ind_error *err)
{
    const char *at = c->p;
    int first = 0;
    ind_status st = parse_year(c, &first, err, "'by YEAR', 'in YEAR' or a year range A-B");
    if (st != IND_OK)
        return st;
    if (*c->p != '-' || t->kind != IND_TARGET_GROWTH) {
        c->p = at;
        if (t->kind != IND_TARGET_GROWTH)
            return lex_expected(c, err, "'by YEAR' or 'in YEAR' (a range A-B needs a rate like 7%/yr)");
        return lex_expected(c, err, "'by YEAR' or a year range A-B");
    }
    c->p++;
    if ((st = parse_year(c, &t->year, err, "the last year of the range A-B")) != IND_OK)
        return st;
    if (first > t->year || first < 1) {
        c->p = at;
        return lex_expected(c, err, "a year range A-B with A <= B");
    }
    t->has_base = true;
    t->base_year = first - 1;
    return IND_OK;
}

static ind_status parse_when(lex *c, ind_target *t, ind_error *err)
{
    lex_skip_spaces(c);
    const char *at = c->p;
    if (lex_keyword(c, "by"))
        return parse_by(c, t, err);
    if (lex_keyword(c, "in")) {
        if (t->kind == IND_TARGET_GROWTH) {
            c->p = at;
            return lex_expected(c, err, "'by YEAR' or A-B for a growth rate ('in YEAR' is for a year's total)");
        }
        t->kind = IND_TARGET_TOTAL;
        return parse_year(c, &t->year, err, "a year after 'in'");
    }
    return parse_range(c, t, err);
}

ind_status ind_target_parse(const char *text, ind_target *out, ind_error *err)
{
    ind_target t;
    memset(&t, 0, sizeof t);
    if (strlen(text) >= sizeof t.text)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "target '%.60s...' is too long (at most %d bytes)",
                             text, IND_TARGET_TEXT_MAX - 1);
    strcpy(t.text, text);
    lex c = {text, text, "target"};
    ind_status st;
    if ((st = parse_name(&c, &t, err)) != IND_OK || (st = parse_operator(&c, &t, err)) != IND_OK ||
        (st = parse_goal(&c, &t, err)) != IND_OK || (st = parse_when(&c, &t, err)) != IND_OK)
        return st;
    lex_skip_spaces(&c);
    if (*c.p)
        return lex_expected(&c, err, "the end of the target");
    *out = t;
    return IND_OK;
}

/* ---- names and formatting ---- */

const char *ind_target_kind_name(ind_target_kind k)
{
    switch (k) {
    case IND_TARGET_GROWTH:
        return "growth";
    case IND_TARGET_TOTAL:
        return "total";
    default:
        return "level";
    }
}

int ind_target_kind_parse(const char *name, ind_target_kind *out)
{
    static const ind_target_kind kinds[] = {IND_TARGET_LEVEL, IND_TARGET_GROWTH, IND_TARGET_TOTAL};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(name, ind_target_kind_name(kinds[i])) == 0) {
            *out = kinds[i];
            return 0;
        }
    return -1;
}

size_t ind_target_format(const ind_target *t, char *buf, size_t n)
{
    char goal[40], entity[IND_TARGET_TEXT_MAX + 2] = "", when[48];
    ind_format_double(t->goal, goal, 32); /* shortest text that reads back as the goal */
    if (t->kind == IND_TARGET_GROWTH)
        strcat(goal, "%/yr");
    if (t->entity[0])
        snprintf(entity, sizeof entity, "[%s]", t->entity);
    if (t->kind == IND_TARGET_TOTAL)
        snprintf(when, sizeof when, "in %d", t->year);
    else if (t->kind == IND_TARGET_GROWTH && t->has_base)
        snprintf(when, sizeof when, "%d-%d", t->base_year + 1, t->year);
    else if (t->has_base)
        snprintf(when, sizeof when, "by %d from %d", t->year, t->base_year);
    else
        snprintf(when, sizeof when, "by %d", t->year);
    int len = snprintf(buf, n, "%s%s %s %s %s", t->series, entity,
                       t->op == IND_TARGET_AT_MOST ? "<=" : ">=", goal, when);
    return len < 0 ? 0 : (size_t)len;
}

/* ---- the targets file ---- */

/*
 * A table of named columns (table_read.h): CSV or a workbook, the same
 * encodings, limits and errors at FILE:LINE:COL (FILE:SHEET!C3) as data.
 */

enum { F_SERIES, F_ENTITY, F_OP, F_GOAL, F_YEAR, F_BASE, F_START, F_KIND, F_LABEL, NFIELDS };
static const tbl_column columns[NFIELDS] = {
    {"series", "指标|指标名称", true},  {"entity", "地区|主体", false},
    {"op", "比较", true},                {"goal", "目标值|目标", true},
    {"year", "目标年份|年份", true},     {"base_year", "基期|基年", false},
    {"start", "起始年份|起始年", false}, {"kind", "类型", false},
    {"label", "说明|标签", false},
};

typedef struct file_state {
    ind_target *targets;
    size_t n, cap;
} file_state;

/* Reports a bad cell: "path:line:col: error: COLUMN 'TEXT': expected ...". */
static void bad_cell(tbl_row *r, int field, const char *what)
{
    tbl_fail(r, (size_t)field, IND_E_VALUE, "%s '%.200s': expected %s", columns[field].name,
             r->cell[field], what);
}

static bool cell_year(tbl_row *r, int field, int *year, bool required)
{
    const char *text = r->cell[field];
    if (!text[0]) {
        if (required)
            bad_cell(r, field, "a year");
        return false;
    }
    lex c = {text, text, "target"};
    int y = lex_year(&c);
    if (y < 0 || *c.p) {
        bad_cell(r, field, "a year (1..9999)");
        return false;
    }
    *year = y;
    return true;
}

static void row_goal(tbl_row *r, ind_target *t, bool *rate)
{
    const char *text = r->cell[F_GOAL];
    size_t len = read_number(text, &t->goal);
    *rate = false;
    if (len == 0) {
        bad_cell(r, F_GOAL, "a number (7, 2.5%, 9,084 or 7%/yr)");
        return;
    }
    size_t k = lex_rate_suffix(text + len);
    if (k)
        *rate = true;
    else if (text[len] == '%')
        k = 1;
    if (text[len + k])
        bad_cell(r, F_GOAL, "a number (7, 2.5%, 9,084 or 7%/yr)");
}

static void row_kind(tbl_row *r, ind_target *t, bool rate)
{
    const char *text = r->cell[F_KIND];
    t->kind = rate ? IND_TARGET_GROWTH : IND_TARGET_LEVEL;
    if (!text[0])
        return;
    if (ind_target_kind_parse(text, &t->kind) != 0)
        bad_cell(r, F_KIND, "level, growth or total");
    else if (rate && t->kind != IND_TARGET_GROWTH)
        bad_cell(r, F_KIND, "growth (the goal is a rate in %/yr)");
}

static void row_op(tbl_row *r, ind_target *t)
{
    const char *text = r->cell[F_OP];
    if (strcmp(text, ">=") == 0 || strcmp(text, "\xe2\x89\xa5") == 0)
        t->op = IND_TARGET_AT_LEAST;
    else if (strcmp(text, "<=") == 0 || strcmp(text, "\xe2\x89\xa4") == 0)
        t->op = IND_TARGET_AT_MOST;
    else
        bad_cell(r, F_OP, "'>=' (at least) or '<=' (at most)");
}

/* Every cell fits the target's text fields. */
static bool check_lengths(tbl_row *r)
{
    for (int f = 0; f < NFIELDS; f++)
        if (r->len[f] >= IND_TARGET_TEXT_MAX) {
            tbl_fail(r, (size_t)f, IND_E_VALUE, "%s: too long (at most %d bytes)",
                     columns[f].name, IND_TARGET_TEXT_MAX - 1);
            return false;
        }
    return true;
}

/*
 * The plan's first year. It is what 'from YEAR' says on the command line: a
 * level target measures progress from the first observation in or after
 * it; a growth target over the years A..B grows from the level of A-1. So it
 * sets the base year, and a base_year beside it must agree.
 */
static void row_start(tbl_row *r, ind_target *t)
{
    int start;
    if (r->status != IND_OK || !cell_year(r, F_START, &start, false))
        return;
    if (t->kind == IND_TARGET_TOTAL) {
        bad_cell(r, F_START, "no start for a year's total (its plan is the year)");
        return;
    }
    int base = t->kind == IND_TARGET_GROWTH ? start - 1 : start;
    if (t->has_base && t->base_year != base) {
        bad_cell(r, F_START,
                 t->kind == IND_TARGET_GROWTH
                     ? "the year after base_year (a growth plan from A grows from A-1)"
                     : "the same year as base_year (a level plan is measured from its start)");
        return;
    }
    t->has_base = true;
    t->base_year = base;
}

static ind_status add_target(file_state *st, tbl_row *r, const ind_target *t)
{
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 16;
        ind_target *grown = realloc(st->targets, cap * sizeof *grown);
        if (!grown)
            return tbl_fail(r, 0, IND_E_NOMEM, "out of memory");
        st->targets = grown;
        st->cap = cap;
    }
    st->targets[st->n++] = *t;
    return IND_OK;
}

static ind_status read_target(void *ctx, tbl_row *r)
{
    ind_target t;
    memset(&t, 0, sizeof t);
    bool rate;
    if (!check_lengths(r))
        return r->status;
    memcpy(t.series, r->cell[F_SERIES], r->len[F_SERIES] + 1); /* fits: check_lengths */
    if (!t.series[0])
        bad_cell(r, F_SERIES, "a series name");
    memcpy(t.entity, r->cell[F_ENTITY], r->len[F_ENTITY] + 1);
    memcpy(t.label, r->cell[F_LABEL], r->len[F_LABEL] + 1);
    row_op(r, &t);
    row_goal(r, &t, &rate);
    row_kind(r, &t, rate);
    cell_year(r, F_YEAR, &t.year, true);
    t.has_base = cell_year(r, F_BASE, &t.base_year, false);
    row_start(r, &t);
    if (r->status != IND_OK)
        return r->status;
    if (t.has_base && t.base_year >= t.year)
        /* the base came from base_year, else from the start */
        bad_cell(r, r->cell[F_BASE][0] ? F_BASE : F_START, "a base year before the target year");
    if (r->status != IND_OK)
        return r->status;
    ind_target_format(&t, t.text, sizeof t.text);
    t.line = (long)r->first_line;
    tbl_place(r, F_SERIES, t.place, sizeof t.place);
    return add_target(ctx, r, &t);
}

/* A new pass over the file (read again in another encoding): forget the first. */
static void restart(void *ctx)
{
    file_state *st = ctx;
    free(st->targets);
    memset(st, 0, sizeof *st);
}

static ind_status load_targets(const char *path, const char *sheet, const char *data, size_t len,
                               ind_target **out, size_t *n, ind_error *err)
{
    *out = NULL;
    *n = 0;
    ind_error scratch;
    if (!err)
        err = &scratch;
    file_state st;
    memset(&st, 0, sizeof st);
    tbl_spec spec = {columns, NFIELDS, "targets", restart, read_target, &st};
    ind_status status = data ? tbl_read_buffer(data, len, path, &spec, err)
                             : tbl_read_file(path, sheet, &spec, err);
    if (status == IND_OK) {
        *out = st.targets;
        *n = st.n;
    } else {
        free(st.targets);
    }
    return status;
}

ind_status ind_targets_load(const char *path, ind_target **out, size_t *n, ind_error *err)
{
    return load_targets(path, NULL, NULL, 0, out, n, err);
}

ind_status ind_targets_load_sheet(const char *path, const char *sheet, ind_target **out,
                                  size_t *n, ind_error *err)
{
    return load_targets(path, sheet, NULL, 0, out, n, err);
}

ind_status ind_targets_load_buffer(const char *data, size_t len, const char *name,
                                   ind_target **out, size_t *n, ind_error *err)
{
    return load_targets(name ? name : "<buffer>", NULL, data ? data : "", data ? len : 0, out, n,
                        err);
}
