/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * derive.c - series computed from others (see include/indicators/derive.h):
 * a recursive-descent parser into an array of nodes, and an evaluator that
 * aligns the inputs by entity and period and carries their units. The
 * lexer (numbers, SERIES[ENTITY], column-pointing errors) is lex.h's.
 */
#include "indicators/derive.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

#define TEXT_MAX 1024  /* a derivation is typed on one line */
#define NAME_MAX_LEN 256
#define DEPTH_MAX 64   /* nesting of parentheses and signs: no stack exhaustion */
#define UNIT_MAX 128

enum node_kind { N_NUM, N_REF, N_ADD, N_SUB, N_MUL, N_DIV, N_NEG };

typedef struct node {
    enum node_kind kind;
    double v;                /* N_NUM */
    int a, b;                /* operands (indices) */
    char *series, *entity;   /* N_REF; entity "" when aligned by entity */
    size_t input;            /* N_REF: index into the per-entity inputs */
} node;

struct ind_derivation {
    char *text, *name, *unit; /* unit: given with the name, or NULL */
    node *nodes;
    size_t n, cap;
    size_t nrefs;
    int root;
};

/* ---- parsing ---- */

typedef struct parser {
    lex c;
    ind_derivation *d;
    ind_error *err;
    int depth;
} parser;

static int add_node(parser *ps, node nd)
{
    ind_derivation *d = ps->d;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        node *grown = realloc(d->nodes, cap * sizeof *grown);
        if (!grown) {
            ind_error_set(ps->err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
            return -1;
        }
        d->nodes = grown;
        d->cap = cap;
    }
    d->nodes[d->n] = nd;
    return (int)d->n++;
}

