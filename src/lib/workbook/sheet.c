/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sheet.c - one sheet's cells to rows for the loader (see wb.h), and the
 * sheets' used ranges for listing.
 *
 * The sheet part is parsed once, as it is inflated; each <row> becomes one
 * csvr_row (rows with no cell become blank rows). Merged ranges are listed
 * after the cells in the part, and the value of a range's top-left cell goes
 * to every cell of the range: so the rows are held (their texts, compactly)
 * until the part ends, and handed over then with the ranges known. A sheet
 * whose rows outgrow HOLD_MAX is handed over as it is read instead (memory
 * holds one row); when its end then lists merged ranges, the rows handed
 * over are void: the sink is started again (see csvr_sink.start) and the
 * sheet read a second time with the ranges known. Big data sheets seldom
 * have merged cells, so they are inflated and parsed once.
 */
#include "wb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MERGES_MAX 1000000
#define CELL_MAX ((size_t)1 << 20) /* text of one cell (Excel: 32,767 characters) */
#define ROW_TEXT_MAX ((size_t)16 << 20)
#define WORK_MAX ((uint64_t)1 << 30) /* fields handed over per sheet: 1,073,741,824 */
#define HOLD_MAX ((size_t)8 << 20)   /* rows held until the merged ranges are known */

typedef struct merge {
    size_t r1, c1, r2, c2;
    char *value; /* the top-left cell's text, once its row was read; NULL: empty */
} merge;

typedef struct cellpos {
    size_t col, off, len;
} cellpos;

typedef struct sheet_state {
    wb_xml X; /* first: expat's user data */
    wb_book *B;
    const wb_sheet *sh;
    const csvr_sink *sink;
    bool started;  /* sink->start was called */
    bool list;     /* only the used range is wanted */
    bool hold;     /* rows are held until the part's end (merged ranges unknown yet) */
    bool merged;   /* the merged ranges are known (sorted): they fill the rows */
    bool data_end; /* </sheetData> was seen */
    ind_status failed; /* the sink stopped a reading without the merged ranges: */
    ind_error failed_err; /* its error, reported unless the ranges were over its rows */
    size_t hold_max; /* held rows' bytes before they are handed over unmerged */
    wb_buf held;   /* rows held: for each, a held_row, its cells, its text */
    /* rows */
    size_t row;     /* the row being read */
    size_t emitted; /* the last row handed over */
    size_t col;     /* the cell being read */
    wb_buf text;    /* the row's cell texts, each with its NUL; text.s[0] is an empty one */
    cellpos *cells;
    size_t ncells, capcells;
    csvr_field *f;
    size_t capf;
    /* the cell being read */
    char type; /* n s b e d i(nline) t(ext of a formula) */
    unsigned xf;
    int in_v, in_f, in_is, in_t, in_phonetic;
    wb_buf value, formula;
    /* merged ranges, by first row; active ones are m[first_active..next) minus ended ones */
    merge *m;
    size_t nm, capm, next;
    size_t *active; /* indexes of the ranges over the current row */
    size_t nactive;
    uint64_t work; /* fields and merged ranges looked at: bounded against crafted sheets */
    size_t width; /* rows are padded to it: the declared used range's, or the widest row */
    /* listing */
    char dimension[40];
    size_t minr, minc, maxr, maxc;
} sheet_state;

/* ----------------------------------------------------------------- errors */

