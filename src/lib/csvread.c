/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csvread.c - the CSV row reader (see csvread.h): bytes to rows.
 *
 * The pipeline, one chunk (1 MiB) at a time:
 *   source (file or memory) -> decode (check UTF-8, or iconv to UTF-8)
 *   -> split into lines (so that every callback knows its line)
 *   -> libcsv (strict) -> field and row callbacks fill a batch of rows
 *      (a whole line at a row's start without "" or a line end inside
 *      quotes, nearly every line, is split here as libcsv would split it:
 *      libcsv's byte-at-a-time loop was the largest cost of a load)
 *   -> the sink's row callback, row by row.
 * Memory holds a chunk and a few batches.
 *
 * With threads, inputs of 8 MiB and more have their batches handed to the
 * sink on a second thread while this one keeps parsing (for the data loader
 * libcsv and the row conversion each take about half the time). Batches go
 * through a small bounded queue in file order, so errors are found in the
 * same order either way: the first bad row of the file is the one reported,
 * and an error of the reader (a broken quote, bad bytes) only counts when no
 * earlier row had one.
 */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoding.h"

#define CHUNK_SIZE ((size_t)1 << 20)
#define FIELD_MAX ((size_t)1 << 20)      /* longest field accepted */
#define ROW_MAX_BYTES ((size_t)16 << 20) /* longest row accepted */
#define ROW_MAX_FIELDS ((size_t)100000)
#define BATCH_BYTES ((size_t)256 << 10) /* a batch is handed over at this much text */
#define BATCH_ROWS ((size_t)8192)       /* or this many rows */
#define NBATCH 4                        /* batches in flight */
#define THREAD_MIN_BYTES ((size_t)8 << 20)

/* Rows read but not yet handed over: fields' text, fields, and where each row ends. */
typedef struct batch {
    char *text;
    size_t len, cap;
    csvr_field *f;
    size_t nf, fcap;
    struct mark {
        size_t end;  /* index in f after the row's last field */
        size_t line; /* line where the row ends */
    } * rows;
    size_t nrows, rcap;
} batch;

/* Batches from the parser to the sink's thread, in order. */
typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t changed;
    batch b[NBATCH];
    size_t head, count; /* full batches b[head], b[head + 1] ... (mod NBATCH) */
    int done;           /* the parser has sent its last batch */
    int failed;         /* the sink failed: stop parsing */
} queue;

enum enc_mode { ENC_DETECT, ENC_UTF8, ENC_CONVERT };

typedef struct reader {
    const char *name;
    const csvr_options *opt;
    const csvr_sink *sink;
    csvr_info info;
    ind_status sstatus; /* the sink's first failure (on the sink's thread when threaded) */
    /* the reader's own error, reported only when no earlier row failed */
    ind_status pstatus;
    ind_error perr;
    int retry; /* not UTF-8 after all: start over as GB18030 */
    int stop;  /* the sink failed */
    enum enc_mode mode;
    int utf8_detected; /* UTF-8 was detected, not given */
    int rewindable;    /* the input can be read a second time (not a pipe) */
    int gb_detected;   /* GB18030 was chosen because the text is not UTF-8 */
    int started;       /* the sink was told the encoding and delimiter */
    struct csv_parser csv;
    size_t line;      /* line of the bytes being fed */
    int pending_cr;   /* the last byte fed was a CR */
    size_t ev_line;   /* line of the last callback */
    int ev_row, ev_c; /* whether it was a row end, and its terminator */
    size_t row_first; /* index in the batch of the current row's first field */
    size_t row_text;  /* offset in the batch text where the current row starts */
    enc_conv conv;    /* to UTF-8, when the text is in another encoding */
    int have_conv;
    int row_start;    /* the bytes fed so far end with a line end (libcsv between rows
                         unless inside a quoted field) */
    struct span {
        size_t off, len;
    } * spans; /* split_line's fields */
    size_t spans_cap;
    int threaded;
    queue q;
    batch own;  /* the batch being filled when not threaded */
    batch *cur; /* the batch being filled */
} reader;

/* ---------------------------------------------------------------- errors */

