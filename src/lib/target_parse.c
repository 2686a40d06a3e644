/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * target_parse.c - reading targets: the one-line syntax of --target and the
 * targets CSV file (see include/indicators/target.h). Exports
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

#include "csvread.h"
#include "lex.h"

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
 * Read with the library's CSV reader (csvread.h), as data files are: the
 * same encodings, limits and FILE:LINE:COL errors, the column being the
 * field's index. Blank lines are skipped.
 */

enum { F_SERIES, F_ENTITY, F_OP, F_GOAL, F_YEAR, F_BASE, F_START, F_KIND, F_LABEL, NFIELDS };
static const char *const field_names[NFIELDS] = {"series", "entity",    "op",    "goal", "year",
                                                  "base_year", "start", "kind", "label"};
#define MAX_COLS NFIELDS /* each column at most once */

typedef struct file_state {
    const char *path;
    ind_error *err;
    ind_status status;
    size_t ncols;               /* header columns; 0 before the header */
    int field_of_col[MAX_COLS]; /* F_* of each column */
    size_t header_line, last_line;
    const csvr_row *row;        /* the row being read */
    ind_target *targets;
    size_t n, cap;
} file_state;

/* Records the first error of the file; msg is the finished message. */
static ind_status file_error(file_state *st, ind_status code, size_t line, size_t col,
                             const char *msg)
{
    if (st->status == IND_OK)
        st->status = ind_error_set(st->err, code, st->path, (long)line, (long)col, "%s", msg);
    return st->status;
}

/* Text of field i of the current row, NUL-terminated. */
static const char *row_cell(const file_state *st, size_t i)
{
    return st->row->text + st->row->f[i].off;
}

static int header_field(const char *name)
{
    for (int f = 0; f < NFIELDS; f++)
        if (strcmp(name, field_names[f]) == 0)
            return f;
    return -1;
}

static void read_header(file_state *st)
{
    const csvr_row *r = st->row;
    bool seen[NFIELDS] = {false};
    char msg[IND_ERROR_MSG_MAX];
    for (size_t i = 0; i < r->n; i++) {
        int f = header_field(row_cell(st, i));
        if (f < 0 || seen[f]) {
            snprintf(msg, sizeof msg,
                     f < 0 ? "unknown column '%.200s'; the columns are series, entity, op, goal, "
                             "year, base_year, start, kind, label"
                           : "column '%.200s' appears twice",
                     row_cell(st, i));
            file_error(st, IND_E_FORMAT, r->f[i].line, i + 1, msg);
            return;
        }
        seen[f] = true;
        st->field_of_col[i] = f;
    }
    static const int required[] = {F_SERIES, F_OP, F_GOAL, F_YEAR};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (!seen[required[k]]) {
            snprintf(msg, sizeof msg,
                     "the header has no '%s' column (needs series, op, goal and year)",
                     field_names[required[k]]);
            file_error(st, IND_E_FORMAT, r->line, 0, msg);
            return;
        }
    st->ncols = r->n;
    st->header_line = r->line;
}

static const char *cell_of(const file_state *st, int field, size_t *col)
{
    for (size_t i = 0; i < st->ncols; i++)
        if (st->field_of_col[i] == field) {
            *col = i;
            return row_cell(st, i);
        }
    *col = 0;
    return NULL;
}

/* Reports a bad cell: "path:line:col: error: COLUMN 'TEXT': expected ...". */
static void bad_cell(file_state *st, size_t i, const char *what)
{
    char msg[IND_ERROR_MSG_MAX];
    snprintf(msg, sizeof msg, "%s '%.200s': expected %s", field_names[st->field_of_col[i]],
             row_cell(st, i), what);
    file_error(st, IND_E_VALUE, st->row->f[i].line, i + 1, msg);
}

static bool cell_year(file_state *st, int field, int *year, bool required)
{
    size_t i;
    const char *text = cell_of(st, field, &i);
    if (!text || !text[0]) {
        if (required)
            bad_cell(st, i, "a year");
        return false;
    }
    lex c = {text, text, "target"};
    int y = lex_year(&c);
    if (y < 0 || *c.p) {
        bad_cell(st, i, "a year (0..9999)");
        return false;
    }
    *year = y;
    return true;
}

static void row_goal(file_state *st, ind_target *t, bool *rate)
{
    size_t i;
    const char *text = cell_of(st, F_GOAL, &i);
    size_t len = read_number(text, &t->goal);
    *rate = false;
    if (len == 0) {
        bad_cell(st, i, "a number (7, 2.5%, 9,084 or 7%/yr)");
        return;
    }
    size_t r = lex_rate_suffix(text + len);
    if (r)
        *rate = true;
    else if (text[len] == '%')
        r = 1;
    if (text[len + r])
        bad_cell(st, i, "a number (7, 2.5%, 9,084 or 7%/yr)");
}

static void row_kind(file_state *st, ind_target *t, bool rate)
{
    size_t i;
    const char *text = cell_of(st, F_KIND, &i);
    t->kind = rate ? IND_TARGET_GROWTH : IND_TARGET_LEVEL;
    if (!text || !text[0])
        return;
    if (ind_target_kind_parse(text, &t->kind) != 0)
        bad_cell(st, i, "level, growth or total");
    else if (rate && t->kind != IND_TARGET_GROWTH)
        bad_cell(st, i, "growth (the goal is a rate in %/yr)");
}