static void cell_fail(sheet_state *S, ind_status code, size_t row, size_t col, const char *fmt,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void cell_fail(sheet_state *S, ind_status code, size_t row, size_t col, const char *fmt,
                      ...)
{
    if (S->X.status == IND_OK) {
        char place[IND_ERROR_PATH_MAX];
        wb_cell_place(S->B->path, S->sh->name, row, col, place, sizeof place);
        va_list ap;
        va_start(ap, fmt);
        S->X.status = ind_error_vset(S->X.err, code, place, 0, 0, fmt, ap);
        va_end(ap);
    }
    XML_StopParser(S->X.p, XML_FALSE);
}

/* ------------------------------------------------------------- merges */

static int merge_cmp(const void *a, const void *b)
{
    const merge *x = a, *y = b;
    return x->r1 < y->r1 ? -1 : x->r1 > y->r1;
}

/* The range ref ("A1:C2") of a <mergeCell>; -1 when out of memory or too many. */
static int add_merge(sheet_state *S, const char *ref)
{
    size_t len = strlen(ref), *cap = &S->capm;
    char a[24], b[24];
    const char *colon = memchr(ref, ':', len);
    size_t na = colon ? (size_t)(colon - ref) : len, nb = colon ? len - na - 1 : 0;
    if (na == 0 || na >= sizeof a || nb >= sizeof b)
        return 0; /* not a range: ignored */
    memcpy(a, ref, na);
    a[na] = '\0';
    memcpy(b, colon ? colon + 1 : ref, colon ? nb : na);
    b[colon ? nb : na] = '\0';
    merge g = {0, 0, 0, 0, NULL};
    if (wb_parse_ref(a, &g.c1, &g.r1) != 0 || wb_parse_ref(b, &g.c2, &g.r2) != 0 ||
        g.r2 < g.r1 || g.c2 < g.c1)
        return 0;
    if (S->nm == *cap) {
        if (S->nm >= MERGES_MAX)
            return -1;
        size_t ncap = *cap ? *cap * 2 : 16;
        merge *grown = realloc(S->m, ncap * sizeof *grown);
        if (!grown)
            return -1;
        S->m = grown;
        *cap = ncap;
    }
    S->m[S->nm++] = g;
    return 0;
}

/* The first key[0..k) in s[0..n), or NULL (memmem is not POSIX). */
static const char *find(const char *s, size_t n, const char *key, size_t k)
{
    const char *end = s + n;
    while (s + k <= end) {
        const char *p = memchr(s, key[0], (size_t)(end - s) - k + 1);
        if (!p)
            return NULL;
        if (memcmp(p, key, k) == 0)
            return p;
        s = p + 1;
    }
    return NULL;
}

/* What the first pass saw in a sheet's cells. */
typedef struct sheet_scan {
    bool cells;   /* a value of any kind */
    bool numbers; /* a value stored as a number (not text, boolean or error) */
} sheet_scan;

/* The local name of the tag at buf[lt] ('<'), up to end: its start and length. */
static size_t tag_name(const char *buf, size_t lt, size_t end, size_t *start)
{
    size_t i = lt + 1, from = i;
    while (i < end && buf[i] != ' ' && buf[i] != '>' && buf[i] != '/' && buf[i] != '\t' &&
           buf[i] != '\n' && buf[i] != '\r') {
        if (buf[i] == ':')
            from = i + 1;
        i++;
    }
    *start = from;
    return i - from;
}

/*
 * Whether the value tag <v> at buf[lt] belongs to a cell stored as a number:
 * the nearest <c> start tag before it (within 4 KiB of this piece) has no t
 * attribute, or t="n". A cell whose start is not in the piece is not counted.
 */
static int number_value(const char *buf, size_t lt)
{
    size_t floor = lt > 4096 ? lt - 4096 : 0;
    for (size_t i = lt; i-- > floor;) {
        if (buf[i] != '<')
            continue;
        size_t start, n = tag_name(buf, i, lt, &start);
        if (n == 1 && buf[start] == 'c') {
            const char *gt = memchr(buf + i, '>', lt - i);
            const char *t = gt ? find(buf + i, (size_t)(gt - (buf + i)), " t=", 3) : NULL;
            return gt && (!t || t[4] == 'n');
        }
        if (n == 3 && memcmp(buf + start, "row", 3) == 0)
            return 0;
    }
    return 0;
}

/* Looks for values in buf[0..len) until a number is seen. */
static void scan_values(sheet_scan *I, const char *buf, size_t len)
{
    size_t pos = 0;
    const char *p;
    while (!I->numbers && (p = find(buf + pos, len - pos, "v>", 2)) != NULL) {
        size_t at = (size_t)(p - buf);
        pos = at + 2;
        size_t lt = at;
        while (lt > 0 && at - lt < 32 && buf[lt] != '<')
            lt--;
        if (buf[lt] != '<' || buf[lt + 1] == '/')
            continue; /* a closing tag, or not a tag */
        size_t start;
        if (tag_name(buf, lt, at + 1, &start) != 1 || buf[start] != 'v')
            continue;
        I->cells = true;
        I->numbers = number_value(buf, lt);
    }
    if (!I->cells && find(buf, len, "<is>", 4))
        I->cells = true; /* an inline string */
    if (!I->cells && find(buf, len, ":is>", 4))
        I->cells = true;
}

/*
 * A look at the sheet's first bytes for what read_sheet wants (a number, or
 * any value): the part is inflated until it is seen, which for a table is
 * within its first piece; a sheet without it is inflated to its end.
 */
static ind_status probe_sheet(sheet_state *S, bool numbers, sheet_scan *I)
{
    wb_part P;
    size_t carry = 0, bufcap = 256 * 1024 + 4096;
    memset(I, 0, sizeof *I);
    ind_status st = wbz_part_open(&S->B->Z, S->sh->part, WB_PART_MAX, &P, S->X.err);
    char *buf = st == IND_OK ? malloc(bufcap) : NULL;
    if (st == IND_OK && !buf)
        st = ind_error_set(S->X.err, IND_E_NOMEM, S->B->path, 0, 0, "out of memory");
    while (st == IND_OK && !(numbers ? I->numbers : I->cells)) {
        long got = wbz_part_read(&P, buf + carry, bufcap - carry, S->X.err);
        if (got < 0)
            st = IND_E_FORMAT;
        if (got <= 0)
            break;
        size_t len = carry + (size_t)got;
        scan_values(I, buf, len);
        carry = len < 64 ? len : 64; /* a tag cut at the piece's end is seen whole next time */
        memmove(buf, buf + len - carry, carry);
    }
    free(buf);
    wbz_part_close(&P);
    return st;
}

/* ------------------------------------------------------------- rows out */

/* Grows the row's cells to n. */
static int reserve_cells(sheet_state *S, size_t n)
{
    if (n <= S->capcells)
        return 0;
    cellpos *grown = realloc(S->cells, n * sizeof *grown);
    if (!grown)
        return -1;
    S->cells = grown;
    S->capcells = n;
    return 0;
}

/* Adds s[0..len) (s[len] is its NUL) to the row, at column col (1-based); -1 when too
   long or no memory. */
static int put_cell(sheet_state *S, size_t col, const char *s, size_t len)
{
    if (S->ncells == S->capcells && reserve_cells(S, S->capcells ? S->capcells * 2 : 64) != 0)
        return -1;
    size_t off = S->text.len;
    if (wb_buf_add(&S->text, s, len + 1, ROW_TEXT_MAX) != 0) /* with its NUL */
        return -1;
    S->cells[S->ncells++] = (cellpos){col, off, len};
    return 0;
}

/* The merged ranges over row r, in S->active: those starting by r are added, ended ones
   dropped, so that a row looks at the ranges it is in, not at every range. */
static int update_active(sheet_state *S, size_t r)
{
    for (size_t i = 0; i < S->nactive;) {
        if (S->m[S->active[i]].r2 < r) {
            free(S->m[S->active[i]].value);
            S->m[S->active[i]].value = NULL;
            S->active[i] = S->active[--S->nactive];
        } else {
            i++;
        }
    }
    for (; S->next < S->nm && S->m[S->next].r1 <= r; S->next++) {
        if (S->m[S->next].r2 < r)
            continue;
        if (!S->active && !(S->active = malloc(S->nm * sizeof *S->active)))
            return -1;
        S->active[S->nactive++] = S->next;
    }
    return 0;
}

/* Grows the row's fields to n. */
static int reserve_fields(sheet_state *S, size_t n)
{
    if (n <= S->capf)
        return 0;
    csvr_field *grown = realloc(S->f, n * sizeof *grown);
    if (!grown)
        return -1;
    S->f = grown;
    S->capf = n;
    return 0;
}

/*
 * Merged ranges over row r (fields f[0..*n)): the top-left values of those
 * starting on r are kept, and every empty cell of each range gets its value -
 * in rows that hold a cell outside the range, so that a title merged across
 * the table stays one cell (a preamble row), while a header or an indicator
 * merged over several cells of a table fills them all.
 */
static int fill_merges(sheet_state *S, size_t r, size_t *n)
{
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t i = 0; i < S->ncells; i++) {
        lo = S->cells[i].col < lo ? S->cells[i].col : lo;
        hi = S->cells[i].col > hi ? S->cells[i].col : hi;
    }
    S->work += S->nactive;
    for (size_t i = 0; i < S->nactive; i++) {
        merge *g = &S->m[S->active[i]];
        if (g->r1 == r && !g->value && g->c1 <= *n && S->f[g->c1 - 1].len) {
            const csvr_field *top = &S->f[g->c1 - 1];
            if (!(g->value = malloc(top->len + 1)))
                return -1;
            memcpy(g->value, S->text.s + top->off, top->len + 1);
        }
        if (!g->value || S->ncells == 0 || (lo >= g->c1 && hi <= g->c2))
            continue;
        if (g->c2 > *n) {
            if (reserve_fields(S, g->c2) != 0)
                return -1;
            for (size_t c = *n; c < g->c2; c++)
                S->f[c] = (csvr_field){0, 0, r};
            *n = g->c2;
        }
        size_t len = strlen(g->value);
        S->work += g->c2 - g->c1 + 1;
        for (size_t c = g->c1; c <= g->c2; c++) {
            if (S->f[c - 1].len)
                continue;
            size_t off = S->text.len;
            if (wb_buf_add(&S->text, g->value, len + 1, ROW_TEXT_MAX) != 0)
                return -1;
            S->f[c - 1] = (csvr_field){off, len, r};
        }
    }
    return 0;
}

