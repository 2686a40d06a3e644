/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.c - result tables as aligned text, CSV, JSON, Markdown or a
 * workbook (see include/indicators/output.h; the workbook's cells are
 * written by xlsx.c).
 *
 * Every cell is turned into text when it is added, in both a display form
 * (rounded, for table and md) and an exact form (CSV and JSON). CSV and JSON
 * rows are written when they end; table and md rows are kept, because a
 * column's width depends on every row.
 */
#include "indicators/output.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xlsx.h"

typedef enum cell_kind { CELL_TEXT, CELL_NUMBER, CELL_NOTE, CELL_EMPTY } cell_kind;

typedef struct cell {
    cell_kind kind;
    ind_mark mark;
    const char *text; /* display text (table, md) or exact text (csv, json), in the arena */
    double value;     /* CELL_NUMBER: the value itself (xlsx) */
} cell;

/*
 * Cell texts live in blocks that are never moved, so cells can point into
 * them: one allocation per 64 KiB instead of one per cell. The newest block,
 * the one being filled, is the head of the list. Streaming formats rewind
 * after each row; table and md keep everything.
 */
typedef struct text_block {
    struct text_block *next;
    size_t used, cap;
    char text[];
} text_block;

typedef struct text_arena {
    text_block *head;
} text_arena;

/*
 * One row per output format. A format with a row writer streams (constant
 * memory); one without keeps the rows and writes them all at the end, where
 * it knows the widths. Numbers are rounded for display in kept formats.
 */
typedef struct format_desc {
    const char *name;
    ind_format fmt;
    void (*row)(ind_table *t, const cell *row); /* NULL: rows are kept until end */
    void (*end)(ind_table *t);                  /* after the last row */
} format_desc;

struct ind_table {
    text_arena arena;
    ind_table_options opt;
    ind_column *cols;
    size_t ncols;
    const format_desc *desc;
    FILE *out;
    cell *row;        /* the row being filled */
    size_t filled;
    cell *kept;       /* table/md: every finished row, ncols cells each */
    size_t nkept, capkept;
    size_t nwritten;  /* csv/json rows written */
    bool failed;      /* an allocation or write failed */
    bool batch;       /* keeps its rows for ind_table_append instead of writing */
    xlsx_book *book;  /* xlsx: made at the first row written */
    ind_status book_status; /* xlsx: the first failure */
    int book_errno;         /* and its errno, given back by ind_table_finish */
};

/* A copy of s[0..len) with its NUL in the arena, or NULL when out of memory. */
static char *arena_copy(text_arena *a, const char *s, size_t len)
{
    text_block *b = a->head;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > 65536 ? len + 1 : 65536;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a->head, b->used = 0, b->cap = cap;
        a->head = b;
    }
    char *copy = b->text + b->used;
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->used += len + 1;
    return copy;
}

static void free_blocks(text_block *b)
{
    for (text_block *next; b; b = next) {
        next = b->next;
        free(b);
    }
}

/* Forgets every text, keeping the newest block for reuse. */
static void arena_rewind(text_arena *a)
{
    if (!a->head)
        return;
    free_blocks(a->head->next);
    a->head->next = NULL;
    a->head->used = 0;
}

static void arena_free(text_arena *a)
{
    free_blocks(a->head);
    a->head = NULL;
}

/* Moves the blocks of from into a (behind a's head, which stays the one being filled). */
static void arena_adopt(text_arena *a, text_arena *from)
{
    text_block *last = from->head;
    if (!last)
        return;
    while (last->next)
        last = last->next;
    if (a->head) {
        last->next = a->head->next;
        a->head->next = from->head;
    } else {
        a->head = from->head;
    }
    from->head = NULL;
}

static const format_desc *format_of(ind_format fmt);

