/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xlsx.c - the workbook writer (see xlsx.h): one worksheet per table through
 * libxlsxwriter, which writes to a file path; the workbook is assembled in a
 * temporary file and copied to the table's stream when complete.
 *
 * libxlsxwriter runs in its constant_memory mode: each row goes to a
 * temporary file as the next one starts (strings inline, not shared), so
 * memory holds one row, and a row cannot be written after a later one. The
 * header row comes first, and whether it names an added notes column depends
 * on the rows: the first XLSX_HOLD_ROWS rows are held (copied) until the
 * table ends or outgrows them; a table of more rows always has its notes
 * column. The column widths, frozen pane and filter are set at the end (the
 * sheet's XML is assembled at the close), so widths fit every row.
 */
#include "xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "text.h"

/* Fills of the marks: Excel's own Good, Neutral and Bad cell styles, and a grey. */
static const struct {
    lxw_color_t fill, font;
} mark_colours[] = {
    [IND_MARK_GOOD] = {0xC6EFCE, 0x006100},
    [IND_MARK_WARN] = {0xFFEB9C, 0x9C5700},
    [IND_MARK_BAD] = {0xFFC7CE, 0x9C0006},
    [IND_MARK_DIM] = {0xEDEDED, 0x595959},
};
#define NMARKS (sizeof mark_colours / sizeof mark_colours[0])

/* Rows held before the header is written (see above). */
#define XLSX_HOLD_ROWS 1000

struct xlsx_book {
    char path[4096]; /* the temporary workbook */
    char tmpdir[4096]; /* where libxlsxwriter keeps the rows written */
    lxw_workbook *wb;
    lxw_worksheet *ws;
    ind_column *cols;
    size_t ncols;
    size_t notes_col; /* the column of the row's notes: an IND_COL_NOTES one, or ncols */
    bool own_notes;   /* the caller writes the notes column */
    const char *notes_header;
    const char *pp;         /* the word after a percentage-point number (opt->pp_word) */
    const char *notes_taken; /* the added column's header when notes_header is taken */
    lxw_format **num; /* [ncols] each number column's format (NULL: General) */
    lxw_format *header;
    lxw_format *marked[NMARKS];
    size_t *width;  /* [ncols + 1] display widths seen */
    lxw_row_t rows; /* data rows written */
    size_t max_rows; /* rows of a sheet, the header's included: XLSX_MAX_ROWS */
    bool any_notes; /* some row has a note: the added notes column is shown */
    bool too_many, failed;
    bool header_done; /* row 0 written: rows go straight to the sheet */
    xlsx_cell *held;  /* [nheld * ncols] rows before the header, texts in htext */
    size_t nheld;
    char *htext; /* the held texts, each with its NUL; a cell's text is its offset */
    size_t htlen, htcap;
    char *notes; /* the row's notes being collected */
    size_t nlen, ncap;
};

/* ---- the choices ---- */

static int decimals_of(const ind_column *col, int fallback)
{
    return col->digits >= 0 ? col->digits : fallback;
}

/* The word shown after a percentage-point number. */
static const char *pp_word(const char *pp)
{
    return pp && !strchr(pp, '"') ? pp : "pp";
}

void xlsx_number_format(const ind_column *col, const char *pp, char *buf, size_t n)
{
    char fraction[24] = "";
    int d = 0;
    switch (col->unit) {
    case IND_UNIT_PERCENT:
    case IND_UNIT_PP:
    case IND_UNIT_MULTIPLE:
        d = decimals_of(col, 2);
        break;
    case IND_UNIT_PLAIN:
        if (col->digits < 0) {
            snprintf(buf, n, "%s", ""); /* General: every digit up to Excel's 11 */
            return;
        }
        d = col->digits;
        break;
    default:
        break;
    }
    if (d > 15)
        d = 15;
    if (d > 0) {
        fraction[0] = '.';
        memset(fraction + 1, '0', (size_t)d);
        fraction[d + 1] = '\0';
    }
    switch (col->unit) {
    case IND_UNIT_PERCENT:
        snprintf(buf, n, "0%s%%", fraction);
        break;
    case IND_UNIT_PP:
        snprintf(buf, n, "0%s\" %s\"", fraction, pp_word(pp));
        break;
    case IND_UNIT_MULTIPLE:
        snprintf(buf, n, "0%s\"\xc3\x97\"", fraction); /* × */
        break;
    case IND_UNIT_COUNT:
        snprintf(buf, n, "#,##0");
        break;
    case IND_UNIT_YEAR:
        snprintf(buf, n, "0");
        break;
    default:
        snprintf(buf, n, "0%s", fraction);
    }
}

double xlsx_stored_value(const ind_column *col, double v)
{
    return col->unit == IND_UNIT_PERCENT ? v / 100 : v;
}

/* Width of a whole number with thousands separators. */
static size_t grouped_width(double v)
{
    char digits[64];
    int len = snprintf(digits, sizeof digits, "%.0f", fabs(v));
    if (len <= 0)
        return 1;
    return (size_t)len + (size_t)(len - 1) / 3 + (v <= -0.5);
}

size_t xlsx_number_width(const ind_column *col, const char *pp, double v)
{
    char text[400];
    int len;
    switch (col->unit) {
    case IND_UNIT_COUNT:
        return grouped_width(v);
    case IND_UNIT_YEAR:
        len = snprintf(text, sizeof text, "%.0f", v);
        break;
    case IND_UNIT_PERCENT:
    case IND_UNIT_PP:
    case IND_UNIT_MULTIPLE:
        len = snprintf(text, sizeof text, "%.*f",
                       decimals_of(col, 2) > 15 ? 15 : decimals_of(col, 2), v);
        len += col->unit == IND_UNIT_PP ? 1 + (int)ind_display_width(pp_word(pp)) : 1;
        break;
    default:
        if (col->digits >= 0) {
            len = snprintf(text, sizeof text, "%.*f", col->digits > 15 ? 15 : col->digits, v);
        } else {
            len = snprintf(text, sizeof text, "%.10g", v); /* General shows at most 11 */
            len = len > 11 ? 11 : len;
        }
    }
    return len > 0 ? (size_t)len : 1;
}

void xlsx_sheet_name(const char *name, char *out, size_t n)
{
    size_t len = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)(name ? name : "");
         *p && chars < XLSX_SHEET_NAME_MAX;) {
        size_t k = *p < 0x80 ? 1 : text_utf8_len(p);
        if (k == 0 || (*p < 0x80 && (strchr("[]:*?/\\'", *p) || *p < 0x20))) {
            k = 1; /* a character Excel refuses (or an apostrophe, which may not start or end) */
            if (len + 1 < n)
                out[len++] = '_';
        } else if (len + k < n) {
            memcpy(out + len, p, k);
            len += k;
        }
        p += k;
        chars++;
    }
    if (len == 0)
        len = (size_t)snprintf(out, n, "results");
    out[len < n ? len : n - 1] = '\0';
}