static void pfail(reader *R, ind_status code, size_t line, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Records the reader's first error. */
static void pfail(reader *R, ind_status code, size_t line, size_t col, const char *fmt, ...)
{
    if (R->pstatus)
        return;
    va_list ap;
    va_start(ap, fmt);
    R->pstatus = ind_error_vset(&R->perr, code, R->name, (long)line, (long)col, fmt, ap);
    va_end(ap);
}

static int stopped(const reader *R)
{
    return R->pstatus || R->retry || R->stop;
}

/* --------------------------------------------------------------- batches */

/* Room in b for text more bytes, fields more fields and row more rows. */
static int batch_reserve(batch *b, size_t text, size_t fields, int row)
{
    if (b->len + text > b->cap) {
        size_t cap = b->cap ? b->cap : BATCH_BYTES + 4096;
        while (cap < b->len + text)
            cap *= 2;
        char *p = realloc(b->text, cap);
        if (!p)
            return -1;
        b->text = p;
        b->cap = cap;
    }
    if (b->nf + fields > b->fcap) {
        size_t cap = b->fcap ? b->fcap * 2 : 4096;
        while (cap < b->nf + fields)
            cap *= 2;
        csvr_field *p = realloc(b->f, cap * sizeof *p);
        if (!p)
            return -1;
        b->f = p;
        b->fcap = cap;
    }
    if (row && b->nrows == b->rcap) {
        size_t cap = b->rcap ? b->rcap * 2 : 1024;
        struct mark *p = realloc(b->rows, cap * sizeof *p);
        if (!p)
            return -1;
        b->rows = p;
        b->rcap = cap;
    }
    return 0;
}

/* batch_reserve when b is short of room (nearly never): the check inlined where rows are added. */
static inline int batch_room(batch *b, size_t text, size_t fields, int row)
{
    if (b->len + text <= b->cap && b->nf + fields <= b->fcap && (!row || b->nrows < b->rcap))
        return 0;
    return batch_reserve(b, text, fields, row);
}

static void batch_free(batch *b)
{
    free(b->text);
    free(b->f);
    free(b->rows);
    memset(b, 0, sizeof *b);
}

/* Hands the rows of b to the sink (on whichever thread runs it); b is emptied. */
static void deliver(reader *R, batch *b)
{
    size_t first = 0;
    for (size_t i = 0; i < b->nrows && R->sstatus == IND_OK; i++) {
        csvr_row row = {b->text, b->f ? b->f + first : NULL, b->rows[i].end - first,
                        b->rows[i].line}; /* f NULL: only blank rows so far */
        R->sstatus = R->sink->row(R->sink->ctx, &row);
        first = b->rows[i].end;
    }
    b->len = b->nf = b->nrows = 0;
}

static void *sink_thread(void *arg)
{
    reader *R = arg;
    queue *q = &R->q;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->count == 0 && !q->done)
            pthread_cond_wait(&q->changed, &q->mu);
        if (q->count == 0)
            break;
        batch *b = &q->b[q->head];
        pthread_mutex_unlock(&q->mu);
        deliver(R, b); /* after a failure it only empties the batch */
        pthread_mutex_lock(&q->mu);
        q->head = (q->head + 1) % NBATCH;
        q->count--;
        q->failed = R->sstatus != IND_OK;
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Hands the filled batch over (or delivers it here) and starts the next. */
static void flush(reader *R)
{
    if (R->cur->nrows == 0)
        return;
    if (!R->threaded) {
        deliver(R, R->cur);
        R->stop = R->sstatus != IND_OK;
        return;
    }
    queue *q = &R->q;
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_broadcast(&q->changed);
    while (q->count == NBATCH)
        pthread_cond_wait(&q->changed, &q->mu);
    R->cur = &q->b[(q->head + q->count) % NBATCH];
    R->stop = q->failed;
    pthread_mutex_unlock(&q->mu);
}

/* ------------------------------------------------------------- callbacks */

/* The next field of the row, s[0..len). */
static void add_field(reader *R, const char *s, size_t len)
{
    if (stopped(R))
        return;
    batch *b = R->cur;
    size_t start = R->ev_row ? R->ev_line + 1 : R->ev_line;
    R->ev_line = R->line;
    R->ev_row = 0;
    if (b->nf - R->row_first >= ROW_MAX_FIELDS || b->len - R->row_text + len > ROW_MAX_BYTES) {
        pfail(R, IND_E_FORMAT, R->line, b->nf - R->row_first + 1,
              "row longer than %zu fields or %zu MiB", ROW_MAX_FIELDS, ROW_MAX_BYTES >> 20);
        return;
    }
    if (batch_room(b, len + 1, 1, 0) != 0) {
        pfail(R, IND_E_NOMEM, 0, 0, "out of memory");
        return;
    }
    memcpy(b->text + b->len, s, len);
    b->text[b->len + len] = '\0';
    csvr_field *f = &b->f[b->nf++];
    f->off = b->len;
    f->len = len;
    f->line = start ? start : 1;
    b->len += len + 1;
}

static void on_field(void *s, size_t len, void *data)
{
    add_field(data, s, len);
}

/*
 * The nf fields split_line found in the line s[0..n) (R->spans), as nf
 * add_field calls would add them, but with one copy of the line: each
 * field's end is made a NUL in the copy (the byte after a field is a
 * space, a quote, the delimiter or the line end, none of them kept).
 */
static void add_line(reader *R, const char *s, size_t n, size_t nf)
{
    if (stopped(R) || nf == 0)
        return;
    batch *b = R->cur;
    if (batch_room(b, n + 1, nf, 0) != 0) {
        pfail(R, IND_E_NOMEM, 0, 0, "out of memory");
        return;
    }
    size_t base = b->len, first = R->ev_row ? R->ev_line + 1 : R->ev_line, line = R->line;
    char *text = b->text; /* in locals: a char store could alias every field read */
    csvr_field *f = b->f + b->nf;
    const struct span *sp = R->spans;
    memcpy(text + base, s, n);
    for (size_t i = 0; i < nf; i++) {
        f[i].off = base + sp[i].off;
        f[i].len = sp[i].len;
        f[i].line = i ? line : first ? first : 1;
        text[f[i].off + f[i].len] = '\0';
    }
    b->nf += nf;
    R->ev_line = R->line;
    R->ev_row = 0;
    b->len += n + 1;
}

static void on_row(int c, void *data)
{
    reader *R = data;
    if (stopped(R))
        return;
    batch *b = R->cur;
    int crlf_tail =
        b->nf == R->row_first && c == '\n' && R->ev_row && R->ev_c == '\r' && R->ev_line == R->line;
    R->ev_line = R->line;
    R->ev_row = 1;
    R->ev_c = c;
    if (crlf_tail)
        return;
    if (batch_room(b, 0, 0, 1) != 0) {
        pfail(R, IND_E_NOMEM, 0, 0, "out of memory");
        return;
    }
    b->rows[b->nrows].end = b->nf;
    b->rows[b->nrows].line = R->line;
    b->nrows++;
    if (b->len >= BATCH_BYTES || b->nrows >= BATCH_ROWS)
        flush(R);
    R->row_first = R->cur->nf;
    R->row_text = R->cur->len;
}

/* Fields in the current row so far. */
static size_t row_fields(const reader *R)
{
    return R->cur->nf - R->row_first;
}

/* ----------------------------------------------------------------- lines */

/* The line where the field being parsed started. */
static size_t open_field_line(const reader *R)
{
    size_t line = R->ev_row ? R->ev_line + 1 : R->ev_line;
    return line ? line : 1;
}

static void parse(reader *R, const char *s, size_t n)
{
    size_t done = csv_parse(&R->csv, s, n, on_field, on_row, R);
    if (stopped(R))
        return;
    int e = csv_error(&R->csv);
    if (done < n || e != CSV_SUCCESS) {
        if (e == CSV_EPARSE && R->csv.quoted)
            pfail(R, IND_E_FORMAT, R->line, row_fields(R) + 1,
                  "text after the closing quote of a quoted field (write a quote inside quotes "
                  "as \"\")");
        else if (e == CSV_EPARSE)
            pfail(R, IND_E_FORMAT, R->line, row_fields(R) + 1,
                  "a quote inside an unquoted field (quote the whole field)");
        else
            pfail(R, IND_E_NOMEM, R->line, row_fields(R) + 1, "out of memory");
        return;
    }
    if (R->csv.entry_pos > FIELD_MAX)
        pfail(R, IND_E_FORMAT, open_field_line(R), row_fields(R) + 1, "field longer than %zu MiB%s",
              FIELD_MAX >> 20, R->csv.quoted ? " (a quote that is never closed?)" : "");
}

/*
 * Word-at-a-time scanning (8 bytes a step) of a line for its delimiters and
 * quotes, on little-endian machines with a count-trailing-zeros builtin:
 * one pass instead of a memchr for the quote and one per field (the long
 * file's lines are about 40 bytes of 4 short fields, where each call's
 * set-up cost more than its scanning).
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SCAN_WORDS 1
#define BYTES_OF(c) (UINT64_C(0x0101010101010101) * (unsigned char)(c))

/* The high bit of each byte of w that equals the byte of c8 (exact: no carry between bytes). */
static uint64_t equal_bytes(uint64_t w, uint64_t c8)
{
    const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
    uint64_t x = w ^ c8;
    return ~(((x & low7) + low7) | x | low7);
}

/*
 * The offsets of the delimiters in s[0..n) into at[k].len (at most max of
 * them); returns how many, or -1 when s has a quote or more than max.
 */
static long find_delims(const char *s, size_t n, unsigned char delim, struct span *at, size_t max)
{
    const uint64_t d8 = BYTES_OF(delim), q8 = BYTES_OF('"');
    size_t k = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (equal_bytes(w, q8))
            return -1;
        for (uint64_t m = equal_bytes(w, d8); m; m &= m - 1) {
            if (k == max)
                return -1;
            at[k++].len = i + (size_t)__builtin_ctzll(m) / 8;
        }
    }
    for (; i < n; i++) {
        if (s[i] == '"')
            return -1;
        if ((unsigned char)s[i] == delim) {
            if (k == max)
                return -1;
            at[k++].len = i;
        }
    }
    return (long)k;
}