void ind_table_options_init(ind_table_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

ind_table *ind_table_new(const ind_column *cols, size_t ncols, ind_format fmt, FILE *out)
{
    return ind_table_new_with(cols, ncols, fmt, NULL, out);
}

ind_table *ind_table_new_with(const ind_column *cols, size_t ncols, ind_format fmt,
                              const ind_table_options *opt, FILE *out)
{
    ind_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (opt)
        t->opt = *opt;
    else
        ind_table_options_init(&t->opt);
    t->cols = calloc(ncols, sizeof *t->cols);
    t->row = calloc(ncols, sizeof *t->row);
    if (!t->cols || !t->row) {
        ind_table_free(t);
        return NULL;
    }
    memcpy(t->cols, cols, ncols * sizeof *cols);
    t->ncols = ncols;
    t->desc = format_of(fmt);
    t->out = out;
    return t;
}

/* Powers of ten, exact in long double up to 10^27 (5^27 < 2^64). */
static long double pow10l_exact(int k)
{
    static const long double table[] = {
        1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,  1e7L,  1e8L,  1e9L,
        1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L,
        1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
    };
    return table[k];
}

/* Decimal exponent of a: the e with 10^e <= a < 10^(e+1), for 1e-4 <= a < 1e15. */
static int decimal_exponent(double a)
{
    static const double powers[] = {1e-3, 1e-2, 1e-1, 1e0,  1e1,  1e2,  1e3,  1e4, 1e5, 1e6,
                                    1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14};
    int e = -4;
    while (e < 14 && a >= powers[e + 4]) /* off by one at a power's rounding is harmless */
        e++;
    return e;
}

/*
 * Writes the decimal `digits` scaled by 10^-k with the point in place; trim
 * drops trailing zeros of the fraction, and a bare point.
 */
static void place_point(uint64_t digits, int k, bool negative, bool trim, char *buf)
{
    char d[24];
    int len = 0;
    do {
        d[len++] = (char)('0' + digits % 10);
        digits /= 10;
    } while (digits);
    char *out = buf;
    if (negative)
        *out++ = '-';
    if (k >= len) { /* 0.000ddd */
        *out++ = '0';
        *out++ = '.';
        for (int i = 0; i < k - len; i++)
            *out++ = '0';
        for (int i = len - 1; i >= 0; i--)
            *out++ = d[i];
    } else {
        for (int i = len - 1; i >= 0; i--) {
            *out++ = d[i];
            if (i == k && k > 0)
                *out++ = '.';
        }
    }
    *out = '\0';
    if (trim && k > 0) {
        while (out[-1] == '0')
            *--out = '\0';
        if (out[-1] == '.')
            *--out = '\0';
    }
}

typedef enum reads_back { NO, YES, UNSURE } reads_back;

/*
 * Whether the decimal N / 10^k, N the integer nearest to t = a 10^k, reads
 * back as a (a normal, > 0). It does when N lies within half an ulp of a
 * (scaled by 10^k) of the exact t. t is known in long double only, to
 * |t| 2^-63 at worst (10^k is exact up to 10^27), so a difference too close
 * to the half ulp to tell is UNSURE and left to strtod. Below a power of
 * two the ulp under a is half the one above.
 */
static reads_back check_digits(double a, long double t, uint64_t digits, int k)
{
    uint64_t bits, half_bits;
    double half_ulp_of_a;
    memcpy(&bits, &a, sizeof bits);
    uint64_t biased = bits >> 52; /* a = 1.f 2^(biased - 1023), ulp 2^(biased - 1075) */
    half_bits = (biased - 53) << 52; /* 2^(biased - 1076), a normal double for a >= 1e-4 */
    memcpy(&half_ulp_of_a, &half_bits, sizeof half_ulp_of_a);
    long double diff = (long double)digits - t;
    long double half_ulp = pow10l_exact(k) * half_ulp_of_a;
    if (diff < 0 && (bits & ((1ull << 52) - 1)) == 0) /* a is a power of two */
        half_ulp /= 2;
    long double slack = t * 0x1p-62L;
    if (fabsl(diff) + slack < half_ulp)
        return YES;
    if (fabsl(diff) - slack > half_ulp)
        return NO;
    return UNSURE;
}

/*
 * Shortest round-trip text without printf for the common magnitudes: the
 * nearest decimal of 15, then 16, then 17 significant digits that reads back
 * exactly as v (17 always does). Trailing zeros are dropped, so values read
 * from files come out as written. Returns false when the caller must use
 * printf.
 */
static bool format_fast(double v, char *buf)
{
    double a = fabs(v);
    if (!(a >= 1e-4 && a < 1e15)) /* where %g would not use an exponent */
        return false;
    int e = decimal_exponent(a);
    for (int p = 15; p <= 17; p++) {
        int k = p - 1 - e; /* decimals that give p significant digits */
        if (k < 0 || k > 27)
            return false;
        long double t = (long double)a * pow10l_exact(k);
        uint64_t digits = (uint64_t)(t + 0.5L); /* t > 0: rounds to nearest */
        reads_back r = check_digits(a, t, digits, k);
        if (r == NO)
            continue;
        place_point(digits, k, v < 0, true, buf);
        if (r == YES || strtod(buf + (v < 0), NULL) == a)
            return true;
    }
    return false;
}

void ind_format_double(double v, char *buf, size_t n)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", "");
        return;
    }
    if (v == 0) {
        snprintf(buf, n, "0");
        return;
    }
    char fast[48];
    if (format_fast(v, fast) && strlen(fast) < n) {
        memcpy(buf, fast, strlen(fast) + 1);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* Drops trailing zeros after a decimal point, and the point itself when bare. */
static void trim_zeros(char *buf)
{
    if (!strchr(buf, '.') || strchr(buf, 'e'))
        return;
    char *end = buf + strlen(buf);
    while (end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.')
        *--end = '\0';
}

/* "-0", "-0.00": a sign the value rounds away. */
static void drop_negative_zero(char *buf)
{
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
}

/*
 * The integer nearest to a 10^k (1e-4 <= a < 2^53, so a = m 2^-shift with
 * 0 < shift <= 66), exactly: m 10^k is a 128-bit integer (k <= 19), and a
 * tie goes to the even neighbour, as printf rounds. False when it does not
 * fit, or without a 128-bit type (printf then).
 */
static bool nearest_integer(double a, int k, uint64_t *n)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;
    static const uint64_t pow10[] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull,
                                     1000000ull, 10000000ull, 100000000ull, 1000000000ull,
                                     10000000000ull, 100000000000ull, 1000000000000ull,
                                     10000000000000ull, 100000000000000ull,
                                     1000000000000000ull, 10000000000000000ull,
                                     100000000000000000ull, 1000000000000000000ull,
                                     10000000000000000000ull};
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int shift = 1075 - (int)(bits >> 52); /* a > 0: no sign bit */
    if (k < 0 || k > 19 || shift <= 0 || shift > 100)
        return false;
    u128 p = (u128)((bits & ((1ull << 52) - 1)) | (1ull << 52)) * pow10[k];
    u128 q = p >> shift, rest = p - (q << shift), half = (u128)1 << (shift - 1);
    if (rest > half || (rest == half && (q & 1)))
        q++;
    if (q >> 64)
        return false;
    *n = (uint64_t)q;
    return true;
#else
    (void)a, (void)k, (void)n;
    return false;
#endif
}