/* Whether p starts "_xHHHH_", which Excel reads as the character U+HHHH. */
static bool escape_like(const char *p)
{
    if (p[0] != '_' || p[1] != 'x')
        return false;
    for (int i = 2; i < 6; i++)
        if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
            return false;
    return p[6] == '_';
}

char *xlsx_cell_text(const char *s, bool *cut)
{
    size_t len = strlen(s);
    size_t cap =
        (len < XLSX_MAX_CHARS ? len : XLSX_MAX_CHARS) * 7 + 1; /* "_x005F_" per byte at most */
    char *out = malloc(cap), *o = out;
    size_t chars = 0; /* as libxlsxwriter counts (code points), astral ones as two (UTF-16) */
    *cut = false;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = *p < 0x80 ? 1 : text_utf8_len(p);
        const char *put = (const char *)p;
        size_t put_len = k, width = k == 4 ? 2 : 1;
        if (k == 0 || (k == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))) {
            put = "\xef\xbf\xbd", put_len = 3, width = 1; /* U+FFFD */
            k = k ? k : 1;
        } else if (escape_like((const char *)p)) {
            put = "_x005F_", put_len = 7, width = 7;
        }
        if (chars + width > XLSX_MAX_CHARS) {
            *cut = true;
            break;
        }
        memcpy(o, put, put_len);
        o += put_len;
        chars += width;
        p += k;
    }
    *o = '\0';
    return out;
}

/* ---- the book ---- */