static int start_sink(sheet_state *S)
{
    if (S->started)
        return 0;
    S->started = true;
    csvr_info info;
    memset(&info, 0, sizeof info);
    info.sheet = S->sh->name;
    if (S->sink->start) {
        ind_status st = S->sink->start(S->sink->ctx, &info);
        if (st != IND_OK) {
            S->X.status = st;
            XML_StopParser(S->X.p, XML_FALSE);
            return -1;
        }
    }
    return 0;
}

/* Row r's fields: its cells (S->cells, maybe none), padded to the widest row so far (as a
   CSV export writes every row of the used range), and the merged ranges over it. */
static int build_row(sheet_state *S, size_t r, size_t *n)
{
    *n = S->width;
    for (size_t i = 0; i < S->ncells; i++)
        if (S->cells[i].col > *n)
            *n = S->cells[i].col;
    if (reserve_fields(S, *n) != 0)
        return -1;
    for (size_t i = 0; i < *n; i++)
        S->f[i] = (csvr_field){0, 0, r}; /* text.s[0] is an empty text */
    for (size_t i = 0; i < S->ncells; i++)
        S->f[S->cells[i].col - 1] = (csvr_field){S->cells[i].off, S->cells[i].len, r};
    if (S->ncells)
        S->width = *n;
    if (S->merged && S->nm && (update_active(S, r) != 0 || fill_merges(S, r, n) != 0))
        return -1;
    S->work += *n;
    return 0;
}

