/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cell.c - cell references ("C7"), the place of a cell in messages, and how
 * a stored number is shown given its number format: percent, or a date of
 * the 1900 or 1904 system shown as the period it stands for (see wb.h).
 */
#include "wb.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COLS_MAX 16384   /* XFD */
#define ROWS_MAX 1048576

/* -------------------------------------------------------------- buffers */

int wb_buf_add(wb_buf *b, const char *s, size_t n, size_t max)
{
    if (n > max || b->len > max - n)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->s, cap);
        if (!grown)
            return -1;
        b->s = grown;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

/* -------------------------------------------------------------- places */

void wb_col_name(size_t col, char *buf)
{
    char tmp[8];
    size_t n = 0;
    for (; col > 0 && n < 7; col = (col - 1) / 26)
        tmp[n++] = (char)('A' + (col - 1) % 26);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

int wb_parse_ref(const char *s, size_t *col, size_t *row)
{
    size_t c = 0, r = 0, i = 0;
    for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++) {
        c = c * 26 + (size_t)((s[i] | 0x20) - 'a' + 1);
        if (c > COLS_MAX)
            return -1;
    }
    if (i == 0)
        return -1;
    size_t digits = i;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        r = r * 10 + (size_t)(s[i] - '0');
        if (r > ROWS_MAX)
            return -1;
    }
    if (i == digits || r == 0 || s[i] != '\0')
        return -1;
    *col = c;
    *row = r;
    return 0;
}

/* Excel quotes a sheet name in a reference unless it is letters, digits, '_' and '.'
   (and does not start with a digit); non-ASCII letters need no quotes. */
static int needs_quotes(const char *s)
{
    if (*s >= '0' && *s <= '9')
        return 1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x80 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '.'))
            return 1;
    }
    return 0;
}

static void sheet_name(const char *sheet, char *buf, size_t n)
{
    if (!needs_quotes(sheet)) {
        snprintf(buf, n, "%s", sheet);
        return;
    }
    size_t k = 0;
    if (k + 1 < n)
        buf[k++] = '\'';
    for (; *sheet && k + 3 < n; sheet++) {
        if (*sheet == '\'')
            buf[k++] = '\''; /* doubled, as in a formula */
        buf[k++] = *sheet;
    }
    buf[k++] = '\'';
    buf[k] = '\0';
}

void wb_cell_place(const char *path, const char *sheet, size_t row, size_t col, char *buf,
                   size_t n)
{
    char name[300], col_name[8];
    sheet_name(sheet, name, sizeof name);
    if (row == 0)
        snprintf(buf, n, "%s:%s", path, name);
    else if (col == 0)
        snprintf(buf, n, "%s:%s!%zu:%zu", path, name, row, row);
    else {
        wb_col_name(col, col_name);
        snprintf(buf, n, "%s:%s!%s%zu", path, name, col_name, row);
    }
}

void wb_locate_error(ind_error *err, const char *path, const char *sheet)
{
    if (!err || strcmp(err->path, path) != 0)
        return; /* not about a cell of this sheet */
    char place[IND_ERROR_PATH_MAX];
    wb_cell_place(path, sheet, err->line > 0 ? (size_t)err->line : 0,
                  err->col > 0 ? (size_t)err->col : 0, place, sizeof place);
    snprintf(err->path, sizeof err->path, "%s", place);
    err->line = 0;
    err->col = 0;
}

/* -------------------------------------------------------- number formats */

wb_numfmt wb_builtin_format(unsigned id)
{
    switch (id) {
    case 9:
    case 10:
        return WB_FMT_PERCENT;
    case 17: /* mmm-yy */
    case 27: /* yyyy"年"m"月" (zh-CN), and the East Asian variants */
    case 36:
    case 50:
    case 52:
    case 57:
        return WB_FMT_MONTH;
    case 14: /* m/d/yyyy */
    case 15:
    case 16:
    case 22: /* m/d/yyyy h:mm */
    case 28: /* m"月"d"日" */
    case 29:
    case 30:
    case 31: /* yyyy"年"m"月"d"日" */
    case 51:
    case 53:
    case 54:
    case 58:
        return WB_FMT_DATE;
    default:
        return WB_FMT_GENERAL; /* numbers, and times (18-21, 32-35, 45-47, 55, 56) */
    }
}