/*
 * ind_format_significant without printf for 1e-4 <= |v| < 1e15, the
 * magnitudes of nearly every figure: the decimal exponent e of v rounded to
 * `digits` digits, then v rounded to digits - 1 - e decimals (at least 0),
 * as "%.*e" and "%.*f" would give them. False when the caller must use
 * printf (a value within rounding error of a half).
 */
static bool significant_fast(double v, int digits, bool trim, char *buf)
{
    static const uint64_t pow10[] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull,
                                     1000000ull, 10000000ull, 100000000ull, 1000000000ull,
                                     10000000000ull, 100000000000ull, 1000000000000ull,
                                     10000000000000ull, 100000000000000ull,
                                     1000000000000000ull, 10000000000000000ull,
                                     100000000000000000ull};
    double a = fabs(v);
    uint64_t n;
    int e = decimal_exponent(a); /* may be one off near a power of ten: corrected below */
    if (e > digits - 1)
        e = digits - 1; /* more whole digits than `digits`: no decimals, every digit kept */
    for (int tries = 0;; tries++) {
        if (tries == 3 || !nearest_integer(a, digits - 1 - e, &n))
            return false;
        if (n >= pow10[digits] && e < digits - 1)
            e++; /* rounds up to the next decade (9.996 -> 10.0) */
        else if (n < pow10[digits - 1])
            e--;
        else
            break;
    }
    place_point(n, digits - 1 - e, v < 0, trim, buf);
    return true;
}