/* Hands row r to the sink. */
static int emit(sheet_state *S, size_t r)
{
    size_t n;
    if (build_row(S, r, &n) != 0) {
        cell_fail(S, IND_E_NOMEM, r, 0, "out of memory (or a row over 16 MiB)");
        return -1;
    }
    if (S->work > WORK_MAX) {
        cell_fail(S, IND_E_FORMAT, r, 0,
                  "the sheet spans more than %llu cells (rows times columns, merged ranges "
                  "included)", (unsigned long long)WORK_MAX);
        return -1;
    }
    if (S->ncells && start_sink(S) != 0)
        return -1;
    if (S->started) {
        csvr_row row = {S->text.s, S->f, n, r};
        ind_status st = S->sink->row(S->sink->ctx, &row);
        if (st != IND_OK) {
            wb_locate_error(S->X.err, S->B->path, S->sh->name);
            if (!S->merged) {
                /* maybe for want of a merged range's value: the part is read on (no more
                   rows) for its ranges, and finish_sheet decides */
                S->failed = st;
                S->failed_err = *S->X.err;
                S->emitted = r;
                return -1;
            }
            S->X.status = st;
            XML_StopParser(S->X.p, XML_FALSE);
            return -1;
        }
    }
    S->emitted = r;
    S->ncells = 0;
    S->text.len = 1;
    return 0;
}

/* Rows after the last one handed over and before r have no cells (but may be merged). */
static int emit_gap(sheet_state *S, size_t r)
{
    S->ncells = 0; /* a row whose cells were all empty */
    S->text.len = 1;
    while (S->emitted + 1 < r)
        if (emit(S, S->emitted + 1) != 0)
            return -1;
    return 0;
}

/* A held row in S->held: this, then its ncells cellpos, then its tlen bytes of text. */
typedef struct held_row {
    size_t row, ncells, tlen;
} held_row;

/* Keeps the row read (S->cells, S->text) in S->held. */
static int hold_row(sheet_state *S)
{
    held_row h = {S->row, S->ncells, S->text.len};
    size_t max = SIZE_MAX / 2;
    return wb_buf_add(&S->held, (const char *)&h, sizeof h, max) != 0 ||
                   wb_buf_add(&S->held, (const char *)S->cells, S->ncells * sizeof *S->cells,
                              max) != 0 ||
                   wb_buf_add(&S->held, S->text.s, S->text.len, max) != 0
               ? -1
               : 0;
}

/* Hands the rows held to the sink, in order, with the merged ranges when they are known. */
static int hand_held(sheet_state *S)
{
    for (size_t pos = 0; pos < S->held.len;) {
        held_row h;
        memcpy(&h, S->held.s + pos, sizeof h);
        pos += sizeof h;
        if (emit_gap(S, h.row) != 0)
            return -1;
        if (reserve_cells(S, h.ncells) != 0) {
            cell_fail(S, IND_E_NOMEM, h.row, 0, "out of memory");
            return -1;
        }
        memcpy(S->cells, S->held.s + pos, h.ncells * sizeof *S->cells);
        pos += h.ncells * sizeof *S->cells;
        S->ncells = h.ncells;
        S->text.len = 0;
        if (wb_buf_add(&S->text, S->held.s + pos, h.tlen, ROW_TEXT_MAX) != 0) {
            cell_fail(S, IND_E_NOMEM, h.row, 0, "out of memory");
            return -1;
        }
        pos += h.tlen;
        if (emit(S, h.row) != 0)
            return -1;
    }
    S->held.len = 0;
    return 0;
}

/* The end of a row with cells: handed over, or held (and the rows held handed over
   unmerged once they outgrow S->hold_max). */