static void add_line(reader *R, const char *s, size_t n, size_t nf);
static void on_row(int c, void *data);

/*
 * split_line's reading of a line s[0..n) without quotes: its fields are the
 * text between delimiters, spaces and tabs (unless the delimiter) around
 * each dropped; a line of nothing else is a blank row. Returns 0, having
 * handed nothing over, when the line has a quote or more fields than the
 * spans hold (split_line's general loop reads it).
 */
static int split_plain(reader *R, const char *s, size_t n, char term)
{
    unsigned char delim = R->csv.delim_char;
#define SPACE(c) (((c) == ' ' || (c) == '\t') && (unsigned char)(c) != delim)
    if (R->spans_cap == 0)
        return 0;
    long k = find_delims(s, n, delim, R->spans, R->spans_cap - 1);
    if (k < 0)
        return 0;
    size_t start = 0, nf = (size_t)k + 1;
    for (size_t i = 0; i < nf; i++) {
        size_t a = start, b = i < (size_t)k ? R->spans[i].len : n;
        start = b + 1;
        while (a < b && (unsigned char)s[a] <= ' ' && SPACE(s[a])) /* nearly always false */
            a++;
        while (b > a && (unsigned char)s[b - 1] <= ' ' && SPACE(s[b - 1]))
            b--;
        R->spans[i].off = a;
        R->spans[i].len = b - a;
    }
#undef SPACE
    if (k == 0 && R->spans[0].len == 0)
        nf = 0; /* only spaces: a blank row */
    add_line(R, s, n, nf);
    on_row((unsigned char)term, R);
    return 1;
}
#else
#define SCAN_WORDS 0
#endif

