/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * claim.c - claims checked against the data (see include/indicators/claim.h):
 * the one-line syntax (on the lexer of targets, lex.h), the claims file (a
 * table of named columns, table_read.h), and the check with its implied values.
 */
#include "indicators/claim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/growth.h"

#include "lex.h"
#include "table_read.h"

/* ---- names ---- */

static const struct {
    const char *name;
    ind_stat stat;
    int periods;
} stats[] = {
    {"value", IND_STAT_VALUE, 1},       {"cagr", IND_STAT_CAGR, 2},
    {"growth", IND_STAT_GROWTH, 2},     {"multiple", IND_STAT_MULTIPLE, 2},
    {"change", IND_STAT_CHANGE, 2},     {"pp", IND_STAT_PP, 2},
    {"yoy", IND_STAT_YOY, 1},
};
#define NSTATS (sizeof stats / sizeof stats[0])

const char *ind_stat_name(ind_stat s)
{
    for (size_t i = 0; i < NSTATS; i++)
        if (stats[i].stat == s)
            return stats[i].name;
    return "";
}

const char *ind_claim_verdict_name(ind_claim_verdict v)
{
    static const char *const names[] = {"cannot be checked", "holds", "does not hold"};
    return (unsigned)v < 3 ? names[v] : names[0];
}

ind_mark ind_claim_verdict_mark(ind_claim_verdict v)
{
    switch (v) {
    case IND_CLAIM_HOLDS:
        return IND_MARK_GOOD;
    case IND_CLAIM_FAILS:
        return IND_MARK_BAD;
    default:
        return IND_MARK_DIM;
    }
}

static const struct {
    const char *text;
    ind_claim_op op;
} ops[] = {
    {">=", IND_CLAIM_GE}, {"\xe2\x89\xa5", IND_CLAIM_GE}, {"<=", IND_CLAIM_LE},
    {"\xe2\x89\xa4", IND_CLAIM_LE}, {"==", IND_CLAIM_EQ}, {"\xe2\x89\x88", IND_CLAIM_EQ},
    {">", IND_CLAIM_GT}, {"<", IND_CLAIM_LT}, {"=", IND_CLAIM_EQ},
};

const char *ind_claim_op_name(ind_claim_op op)
{
    static const char *const names[] = {">", ">=", "<", "<=", "="};
    return (unsigned)op < 5 ? names[op] : "=";
}

/* ---- parsing ---- */

/* Where the series argument ends: the ',' or ')' outside quotes, brackets and parentheses. */
static const char *argument_end(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                return p + strlen(p);
            p = q;
        } else if (*p == '[') {
            const char *q = strchr(p, ']');
            if (!q)
                return p + strlen(p);
            p = q;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && depth > 0) {
            depth--;
        } else if ((*p == ',' || *p == ')') && depth == 0) {
            return p;
        }
    }
    return p;
}

static ind_status parse_period(lex *c, ind_period *p, ind_error *err)
{
    lex_skip_spaces(c);
    const char *end = c->p;
    while (*end && *end != ',' && *end != ')')
        end++;
    const char *last = end;
    while (last > c->p && (last[-1] == ' ' || last[-1] == '\t'))
        last--;
    if (last == c->p || ind_period_parse(c->p, (size_t)(last - c->p), p) != 0)
        return lex_expected(c, err, "a period (2023, 2024H1, 2023Q3, 2023-06)");
    c->p = end;
    return IND_OK;
}

static ind_status expect_char(lex *c, char ch, const char *what, ind_error *err)
{
    lex_skip_spaces(c);
    if (*c->p != ch)
        return lex_expected(c, err, what);
    c->p++;
    return IND_OK;
}