static void row_end(sheet_state *S)
{
    if (!S->hold) {
        emit(S, S->row);
        return;
    }
    if (hold_row(S) != 0) {
        cell_fail(S, IND_E_NOMEM, S->row, 0, "out of memory");
        return;
    }
    S->ncells = 0;
    S->text.len = 1;
    if (S->held.len > S->hold_max) {
        S->hold = false;
        hand_held(S);
    }
}

/* ------------------------------------------------------------- cells in */

static void cell_begin(sheet_state *S, const XML_Char **atts)
{
    const char *ref = NULL, *t = NULL, *s = NULL;
    for (size_t i = 0; atts[i]; i += 2) { /* one look at each attribute: r, t and s */
        const char *k = wbx_local(atts[i]);
        if (!k[0] || k[1])
            continue;
        const char **to = k[0] == 'r' ? &ref : k[0] == 't' ? &t : k[0] == 's' ? &s : NULL;
        if (to && !*to)
            *to = atts[i + 1];
    }
    size_t col = S->col + 1, row = S->row;
    if (ref && (wb_parse_ref(ref, &col, &row) != 0 || row != S->row)) {
        cell_fail(S, IND_E_FORMAT, S->row, 0,
                  "cell reference '%.20s' is not a cell of row %zu (at most XFD1048576)", ref,
                  S->row);
        return;
    }
    if (col <= S->col || col > 16384) {
        cell_fail(S, IND_E_FORMAT, S->row, col > 16384 ? 0 : col,
                  "cells out of order, or past column XFD");
        return;
    }
    S->col = col;
    S->type = 'n';
    if (t) {
        if (strcmp(t, "s") == 0 || strcmp(t, "b") == 0 || strcmp(t, "e") == 0 ||
            strcmp(t, "d") == 0)
            S->type = t[0];
        else if (strcmp(t, "inlineStr") == 0)
            S->type = 'i';
        else if (strcmp(t, "str") == 0)
            S->type = 't';
    }
    S->xf = s ? (unsigned)strtoul(s, NULL, 10) : 0;
    S->value.len = 0;
    S->formula.len = 0;
    if (S->value.s)
        S->value.s[0] = '\0';
}

static wb_numfmt cell_format(const sheet_state *S)
{
    return S->xf < S->B->nxf ? (wb_numfmt)S->B->xf[S->xf] : WB_FMT_GENERAL;
}

/* The cell's text as the loader reads it (see wb.h); NULL when empty. */
static const char *cell_text(sheet_state *S, char *buf, size_t n, size_t *len)
{
    const char *v = S->value.len ? S->value.s : "";
    switch (S->type) {
    case 's': {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= S->B->nsst) {
            cell_fail(S, IND_E_FORMAT, S->row, S->col, "shared string '%.20s' does not exist",
                      v);
            return NULL;
        }
        const char *s = S->B->sst + S->B->sst_off[i];
        *len = strlen(s);
        return s;
    }
    case 'b':
        v = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
        break;
    case 'n':
        if (cell_format(S) == WB_FMT_GENERAL && S->value.len) {
            *len = S->value.len; /* as stored: nearly every cell, read once by the loader */
            return v;
        }
        if (S->value.len && wb_number_text(v, cell_format(S), S->B->date1904, buf, n) == 0)
            v = buf;
        break;
    case 'd':
        if (S->value.len && wb_iso_date_text(v, cell_format(S), buf, n) == 0)
            v = buf;
        break;
    default: /* inline strings, formula text, error values: as they are */
        break;
    }
    if (!*v && S->formula.len) {
        /* a formula never computed (openpyxl writes them so): shown, not lost */
        snprintf(buf, n, "=%s", S->formula.s);
        v = buf;
    }
    *len = strlen(v);
    return *v ? v : NULL;
}

static void cell_end(sheet_state *S)
{
    char buf[300];
    size_t len = 0;
    const char *text = cell_text(S, buf, sizeof buf, &len);
    if (!text)
        return;
    if (S->list) {
        if (!S->minr || S->row < S->minr)
            S->minr = S->row;
        if (!S->minc || S->col < S->minc)
            S->minc = S->col;
        S->maxr = S->row > S->maxr ? S->row : S->maxr;
        S->maxc = S->col > S->maxc ? S->col : S->maxc;
        return;
    }
    if (put_cell(S, S->col, text, len) != 0)
        cell_fail(S, IND_E_NOMEM, S->row, S->col, "out of memory (or a row over 16 MiB)");
}

