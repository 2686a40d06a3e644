/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table_read.c - a table of named columns from CSV or a workbook (see
 * table_read.h): the header mapped to the table's columns, each data row
 * handed over by column, every error at its cell.
 */
#include "table_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "workbook/wb.h"

typedef struct tbl_state {
    const tbl_spec *spec;
    const char *path;
    ind_error *err;
    ind_status status; /* the reader's own first error */
    bool workbook;
    char sheet[128];
    bool header;                /* the header was read */
    size_t col[TBL_COLS_MAX];   /* each column's 1-based field; 0: absent */
    size_t nfields;             /* the header's fields (CSV rows must have as many) */
    size_t header_line, rows;
} tbl_state;

/* Records the reader's error at line and column (0: the whole line); on_row stops at it. */
#define fail_at(T, code, line, col, ...)                                                          \
    ((T)->status = ind_error_set((T)->err, code, (T)->path, (long)(line), (long)(col), __VA_ARGS__))

ind_status tbl_fail(tbl_row *r, size_t c, ind_status code, const char *fmt, ...)
{
    if (r->status != IND_OK)
        return r->status;
    bool present = c < TBL_COLS_MAX && r->col[c];
    va_list ap;
    va_start(ap, fmt);
    r->status = ind_error_vset(r->err, code, r->path, (long)(present ? r->line[c] : r->first_line),
                               present ? (long)r->col[c] : 0, fmt, ap);
    va_end(ap);
    return r->status;
}

/* ------------------------------------------------------------- the header */

/* Whether the header text s[0..len) (spaces around it ignored) is name, ASCII case ignored. */
static bool same_name(const char *s, size_t len, const char *name, size_t nlen)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len == nlen && strncasecmp(s, name, len) == 0;
}

/* The column s names (by its name or an alias), or -1. */
static int column_named(const tbl_spec *spec, const char *s, size_t len)
{
    for (size_t c = 0; c < spec->ncols; c++) {
        const tbl_column *k = &spec->cols[c];
        if (same_name(s, len, k->name, strlen(k->name)))
            return (int)c;
        for (const char *a = k->aliases; a && *a;) {
            const char *bar = strchr(a, '|');
            size_t alen = bar ? (size_t)(bar - a) : strlen(a);
            if (same_name(s, len, a, alen))
                return (int)c;
            a += alen + (bar != NULL);
        }
    }
    return -1;
}

/* "series, entity, op" (all columns) or "series, op and goal" (the required ones). */
static void column_list(const tbl_spec *spec, bool required, char *buf, size_t n)
{
    size_t count = 0, total = 0, used = 0;
    for (size_t c = 0; c < spec->ncols; c++)
        total += !required || spec->cols[c].required;
    buf[0] = '\0';
    for (size_t c = 0; c < spec->ncols && used < n; c++) {
        if (required && !spec->cols[c].required)
            continue;
        const char *sep = count == 0 ? "" : required && count + 1 == total ? " and " : ", ";
        used += (size_t)snprintf(buf + used, n - used, "%s%s", sep, spec->cols[c].name);
        count++;
    }
}

static ind_status read_header(tbl_state *T, const csvr_row *row)
{
    const tbl_spec *spec = T->spec;
    char list[IND_ERROR_MSG_MAX / 2];
    memset(T->col, 0, sizeof T->col);
    for (size_t i = 0; i < row->n; i++) {
        const char *name = row->text + row->f[i].off;
        if (T->workbook && row->f[i].len == 0)
            continue; /* a column left out (checked empty in every row) */
        int c = column_named(spec, name, row->f[i].len);
        if (c < 0) {
            column_list(spec, false, list, sizeof list);
            return fail_at(T, IND_E_FORMAT, row->f[i].line, i + 1,
                           "unknown column '%.200s'; the columns are %s", name, list);
        }
        if (T->col[c])
            return fail_at(T, IND_E_FORMAT, row->f[i].line, i + 1,
                           "column '%.200s' appears twice", name);
        T->col[c] = i + 1;
    }
    for (size_t c = 0; c < spec->ncols; c++)
        if (spec->cols[c].required && !T->col[c]) {
            column_list(spec, true, list, sizeof list);
            return fail_at(T, IND_E_FORMAT, row->line, 0,
                           "the header has no '%s' column (needs %s)", spec->cols[c].name, list);
        }
    T->header = true;
    T->nfields = row->n;
    T->header_line = row->line;
    return IND_OK;
}

/* -------------------------------------------------------------- the rows */

static bool blank(const csvr_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        if (row->f[i].len)
            return false;
    return true;
}