/* A new empty temporary file for the workbook; false with errno. */
static bool temp_path(xlsx_book *b)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    snprintf(b->tmpdir, sizeof b->tmpdir, "%s", dir);
    int len = snprintf(b->path, sizeof b->path, "%s/indicators-xlsx-XXXXXX", dir);
    if (len < 0 || (size_t)len >= sizeof b->path)
        return false;
    int fd = mkstemp(b->path);
    if (fd < 0) {
        b->path[0] = '\0';
        return false;
    }
    close(fd);
    return true;
}

static lxw_format *number_format(xlsx_book *b, const ind_column *col)
{
    char fmt[64];
    xlsx_number_format(col, b->pp, fmt, sizeof fmt);
    if (!fmt[0])
        return NULL;
    lxw_format *f = workbook_add_format(b->wb);
    if (f)
        format_set_num_format(f, fmt);
    return f;
}

static void add_formats(xlsx_book *b)
{
    b->header = workbook_add_format(b->wb);
    if (b->header)
        format_set_bold(b->header);
    for (size_t m = 1; m < NMARKS; m++) {
        lxw_format *f = b->marked[m] = workbook_add_format(b->wb);
        if (!f)
            continue;
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, mark_colours[m].fill);
        format_set_font_color(f, mark_colours[m].font);
    }
    for (size_t c = 0; c < b->ncols; c++)
        if (b->cols[c].kind == IND_COL_NUMBER)
            b->num[c] = number_format(b, &b->cols[c]);
}

/* Where the row's notes go: the caller's notes column, or one added after the last. */
static void find_notes_column(xlsx_book *b)
{
    b->notes_col = b->ncols;
    for (size_t c = 0; c < b->ncols; c++)
        if (b->cols[c].kind == IND_COL_NOTES) {
            b->notes_col = c;
            b->own_notes = true;
            return;
        }
    for (size_t c = 0; c < b->ncols; c++)
        if (strcmp(b->cols[c].name, b->notes_header) == 0) { /* a column of other notes */
            b->notes_header = b->notes_taken;
            return;
        }
}

xlsx_book *xlsx_book_new(const ind_column *cols, size_t ncols, const ind_table_options *opt)
{
    xlsx_book *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->cols = calloc(ncols ? ncols : 1, sizeof *b->cols);
    b->num = calloc(ncols ? ncols : 1, sizeof *b->num);
    b->width = calloc(ncols + 1, sizeof *b->width);
    if (!b->cols || !b->num || !b->width || !temp_path(b))
        goto fail;
    memcpy(b->cols, cols, ncols * sizeof *cols);
    b->ncols = ncols;
    b->max_rows = XLSX_MAX_ROWS;
    b->notes_header = opt && opt->notes_header ? opt->notes_header : "notes";
    b->notes_taken = opt && opt->notes_header_taken ? opt->notes_header_taken
                                                    : "notes (empty cells)";
    b->pp = opt ? opt->pp_word : NULL;
    find_notes_column(b);
    lxw_workbook_options wopt = {
        .constant_memory = LXW_TRUE, .tmpdir = b->tmpdir, .use_zip64 = LXW_TRUE};
    char sheet[XLSX_SHEET_NAME_MAX * 4 + 1];
    xlsx_sheet_name(opt ? opt->sheet : NULL, sheet, sizeof sheet);
    if (!(b->wb = workbook_new_opt(b->path, &wopt)) ||
        !(b->ws = workbook_add_worksheet(b->wb, sheet)))
        goto fail;
    add_formats(b);
    return b;
fail:;
    int why = errno; /* for the caller's message */
    xlsx_book_free(b);
    errno = why;
    return NULL;
}