static void row_begin(sheet_state *S, const XML_Char **atts)
{
    const char *r = wbx_attr(atts, "r");
    size_t row = S->row + 1;
    if (r) {
        char *end;
        unsigned long v = strtoul(r, &end, 10);
        row = end != r && !*end ? (size_t)v : 0;
    }
    if (row <= S->row || row > 1048576) {
        cell_fail(S, IND_E_FORMAT, S->row, 0,
                  "row '%.20s' out of order or past row 1,048,576 after this one",
                  r ? r : "?");
        return;
    }
    if (S->hold) {
        S->ncells = 0; /* blank rows before it are made when the rows held are handed over */
        S->text.len = 1;
    } else if (!S->list && emit_gap(S, row) != 0) {
        return;
    }
    S->row = row;
    S->col = 0;
}

/* The last column of the declared used range ("A1:G5" -> 7). */
static void declared_width(sheet_state *S, const char *ref)
{
    const char *colon = ref ? strchr(ref, ':') : NULL;
    size_t col, row;
    if (colon && wb_parse_ref(colon + 1, &col, &row) == 0)
        S->width = col;
}

/* ---------------------------------------------------------- expat glue */

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sheet_state *S = ud;
    const char *local = wbx_local(name);
    if ((S->data_end || S->failed) && local[0] != 'm')
        return; /* after the cells, only the merged ranges are wanted */
    switch (local[0]) {
    case 'c':
        if (!local[1])
            cell_begin(S, atts);
        break;
    case 'v':
        if (!local[1])
            S->in_v = 1;
        break;
    case 'f':
        if (!local[1])
            S->in_f = 1;
        break;
    case 't':
        if (!local[1])
            S->in_t = S->in_is && !S->in_phonetic;
        break;
    case 'i':
        if (strcmp(local, "is") == 0)
            S->in_is = 1;
        break;
    case 'r':
        if (strcmp(local, "row") == 0)
            row_begin(S, atts);
        else if (strcmp(local, "rPh") == 0)
            S->in_phonetic = 1;
        break;
    case 'm':
        if (!S->list && !S->merged && strcmp(local, "mergeCell") == 0) {
            const char *ref = wbx_attr(atts, "ref");
            if (ref && add_merge(S, ref) != 0) {
                S->X.status = ind_error_set(S->X.err, IND_E_NOMEM, S->B->path, 0, 0,
                                            "out of memory (or more than %d merged ranges)",
                                            MERGES_MAX);
                XML_StopParser(S->X.p, XML_FALSE);
            }
        }
        break;
    case 'd':
        if (!S->list && strcmp(local, "dimension") == 0)
            declared_width(S, wbx_attr(atts, "ref"));
        if (S->list && strcmp(local, "dimension") == 0) {
            const char *ref = wbx_attr(atts, "ref");
            const char *colon = ref ? strchr(ref, ':') : NULL;
            if (colon && strncmp(ref, colon + 1, (size_t)(colon - ref)) != 0) {
                /* a range; a single cell ("A1", "A1:A1") may be an empty sheet: look */
                snprintf(S->dimension, sizeof S->dimension, "%s", ref);
                wbx_done(&S->X); /* declared: nothing more to read */
            }
        }
        break;
    default:
        break;
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    sheet_state *S = ud;
    const char *local = wbx_local(name);
    if (S->data_end || S->failed)
        return;
    switch (local[0]) {
    case 'c':
        if (!local[1])
            cell_end(S);
        break;
    case 'v':
        S->in_v = 0;
        break;
    case 'f':
        S->in_f = 0;
        break;
    case 't':
        S->in_t = 0;
        break;
    case 'i':
        S->in_is = 0;
        break;
    case 'r':
        if (strcmp(local, "row") == 0 && !S->list && S->ncells)
            row_end(S);
        else if (strcmp(local, "rPh") == 0)
            S->in_phonetic = 0;
        break;
    case 's':
        if (strcmp(local, "sheetData") == 0 && !S->list) {
            S->data_end = true;
            if (S->merged)
                wbx_done(&S->X); /* the rest is formatting, the merges known */
            else
                S->X.lenient = true; /* as before: what follows the cells need not parse */
        }
        break;
    default:
        break;
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    sheet_state *S = ud;
    wb_buf *b = S->in_v || S->in_t ? &S->value : S->in_f ? &S->formula : NULL;
    if (b && wb_buf_add(b, s, (size_t)len, CELL_MAX) != 0)
        cell_fail(S, IND_E_FORMAT, S->row, S->col, "a cell over 1 MiB (or out of memory)");
}

/* ------------------------------------------------------------- reading */

static void state_free(sheet_state *S)
{
    for (size_t i = 0; i < S->nm; i++)
        free(S->m[i].value);
    free(S->m);
    free(S->active);
    free(S->text.s);
    free(S->cells);
    free(S->f);
    free(S->value.s);
    free(S->formula.s);
    free(S->held.s);
    wbx_release(&S->X);
}

/* A new parser for a reading of the part from its start. */
static ind_status new_parser(sheet_state *S, ind_error *err)
{
    wbx_release(&S->X);
    ind_status st = wbx_init(&S->X, S->B->path, err);
    if (st != IND_OK)
        return st;
    XML_SetUserData(S->X.p, S);
    XML_SetElementHandler(S->X.p, on_start, on_end);
    XML_SetCharacterDataHandler(S->X.p, on_text);
    return IND_OK;
}

static ind_status state_init(sheet_state *S, wb_book *B, const wb_sheet *sh,
                             const csvr_sink *sink, ind_error *err)
{
    memset(S, 0, sizeof *S);
    S->B = B;
    S->sh = sh;
    S->sink = sink;
    ind_status st = new_parser(S, err);
    if (st != IND_OK)
        return st;
    if (wb_buf_add(&S->text, "", 1, ROW_TEXT_MAX) != 0)
        return ind_error_set(err, IND_E_NOMEM, B->path, 0, 0, "out of memory");
    return IND_OK;
}

/* Whether a merged range over more than one cell starts on a row handed over. */
static bool merges_rows_sent(const sheet_state *S)
{
    for (size_t i = 0; i < S->nm; i++)
        if (S->m[i].r1 <= S->emitted && (S->m[i].r1 != S->m[i].r2 || S->m[i].c1 != S->m[i].c2))
            return true;
    return false;
}

/* Forgets the rows of a first reading, to read the part again with the merged ranges
   known; the sink is started again with the first row. */
static ind_status read_again(sheet_state *S, ind_error *err)
{
    S->started = false;
    S->row = S->emitted = S->col = 0;
    S->ncells = 0;
    S->text.len = 1;
    S->width = 0;
    S->work = 0;
    S->next = S->nactive = 0;
    S->data_end = false;
    S->held.len = 0;
    S->in_v = S->in_f = S->in_is = S->in_t = S->in_phonetic = 0;
    ind_status st = new_parser(S, err);
    if (st == IND_OK)
        st = wbx_parse(&S->X, &S->B->Z, S->sh->part, WB_PART_MAX);
    return st;
}

/*
 * The part was read (st: how): the rows held go to the sink with the merged
 * ranges; the part is read again when ranges turned up over rows handed over
 * without them; a sink's failure on such a row is reported when no range was
 * over it (or the part did not read to its end).
 */
static ind_status finish_sheet(sheet_state *S, ind_status st, ind_error *err)
{
    if (S->failed && (st != IND_OK || !merges_rows_sent(S))) {
        *err = S->failed_err;
        return S->failed;
    }
    if (st != IND_OK)
        return st;
    if (S->nm)
        qsort(S->m, S->nm, sizeof *S->m, merge_cmp);
    S->merged = true;
    if (S->hold) {
        S->hold = false;
        if (hand_held(S) != 0)
            st = S->X.status;
    } else if (merges_rows_sent(S)) {
        S->failed = IND_OK;
        st = read_again(S, err);
    }
    if (st == IND_OK && !S->started && start_sink(S) != 0)
        st = S->X.status; /* no row at all: the loader still needs its start */
    return st;
}

/* Reads sheet sh into sink when it holds a number (numbers) or any value; *read says
   whether it did. */
static ind_status read_sheet(wb_book *B, const wb_sheet *sh, bool numbers,
                             const wb_options *opt, const csvr_sink *sink, bool *read,
                             ind_error *err)
{
    sheet_state S;
    sheet_scan I;
    *read = false;
    ind_status st = state_init(&S, B, sh, sink, err);
    if (st == IND_OK)
        st = probe_sheet(&S, numbers, &I);
    if (st == IND_OK && (numbers ? I.numbers : I.cells)) {
        *read = true;
        S.hold = true;
        S.hold_max = opt && opt->start_once ? SIZE_MAX
                     : opt && opt->hold_max ? opt->hold_max
                                            : HOLD_MAX;
        st = finish_sheet(&S, wbx_parse(&S.X, &B->Z, sh->part, WB_PART_MAX), err);
    }
    state_free(&S);
    return st;
}

/* The sheet opt names: its name, else its 1-based number. */
static ind_status pick_sheet(wb_book *B, const char *want, const wb_sheet **out,
                             ind_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < B->nsheets && !*out; i++)
        if (strcmp(B->sheets[i].name, want) == 0)
            *out = &B->sheets[i];
    char *end;
    unsigned long k = strtoul(want, &end, 10);
    if (!*out && end != want && !*end && k >= 1 && k <= B->nsheets)
        *out = &B->sheets[k - 1];
    if (*out && (*out)->part && !(*out)->chart)
        return IND_OK;
    char list[IND_ERROR_MSG_MAX - 100];
    size_t used = 0;
    for (size_t i = 0; i < B->nsheets && used + 4 < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'", i ? ", " : "",
                                 B->sheets[i].name);
    if (*out)
        return ind_error_set(err, IND_E_NOTFOUND, B->path, 0, 0,
                             "sheet '%s' is a chart sheet, not cells; the sheets: %s", want,
                             list);
    return ind_error_set(err, IND_E_NOTFOUND, B->path, 0, 0,
                         "sheet '%s' is not in the workbook (by name or number 1-%zu); the "
                         "sheets: %s",
                         want, B->nsheets, list);
}