/*
 * libcsv's reading of one whole line s[0..n) ended by term, at the start of
 * a row, without libcsv, for the lines of nearly every file: fields without
 * a line end or an escaped quote ("") inside. As libcsv (strict) reads
 * them: spaces and tabs (unless the delimiter) around an unquoted field and
 * between a closing quote and the delimiter are dropped, a line of nothing
 * else is a blank row. Returns 0, having handed nothing over, for any other
 * line (a quote inside an unquoted field, text after a closing quote, a
 * quoted field going on to the next line, "" inside quotes, too many
 * fields): libcsv reads it, and reports its errors.
 */
static int split_line(reader *R, const char *s, size_t n, char term)
{
    unsigned char delim = R->csv.delim_char;
#define SPACE(c) (((c) == ' ' || (c) == '\t') && (unsigned char)(c) != delim)
    if (n + 1 > ROW_MAX_BYTES)
        return 0; /* libcsv's reading reports it */
#if SCAN_WORDS
    if (split_plain(R, s, n, term))
        return 1;
#endif
    int quotes = memchr(s, '"', n) != NULL; /* most lines of a long file have none */
    size_t pos = 0, nf = 0;
    while (pos < n && SPACE(s[pos]))
        pos++;
    for (int blank = pos == n; !blank;) { /* one field, up to the delimiter or the line end */
        size_t start, end;
        while (pos < n && SPACE(s[pos]))
            pos++;
        if (quotes && pos < n && s[pos] == '"') {
            const char *close = memchr(s + pos + 1, '"', n - pos - 1);
            if (!close)
                return 0;
            start = pos + 1;
            end = (size_t)(close - s);
            for (pos = end + 1; pos < n && SPACE(s[pos]);)
                pos++;
            if (pos < n && (unsigned char)s[pos] != delim)
                return 0;
        } else {
            start = pos;
            if (quotes) {
                for (; pos < n && (unsigned char)s[pos] != delim; pos++)
                    if (s[pos] == '"')
                        return 0;
            } else {
                const char *d = memchr(s + pos, delim, n - pos);
                pos = d ? (size_t)(d - s) : n;
            }
            for (end = pos; end > start && SPACE(s[end - 1]);)
                end--;
        }
        if (nf == R->spans_cap) {
            size_t cap = R->spans_cap ? 2 * R->spans_cap : 256;
            struct span *grown = realloc(R->spans, cap * sizeof *grown);
            if (!grown)
                return 0;
            R->spans = grown;
            R->spans_cap = cap;
        }
        if (nf == ROW_MAX_FIELDS)
            return 0; /* libcsv's reading reports it */
        R->spans[nf].off = start;
        R->spans[nf++].len = end - start;
        if (pos++ == n)
            break;
    }
#undef SPACE
    add_line(R, s, n, nf);
    on_row((unsigned char)term, R);
    return 1;
}