/* STAT(SERIES[ENTITY], PERIOD[, PERIOD]) after the statistic's name. */
static ind_status parse_stat_args(lex *c, ind_claim_side *s, int periods, ind_error *err)
{
    ind_status st;
    if ((st = expect_char(c, '(', "'(' after the statistic's name", err)) != IND_OK ||
        (st = lex_series(c, argument_end(c->p), s->series, sizeof s->series, s->entity,
                         sizeof s->entity, err)) != IND_OK ||
        (st = expect_char(c, ',', "',' and a period after the series", err)) != IND_OK)
        return st;
    const char *at = c->p;
    if ((st = parse_period(c, &s->to, err)) != IND_OK)
        return st;
    if (periods == 2) {
        s->from = s->to;
        s->has_from = true;
        if ((st = expect_char(c, ',', "',' and the last period (a statistic from A to B)", err)) !=
                IND_OK ||
            (st = parse_period(c, &s->to, err)) != IND_OK)
            return st;
        if (s->from.freq != s->to.freq || s->from.ord >= s->to.ord) {
            c->p = at;
            lex_skip_spaces(c);
            return lex_expected(c, err, "two periods of one frequency, the first before the last");
        }
    } else if (s->stat == IND_STAT_YOY) {
        s->has_from = true;
        s->from = ind_period_add(s->to, -(int32_t)s->to.freq);
    }
    return expect_char(c, ')', "')'", err);
}

static ind_status parse_side(lex *c, ind_claim_side *s, ind_error *err)
{
    memset(s, 0, sizeof *s);
    lex_skip_spaces(c);
    size_t len = lex_number(c->p, &s->number, &s->decimals);
    if (len) {
        c->p += len;
        size_t rate = lex_rate_suffix(c->p);
        s->percent = rate || *c->p == '%';
        c->p += rate ? rate : *c->p == '%';
        s->stat = IND_STAT_NUMBER;
        return IND_OK;
    }
    for (size_t i = 0; i < NSTATS; i++) {
        size_t n = strlen(stats[i].name);
        const char *after = c->p + n;
        while (*after == ' ')
            after++;
        if (strncmp(c->p, stats[i].name, n) == 0 && *after == '(') {
            s->stat = stats[i].stat;
            c->p += n;
            return parse_stat_args(c, s, stats[i].periods, err);
        }
    }
    return lex_expected(c, err,
                        "a number or a statistic: value(x, 2023), cagr(x, 2020, 2023), "
                        "growth(...), multiple(...), change(...), pp(...), yoy(x, 2023)");
}

static ind_status parse_op(lex *c, ind_claim_op *op, ind_error *err)
{
    lex_skip_spaces(c);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (lex_starts(c->p, ops[i].text)) {
            *op = ops[i].op;
            c->p += strlen(ops[i].text);
            return IND_OK;
        }
    return lex_expected(c, err, "a comparison: >, >=, <, <= or =");
}

ind_status ind_claim_parse(const char *text, ind_claim *out, ind_error *err)
{
    ind_claim cl;
    memset(&cl, 0, sizeof cl);
    if (strlen(text) >= sizeof cl.text)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "claim '%.60s...' is too long (at most %d bytes)",
                             text, IND_CLAIM_TEXT_MAX - 1);
    strcpy(cl.text, text);
    lex c = {text, text, "claim"};
    ind_status st;
    if ((st = parse_side(&c, &cl.left, err)) != IND_OK || (st = parse_op(&c, &cl.op, err)) != IND_OK)
        return st;
    const char *right = c.p;
    if ((st = parse_side(&c, &cl.right, err)) != IND_OK)
        return st;
    lex_skip_spaces(&c);
    if (*c.p)
        return lex_expected(&c, err, "the end of the claim");
    if (cl.left.stat == IND_STAT_NUMBER && cl.right.stat == IND_STAT_NUMBER) {
        c.p = right;
        lex_skip_spaces(&c);
        return lex_expected(&c, err, "a statistic on one side (value(x, 2023), cagr(...) ...)");
    }
    *out = cl;
    return IND_OK;
}

/* ---- checking ---- */

/* A figure as a report writes it: no exponent, about four significant digits. */
static const char *fmt(double v, char *buf, size_t n)
{
    if (fabs(v) >= 1000)
        snprintf(buf, n, "%.1f", v);
    else
        snprintf(buf, n, "%.4g", v);
    char *dot = strchr(buf, '.');
    if (dot && !strchr(buf, 'e')) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    return buf;
}