void ind_format_significant(double v, int digits, bool trim, char *buf, size_t n)
{
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    double a = fabs(v);
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", "");
        return;
    }
    char fast[48];
    if (a >= 1e-4 && a < 1e15 && significant_fast(v, digits, trim, fast) && strlen(fast) < n) {
        memcpy(buf, fast, strlen(fast) + 1);
        return;
    }
    if (a != 0 && (a < 1e-4 || a >= 1e15)) {
        snprintf(buf, n, "%.*g", digits, v);
        return;
    }
    /* the exponent after rounding to `digits` (9.996 -> 1.00e+01), from printf's own rounding */
    char e_text[40];
    snprintf(e_text, sizeof e_text, "%.*e", digits - 1, v);
    const char *e_at = strchr(e_text, 'e');
    int e = e_at ? atoi(e_at + 1) : 0;
    int decimals = digits - 1 - e > 0 ? digits - 1 - e : 0;
    snprintf(buf, n, "%.*f", decimals, v);
    if (trim)
        trim_zeros(buf);
    drop_negative_zero(buf);
}

static void display_number(const ind_table *t, const ind_column *col, double v, char *buf,
                           size_t n)
{
    if (t->opt.digits > 0 && col->digits != 0) /* digits 0: whole numbers (counts, steps) */
        ind_format_significant(v, t->opt.digits, true, buf, n);
    else if (col->digits >= 0)
        snprintf(buf, n, "%.*f", col->digits, v);
    else
        snprintf(buf, n, "%.6g", v);
    drop_negative_zero(buf);
}

static bool buffered(const ind_table *t);

/* Adds a cell: its text copied into the arena (value and mark kept for the workbook). */
static ind_status add_marked(ind_table *t, cell_kind kind, const char *text, double value,
                             ind_mark mark)
{
    if (t->filled >= t->ncols)
        return IND_E_ARG;
    /* text and notes shown on a terminal (table, Markdown): control characters made visible */
    char small[256], *shown = NULL;
    if (buffered(t) && kind != CELL_NUMBER && text_has_control(text)) {
        size_t want = ind_text_escape(text, small, sizeof small);
        if (want >= sizeof small && (shown = malloc(want + 1)) != NULL)
            ind_text_escape(text, shown, want + 1);
        text = shown ? shown : small;
    }
    char *copy = arena_copy(&t->arena, text, strlen(text));
    free(shown);
    if (!copy) {
        t->failed = true;
        return IND_E_NOMEM;
    }
    t->row[t->filled].kind = kind;
    t->row[t->filled].mark = mark;
    t->row[t->filled].text = copy;
    t->row[t->filled].value = value;
    t->filled++;
    return IND_OK;
}

static ind_status add_cell(ind_table *t, cell_kind kind, const char *text)
{
    return add_marked(t, kind, text, 0, IND_MARK_NONE);
}

ind_status ind_table_text(ind_table *t, const char *text)
{
    return add_cell(t, CELL_TEXT, text ? text : "");
}

ind_status ind_table_number(ind_table *t, double value)
{
    if (!isfinite(value))
        return ind_table_note(t, "n/a");
    if (t->filled >= t->ncols)
        return IND_E_ARG;
    char buf[64];
    if (buffered(t))
        display_number(t, &t->cols[t->filled], value, buf, sizeof buf);
    else if (t->opt.exact)
        ind_format_double(value, buf, sizeof buf);
    else
        ind_format_significant(value, 15, true, buf, sizeof buf);
    return add_marked(t, CELL_NUMBER, buf, value, IND_MARK_NONE);
}

ind_status ind_table_marked(ind_table *t, const char *text, ind_mark mark)
{
    return add_marked(t, CELL_TEXT, text ? text : "", 0, mark);
}

ind_status ind_table_note(ind_table *t, const char *why)
{
    return add_cell(t, CELL_NOTE, why ? why : "n/a");
}

ind_status ind_table_empty(ind_table *t)
{
    return add_cell(t, CELL_EMPTY, "");
}

/* ---- CSV ---- */

/*
 * Whether a text cell would be run as a formula by a spreadsheet: it starts
 * with = + - or @ (OWASP's CSV injection list, with the tab and carriage
 * return that also start one) and is not simply a number such as -3.5.
 */
static bool formula_like(const char *s)
{
    if (!s[0] || !strchr("=+-@\t\r", s[0]))
        return false;
    char *end;
    double v = strtod(s, &end);
    return end == s || *end != '\0' || !isfinite(v);
}

/* s[0..len) to out; the caller holds out's lock (flockfile). */
static void put_n(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        putc_unlocked(s[i], out);
}