static void row_op(file_state *st, ind_target *t)
{
    size_t i;
    const char *text = cell_of(st, F_OP, &i);
    if (strcmp(text, ">=") == 0 || strcmp(text, "\xe2\x89\xa5") == 0)
        t->op = IND_TARGET_AT_LEAST;
    else if (strcmp(text, "<=") == 0 || strcmp(text, "\xe2\x89\xa4") == 0)
        t->op = IND_TARGET_AT_MOST;
    else
        bad_cell(st, i, "'>=' (at least) or '<=' (at most)");
}

static void copy_cell(file_state *st, int field, char *dst)
{
    size_t i;
    const char *text = cell_of(st, field, &i);
    strcpy(dst, text ? text : ""); /* fits: check_lengths */
}

/* Every cell fits the target's text fields. */
static bool check_lengths(file_state *st)
{
    for (size_t i = 0; i < st->ncols; i++)
        if (st->row->f[i].len >= IND_TARGET_TEXT_MAX) {
            char msg[96];
            snprintf(msg, sizeof msg, "%s: too long (at most %d bytes)",
                     field_names[st->field_of_col[i]], IND_TARGET_TEXT_MAX - 1);
            file_error(st, IND_E_VALUE, st->row->f[i].line, i + 1, msg);
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
static void row_start(file_state *st, ind_target *t)
{
    size_t i;
    int start;
    if (st->status != IND_OK || !cell_year(st, F_START, &start, false))
        return;
    cell_of(st, F_START, &i);
    if (t->kind == IND_TARGET_TOTAL) {
        bad_cell(st, i, "no start for a year's total (its plan is the year)");
        return;
    }
    int base = t->kind == IND_TARGET_GROWTH ? start - 1 : start;
    if (t->has_base && t->base_year != base) {
        bad_cell(st, i, t->kind == IND_TARGET_GROWTH
                            ? "the year after base_year (a growth plan from A grows from A-1)"
                            : "the same year as base_year (a level plan is measured from its start)");
        return;
    }
    t->has_base = true;
    t->base_year = base;
}

static void read_target(file_state *st)
{
    ind_target t;
    memset(&t, 0, sizeof t);
    bool rate;
    size_t i;
    if (!check_lengths(st))
        return;
    copy_cell(st, F_SERIES, t.series);
    if (!t.series[0]) {
        cell_of(st, F_SERIES, &i);
        bad_cell(st, i, "a series name");
    }
    copy_cell(st, F_ENTITY, t.entity);
    copy_cell(st, F_LABEL, t.label);
    row_op(st, &t);
    row_goal(st, &t, &rate);
    row_kind(st, &t, rate);
    cell_year(st, F_YEAR, &t.year, true);
    t.has_base = cell_year(st, F_BASE, &t.base_year, false);
    row_start(st, &t);
    if (st->status != IND_OK)
        return;
    if (t.has_base && t.base_year >= t.year) {
        const char *base = cell_of(st, F_BASE, &i);
        if (!base || !base[0])
            cell_of(st, F_START, &i); /* the base came from the start */
        bad_cell(st, i, "a base year before the target year");
        return;
    }
    ind_target_format(&t, t.text, sizeof t.text);
    t.line = (long)st->row->f[0].line;
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 16;
        ind_target *grown = realloc(st->targets, cap * sizeof *grown);
        if (!grown) {
            file_error(st, IND_E_NOMEM, 0, 0, "out of memory");
            return;
        }
        st->targets = grown;
        st->cap = cap;
    }
    st->targets[st->n++] = t;
}

/* A new pass over the file (read again in another encoding): forget the first. */
static ind_status on_start(void *ctx, const csvr_info *info)
{
    (void)info;
    file_state *st = ctx;
    free(st->targets);
    st->targets = NULL;
    st->n = st->cap = st->ncols = 0;
    return IND_OK;
}

static ind_status on_row(void *ctx, csvr_row *row)
{
    file_state *st = ctx;
    st->row = row;
    if (row->n == 0 || (row->n == 1 && row->f[0].len == 0))
        return IND_OK; /* a blank line */
    st->last_line = row->line;
    char msg[96];
    if (st->ncols == 0) {
        read_header(st);
    } else if (row->n != st->ncols) {
        size_t col = row->n < st->ncols ? row->n + 1 : st->ncols + 1;
        snprintf(msg, sizeof msg, "this row has %zu fields, the header %zu", row->n, st->ncols);
        file_error(st, IND_E_FORMAT, row->line, col, msg);
    } else {
        read_target(st);
    }
    st->row = NULL;
    return st->status;
}

static ind_status load_targets(const char *path, const char *data, size_t len, ind_target **out,
                               size_t *n, ind_error *err)
{
    *out = NULL;
    *n = 0;
    ind_error scratch;
    if (!err)
        err = &scratch;
    file_state st;
    memset(&st, 0, sizeof st);
    st.path = path;
    st.err = err;
    csvr_sink sink = {on_start, on_row, &st};
    ind_status status = data ? csvr_read_buffer(data, len, path, NULL, &sink, err)
                             : csvr_read_file(path, NULL, &sink, err);
    if (status == IND_OK && st.ncols == 0)
        status = ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                               "empty file: expected the header "
                               "series,entity,op,goal,year,base_year,start,kind,label");
    else if (status == IND_OK && st.n == 0)
        status = ind_error_set(err, IND_E_FORMAT, path, (long)st.header_line, 0,
                               "no targets after the header");
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
    return load_targets(path, NULL, 0, out, n, err);
}

ind_status ind_targets_load_buffer(const char *data, size_t len, const char *name,
                                   ind_target **out, size_t *n, ind_error *err)
{
    return load_targets(name ? name : "<buffer>", data ? data : "", data ? len : 0, out, n, err);
}