/* Appends text to the row's notes ("; " between entries). */
static void add_note(xlsx_book *b, const char *header, const char *text)
{
    size_t need = b->nlen + strlen(header) + strlen(text) + 5;
    if (need > b->ncap) {
        size_t cap = need * 2;
        char *grown = realloc(b->notes, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->notes = grown, b->ncap = cap;
    }
    b->nlen += (size_t)snprintf(b->notes + b->nlen, b->ncap - b->nlen, "%s%s%s%s",
                                b->nlen ? "; " : "", header, header[0] ? ": " : "", text);
}

static void widen(xlsx_book *b, size_t c, size_t w)
{
    if (w > b->width[c])
        b->width[c] = w;
}

/* A string cell: always text (never a formula), cleaned; a cut is noted. */
static void write_text(xlsx_book *b, size_t c, const char *text, lxw_format *f)
{
    if (!text[0] && !f)
        return;
    bool cut;
    char *clean = xlsx_cell_text(text, &cut);
    if (!clean) {
        b->failed = true;
        return;
    }
    if (worksheet_write_string(b->ws, b->rows + 1, (lxw_col_t)c, clean, f) != LXW_NO_ERROR)
        b->failed = true;
    widen(b, c, ind_display_width(clean));
    free(clean);
    if (cut)
        add_note(b, c < b->ncols ? b->cols[c].name : b->notes_header,
                 "text cut to 32,767 characters (Excel's limit)");
}

static void write_cell(xlsx_book *b, size_t c, const xlsx_cell *cell)
{
    lxw_format *marked =
        cell->mark > 0 && (size_t)cell->mark < NMARKS ? b->marked[cell->mark] : NULL;
    switch (cell->kind) {
    case XLSX_TEXT:
        if (c == b->notes_col && b->own_notes)
            add_note(b, "", cell->text); /* written after the row's other notes */
        else
            write_text(b, c, cell->text, marked);
        break;
    case XLSX_NUMBER:
        if (worksheet_write_number(b->ws, b->rows + 1, (lxw_col_t)c,
                                   xlsx_stored_value(&b->cols[c], cell->value),
                                   b->num[c]) != LXW_NO_ERROR)
            b->failed = true;
        widen(b, c, xlsx_number_width(&b->cols[c], b->pp, cell->value));
        break;
    case XLSX_NOTE:
        if (!b->own_notes)
            add_note(b, b->cols[c].name, cell->text);
        break;
    default:
        break;
    }
}

/* Writes a row below the header. */
static ind_status put_row(xlsx_book *b, const xlsx_cell *row)
{
    b->nlen = 0;
    if (b->notes)
        b->notes[0] = '\0';
    for (size_t c = 0; c < b->ncols; c++)
        write_cell(b, c, &row[c]);
    if (b->nlen) {
        char *notes = b->notes;
        b->notes = NULL, b->nlen = 0, b->ncap = 0; /* a cut note would add to it */
        write_text(b, b->notes_col, notes, NULL);
        free(notes);
        b->any_notes = true;
    }
    b->rows++;
    return b->failed ? IND_E_NOMEM : IND_OK;
}

/* Whether the held row's cells would give it notes (an added notes column). */
static bool held_notes(const xlsx_book *b, const xlsx_cell *row)
{
    for (size_t c = 0; c < b->ncols; c++) {
        if (row[c].kind == XLSX_NOTE && !b->own_notes)
            return true;
        if (row[c].kind != XLSX_TEXT || !row[c].text || (c == b->notes_col && b->own_notes))
            continue;
        bool cut = false;
        free(xlsx_cell_text(b->htext + (size_t)(uintptr_t)row[c].text - 1, &cut));
        if (cut)
            return true; /* "text cut to 32,767 characters" */
    }
    return false;
}

/* The header row: the columns' names, and the notes column's when shown. */
static void write_header(xlsx_book *b)
{
    size_t shown = b->ncols + (!b->own_notes && b->any_notes);
    for (size_t c = 0; c < shown; c++) {
        const char *name = c < b->ncols ? b->cols[c].name : b->notes_header;
        char *clean;
        bool cut;
        if (!(clean = xlsx_cell_text(name, &cut))) {
            b->failed = true;
            return;
        }
        if (worksheet_write_string(b->ws, 0, (lxw_col_t)c, clean, b->header) != LXW_NO_ERROR)
            b->failed = true;
        widen(b, c, ind_display_width(clean) + 3); /* bold, and the filter's button */
        free(clean);
    }
}

/* Writes the header, then the rows held; more: rows are still to come (then the notes
   column is shown whatever the rows held say). */
static void flush_held(xlsx_book *b, bool more)
{
    xlsx_cell *row = b->held;
    for (size_t r = 0; r < b->nheld && !b->any_notes; r++, row += b->ncols)
        b->any_notes = held_notes(b, row);
    b->any_notes |= more;
    write_header(b);
    b->header_done = true;
    row = b->held;
    for (size_t r = 0; r < b->nheld && !b->failed; r++, row += b->ncols) {
        for (size_t c = 0; c < b->ncols; c++)
            if (row[c].text)
                row[c].text = b->htext + (size_t)(uintptr_t)row[c].text - 1;
        put_row(b, row);
    }
    free(b->held);
    free(b->htext);
    b->held = NULL;
    b->htext = NULL;
    b->nheld = b->htlen = b->htcap = 0;
}

/* Copies a row before the header; its texts' offsets (plus one: NULL stays NULL) stand
   for them until flush_held. */
static int hold_row(xlsx_book *b, const xlsx_cell *row)
{
    if (!b->held && !(b->held = malloc(XLSX_HOLD_ROWS * b->ncols * sizeof *b->held)))
        return -1;
    xlsx_cell *to = b->held + b->nheld * b->ncols;
    for (size_t c = 0; c < b->ncols; c++) {
        to[c] = row[c];
        if (!row[c].text)
            continue;
        size_t n = strlen(row[c].text) + 1;
        if (b->htlen + n > b->htcap) {
            size_t cap = (b->htlen + n) * 2;
            char *grown = realloc(b->htext, cap);
            if (!grown)
                return -1;
            b->htext = grown, b->htcap = cap;
        }
        memcpy(b->htext + b->htlen, row[c].text, n);
        to[c].text = (const char *)(uintptr_t)(b->htlen + 1);
        b->htlen += n;
    }
    b->nheld++;
    return 0;
}

ind_status xlsx_book_row(xlsx_book *b, const xlsx_cell *row)
{
    if ((size_t)b->rows + b->nheld + 1 >= b->max_rows) {
        b->too_many = true;
        return IND_E_ARG;
    }
    if (b->header_done)
        return put_row(b, row);
    if (hold_row(b, row) != 0)
        return IND_E_NOMEM;
    if (b->nheld == XLSX_HOLD_ROWS)
        flush_held(b, true);
    return b->failed ? IND_E_NOMEM : IND_OK;
}

/* The header (when not written yet), the widths, the frozen pane and the filter. */
static void finish_sheet(xlsx_book *b)
{
    if (!b->header_done)
        flush_held(b, false);
    size_t shown = b->ncols + (!b->own_notes && b->any_notes);
    for (size_t c = 0; c < shown; c++) {
        size_t w = b->width[c] + 2;
        worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c,
                             (double)(w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w), NULL);
    }
    worksheet_freeze_panes(b->ws, 1, 0);
    if (shown)
        worksheet_autofilter(b->ws, 0, 0, b->rows, (lxw_col_t)(shown - 1));
}