/*
 * A cell, quoted when it needs to be. A text cell (a name, never a number)
 * that looks like a formula is quoted with a leading ' so that spreadsheets
 * show it instead of running it. One pass finds the end and the bytes that
 * need quotes; the caller holds out's lock, so that each byte is a store in
 * stdio's buffer (fputs and fputc locking and unlocking the stream were 5 %
 * of the long growth job's cycles).
 */
static void csv_field(FILE *out, const char *s, bool text)
{
    bool formula = text && formula_like(s), special = false;
    size_t len = 0;
    for (; s[len]; len++)
        special |= s[len] == ',' || s[len] == '"' || s[len] == '\r' || s[len] == '\n';
    if (!formula && !special && (len == 0 || (s[0] != ' ' && s[len - 1] != ' '))) {
        put_n(out, s, len);
        return;
    }
    put_n(out, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (; *s; s++) {
        if (*s == '"')
            putc_unlocked('"', out);
        putc_unlocked(*s, out);
    }
    putc_unlocked('"', out);
}

static void csv_row_of_names(const ind_table *t)
{
    flockfile(t->out);
    if (t->opt.bom)
        put_n(t->out, "\xEF\xBB\xBF", 3);
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            putc_unlocked(',', t->out);
        csv_field(t->out, t->cols[i].name, false);
    }
    putc_unlocked('\n', t->out);
    funlockfile(t->out);
}

static void csv_row(const ind_table *t, const cell *row)
{
    flockfile(t->out);
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            putc_unlocked(',', t->out);
        if (row[i].kind == CELL_TEXT || row[i].kind == CELL_NUMBER)
            csv_field(t->out, row[i].text, row[i].kind == CELL_TEXT);
    }
    putc_unlocked('\n', t->out);
    funlockfile(t->out);
}

/* ---- JSON ---- */

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void json_row(const ind_table *t, const cell *row)
{
    fputs(t->nwritten ? ",\n  {" : "[\n  {", t->out);
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            fputs(", ", t->out);
        json_string(t->out, t->cols[i].name);
        fputs(": ", t->out);
        if (row[i].kind == CELL_NUMBER)
            fputs(row[i].text, t->out);
        else if (row[i].kind == CELL_TEXT)
            json_string(t->out, row[i].text);
        else
            fputs("null", t->out);
    }
    fputc('}', t->out);
}

/* ---- text for a terminal ---- */

bool ind_text_has_control(const char *text)
{
    return text_has_control(text);
}

size_t ind_text_escape(const char *text, char *out, size_t n)
{
    size_t len = 0;
    char esc[8];
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        size_t ctrl = text_control_at((const char *)p), k = 1;
        const char *put = (const char *)p;
        if (ctrl == 1) {
            if (*p == '\n' || *p == '\t' || *p == '\r')
                snprintf(esc, sizeof esc, "\\%c", *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r');
            else
                snprintf(esc, sizeof esc, "\\x%02x", *p);
            put = esc, k = strlen(esc);
        } else if (ctrl == 2) {
            snprintf(esc, sizeof esc, "\\u%04x", p[1]); /* C2 80..9F is U+0080..U+009F */
            put = esc, k = strlen(esc);
        } else if (*p >= 0x80 && (k = text_utf8_len(p)) == 0) {
            snprintf(esc, sizeof esc, "\\x%02x", *p);
            put = esc, k = strlen(esc);
        }
        for (size_t i = 0; i < k; i++, len++)
            if (len + 1 < n)
                out[len] = put[i];
        p += ctrl ? ctrl : put == esc ? 1 : k;
    }
    if (n)
        out[len < n ? len : n - 1] = '\0';
    return len;
}

/* ---- table and Markdown ---- */

size_t ind_display_width(const char *s)
{
    size_t width = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int len;
        if (*p < 0x80) {
            cp = *p, len = 1;
        } else if ((*p & 0xe0) == 0xc0) {
            cp = *p & 0x1f, len = 2;
        } else if ((*p & 0xf0) == 0xe0) {
            cp = *p & 0x0f, len = 3;
        } else {
            cp = *p & 0x07, len = 4;
        }
        int i = 1;
        for (; i < len && (p[i] & 0xc0) == 0x80; i++)
            cp = (cp << 6) | (p[i] & 0x3f);
        p += i; /* a truncated sequence counts as what it has */
        bool wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
                    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
                    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
        bool zero = (cp >= 0x0300 && cp <= 0x036f) || cp == 0x200b;
        width += zero ? 0 : wide ? 2 : 1;
    }
    return width;
}