/* Feeds text to libcsv one line at a time, so that every callback knows its line. */
static void feed_lines(reader *R, const char *s, size_t len)
{
    size_t pos = 0, nl = 0, cr = 0;
    int have_nl = 0, have_cr = 0;
    while (pos < len && !stopped(R)) {
        if (R->pending_cr) {
            R->pending_cr = 0;
            if (s[pos] == '\n') {
                parse(R, s + pos, 1);
                pos++;
                R->line++;
                continue;
            }
            R->line++;
        }
        if (!have_nl || nl < pos) {
            const char *q = memchr(s + pos, '\n', len - pos);
            nl = q ? (size_t)(q - s) : len;
            have_nl = 1;
        }
        if (!have_cr || cr < pos) {
            const char *q = memchr(s + pos, '\r', len - pos);
            cr = q ? (size_t)(q - s) : len;
            have_cr = 1;
        }
        size_t end = nl < cr ? nl : cr;
        if (end == len) { /* the rest of the line comes with the next chunk */
            parse(R, s + pos, len - pos);
            R->row_start = 0;
            break;
        }
        if (!R->row_start || R->csv.quoted || !split_line(R, s + pos, end - pos, s[end]))
            parse(R, s + pos, end + 1 - pos);
        R->row_start = 1;
        if (s[end] == '\n')
            R->line++;
        else
            R->pending_cr = 1;
        pos = end + 1;
    }
}

/* Counts ',' ';' and tabs outside quotes on the first line that has any. */
static char detect_delimiter(const char *s, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    int quoted = 0, lines = 0;
    for (size_t i = 0; i < len && lines < 50; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == ',')
            comma++;
        else if (c == ';')
            semi++;
        else if (c == '\t')
            tab++;
        else if (c == '\n' || c == '\r') {
            if (comma || semi || tab)
                break;
            lines++;
        }
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

/* Tells the sink the encoding and delimiter (once a pass). */
static void start_sink(reader *R, char delimiter)
{
    R->started = 1;
    R->info.delimiter = delimiter;
    csv_set_delim(&R->csv, (unsigned char)delimiter);
    if (R->sink->start && (R->sstatus = R->sink->start(R->sink->ctx, &R->info)) != IND_OK)
        R->stop = 1;
}

/* Decoded UTF-8 text: strips a BOM at the start, stops at NUL bytes, feeds the lines. */
static void feed_text(reader *R, const char *s, size_t len)
{
    if (!R->started && len > 0) {
        if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
            s += 3;
            len -= 3;
            if (R->mode != ENC_CONVERT)
                snprintf(R->info.encoding, sizeof R->info.encoding, "UTF-8 (BOM)");
        }
        start_sink(R, R->opt->delimiter ? R->opt->delimiter : detect_delimiter(s, len));
        if (stopped(R))
            return;
    }
    const char *nul = memchr(s, '\0', len);
    feed_lines(R, s, nul ? (size_t)(nul - s) : len);
    if (nul && !stopped(R))
        pfail(R, IND_E_FORMAT, R->line, row_fields(R) + 1, "NUL byte in the text: a binary file?");
}

/* ------------------------------------------------------------- encodings */