/* v with the decimals of a stated number and one more, trailing zeros dropped: 36326.75. */
static const char *fmt_stated(double v, const ind_claim_side *num, char *buf, size_t n)
{
    if (num->decimals < 0)
        return fmt(v, buf, n);
    snprintf(buf, n, "%.*f", num->decimals + 1, v);
    char *end = buf + strlen(buf);
    while (strchr(buf, '.') && end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.')
        end[-1] = '\0';
    return buf;
}

/* One side, computed. */
typedef struct side_value {
    bool ok;
    double v;
    const ind_series *s;
    bool has_from, has_to;
    double x_from, x_to;
    char why[240]; /* two fit the result's reason */
} side_value;

static const ind_series *lookup(const ind_claim_side *side, ind_dataset *const *ds, size_t nds,
                                char *why, size_t n)
{
    if (side->entity[0]) {
        for (size_t k = 0; k < nds; k++) {
            const ind_series *s = ind_dataset_find(ds[k], side->series, side->entity);
            if (s)
                return s;
        }
        snprintf(why, n, "no series '%.100s' [%.80s] in the data", side->series, side->entity);
        return NULL;
    }
    const ind_series *only = NULL;
    size_t count = 0;
    for (size_t k = 0; k < nds; k++)
        for (size_t i = 0; i < ind_dataset_count(ds[k]); i++) {
            const ind_series *s = ind_dataset_at(ds[k], i);
            if (strcmp(s->name, side->series) == 0 && (!only || strcmp(s->entity, only->entity) != 0)) {
                only = only ? only : s;
                count++;
            }
        }
    if (count == 1)
        return only;
    if (count > 1)
        snprintf(why, n, "series '%.80s' has %zu entities: write %.80s[ENTITY]", side->series, count,
                 side->series);
    else
        snprintf(why, n, "no series '%.100s' in the data", side->series);
    return NULL;
}

static bool value_of(const ind_series *s, ind_period p, double *x)
{
    long i = ind_series_find(s, p.ord);
    if (i < 0)
        return false;
    *x = s->value[i];
    return true;
}

/* The statistic from the two values (x_from unused for value). */
static ind_figure stat_of(ind_stat stat, double x0, double x1, double years)
{
    ind_figure f;
    switch (stat) {
    case IND_STAT_VALUE:
        return (ind_figure){true, x1, NULL};
    case IND_STAT_CAGR:
        f = ind_growth_cagr(x0, x1, years);
        break;
    case IND_STAT_GROWTH:
    case IND_STAT_YOY:
        f = ind_growth_rate(x0, x1);
        break;
    case IND_STAT_MULTIPLE:
        if (x0 == 0)
            return (ind_figure){false, 0, "a multiple of zero"};
        return (ind_figure){true, x1 / x0, NULL};
    default: /* change, pp */
        return (ind_figure){true, x1 - x0, NULL};
    }
    if (f.defined)
        f.value *= 100; /* rates in percent, as claims state them */
    return f;
}

static void missing_value(side_value *r, const ind_series *s, ind_period p)
{
    char when[IND_PERIOD_TEXT_MAX];
    ind_period_format(p, when, sizeof when);
    size_t len = strlen(r->why);
    snprintf(r->why + len, sizeof r->why - len, "%sno value for %.80s%s%.60s%s in %s",
             len ? "; " : "", s->name, s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "",
             when);
}

static void compute_side(const ind_claim_side *side, ind_dataset *const *ds, size_t nds,
                         side_value *r)
{
    memset(r, 0, sizeof *r);
    if (side->stat == IND_STAT_NUMBER) {
        r->ok = true;
        r->v = side->number;
        return;
    }
    const ind_series *s = r->s = lookup(side, ds, nds, r->why, sizeof r->why);
    if (!s)
        return;
    if (s->n && s->freq != side->to.freq) {
        snprintf(r->why, sizeof r->why, "%.80s%s%.60s%s is %s, the claim's periods %s", s->name,
                 s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "",
                 ind_freq_name(s->freq), ind_freq_name(side->to.freq));
        r->s = NULL;
        return;
    }
    r->has_to = value_of(s, side->to, &r->x_to);
    r->has_from = side->has_from && value_of(s, side->from, &r->x_from);
    if (side->has_from && !r->has_from)
        missing_value(r, s, side->from);
    if (!r->has_to)
        missing_value(r, s, side->to);
    if (!r->has_to || (side->has_from && !r->has_from))
        return;
    ind_figure f = stat_of(side->stat, r->x_from, r->x_to,
                           side->has_from ? ind_period_years_between(side->from, side->to) : 0);
    if (!f.defined) {
        snprintf(r->why, sizeof r->why, "%s: %s", ind_stat_name(side->stat), f.why);
        return;
    }
    r->ok = true;
    r->v = f.value;
}

static bool compare(double a, ind_claim_op op, double b)
{
    switch (op) {
    case IND_CLAIM_GT:
        return a > b;
    case IND_CLAIM_GE:
        return a >= b;
    case IND_CLAIM_LT:
        return a < b;
    case IND_CLAIM_LE:
        return a <= b;
    default:
        return a == b;
    }
}

/*
 * The range a number stated to its last digit stands for: half a unit either
 * side; with slack, widened by a billionth so that a value on the edge (2.05
 * for "2.1", not exactly representable) is inside.
 */
static void precision_range(const ind_claim_side *num, bool slack, double *lo, double *hi)
{
    double half = num->decimals >= 0 ? 0.5 * pow(10, -num->decimals) : 0;
    double eps = slack ? 1e-9 * fmax(1, fabs(num->number)) : 0;
    *lo = num->number - half - eps;
    *hi = num->number + half + eps;
}

/* Describes one side for a reason: "cagr of rd_intensity [Luohe] 2020 to 2023 = 22.59". */
static void describe(const ind_claim_side *side, const side_value *v, char *buf, size_t n)
{
    char x[32], a[IND_PERIOD_TEXT_MAX], b[IND_PERIOD_TEXT_MAX];
    if (side->stat == IND_STAT_NUMBER) {
        snprintf(buf, n, "%s%s", fmt(v->v, x, sizeof x), side->percent ? "%" : "");
        return;
    }
    ind_period_format(side->from, a, sizeof a);
    ind_period_format(side->to, b, sizeof b);
    const char *unit = side->stat == IND_STAT_MULTIPLE                           ? " times"
                       : side->stat == IND_STAT_PP                               ? " pp"
                       : side->stat == IND_STAT_VALUE || side->stat == IND_STAT_CHANGE ? ""
                                                                                 : "%";
    if (side->has_from && side->stat != IND_STAT_YOY)
        snprintf(buf, n, "%s of %.80s%s%.60s%s %s to %s = %s%s", ind_stat_name(side->stat),
                 v->s->name, v->s->entity[0] ? " [" : "", v->s->entity, v->s->entity[0] ? "]" : "",
                 a, b, fmt(v->v, x, sizeof x), unit);
    else
        snprintf(buf, n, "%s of %.80s%s%.60s%s in %s = %s%s", ind_stat_name(side->stat),
                 v->s->name, v->s->entity[0] ? " [" : "", v->s->entity, v->s->entity[0] ? "]" : "",
                 b, fmt(v->v, x, sizeof x), unit);
}

/* x_from (want_from) or x_to that gives the statistic the value g, the other value known. */
static double solve(ind_stat stat, bool want_from, double known, double g, double years)
{
    double m;
    switch (stat) {
    case IND_STAT_CAGR:
        m = pow(1 + g / 100, years);
        break;
    case IND_STAT_GROWTH:
    case IND_STAT_YOY:
        m = 1 + g / 100;
        break;
    case IND_STAT_MULTIPLE:
        m = g;
        break;
    default: /* change, pp: additive */
        return want_from ? known - g : known + g;
    }
    return want_from ? known / m : known * m;
}

/*
 * The claim's implication for the one value its statistic lacks, when the
 * other side is a number: the value at the stated figure (and at the ends of
 * its precision for "="), or the bound it must be beyond.
 */
static void implied(const ind_claim *c, const ind_claim_side *stat, const side_value *sv,
                    const ind_claim_side *num, bool stat_left, ind_claim_result *out)
{
    if (stat->stat == IND_STAT_VALUE || !sv->s || sv->has_from == sv->has_to ||
        num->stat != IND_STAT_NUMBER)
        return;
    bool want_from = !sv->has_from;
    double known = want_from ? sv->x_to : sv->x_from;
    double years = ind_period_years_between(stat->from, stat->to);
    double v = solve(stat->stat, want_from, known, num->number, years);
    if (!isfinite(v))
        return;
    out->has_implied = true;
    out->implied_series = sv->s->name;
    out->implied_entity = sv->s->entity;
    out->implied_period = want_from ? stat->from : stat->to;
    out->implied_value = v;
    ind_claim_op op = c->op;
    if (!stat_left) /* number OP stat: read as stat OP' number */
        op = op == IND_CLAIM_GT ? IND_CLAIM_LT : op == IND_CLAIM_LT ? IND_CLAIM_GT
           : op == IND_CLAIM_GE ? IND_CLAIM_LE : op == IND_CLAIM_LE ? IND_CLAIM_GE : op;
    if (op == IND_CLAIM_EQ) {
        double lo, hi;
        precision_range(num, false, &lo, &hi);
        double a = solve(stat->stat, want_from, known, lo, years);
        double b = solve(stat->stat, want_from, known, hi, years);
        out->implied_lo = fmin(a, b);
        out->implied_hi = fmax(a, b);
        out->implied_op = IND_CLAIM_EQ;
        return;
    }
    /* the statistic grows with x_to and falls with x_from (for positive values) */
    double up = solve(stat->stat, want_from, known, num->number + 1e-6 * fmax(1, fabs(num->number)),
                      years);
    bool rising = up > v; /* the value rises with the statistic */
    bool above = op == IND_CLAIM_GT || op == IND_CLAIM_GE;
    bool strict = op == IND_CLAIM_GT || op == IND_CLAIM_LT;
    out->implied_op = above == rising ? (strict ? IND_CLAIM_GT : IND_CLAIM_GE)
                                      : (strict ? IND_CLAIM_LT : IND_CLAIM_LE);
    out->implied_lo = out->implied_hi = v;
}

ind_status ind_claim_check(const ind_claim *c, ind_dataset *const *ds, size_t nds,
                           ind_claim_result *out)
{
    memset(out, 0, sizeof *out);
    side_value l, r;
    compute_side(&c->left, ds, nds, &l);
    compute_side(&c->right, ds, nds, &r);
    out->has_left = l.ok;
    out->has_right = r.ok;
    out->left = l.v;
    out->right = r.v;
    if (!l.ok || !r.ok) {
        out->verdict = IND_CLAIM_UNCHECKED;
        snprintf(out->reason, sizeof out->reason, "%s%s%s", l.ok ? "" : l.why,
                 !l.ok && !r.ok ? "; " : "", r.ok ? "" : r.why);
        if (!l.ok && r.ok)
            implied(c, &c->left, &l, &c->right, true, out);
        else if (l.ok && !r.ok)
            implied(c, &c->right, &r, &c->left, false, out);
        return IND_OK;
    }
    bool holds;
    const ind_claim_side *num = c->left.stat == IND_STAT_NUMBER    ? &c->left
                                : c->right.stat == IND_STAT_NUMBER ? &c->right
                                                                   : NULL;
    if (c->op == IND_CLAIM_EQ) {
        double stat = num == &c->left ? r.v : l.v;
        if (num)
            precision_range(num, true, &out->lo, &out->hi);
        else
            out->lo = out->hi = r.v;
        holds = num ? stat >= out->lo && stat <= out->hi
                    : fabs(l.v - r.v) <= 1e-9 * fmax(1, fmax(fabs(l.v), fabs(r.v)));
    } else {
        holds = compare(l.v, c->op, r.v);
    }
    out->verdict = holds ? IND_CLAIM_HOLDS : IND_CLAIM_FAILS;
    char a[200], b[200];
    describe(&c->left, &l, a, sizeof a);
    describe(&c->right, &r, b, sizeof b);
    if (num && c->op == IND_CLAIM_EQ) { /* "... = 2.1, within 2.05 to 2.15 (2.1 as stated)" */
        char lo[32], hi[32];
        snprintf(out->reason, sizeof out->reason, "%s, %swithin %s to %s (%s as stated)",
                 num == &c->left ? b : a, holds ? "" : "not ", fmt_stated(out->lo, num, lo, sizeof lo),
                 fmt_stated(out->hi, num, hi, sizeof hi), num == &c->left ? a : b);
    } else {
        snprintf(out->reason, sizeof out->reason, "%s%s %s %s", a, holds ? "" : ", not",
                 ind_claim_op_name(c->op), b);
    }
    return IND_OK;
}

/* ---- the claims file: a table of named columns (table_read.h), CSV or a workbook ---- */

enum { F_CLAIM, F_LABEL, NFIELDS };
static const tbl_column columns[NFIELDS] = {{"claim", "表述|论断", true},
                                            {"label", "说明|标签", false}};

typedef struct file_state {
    ind_claims_file f;
    size_t cap, dcap;
} file_state;

/* "NAME = EXPRESSION": a bare name before a lone '=' (a claim has a statistic there). */
static bool is_derivation(const char *text)
{
    const char *op = lex_find_operator(text);
    return op && *op == '=' && op[1] != '=' && !memchr(text, '(', (size_t)(op - text)) &&
           op > text && (op[-1] != '>' && op[-1] != '<');
}

/* Room in *array (*cap elements of size bytes) for element n: 0, or -1 when out of memory
   (*array unchanged). */
static int reserve(void **array, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t grown_cap = *cap ? 2 * *cap : 8;
    void *grown = realloc(*array, grown_cap * size);
    if (!grown)
        return -1;
    *array = grown;
    *cap = grown_cap;
    return 0;
}

/* A parse error of the claim cell, moved to the file's line and column (the field). */
static ind_status cell_error(tbl_row *r, const ind_error *e)
{
    return tbl_fail(r, F_CLAIM, e->code == IND_E_NOMEM ? IND_E_NOMEM : IND_E_ARG, "%s",
                    e->message);
}

static ind_status add_derivation(file_state *st, tbl_row *r)
{
    ind_derivation *d;
    ind_error e;
    ind_error_clear(&e);
    if (ind_derivation_parse(r->cell[F_CLAIM], &d, &e) != IND_OK)
        return cell_error(r, &e);
    void *array = st->f.derive;
    if (reserve(&array, &st->dcap, st->f.nderive, sizeof *st->f.derive) != 0) {
        ind_derivation_free(d);
        return tbl_fail(r, F_CLAIM, IND_E_NOMEM, "out of memory");
    }
    st->f.derive = array;
    st->f.derive[st->f.nderive++] = d;
    return IND_OK;
}

static ind_status add_claim(file_state *st, tbl_row *r)
{
    ind_claim c;
    ind_error e;
    ind_error_clear(&e);
    if (ind_claim_parse(r->cell[F_CLAIM], &c, &e) != IND_OK)
        return cell_error(r, &e);
    snprintf(c.label, sizeof c.label, "%s", r->cell[F_LABEL]);
    c.line = (long)r->line[F_CLAIM];
    void *array = st->f.claims;
    if (reserve(&array, &st->cap, st->f.n, sizeof *st->f.claims) != 0)
        return tbl_fail(r, F_CLAIM, IND_E_NOMEM, "out of memory");
    st->f.claims = array;
    st->f.claims[st->f.n++] = c;
    return IND_OK;
}

static ind_status read_row(void *ctx, tbl_row *r)
{
    const char *text = r->cell[F_CLAIM];
    if (!text[0])
        return tbl_fail(r, F_CLAIM, IND_E_VALUE, "claim '': expected a claim");
    return is_derivation(text) ? add_derivation(ctx, r) : add_claim(ctx, r);
}

/* A new pass over the file (read again in another encoding): forget the first. */
static void restart(void *ctx)
{
    file_state *st = ctx;
    ind_claims_file_clear(&st->f);
    st->cap = st->dcap = 0;
}

static ind_status load(const char *path, const char *sheet, const char *data, size_t len,
                       ind_claims_file *out, ind_error *err)
{
    memset(out, 0, sizeof *out);
    ind_error scratch;
    if (!err)
        err = &scratch;
    file_state st;
    memset(&st, 0, sizeof st);
    tbl_spec spec = {columns, NFIELDS, "claims", restart, read_row, &st};
    ind_status status = data ? tbl_read_buffer(data, len, path, &spec, err)
                             : tbl_read_file(path, sheet, &spec, err);
    if (status == IND_OK && st.f.n == 0)
        status = ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                               "no claims in the file, only derivations");
    if (status == IND_OK)
        *out = st.f;
    else
        ind_claims_file_clear(&st.f);
    return status;
}

ind_status ind_claims_load(const char *path, ind_claims_file *out, ind_error *err)
{
    return load(path, NULL, NULL, 0, out, err);
}

ind_status ind_claims_load_sheet(const char *path, const char *sheet, ind_claims_file *out,
                                 ind_error *err)
{
    return load(path, sheet, NULL, 0, out, err);
}

ind_status ind_claims_load_buffer(const char *data, size_t len, const char *name,
                                  ind_claims_file *out, ind_error *err)
{
    return load(name ? name : "<buffer>", NULL, data ? data : "", data ? len : 0, out, err);
}

void ind_claims_file_clear(ind_claims_file *f)
{
    for (size_t i = 0; i < f->nderive; i++)
        ind_derivation_free(f->derive[i]);
    free(f->derive);
    free(f->claims);
    memset(f, 0, sizeof *f);
}