static void pad(FILE *out, size_t n)
{
    while (n--)
        fputc(' ', out);
}

static bool right_aligned(const ind_table *t, size_t col)
{
    return t->cols[col].kind == IND_COL_NUMBER;
}

static void aligned_cell(const ind_table *t, size_t col, const char *text, size_t width)
{
    size_t w = ind_display_width(text);
    size_t fill = width > w ? width - w : 0;
    if (right_aligned(t, col))
        pad(t->out, fill);
    fputs(text, t->out);
    if (!right_aligned(t, col) && col + 1 < t->ncols)
        pad(t->out, fill);
}

static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s == '\n' ? ' ' : *s, out);
    }
}

static void write_table(const ind_table *t, const size_t *width)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            fputs("  ", t->out);
        aligned_cell(t, c, t->cols[c].name, width[c]);
    }
    fputc('\n', t->out);
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            fputs("  ", t->out);
        for (size_t k = 0; k < width[c]; k++)
            fputc('-', t->out);
    }
    fputc('\n', t->out);
    for (size_t r = 0; r < t->nkept; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputs("  ", t->out);
            aligned_cell(t, c, t->kept[r * t->ncols + c].text, width[c]);
        }
        fputc('\n', t->out);
    }
}

static void write_md(const ind_table *t)
{
    fputc('|', t->out);
    for (size_t c = 0; c < t->ncols; c++) {
        fputc(' ', t->out);
        md_cell(t->out, t->cols[c].name);
        fputs(" |", t->out);
    }
    fputs("\n|", t->out);
    for (size_t c = 0; c < t->ncols; c++)
        fputs(right_aligned(t, c) ? "---:|" : "---|", t->out);
    fputc('\n', t->out);
    for (size_t r = 0; r < t->nkept; r++) {
        fputc('|', t->out);
        for (size_t c = 0; c < t->ncols; c++) {
            fputc(' ', t->out);
            md_cell(t->out, t->kept[r * t->ncols + c].text);
            fputs(" |", t->out);
        }
        fputc('\n', t->out);
    }
}

/* Whether finished rows are kept rather than written at once. */
static bool keeps_rows(const ind_table *t)
{
    return t->batch || buffered(t);
}

/* Appends one row of ncols cells to the kept rows. */
static ind_status keep_cells(ind_table *t, const cell *row)
{
    if (t->nkept == t->capkept) {
        size_t cap = t->capkept ? t->capkept * 2 : 64;
        cell *grown = realloc(t->kept, cap * t->ncols * sizeof *grown);
        if (!grown)
            return IND_E_NOMEM;
        t->kept = grown;
        t->capkept = cap;
    }
    memcpy(&t->kept[t->nkept * t->ncols], row, t->ncols * sizeof *row);
    t->nkept++;
    return IND_OK;
}

/* Writes one finished row of a streaming format. */
static void write_row(ind_table *t, const cell *row);

/* Drops the row being filled (its texts stay in the arena until a rewind or free). */
static void clear_row(ind_table *t)
{
    t->filled = 0;
}

ind_status ind_table_end_row(ind_table *t)
{
    while (t->filled < t->ncols)
        if (ind_table_empty(t) != IND_OK)
            return IND_E_NOMEM;
    if (keeps_rows(t)) {
        if (keep_cells(t, t->row) != IND_OK) {
            clear_row(t);
            t->failed = true;
            return IND_E_NOMEM;
        }
        t->filled = 0; /* the kept row points into the arena */
        return IND_OK;
    }
    write_row(t, t->row);
    clear_row(t);
    arena_rewind(&t->arena);
    return IND_OK;
}

ind_table *ind_table_new_batch(const ind_table *t)
{
    ind_table *batch = ind_table_new_with(t->cols, t->ncols, t->desc->fmt, &t->opt, NULL);
    if (batch)
        batch->batch = true;
    return batch;
}