/*
 * The default sheet is the first visible one holding numbers (a contents or
 * notes sheet before the table holds only text), else the first visible one
 * holding anything, else the same among the hidden sheets.
 */
static ind_status read_default(wb_book *B, const wb_options *opt, const csvr_sink *sink,
                               ind_error *err)
{
    static const bool wants[] = {true, false}; /* numbers, then any value */
    ind_status st = IND_OK;
    bool read = false;
    for (int hidden = 0; hidden < 2; hidden++)
        for (size_t w = 0; w < 2; w++)
            for (size_t i = 0; i < B->nsheets; i++) {
                const wb_sheet *sh = &B->sheets[i];
                if (sh->hidden != (hidden == 1) || !sh->part || sh->chart)
                    continue;
                st = read_sheet(B, sh, wants[w], opt, sink, &read, err);
                if (st != IND_OK || read)
                    return st;
            }
    return ind_error_set(err, IND_E_FORMAT, B->path, 0, 0, "no sheet of the workbook holds data");
}

static ind_status read_book(wb_book *B, const wb_options *opt, const csvr_sink *sink,
                            ind_error *err)
{
    ind_status st = wb_book_load_cells(B, err);
    if (st != IND_OK)
        return st;
    if (!opt || !opt->sheet)
        return read_default(B, opt, sink, err);
    const wb_sheet *sh;
    bool read = false;
    st = pick_sheet(B, opt->sheet, &sh, err);
    if (st == IND_OK)
        st = read_sheet(B, sh, false, opt, sink, &read, err);
    if (st == IND_OK && !read) {
        char place[IND_ERROR_PATH_MAX];
        wb_cell_place(B->path, sh->name, 0, 0, place, sizeof place);
        st = ind_error_set(err, IND_E_FORMAT, place, 0, 0, "the sheet holds no data");
    }
    return st;
}