/* Copies the file at path to out; false when reading or writing failed. */
static bool copy_to(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return false;
    char buf[65536];
    size_t got;
    bool ok = true;
    while (ok && (got = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, got, out) == got;
    ok = ok && !ferror(in);
    fclose(in);
    return ok && fflush(out) == 0;
}

ind_status xlsx_book_finish(xlsx_book *b, FILE *out)
{
    finish_sheet(b);
    lxw_error e = workbook_close(b->wb);
    b->wb = NULL;
    ind_status st = IND_OK;
    if (b->too_many)
        st = IND_E_ARG; /* nothing written: a workbook without every row would be wrong */
    else if (e != LXW_NO_ERROR || b->failed || !copy_to(b->path, out))
        st = IND_E_IO;
    int why = errno; /* for the caller's message */
    xlsx_book_free(b);
    errno = why;
    return st;
}

void xlsx_book_limit_rows(xlsx_book *b, size_t rows)
{
    b->max_rows = rows < XLSX_MAX_ROWS ? rows : XLSX_MAX_ROWS;
}

void xlsx_book_free(xlsx_book *b)
{
    if (!b)
        return;
    if (b->wb) {
        int saved = errno;
        workbook_close(b->wb); /* libxlsxwriter frees only by closing: written, then removed */
        errno = saved;
    }
    if (b->path[0])
        unlink(b->path);
    free(b->notes);
    free(b->held);
    free(b->htext);
    free(b->width);
    free(b->num);
    free(b->cols);
    free(b);
}