ind_status ind_table_append(ind_table *t, ind_table *batch)
{
    ind_status st = batch->failed ? IND_E_NOMEM : IND_OK;
    if (buffered(t)) {
        arena_adopt(&t->arena, &batch->arena); /* the kept cells point into these blocks */
        for (size_t r = 0; r < batch->nkept && st == IND_OK; r++)
            st = keep_cells(t, &batch->kept[r * t->ncols]);
    } else {
        for (size_t r = 0; r < batch->nkept; r++)
            write_row(t, &batch->kept[r * t->ncols]);
    }
    if (st != IND_OK)
        t->failed = true;
    ind_table_free(batch);
    return st;
}

ind_status ind_table_finish(ind_table *t)
{
    if (!t)
        return IND_OK;
    if (t->filled)
        ind_table_end_row(t);
    t->desc->end(t);
    bool failed = t->failed || ferror(t->out);
    ind_status st = t->book_status;
    int why = t->book_errno;
    ind_table_free(t);
    if (st != IND_OK)
        errno = why;
    if (st == IND_E_ARG) /* an xlsx sheet full: the rows past it are not written */
        return st;
    return failed || st != IND_OK ? IND_E_IO : IND_OK;
}

void ind_table_free(ind_table *t)
{
    if (!t)
        return;
    arena_free(&t->arena);
    xlsx_book_free(t->book);
    free(t->kept);
    free(t->row);
    free(t->cols);
    free(t);
}

/* ---- the formats ---- */

static void csv_write_row(ind_table *t, const cell *row)
{
    if (t->nwritten == 0)
        csv_row_of_names(t);
    csv_row(t, row);
}

static void csv_end(ind_table *t)
{
    if (t->nwritten == 0) /* no rows: still the header */
        csv_row_of_names(t);
}

static void json_write_row(ind_table *t, const cell *row)
{
    json_row(t, row);
}

static void json_end(ind_table *t)
{
    fputs(t->nwritten ? "\n]\n" : "[]\n", t->out);
}

/* ---- xlsx: the cells handed to the workbook writer (xlsx.c) ---- */

static void xlsx_write_row(ind_table *t, const cell *row)
{
    if (t->book_status != IND_OK)
        return;
    if (!t->book && !(t->book = xlsx_book_new(t->cols, t->ncols, &t->opt))) {
        t->book_status = IND_E_IO;
        t->book_errno = errno;
        return;
    }
    static const xlsx_cell_kind kinds[] = {
        [CELL_TEXT] = XLSX_TEXT, [CELL_NUMBER] = XLSX_NUMBER, [CELL_NOTE] = XLSX_NOTE,
        [CELL_EMPTY] = XLSX_EMPTY};
    xlsx_cell small[64], *cells = t->ncols <= 64 ? small : malloc(t->ncols * sizeof *cells);
    if (!cells) {
        t->book_status = IND_E_NOMEM;
        return;
    }
    for (size_t i = 0; i < t->ncols; i++)
        cells[i] = (xlsx_cell){kinds[row[i].kind], row[i].text, row[i].value, row[i].mark};
    t->book_status = xlsx_book_row(t->book, cells);
    if (cells != small)
        free(cells);
}

static void xlsx_end(ind_table *t)
{
    if (!t->book && t->book_status == IND_OK &&
        !(t->book = xlsx_book_new(t->cols, t->ncols, &t->opt))) { /* no rows: the header */
        t->book_status = IND_E_IO;
        t->book_errno = errno;
    }
    if (t->book) {
        ind_status st = xlsx_book_finish(t->book, t->out);
        t->book = NULL;
        if (t->book_status == IND_OK) {
            t->book_status = st;
            t->book_errno = errno;
        }
    }
}

/* ---- notes below the table ---- */

/* The distinct reasons of a table, numbered in order of appearance (a hash set of texts). */
typedef struct note_list {
    const char **text; /* [n] */
    size_t n, cap;
    size_t *slot; /* [nslot]: index + 1 into text, 0 free */
    size_t nslot;
} note_list;

static size_t hash_text(const char *s)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static bool grow_slots(note_list *l)
{
    size_t nslot = l->nslot ? l->nslot * 2 : 64;
    size_t *slot = calloc(nslot, sizeof *slot);
    if (!slot)
        return false;
    for (size_t i = 0; i < l->n; i++) {
        size_t k = hash_text(l->text[i]) & (nslot - 1);
        while (slot[k])
            k = (k + 1) & (nslot - 1);
        slot[k] = i + 1;
    }
    free(l->slot);
    l->slot = slot;
    l->nslot = nslot;
    return true;
}