ind_status wb_read_xlsx(const char *path, const void *data, size_t len, const wb_options *opt,
                        const csvr_sink *sink, ind_error *err)
{
    wb_book B;
    ind_status st = wb_book_open(&B, path, data, len, err);
    if (st != IND_OK)
        return st;
    st = read_book(&B, opt, sink, err);
    wb_book_close(&B);
    return st;
}

/* --------------------------------------------------------------- listing */

/* The used range of sh: declared by the sheet, else found from its cells. */
static ind_status sheet_range(wb_book *B, const wb_sheet *sh, char *range, size_t n,
                              ind_error *err)
{
    sheet_state S;
    range[0] = '\0';
    if (!sh->part || sh->chart)
        return IND_OK;
    ind_status st = state_init(&S, B, sh, NULL, err);
    S.list = true;
    if (st == IND_OK)
        st = wbx_parse(&S.X, &B->Z, sh->part, WB_PART_MAX);
    if (st == IND_OK && S.dimension[0]) {
        snprintf(range, n, "%s", S.dimension);
    } else if (st == IND_OK && S.maxr) {
        char a[8], b[8];
        wb_col_name(S.minc, a);
        wb_col_name(S.maxc, b);
        snprintf(range, n, "%s%zu:%s%zu", a, S.minr, b, S.maxr);
    }
    state_free(&S);
    return st;
}

ind_status wb_list_xlsx(const char *path, ind_sheet_info **out, size_t *n, ind_error *err)
{
    wb_book B;
    *out = NULL;
    *n = 0;
    ind_status st = wb_book_open(&B, path, NULL, 0, err);
    if (st != IND_OK)
        return st;
    st = wb_book_load_cells(&B, err);
    ind_sheet_info *list = st == IND_OK ? calloc(B.nsheets, sizeof *list) : NULL;
    if (st == IND_OK && !list)
        st = ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; st == IND_OK && i < B.nsheets; i++) {
        snprintf(list[i].name, sizeof list[i].name, "%s", B.sheets[i].name);
        list[i].hidden = B.sheets[i].hidden;
        list[i].chart = B.sheets[i].chart;
        st = sheet_range(&B, &B.sheets[i], list[i].range, sizeof list[i].range, err);
    }
    size_t count = B.nsheets;
    wb_book_close(&B);
    if (st != IND_OK) {
        free(list);
        return st;
    }
    *out = list;
    *n = count;
    return IND_OK;
}
