/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xls.c - legacy .xls workbooks (BIFF5/8, still common in government
 * downloads) through libfreexl, which reads the whole file (at most 65,536
 * rows of 256 columns) and gives each cell a type: numbers are written as
 * the shortest text that reads back to the same double, dates (which
 * freexl tells by their format) as ISO dates, text as UTF-8. freexl knows no
 * merged ranges or percent formats: such cells hold their stored value.
 */
#include "wb.h"

#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "indicators/output.h"

#define XLS_FILE_MAX ((off_t)256 << 20)

static ind_status xls_failed(const char *path, int code, ind_error *err)
{
    if (code == FREEXL_INSUFFICIENT_MEMORY)
        return ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    return ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                         "not a readable .xls workbook (freexl error %d)%s", code,
                         code == FREEXL_CRAFTED_FILE ? ": damaged or crafted" : "");
}

static ind_status xls_open(const char *path, const void **h, ind_error *err)
{
    struct stat sb;
    *h = NULL;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return ind_error_set(err, IND_E_IO, path, 0, 0, "not a regular file");
    if (sb.st_size > XLS_FILE_MAX)
        return ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                             "an .xls file over 256 MiB (the format holds at most 65,536 rows)");
    int rc = freexl_open(path, h);
    if (rc != FREEXL_OK) {
        if (*h)
            freexl_close(*h);
        *h = NULL;
        return xls_failed(path, rc, err);
    }
    unsigned int pw = 0;
    if (freexl_get_info(*h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK && pw == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(*h);
        *h = NULL;
        return ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                             "the workbook is encrypted (password-protected): open it in Excel "
                             "or LibreOffice and save it without a password");
    }
    return IND_OK;
}

/* The text of one cell into buf; NULL when empty. */
static const char *xls_cell(const FreeXL_CellValue *v, char *buf, size_t n)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        snprintf(buf, n, "%d", v->value.int_value);
        return buf;
    case FREEXL_CELL_DOUBLE:
        ind_format_double(v->value.double_value, buf, n);
        return buf;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        snprintf(buf, n, "%.10s", v->value.text_value); /* the date of a date-time */
        return buf;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
        return v->value.text_value && v->value.text_value[0] ? v->value.text_value : NULL;
    default:
        return NULL;
    }
}

typedef struct xls_rows {
    wb_buf text;
    csvr_field *f;
    unsigned short cols;
} xls_rows;

/* Row r (0-based) of the active sheet into R; returns its field count (0: no cell). */
static int xls_row(const void *h, unsigned r, xls_rows *R, size_t *n)
{
    *n = 0;
    R->text.len = 1; /* text.s[0] is the empty text */
    for (unsigned short c = 0; c < R->cols; c++) {
        FreeXL_CellValue v;
        char num[64];
        const char *s = freexl_get_cell_value(h, r, c, &v) == FREEXL_OK
                            ? xls_cell(&v, num, sizeof num) : NULL;
        R->f[c] = (csvr_field){0, 0, (size_t)r + 1};
        if (!s)
            continue;
        size_t len = strlen(s), off = R->text.len;
        if (wb_buf_add(&R->text, s, len + 1, (size_t)16 << 20) != 0)
            return -1;
        R->f[c] = (csvr_field){off, len, (size_t)r + 1};
        *n = (size_t)c + 1;
    }
    return 0;
}

/* Reads the active sheet into sink; *had_data tells whether it held a cell. */
static ind_status xls_sheet(const void *h, const char *path, const char *name,
                            const csvr_sink *sink, bool *had_data, ind_error *err)
{
    unsigned int rows = 0;
    xls_rows R;
    memset(&R, 0, sizeof R);
    *had_data = false;
    if (freexl_worksheet_dimensions(h, &rows, &R.cols) != FREEXL_OK || R.cols == 0)
        return IND_OK;
    R.f = malloc(R.cols * sizeof *R.f);
    ind_status st = R.f && wb_buf_add(&R.text, "", 1, 1) == 0
                        ? IND_OK
                        : ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    size_t blank = 0;
    for (unsigned r = 0; st == IND_OK && r < rows; r++) {
        size_t n;
        if (xls_row(h, r, &R, &n) != 0) {
            st = ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
            break;
        }
        if (n == 0) {
            blank++; /* handed over before the next row with cells */
            continue;
        }
        if (!*had_data && sink->start) {
            csvr_info info;
            memset(&info, 0, sizeof info);
            info.sheet = name;
            st = sink->start(sink->ctx, &info);
        }
        *had_data = true;
        for (; st == IND_OK && blank > 0; blank--) {
            csvr_row empty = {R.text.s, R.f, 0, (size_t)r + 1 - blank};
            st = sink->row(sink->ctx, &empty);
        }
        csvr_row row = {R.text.s, R.f, n, (size_t)r + 1};
        if (st == IND_OK)
            st = sink->row(sink->ctx, &row);
        if (st != IND_OK)
            wb_locate_error(err, path, name);
    }
    free(R.f);
    free(R.text.s);
    return st;
}

static ind_status xls_pick(const void *h, const char *path, const char *want, unsigned count,
                           unsigned *out, ind_error *err)
{
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &name) == FREEXL_OK && name &&
            strcmp(name, want) == 0) {
            *out = i;
            return IND_OK;
        }
    }
    char *end;
    unsigned long k = strtoul(want, &end, 10);
    if (end != want && !*end && k >= 1 && k <= count) {
        *out = (unsigned)k - 1;
        return IND_OK;
    }
    return ind_error_set(err, IND_E_NOTFOUND, path, 0, 0,
                         "sheet '%s' is not in the workbook (by name or number 1-%u)", want,
                         count);
}

ind_status wb_read_xls(const char *path, const wb_options *opt, const csvr_sink *sink,
                       ind_error *err)
{
    const void *h;
    ind_status st = xls_open(path, &h, err);
    if (st != IND_OK)
        return st;
    unsigned int count = 0;
    freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count);
    unsigned first = 0, last = count;
    if (opt && opt->sheet && (st = xls_pick(h, path, opt->sheet, count, &first, err)) == IND_OK)
        last = first + 1;
    bool had = false;
    for (unsigned i = first; st == IND_OK && !had && i < last; i++) {
        const char *name = NULL;
        if (freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
            freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK)
            continue;
        st = xls_sheet(h, path, name ? name : "", sink, &had, err);
    }
    if (st == IND_OK && !had)
        st = ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                           opt && opt->sheet ? "the sheet holds no data"
                                             : "no sheet of the workbook holds data");
    freexl_close(h);
    return st;
}

ind_status wb_list_xls(const char *path, ind_sheet_info **out, size_t *n, ind_error *err)
{
    const void *h;
    ind_status st = xls_open(path, &h, err);
    if (st != IND_OK)
        return st;
    unsigned int count = 0;
    freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count);
    ind_sheet_info *list = calloc(count ? count : 1, sizeof *list);
    if (!list) {
        freexl_close(h);
        return ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    }
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        unsigned int rows = 0;
        unsigned short cols = 0;
        freexl_get_worksheet_name(h, (unsigned short)i, &name);
        snprintf(list[i].name, sizeof list[i].name, "%s", name ? name : "");
        if (freexl_select_active_worksheet(h, (unsigned short)i) == FREEXL_OK &&
            freexl_worksheet_dimensions(h, &rows, &cols) == FREEXL_OK && rows && cols) {
            char last[8];
            wb_col_name(cols, last);
            snprintf(list[i].range, sizeof list[i].range, "A1:%s%u", last, rows);
        }
    }
    freexl_close(h);
    *out = list;
    *n = count;
    return IND_OK;
}