static char *dup_range(const char *s, size_t n)
{
    char *copy = malloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

/* The end of an unquoted series name: a space, an operator, a parenthesis or a bracket. */
static const char *name_end(const char *p)
{
    while (*p && !strchr(" \t+-*/()[]=,<>", *p))
        p++;
    return p;
}

static int parse_expr(parser *ps);

/* SERIES, "SERIES WITH SPACES", either with [ENTITY]. */
static int parse_ref(parser *ps)
{
    char series[NAME_MAX_LEN], entity[NAME_MAX_LEN];
    lex *c = &ps->c;
    const char *end = c->p;
    if (*end == '"') {
        const char *close = strchr(end + 1, '"');
        end = close ? close + 1 : end + strlen(end);
    } else {
        end = name_end(end);
    }
    const char *q = end;
    while (*q == ' ' || *q == '\t')
        q++;
    if (*q == '[') {
        const char *close = strchr(q, ']');
        end = close ? close + 1 : q + strlen(q);
    }
    if (end == c->p) {
        lex_expected(c, ps->err, "a number, a series or '('");
        return -1;
    }
    if (lex_series(c, end, series, sizeof series, entity, sizeof entity, ps->err) != IND_OK)
        return -1;
    node nd = {.kind = N_REF, .a = -1, .b = -1};
    nd.series = dup_range(series, strlen(series));
    nd.entity = dup_range(entity, strlen(entity));
    nd.input = ps->d->nrefs++;
    if (!nd.series || !nd.entity) {
        free(nd.series);
        free(nd.entity);
        ind_error_set(ps->err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        return -1;
    }
    int i = add_node(ps, nd);
    if (i < 0) {
        free(nd.series);
        free(nd.entity);
    }
    return i;
}

static int parse_factor(parser *ps)
{
    lex *c = &ps->c;
    lex_skip_spaces(c);
    if (++ps->depth > DEPTH_MAX) {
        lex_expected(c, ps->err, "less nesting");
        return -1;
    }
    int r;
    double v;
    size_t len;
    if (*c->p == '(') {
        c->p++;
        r = parse_expr(ps);
        lex_skip_spaces(c);
        if (r >= 0 && *c->p != ')') {
            lex_expected(c, ps->err, "')'");
            r = -1;
        }
        c->p += r >= 0;
    } else if (*c->p == '-' || *c->p == '+') {
        bool neg = *c->p++ == '-';
        r = parse_factor(ps);
        if (r >= 0 && neg)
            r = add_node(ps, (node){.kind = N_NEG, .a = r, .b = -1});
    } else if ((len = lex_number(c->p, &v, NULL)) > 0 && name_end(c->p + len) == c->p + len) {
        c->p += len;
        r = add_node(ps, (node){.kind = N_NUM, .v = v, .a = -1, .b = -1});
    } else {
        r = parse_ref(ps);
    }
    ps->depth--;
    return r;
}

/* A chain of operands joined by the operators ops (two characters, two kinds). */
static int parse_chain(parser *ps, int (*operand)(parser *), const char *ops,
                       enum node_kind k0, enum node_kind k1)
{
    int left = operand(ps);
    while (left >= 0) {
        lex_skip_spaces(&ps->c);
        char op = *ps->c.p;
        if (!op || (op != ops[0] && op != ops[1]))
            break;
        ps->c.p++;
        int right = operand(ps);
        if (right < 0)
            return -1;
        left = add_node(ps, (node){.kind = op == ops[0] ? k0 : k1, .a = left, .b = right});
    }
    return left;
}

static int parse_term(parser *ps)
{
    return parse_chain(ps, parse_factor, "*/", N_MUL, N_DIV);
}

static int parse_expr(parser *ps)
{
    return parse_chain(ps, parse_term, "+-", N_ADD, N_SUB);
}

/* "NAME" or "NAME (UNIT)" / "NAME（UNIT）" before the '='. */
static ind_status parse_lhs(parser *ps, const char *eq)
{
    lex *c = &ps->c;
    lex_skip_spaces(c);
    const char *end = eq;
    while (end > c->p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    const char *unit = NULL, *unit_end = NULL;
    if (end > c->p && end[-1] == ')') {
        unit_end = end - 1;
        unit = memchr(c->p, '(', (size_t)(unit_end - c->p));
    } else if (end - c->p > 3 && strncmp(end - 3, "\xef\xbc\x89", 3) == 0) { /* ） */
        unit_end = end - 3;
        unit = strstr(c->p, "\xef\xbc\x88"); /* （ */
        if (unit && unit < unit_end)
            unit += 2; /* so that unit + 1 is after the 3-byte bracket */
        else
            unit = NULL;
    }
    const char *name_stop = unit ? (unit_end == end - 1 ? unit : unit - 2) : end;
    while (name_stop > c->p && (name_stop[-1] == ' ' || name_stop[-1] == '\t'))
        name_stop--;
    if (name_stop - c->p >= 2 && *c->p == '"' && name_stop[-1] == '"' &&
        !memchr(c->p + 1, '"', (size_t)(name_stop - c->p - 2))) { /* "a name with spaces" */
        c->p++;
        name_stop--;
    } else if (name_stop == c->p || name_end(c->p) < name_stop) {
        if (name_stop != c->p)
            c->p = name_end(c->p);
        return lex_expected(c, ps->err, name_stop == c->p ? "the derived series' name before '='"
                                                            : "one name before '=' (a series "
                                                              "name, then optionally (UNIT))");
    }
    ps->d->name = dup_range(c->p, (size_t)(name_stop - c->p));
    if (unit)
        ps->d->unit = dup_range(unit + 1, (size_t)(unit_end - unit - 1));
    if (!ps->d->name || (unit && !ps->d->unit))
        return ind_error_set(ps->err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    c->p = eq + 1;
    return IND_OK;
}

ind_status ind_derivation_parse(const char *text, ind_derivation **out, ind_error *err)
{
    *out = NULL;
    if (strlen(text) >= TEXT_MAX)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "derivation '%.60s...' is too long (at most %d bytes)", text,
                             TEXT_MAX - 1);
    ind_derivation *d = calloc(1, sizeof *d);
    if (!d || !(d->text = dup_range(text, strlen(text)))) {
        free(d);
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    parser ps = {{text, text, "derivation"}, d, err, 0};
    const char *eq = strchr(text, '=');
    ind_status st;
    if (!eq)
        st = lex_expected(&ps.c, err, "NAME = EXPRESSION");
    else if ((st = parse_lhs(&ps, eq)) == IND_OK) {
        d->root = parse_expr(&ps);
        lex_skip_spaces(&ps.c);
        if (d->root < 0)
            st = err ? err->code : IND_E_ARG;
        else if (*ps.c.p)
            st = lex_expected(&ps.c, err, "an operator (+ - * /) or the end");
    }
    if (st != IND_OK) {
        ind_derivation_free(d);
        return st;
    }
    *out = d;
    return IND_OK;
}

void ind_derivation_free(ind_derivation *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->nodes[i].series);
        free(d->nodes[i].entity);
    }
    free(d->nodes);
    free(d->text);
    free(d->name);
    free(d->unit);
    free(d);
}

const char *ind_derivation_name(const ind_derivation *d)
{
    return d->name;
}

const char *ind_derivation_text(const ind_derivation *d)
{
    return d->text;
}

/* ---- units ---- */

static bool is_number_unit(const char *u)
{
    return !u[0];
}

static bool is_percent(const char *u)
{
    return strcmp(u, "%") == 0;
}

/* a SEP b into buf (n bytes), cut to fit. */
static void join_units(char *buf, size_t n, const char *a, const char *sep, const char *b)
{
    size_t len = 0;
    const char *parts[] = {a, sep, b};
    for (size_t k = 0; k < 3; k++)
        for (const char *p = parts[k]; *p && len + 1 < n; p++)
            buf[len++] = *p;
    buf[len] = '\0';
}

/* The unit of node i into buf (n bytes); -1 with err set when two different units are added. */
static int unit_of(const ind_derivation *d, int i, const ind_series *const *in, char *buf,
                   size_t n, ind_error *err)
{
    const node *nd = &d->nodes[i];
    char a[UNIT_MAX], b[UNIT_MAX];
    switch (nd->kind) {
    case N_NUM:
        buf[0] = '\0';
        return 0;
    case N_REF:
        snprintf(buf, n, "%s", in[nd->input]->unit);
        return 0;
    case N_NEG:
        return unit_of(d, nd->a, in, buf, n, err);
    default:
        break;
    }
    if (unit_of(d, nd->a, in, a, sizeof a, err) < 0 || unit_of(d, nd->b, in, b, sizeof b, err) < 0)
        return -1;
    if (nd->kind == N_ADD || nd->kind == N_SUB) {
        if (strcmp(a, b) != 0 && !is_number_unit(a) && !is_number_unit(b)) {
            ind_error_set(err, IND_E_VALUE, NULL, 0, 0, "derivation '%s' %s %s and %s", d->text,
                          nd->kind == N_ADD ? "adds" : "subtracts", a, b);
            return -1;
        }
        snprintf(buf, n, "%s", is_number_unit(a) ? b : a);
    } else if (nd->kind == N_MUL) {
        if (is_number_unit(a) || (is_percent(a) && !is_number_unit(b)))
            snprintf(buf, n, "%s", b);
        else if (is_number_unit(b) || is_percent(b))
            snprintf(buf, n, "%s", a);
        else
            join_units(buf, n, a, "\xc2\xb7", b);
    } else { /* N_DIV */
        if (strcmp(a, b) == 0)
            buf[0] = '\0';
        else if (is_number_unit(b) || is_percent(b))
            snprintf(buf, n, "%s", a);
        else
            join_units(buf, n, is_number_unit(a) ? "1" : a, "/", b);
    }
    return 0;
}

/* ---- evaluation ---- */

static double eval(const ind_derivation *d, int i, const double *x)
{
    const node *nd = &d->nodes[i];
    switch (nd->kind) {
    case N_NUM:
        return nd->v;
    case N_REF:
        return x[nd->input];
    case N_NEG:
        return -eval(d, nd->a, x);
    case N_ADD:
        return eval(d, nd->a, x) + eval(d, nd->b, x);
    case N_SUB:
        return eval(d, nd->a, x) - eval(d, nd->b, x);
    case N_MUL:
        return eval(d, nd->a, x) * eval(d, nd->b, x);
    default:
        return eval(d, nd->a, x) / eval(d, nd->b, x);
    }
}

static const ind_series *find_in(ind_dataset *const *ds, size_t nds, const char *name,
                                 const char *entity)
{
    for (size_t k = 0; k < nds; k++) {
        const ind_series *s = ind_dataset_find(ds[k], name, entity);
        if (s)
            return s;
    }
    return NULL;
}

/* The first reference without [ENTITY], or NULL. */
static const node *first_aligned(const ind_derivation *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->nodes[i].kind == N_REF && !d->nodes[i].entity[0])
            return &d->nodes[i];
    return NULL;
}

/* Looks up the inputs for entity; the name of the first one missing, or NULL. */
static const node *inputs_of(const ind_derivation *d, ind_dataset *const *ds, size_t nds,
                             const char *entity, const ind_series **in)
{
    for (size_t i = 0; i < d->n; i++) {
        const node *nd = &d->nodes[i];
        if (nd->kind != N_REF)
            continue;
        in[nd->input] = find_in(ds, nds, nd->series, nd->entity[0] ? nd->entity : entity);
        if (!in[nd->input])
            return nd;
    }
    return NULL;
}

static int cmp_ord(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* One entity's result: values at every period some input has, missing where one lacks it. */
typedef struct result {
    int32_t *ord;
    double *value;
    size_t n, missing;
    ind_freq freq;
    char unit[UNIT_MAX];
} result;

static ind_status compute(const ind_derivation *d, const ind_series **in, result *r,
                          ind_error *err)
{
    size_t total = 0;
    memset(r, 0, sizeof *r);
    for (size_t k = 0; k < d->nrefs; k++) {
        if (in[k]->n && r->freq && in[k]->freq != r->freq)
            return ind_error_set(err, IND_E_VALUE, NULL, 0, 0,
                                 "derivation '%s': series '%s' [%s] is %s, another input %s",
                                 d->text, in[k]->name, in[k]->entity, ind_freq_name(in[k]->freq),
                                 ind_freq_name(r->freq));
        if (in[k]->n)
            r->freq = in[k]->freq;
        total += in[k]->n;
    }
    r->ord = malloc((total ? total : 1) * sizeof *r->ord);
    r->value = malloc((total ? total : 1) * sizeof *r->value);
    double *x = malloc((d->nrefs ? d->nrefs : 1) * sizeof *x);
    if (!r->ord || !r->value || !x) {
        free(x);
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    size_t m = 0;
    for (size_t k = 0; k < d->nrefs; k++)
        for (size_t i = 0; i < in[k]->n; i++)
            r->ord[m++] = in[k]->ord[i];
    qsort(r->ord, m, sizeof *r->ord, cmp_ord);
    for (size_t i = 0; i < m; i++) {
        if (i && r->ord[i] == r->ord[i - 1])
            continue;
        bool all = true;
        for (size_t k = 0; k < d->nrefs && all; k++) {
            long at = ind_series_find(in[k], r->ord[i]);
            all = at >= 0;
            if (all)
                x[k] = in[k]->value[at];
        }
        double v = all ? eval(d, d->root, x) : NAN;
        if (all && isfinite(v)) {
            r->ord[r->n] = r->ord[i];
            r->value[r->n++] = v;
        } else {
            r->missing++;
        }
    }
    free(x);
    if (d->unit)
        snprintf(r->unit, sizeof r->unit, "%s", d->unit);
    else if (unit_of(d, d->root, in, r->unit, sizeof r->unit, err) < 0)
        return err ? err->code : IND_E_VALUE;
    return IND_OK;
}

static void result_free(result *r)
{
    free(r->ord);
    free(r->value);
}

static ind_status store(const ind_derivation *d, const char *entity, const result *r,
                        ind_dataset *out, ind_error *err)
{
    ind_series *s = ind_dataset_series(out, d->name, entity);
    if (!s || ind_series_set_text(&s->unit, r->unit) != IND_OK ||
        (r->n && ind_series_reserve(s, r->n) != IND_OK))
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    if (strchr(r->unit, '%'))
        s->flags |= IND_SERIES_PERCENT;
    s->freq = r->freq;
    for (size_t i = 0; i < r->n; i++) {
        ind_period p = {r->freq, r->ord[i]};
        ind_status st = ind_series_add(s, p, r->value[i], err);
        if (st != IND_OK)
            return st;
    }
    s->n_missing += r->missing;
    return IND_OK;
}

/* The entities that have every series without [ENTITY] (copies, in data order); "" when none is. */
static ind_status entities_of(const ind_derivation *d, ind_dataset *const *ds, size_t nds,
                              char ***out, size_t *n, ind_derive_info *info, ind_error *err)
{
    *out = NULL;
    *n = 0;
    const node *lead = first_aligned(d);
    size_t cap = 0;
    const ind_series **in = malloc((d->nrefs ? d->nrefs : 1) * sizeof *in);
    if (!in)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    ind_status st = IND_OK;
    for (size_t k = 0; lead && k < nds && st == IND_OK; k++)
        for (size_t i = 0; i < ind_dataset_count(ds[k]) && st == IND_OK; i++) {
            const ind_series *s = ind_dataset_at(ds[k], i);
            bool seen = false;
            for (size_t j = 0; j < *n && !seen; j++)
                seen = strcmp((*out)[j], s->entity) == 0;
            if (seen || strcmp(s->name, lead->series) != 0 ||
                find_in(ds, nds, s->name, s->entity) != s) /* an earlier file's counts */
                continue;
            const node *lacks = inputs_of(d, ds, nds, s->entity, in);
            if (lacks) {
                if (info->lacking++ == 0)
                    snprintf(info->note, sizeof info->note,
                             "no %.60s for %.60s: no series '%.60s' [%.60s] in the data", d->name,
                             s->entity[0] ? s->entity : "''", lacks->series,
                             lacks->entity[0] ? lacks->entity : s->entity);
                continue;
            }
            if (*n == cap) {
                cap = cap ? 2 * cap : 8;
                char **grown = realloc(*out, cap * sizeof *grown);
                if (!grown) {
                    st = IND_E_NOMEM;
                    break;
                }
                *out = grown;
            }
            if (!((*out)[*n] = dup_range(s->entity, strlen(s->entity))))
                st = IND_E_NOMEM;
            else
                (*n)++;
        }
    free(in);
    if (st != IND_OK)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    return IND_OK;
}

/* The entity of a result when every series has [ENTITY]: theirs when they agree, else "". */
static const char *fixed_entity(const ind_derivation *d)
{
    const char *e = NULL;
    for (size_t i = 0; i < d->n; i++)
        if (d->nodes[i].kind == N_REF) {
            if (e && strcmp(e, d->nodes[i].entity) != 0)
                return "";
            e = d->nodes[i].entity;
        }
    return e ? e : "";
}

static ind_status apply_entity(const ind_derivation *d, ind_dataset *const *ds, size_t nds,
                               const char *entity, ind_dataset *out, ind_derive_info *info,
                               ind_error *err)
{
    if (find_in(ds, nds, d->name, entity)) {
        info->kept++;
        return IND_OK;
    }
    const ind_series **in = malloc((d->nrefs ? d->nrefs : 1) * sizeof *in);
    if (!in)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    const node *lacking = inputs_of(d, ds, nds, entity, in);
    ind_status st;
    result r;
    memset(&r, 0, sizeof r);
    if (lacking)
        st = ind_error_set(err, IND_E_VALUE, NULL, 0, 0,
                           "derivation '%s': no series '%s'%s%s%s in the data", d->text,
                           lacking->series, entity[0] || lacking->entity[0] ? " [" : "",
                           lacking->entity[0] ? lacking->entity : entity,
                           entity[0] || lacking->entity[0] ? "]" : "");
    else if ((st = compute(d, in, &r, err)) == IND_OK && (st = store(d, entity, &r, out, err)) == IND_OK) {
        info->made++;
        info->missing += r.missing;
    }
    result_free(&r);
    free(in);
    return st;
}

ind_status ind_derivation_apply(const ind_derivation *d, ind_dataset *const *ds, size_t nds,
                                ind_dataset *out, ind_derive_info *info, ind_error *err)
{
    ind_derive_info scratch;
    if (!info)
        info = &scratch;
    memset(info, 0, sizeof *info);
    for (size_t i = 0; i < d->n; i++) { /* a series with [ENTITY] is the same for every result */
        const node *nd = &d->nodes[i];
        if (nd->kind == N_REF && nd->entity[0] && !find_in(ds, nds, nd->series, nd->entity))
            return ind_error_set(err, IND_E_VALUE, NULL, 0, 0,
                                 "derivation '%s': no series '%s' [%s] in the data", d->text,
                                 nd->series, nd->entity);
    }
    const node *lead = first_aligned(d);
    if (!lead)
        return apply_entity(d, ds, nds, fixed_entity(d), out, info, err);
    char **entities;
    size_t n;
    ind_status st = entities_of(d, ds, nds, &entities, &n, info, err);
    if (st == IND_OK && n == 0)
        st = ind_error_set(err, IND_E_VALUE, NULL, 0, 0,
                           "derivation '%s': no entity has every series it names without "
                           "[ENTITY]", d->text);
    for (size_t i = 0; i < n && st == IND_OK; i++)
        st = apply_entity(d, ds, nds, entities[i], out, info, err);
    for (size_t i = 0; i < n; i++)
        free(entities[i]);
    free(entities);
    return st;
}