/* Bad bytes at s (left of them): the error, naming the first when UTF-8 was detected. */
static void bad_encoding(reader *R, const char *s, size_t left)
{
    size_t line = R->line, col = row_fields(R) + 1;
    if (R->gb_detected) {
        pfail(R, IND_E_ENCODING, line, col,
              "bytes that are neither UTF-8 nor GB18030: a binary file? (--encoding names "
              "another encoding)");
    } else if (R->utf8_detected) {
        char what[48] = "a sequence cut off by the end of the file";
        if (left)
            snprintf(what, sizeof what, "byte 0x%02x", (unsigned char)s[0]);
        pfail(R, IND_E_ENCODING, line, col,
              "invalid UTF-8 (%s in a file that is otherwise UTF-8; fix it, or name the "
              "file's encoding with --encoding)",
              what);
    } else {
        pfail(R, IND_E_ENCODING, line, col, "bytes that are not valid %s%s",
              R->mode == ENC_UTF8 ? "UTF-8" : R->info.encoding,
              R->mode == ENC_UTF8 ? " (use --encoding to name the file's encoding, e.g. gbk)"
                                  : "");
    }
}

static void set_encoding_name(reader *R, const char *name)
{
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof R->info.encoding; i++) {
        char c = name[i];
        R->info.encoding[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    R->info.encoding[i] = '\0';
}

/* Starts converting from encoding (named in info as shown). 0, or -1 after reporting. */
static int start_conversion(reader *R, const char *encoding, const char *shown)
{
    if (enc_conv_open(&R->conv, encoding) != 0) {
        pfail(R, IND_E_ARG, 0, 0, "unknown encoding '%s'", encoding);
        return -1;
    }
    R->have_conv = 1;
    R->mode = ENC_CONVERT;
    set_encoding_name(R, shown);
    return 0;
}

/*
 * Tells the encoding from the first chunk: a UTF-16 byte order mark; else
 * UTF-8 when the bytes (up to a NUL, reported later as binary) are UTF-8 or
 * mostly so (the invalid ones are then reported); else GB18030.
 */
static int detect_encoding(reader *R, const char *chunk, size_t n)
{
    const unsigned char *u = (const unsigned char *)chunk;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return start_conversion(R, "UTF-16", "UTF-16");
    int bom = n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0;
    const char *nul = memchr(chunk, '\0', n);
    size_t upto = nul ? (size_t)(nul - chunk) : n, valid, invalid;
    enc_utf8_survey(u, upto, &valid, &invalid);
    if (bom || enc_mostly_utf8(valid, invalid)) {
        R->mode = ENC_UTF8;
        R->utf8_detected = !bom;
        return 0;
    }
    R->gb_detected = 1;
    return start_conversion(R, "GB18030", "GB18030");
}

/*
 * Invalid UTF-8 at chunk[bad..n) (n == 0: the input ends inside a sequence)
 * in a file read as UTF-8: an error, unless UTF-8 was only guessed from an
 * ASCII start and the text from here is not mostly UTF-8 (a GBK file whose
 * Chinese comes late): then it is read again as GB18030.
 */
static void invalid_utf8(reader *R, const enc_utf8 *u8, const char *chunk, size_t bad, size_t n)
{
    size_t valid = 0, invalid = 1;
    if (n > 0)
        enc_utf8_survey((const unsigned char *)chunk + bad, n - bad, &valid, &invalid);
    if (!R->utf8_detected || enc_mostly_utf8(u8->sequences + valid, invalid))
        bad_encoding(R, chunk + bad, n - bad);
    else if (R->rewindable)
        R->retry = 1;
    else
        pfail(R, IND_E_ENCODING, R->line, row_fields(R) + 1,
              "bytes that are not UTF-8 after a start that is, and a pipe cannot be read a "
              "second time: name the encoding with --encoding (e.g. gbk)");
}

/* Where the bytes come from: a file or stream read in chunks, or memory. */
typedef struct source {
    FILE *fp;
    const char *data;
    size_t len, pos;
    char *buf;
    int seekable; /* fp is a regular file */
    const char *head; /* bytes already read from fp, to come first */
    size_t nhead;
} source;

static int source_next(source *src, const char **chunk, size_t *n)
{
    if (!src->fp) {
        *n = src->len - src->pos < CHUNK_SIZE ? src->len - src->pos : CHUNK_SIZE;
        *chunk = src->data + src->pos;
        src->pos += *n;
        return 0;
    }
    size_t first = src->nhead < CHUNK_SIZE ? src->nhead : 0;
    if (first)
        memcpy(src->buf, src->head, first); /* the chunk it would have been */
    src->nhead = 0;
    *n = first + fread(src->buf + first, 1, CHUNK_SIZE - first, src->fp);
    *chunk = src->buf;
    return ferror(src->fp) ? -1 : 0;
}

/* Reads the source chunk by chunk through the decoder into the parser. */
static void decode_all(reader *R, source *src)
{
    enc_utf8 u8;
    memset(&u8, 0, sizeof u8);
    const char *chunk;
    size_t n;
    int first = 1;
    do {
        if (source_next(src, &chunk, &n) != 0) {
            pfail(R, IND_E_IO, 0, 0, "cannot read: %s", strerror(errno));
            return;
        }
        if (first && R->mode == ENC_DETECT && detect_encoding(R, chunk, n) != 0)
            return;
        first = 0;
        if (R->mode == ENC_UTF8) {
            size_t ok = enc_utf8_check(&u8, (const unsigned char *)chunk, n);
            feed_text(R, chunk, ok);
            if (!stopped(R) && (ok < n || (n == 0 && u8.need)))
                invalid_utf8(R, &u8, chunk, ok, n);
        } else {
            const char *out;
            size_t outlen;
            int rc = enc_conv_chunk(&R->conv, chunk, n, n == 0, &out, &outlen);
            if (rc == ENC_NOMEM) {
                pfail(R, IND_E_NOMEM, 0, 0, "out of memory");
                return;
            }
            feed_text(R, out, outlen);
            if (!stopped(R) && rc == ENC_INVALID)
                bad_encoding(R, "", 0);
        }
    } while (n > 0 && !stopped(R));
}

/* ----------------------------------------------------------------- setup */

static int start_thread(reader *R, pthread_t *tid)
{
    queue *q = &R->q;
    if (pthread_mutex_init(&q->mu, NULL) != 0)
        return -1;
    if (pthread_cond_init(&q->changed, NULL) != 0) {
        pthread_mutex_destroy(&q->mu);
        return -1;
    }
    if (pthread_create(tid, NULL, sink_thread, R) != 0) {
        pthread_cond_destroy(&q->changed);
        pthread_mutex_destroy(&q->mu);
        return -1;
    }
    R->threaded = 1;
    R->cur = &q->b[0];
    return 0;
}

static void stop_thread(reader *R, pthread_t tid)
{
    queue *q = &R->q;
    pthread_mutex_lock(&q->mu);
    q->done = 1;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->mu);
    pthread_join(tid, NULL);
    pthread_cond_destroy(&q->changed);
    pthread_mutex_destroy(&q->mu);
    for (int i = 0; i < NBATCH; i++)
        batch_free(&q->b[i]);
    memset(q, 0, sizeof *q);
    R->threaded = 0;
}