/* A workbook's value in a column the header left out. */
static ind_status outside_header(tbl_state *T, const csvr_row *row)
{
    for (size_t i = 0; i < row->n; i++) {
        if (!row->f[i].len)
            continue;
        bool mapped = false;
        for (size_t c = 0; c < T->spec->ncols && !mapped; c++)
            mapped = T->col[c] == i + 1;
        if (!mapped)
            return fail_at(T, IND_E_FORMAT, row->f[i].line, i + 1,
                           "'%.200s' is in a column without a header", row->text + row->f[i].off);
    }
    return IND_OK;
}

static ind_status read_row(tbl_state *T, const csvr_row *row)
{
    if (!T->workbook && row->n != T->nfields)
        return fail_at(T, IND_E_FORMAT, row->line,
                       row->n < T->nfields ? row->n + 1 : T->nfields + 1,
                       "this row has %zu fields, the header %zu", row->n, T->nfields);
    if (T->workbook && outside_header(T, row) != IND_OK)
        return T->status;
    tbl_row r;
    memset(&r, 0, sizeof r);
    r.path = T->path;
    r.err = T->err;
    r.first_line = row->n ? row->f[0].line : row->line;
    r.sheet = T->workbook ? T->sheet : NULL;
    for (size_t c = 0; c < T->spec->ncols; c++) {
        size_t i = T->col[c];
        bool have = i && i <= row->n;
        r.cell[c] = have ? row->text + row->f[i - 1].off : "";
        r.len[c] = have ? row->f[i - 1].len : 0;
        r.col[c] = i;
        r.line[c] = have ? row->f[i - 1].line : row->line;
    }
    T->rows++;
    ind_status st = T->spec->row(T->spec->ctx, &r);
    return st != IND_OK ? st : r.status;
}

/* ------------------------------------------------------------ csvr sink */

static ind_status on_start(void *ctx, const csvr_info *info)
{
    tbl_state *T = ctx;
    T->header = false;
    T->rows = 0;
    T->workbook = info->sheet != NULL;
    snprintf(T->sheet, sizeof T->sheet, "%s", info->sheet ? info->sheet : "");
    if (T->spec->start)
        T->spec->start(T->spec->ctx);
    return IND_OK;
}

static ind_status on_row(void *ctx, csvr_row *row)
{
    tbl_state *T = ctx;
    if (T->status != IND_OK || blank(row))
        return T->status;
    return T->header ? read_row(T, row) : read_header(T, row);
}

/* After the last row: a file without a header or without data rows. */
static ind_status finish(tbl_state *T, ind_status st)
{
    if (st == IND_OK && !T->header) {
        char list[IND_ERROR_MSG_MAX / 2];
        column_list(T->spec, false, list, sizeof list);
        for (char *p = list; (p = strstr(p, ", ")) != NULL;)
            memmove(p + 1, p + 2, strlen(p + 2) + 1); /* "series,entity,..." as a CSV header */
        st = fail_at(T, IND_E_FORMAT, 0, 0, "empty file: expected the header %s", list);
    } else if (st == IND_OK && T->rows == 0) {
        st = fail_at(T, IND_E_FORMAT, T->header_line, 0, "no %s after the header",
                     T->spec->rows_name);
    }
    if (st != IND_OK && T->workbook && T->status == st)
        wb_locate_error(T->err, T->path, T->sheet); /* the reader's own: csvread's are placed */
    return st;
}

static void init(tbl_state *T, const char *path, const tbl_spec *spec, ind_error *err)
{
    memset(T, 0, sizeof *T);
    T->spec = spec;
    T->path = path;
    T->err = err;
}

ind_status tbl_read_file(const char *path, const char *sheet, const tbl_spec *spec,
                         ind_error *err)
{
    tbl_state T;
    init(&T, path, spec, err);
    csvr_sink sink = {on_start, on_row, &T};
    wb_options wo = {sheet, false, 0};
    ind_status st = ind_is_workbook(path) ? wb_read_file(path, &wo, &sink, err)
                                          : csvr_read_file(path, NULL, &sink, err);
    return finish(&T, st);
}

void tbl_place(const tbl_row *r, size_t c, char *buf, size_t n)
{
    if (r->sheet)
        wb_cell_place(r->path, r->sheet, r->line[c], r->col[c], buf, n);
    else
        snprintf(buf, n, "%s:%zu", r->path, r->first_line);
}

ind_status tbl_read_buffer(const char *data, size_t len, const char *name, const tbl_spec *spec,
                           ind_error *err)
{
    tbl_state T;
    init(&T, name, spec, err);
    csvr_sink sink = {on_start, on_row, &T};
    ind_status st = wb_sniff(data, len) != WB_NONE
                        ? wb_read_buffer(data, len, name, NULL, &sink, err)
                        : csvr_read_buffer(data, len, name, NULL, &sink, err);
    return finish(&T, st);
}