/* The 1-based number of text, added when new; 0 when out of memory. */
static size_t note_number(note_list *l, const char *text)
{
    if (2 * (l->n + 1) > l->nslot && !grow_slots(l))
        return 0;
    size_t k = hash_text(text) & (l->nslot - 1);
    for (; l->slot[k]; k = (k + 1) & (l->nslot - 1))
        if (strcmp(l->text[l->slot[k] - 1], text) == 0)
            return l->slot[k];
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        const char **grown = realloc(l->text, cap * sizeof *grown);
        if (!grown)
            return 0;
        l->text = grown;
        l->cap = cap;
    }
    l->text[l->n++] = text;
    l->slot[k] = l->n;
    return l->n;
}

/*
 * With notes_below, every note cell's reason gets a number and the cell
 * shows "[k]" instead; false when out of memory.
 */
static bool number_notes(ind_table *t, note_list *l)
{
    if (!t->opt.notes_below)
        return true;
    for (size_t i = 0; i < t->nkept * t->ncols; i++) {
        cell *c = &t->kept[i];
        if (c->kind != CELL_NOTE)
            continue;
        size_t k = note_number(l, c->text);
        char mark[32];
        int len = snprintf(mark, sizeof mark, "[%zu]", k);
        const char *copy = k ? arena_copy(&t->arena, mark, (size_t)len) : NULL;
        if (!copy)
            return false;
        c->text = copy;
    }
    return true;
}

/* The numbered reasons under the table: "[1] ..." (md: a numbered list). */
static void write_notes(const ind_table *t, const note_list *l, bool md)
{
    if (l->n == 0)
        return;
    fprintf(t->out, "\n%s\n%s", t->opt.notes_title ? t->opt.notes_title : "Notes:", md ? "\n" : "");
    for (size_t i = 0; i < l->n; i++)
        fprintf(t->out, md ? "%zu. %s\n" : "[%zu] %s\n", i + 1, l->text[i]);
}

static void note_list_free(note_list *l)
{
    free(l->text);
    free(l->slot);
}

static void table_end(ind_table *t)
{
    note_list notes = {0};
    if (!number_notes(t, &notes)) {
        note_list_free(&notes);
        t->failed = true;
        return;
    }
    size_t *width = calloc(t->ncols, sizeof *width);
    if (!width) {
        note_list_free(&notes);
        t->failed = true;
        return;
    }
    for (size_t c = 0; c < t->ncols; c++)
        width[c] = ind_display_width(t->cols[c].name);
    for (size_t r = 0; r < t->nkept; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t w = ind_display_width(t->kept[r * t->ncols + c].text);
            if (w > width[c])
                width[c] = w;
        }
    write_table(t, width);
    write_notes(t, &notes, false);
    note_list_free(&notes);
    free(width);
}

static void md_end(ind_table *t)
{
    note_list notes = {0};
    if (!number_notes(t, &notes))
        t->failed = true;
    else {
        write_md(t);
        write_notes(t, &notes, true);
    }
    note_list_free(&notes);
}

static const format_desc formats[] = {
    {"table", IND_FORMAT_TABLE, NULL, table_end},
    {"csv", IND_FORMAT_CSV, csv_write_row, csv_end},
    {"json", IND_FORMAT_JSON, json_write_row, json_end},
    {"md", IND_FORMAT_MD, NULL, md_end},
    {"xlsx", IND_FORMAT_XLSX, xlsx_write_row, xlsx_end},
};

static const format_desc *format_of(ind_format fmt)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].fmt == fmt)
            return &formats[i];
    return &formats[0];
}

static bool buffered(const ind_table *t)
{
    return t->desc->row == NULL;
}

static void write_row(ind_table *t, const cell *row)
{
    t->desc->row(t, row);
    t->nwritten++;
}

const char *ind_format_name(size_t i)
{
    return i < sizeof formats / sizeof formats[0] ? formats[i].name : NULL;
}

bool ind_format_for_reader(ind_format fmt)
{
    return fmt == IND_FORMAT_TABLE || fmt == IND_FORMAT_MD;
}

int ind_format_parse(const char *name, ind_format *out)
{
    if (strcmp(name, "markdown") == 0)
        name = "md";
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].fmt;
            return 0;
        }
    return -1;
}