/* Parses everything, handing rows over as batches fill up; the last row included. */
static void run(reader *R, source *src)
{
    decode_all(R, src);
    if (!stopped(R) && csv_fini(&R->csv, on_field, on_row, R) != 0)
        pfail(R, IND_E_FORMAT, open_field_line(R), row_fields(R) + 1,
              "quoted field never closed (the file ends inside it)");
    /* the rows before a reader error still count: an earlier bad row wins (the
       fields of an unfinished row come after the last row mark and are dropped) */
    if (!R->stop)
        flush(R);
    if (!R->started && !stopped(R)) /* an empty input */
        start_sink(R, R->opt->delimiter ? R->opt->delimiter : ',');
}

/* One pass over the input in the given encoding (NULL: detect); R->retry asks for another. */
static void read_pass(reader *R, source *src, const char *encoding, int threads)
{
    pthread_t tid;
    R->cur = &R->own;
    R->line = 1;
    R->row_start = 1;
    if (encoding && enc_is_utf8(encoding)) {
        R->mode = ENC_UTF8;
        set_encoding_name(R, "UTF-8");
    } else if (encoding) {
        if (start_conversion(R, encoding, encoding) != 0)
            return;
    } else {
        R->mode = ENC_DETECT;
        set_encoding_name(R, "UTF-8");
    }
    if (csv_init(&R->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
        pfail(R, IND_E_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    csv_set_blk_size(&R->csv, 1 << 16);
    if (threads)
        start_thread(R, &tid); /* when it fails, rows are handed over on this thread */
    run(R, src);
    if (R->threaded)
        stop_thread(R, tid);
    csv_free(&R->csv);
out:
    free(R->spans);
    R->spans = NULL;
    R->spans_cap = 0;
    batch_free(&R->own);
    if (R->have_conv)
        enc_conv_close(&R->conv);
}

/* Whether the input is large enough (or of unknown length) for a second thread to pay. */
static int worth_a_thread(const source *src)
{
    struct stat st;
    if (!src->fp)
        return src->len >= THREAD_MIN_BYTES;
    if (!src->seekable)
        return 1; /* a pipe of unknown length: a thread costs little beside its reading */
    return fstat(fileno(src->fp), &st) == 0 && (size_t)st.st_size >= THREAD_MIN_BYTES;
}

/* Back to the start of the input for a second pass; -1 when it cannot. */
static int rewind_source(source *src)
{
    if (src->fp)
        return src->seekable ? fseek(src->fp, 0, SEEK_SET) : -1;
    src->pos = 0;
    return 0;
}

static ind_status read_all(source *src, const char *name, const csvr_options *opt,
                           const csvr_sink *sink, ind_error *err)
{
    csvr_options defaults = {NULL, 0, false};
    if (!opt)
        opt = &defaults;
    ind_error_clear(err);
    if (opt->delimiter == '"' || opt->delimiter == '\n' || opt->delimiter == '\r' ||
        (unsigned char)opt->delimiter >= 0x80)
        return ind_error_set(err, IND_E_ARG, name, 0, 0,
                             "the delimiter cannot be a quote, a line end or a non-ASCII byte");
    const char *encoding = opt->encoding;
    int threads = opt->threads && worth_a_thread(src);
    reader *R = calloc(1, sizeof *R);
    if (!R)
        return ind_error_set(err, IND_E_NOMEM, name, 0, 0, "out of memory");
    ind_status status = IND_OK;
    for (int attempt = 0;; attempt++) {
        memset(R, 0, sizeof *R);
        R->name = name;
        R->opt = opt;
        R->sink = sink;
        R->gb_detected = attempt > 0; /* the second pass reads GB18030 */
        R->rewindable = !src->fp || src->seekable;
        read_pass(R, src, encoding, threads);
        if (R->sstatus != IND_OK) {
            status = R->sstatus;
            break;
        }
        if (R->pstatus != IND_OK) {
            if (err)
                *err = R->perr;
            status = R->pstatus;
            break;
        }
        if (!R->retry)
            break;
        /* not UTF-8 after all: read it again as GB18030 (a superset of GBK and GB2312) */
        encoding = "GB18030";
        if (attempt > 0 || rewind_source(src) != 0) {
            status = ind_error_set(err, IND_E_ENCODING, name, 0, 0,
                                   "not UTF-8, and the input cannot be read again as GB18030");
            break;
        }
    }
    free(R);
    return status;
}

/* ------------------------------------------------------------- interface */

/*
 * Opens path for reading if it is a regular file. Opened without blocking,
 * so that a FIFO with no writer is refused rather than waited for.
 */
static ind_status open_regular(const char *path, FILE **out, ind_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return ind_error_set(err, IND_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (S_ISDIR(st.st_mode))
        why = "it is a directory";
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file (a FIFO, device or socket): save the data to a file first";
    int flags = why ? 0 : fcntl(fd, F_GETFL);
    if (!why && (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0))
        why = strerror(errno);
    if (!why && !(*out = fdopen(fd, "rb")))
        why = strerror(errno);
    if (why) {
        close(fd);
        return ind_error_set(err, IND_E_IO, path, 0, 0, "cannot read: %s", why);
    }
    return IND_OK;
}

ind_status csvr_read_stream(FILE *fp, const char *name, const csvr_options *opt,
                            const csvr_sink *sink, ind_error *err)
{
    return csvr_read_stream_head(fp, NULL, 0, name, opt, sink, err);
}

ind_status csvr_read_stream_head(FILE *fp, const void *head, size_t nhead, const char *name,
                                 const csvr_options *opt, const csvr_sink *sink, ind_error *err)
{
    source src;
    memset(&src, 0, sizeof src);
    struct stat st;
    src.fp = fp;
    src.head = head;
    src.nhead = nhead;
    src.seekable = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && ftell(fp) == 0;
    if (!(src.buf = malloc(CHUNK_SIZE)))
        return ind_error_set(err, IND_E_NOMEM, name, 0, 0, "out of memory");
    ind_status status = read_all(&src, name, opt, sink, err);
    free(src.buf);
    return status;
}

ind_status csvr_read_file(const char *path, const csvr_options *opt, const csvr_sink *sink,
                          ind_error *err)
{
    FILE *fp;
    ind_status status = open_regular(path, &fp, err);
    if (status != IND_OK)
        return status;
    status = csvr_read_stream(fp, path, opt, sink, err);
    fclose(fp);
    return status;
}

ind_status csvr_read_buffer(const char *data, size_t len, const char *name,
                            const csvr_options *opt, const csvr_sink *sink, ind_error *err)
{
    source src;
    memset(&src, 0, sizeof src);
    src.data = data ? data : "";
    src.len = data ? len : 0;
    return read_all(&src, name ? name : "<buffer>", opt, sink, err);
}