wb_numfmt wb_format_code(const char *code)
{
    int year = 0, month = 0, day = 0, percent = 0, time = 0;
    for (const char *s = code; *s; s++) {
        switch (*s) {
        case '"': /* literal text */
            while (s[1] && s[1] != '"')
                s++;
            if (s[1])
                s++;
            break;
        case '\\': /* one literal character */
        case '_':  /* a space the width of the next character */
        case '*':  /* the next character repeated */
            if (s[1])
                s++;
            break;
        case '[': /* [Red], [$-804], [h] */
            if ((s[1] | 0x20) == 'h' || (s[1] | 0x20) == 'm' || (s[1] | 0x20) == 's')
                time = 1;
            while (s[1] && s[1] != ']')
                s++;
            break;
        case ';':
            goto done; /* the first section decides */
        case '%':
            percent = 1;
            break;
        case 'G':
        case 'g':
            if (strncasecmp(s, "general", 7) == 0)
                s += 6; /* the word General, not letters of a date */
            break;
        case 'y':
        case 'Y':
            year = 1;
            break;
        case 'd':
        case 'D':
            day = 1;
            break;
        case 'm':
        case 'M':
            month = 1;
            break;
        case 'h':
        case 'H':
        case 's':
        case 'S':
            time = 1;
            break;
        default:
            break;
        }
    }
done:
    if (year || day)
        return year && !day ? (month ? WB_FMT_MONTH : WB_FMT_YEAR) : WB_FMT_DATE;
    if (month && !time)
        return WB_FMT_MONTH; /* "mmm": a month name */
    if (percent)
        return WB_FMT_PERCENT;
    return WB_FMT_GENERAL; /* numbers; times ("h:mm", where m is minutes) */
}

/* ----------------------------------------------------------------- dates */

/* The civil date of days since 1970-01-01 (H. Hinnant's algorithm). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static void show_date(long y, int m, int d, wb_numfmt fmt, char *buf, size_t n)
{
    if (fmt == WB_FMT_YEAR)
        snprintf(buf, n, "%ld", y);
    else if (fmt == WB_FMT_MONTH)
        snprintf(buf, n, "%ld-%02d", y, m);
    else
        snprintf(buf, n, "%ld-%02d-%02d", y, m, d);
}

/*
 * An Excel serial as a date. 1900 system: day 1 is 1900-01-01 and day 60 the
 * 1900-02-29 that never was (Lotus's leap-year bug, kept by Excel), so days
 * from 61 count from 1899-12-30; 1904 system: day 0 is 1904-01-01.
 */
static int serial_date(double v, bool date1904, wb_numfmt fmt, char *buf, size_t n)
{
    if (!(v >= 0 && v < 2958466)) /* up to 9999-12-31 */
        return -1;
    long days = (long)floor(v);
    long y;
    int m, d;
    if (date1904)
        days += 1462; /* 1904-01-01 is day 1462 of the 1900 system */
    if (!date1904 && days == 60) {
        y = 1900, m = 2, d = 29;
    } else {
        if (!date1904 && days < 60)
            days++; /* before the phantom day */
        civil_from_days(days - 25569, &y, &m, &d); /* 25569: 1970-01-01 */
    }
    show_date(y, m, d, fmt, buf, n);
    return 0;
}

int wb_number_text(const char *s, wb_numfmt fmt, bool date1904, char *buf, size_t n)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    switch (fmt) {
    case WB_FMT_PERCENT:
        /* 15 significant digits: 0.0114 shows as 1.14, not 1.1400000000000001 */
        snprintf(buf, n, "%.15g%%", v * 100);
        return 0;
    case WB_FMT_YEAR:
    case WB_FMT_MONTH:
    case WB_FMT_DATE:
        if (serial_date(v, date1904, fmt, buf, n) == 0)
            return 0;
        break;
    case WB_FMT_GENERAL:
        break;
    }
    snprintf(buf, n, "%s", s);
    return 0;
}

int wb_iso_date_text(const char *s, wb_numfmt fmt, char *buf, size_t n)
{
    long y;
    int m, d;
    if (sscanf(s, "%5ld-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    show_date(y, m, d, fmt == WB_FMT_YEAR || fmt == WB_FMT_MONTH ? fmt : WB_FMT_DATE, buf, n);
    return 0;
}
