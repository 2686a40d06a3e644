/*
 * load.c - reading indicator CSV files into a dataset (see
 * include/indicators/load.h): bytes to rows.
 *
 * The pipeline, one chunk (1 MiB) at a time:
 *   source (file or memory) -> decode (check UTF-8, or iconv to UTF-8)
 *   -> split into lines (so that every callback knows its line)
 *   -> libcsv (strict) -> field and row callbacks fill a batch of rows
 *   -> rows.c (header, shape, values) builds the dataset.
 * Memory holds a chunk, a few batches and the dataset being built.
 *
 * Inputs of 8 MiB and more are converted on a second thread while this one
 * keeps parsing: libcsv and the row conversion each take about half the
 * time. Batches go through a small bounded queue in file order, so errors
 * are found in the same order either way: the first bad cell of the file is
 * the one reported, and an error of the parser (a broken quote, bad bytes)
 * only counts when no earlier row had one.
 */
#include "indicators/load.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "encoding.h"
#include "rows.h"

#define CHUNK_SIZE ((size_t)1 << 20)
#define FIELD_MAX ((size_t)1 << 20)      /* longest field accepted */
#define ROW_MAX_BYTES ((size_t)16 << 20) /* longest row accepted */
#define ROW_MAX_FIELDS ((size_t)100000)
#define BATCH_BYTES ((size_t)256 << 10) /* a batch is handed over at this much text */
#define BATCH_ROWS ((size_t)8192)       /* or this many rows */
#define NBATCH 4                        /* batches in flight */
#define THREAD_MIN_BYTES ((size_t)8 << 20)

/* Rows read but not yet converted: fields' text, fields, and where each row ends. */
typedef struct batch {
    char *text;
    size_t len, cap;
    ld_field *f;
    size_t nf, fcap;
    struct mark {
        size_t end;  /* index in f after the row's last field */
        size_t line; /* line where the row ends */
    } * rows;
    size_t nrows, rcap;
} batch;

/* Batches from the parser to the converting thread, in order. */
typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t changed;
    batch b[NBATCH];
    size_t head, count; /* full batches b[head], b[head + 1] ... (mod NBATCH) */
    int done;           /* the parser has sent its last batch */
    int failed;         /* the converter found an error: stop parsing */
} queue;

enum enc_mode { ENC_DETECT, ENC_UTF8, ENC_CONVERT };

typedef struct loader {
    ld_rows rows; /* the conversion (on the other thread when threaded) */
    ind_load_info *info;
    const ind_load_options *opt;
    /* the parser's own error, reported only when no earlier row failed */
    ind_status pstatus;
    ind_error perr;
    int retry; /* invalid UTF-8 in a detected-UTF-8 file: start over as GB18030 */
    int stop;  /* the converter failed */
    enum enc_mode mode;
    int utf8_detected; /* UTF-8 was detected, not forced */
    int gb_detected;   /* GB18030 was chosen because the text is not UTF-8 */
    int started;       /* text fed yet (BOM and delimiter handled) */
    struct csv_parser csv;
    size_t line;      /* line of the bytes being fed */
    int pending_cr;   /* the last byte fed was a CR */
    size_t ev_line;   /* line of the last callback */
    int ev_row, ev_c; /* whether it was a row end, and its terminator */
    size_t row_first; /* index in the batch of the current row's first field */
    size_t row_text;  /* offset in the batch text where the current row starts */
    enc_conv conv;    /* to UTF-8, when the text is in another encoding */
    int have_conv;
    int threaded;
    queue q;
    batch own;  /* the batch being filled when not threaded */
    batch *cur; /* the batch being filled */
} loader;

/* ---------------------------------------------------------------- errors */

static void pfail(loader *L, ind_status code, size_t line, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Records the parser's first error. */
static void pfail(loader *L, ind_status code, size_t line, size_t col, const char *fmt, ...)
{
    if (L->pstatus)
        return;
    char msg[IND_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->pstatus = code;
    ind_error_set(&L->perr, code, L->rows.path, (long)line, (long)col, "%s", msg);
}

static int stopped(const loader *L)
{
    return L->pstatus || L->retry || L->stop;
}

/* --------------------------------------------------------------- batches */

static int batch_reserve(batch *b, size_t text, int field, int row)
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
    if (field && b->nf == b->fcap) {
        size_t cap = b->fcap ? b->fcap * 2 : 4096;
        ld_field *p = realloc(b->f, cap * sizeof *p);
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

static void batch_free(batch *b)
{
    free(b->text);
    free(b->f);
    free(b->rows);
}

/* Converts the rows of b (on whichever thread runs it); b is emptied. */
static void convert_batch(ld_rows *R, batch *b)
{
    size_t first = 0;
    for (size_t i = 0; i < b->nrows && !R->status; i++) {
        const ld_field *f = b->f ? b->f + first : NULL; /* NULL: only blank rows so far */
        ld_rows_add(R, b->text, f, b->rows[i].end - first, b->rows[i].line);
        first = b->rows[i].end;
    }
    b->len = b->nf = b->nrows = 0;
}

static void *converter(void *arg)
{
    loader *L = arg;
    queue *q = &L->q;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->count == 0 && !q->done)
            pthread_cond_wait(&q->changed, &q->mu);
        if (q->count == 0)
            break;
        batch *b = &q->b[q->head];
        pthread_mutex_unlock(&q->mu);
        convert_batch(&L->rows, b); /* after an error it only empties the batch */
        pthread_mutex_lock(&q->mu);
        q->head = (q->head + 1) % NBATCH;
        q->count--;
        q->failed = L->rows.status != IND_OK;
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Hands the filled batch over (or converts it here) and starts the next. */
static void flush(loader *L)
{
    if (L->cur->nrows == 0)
        return;
    if (!L->threaded) {
        convert_batch(&L->rows, L->cur);
        L->stop = L->rows.status != IND_OK;
        return;
    }
    queue *q = &L->q;
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_broadcast(&q->changed);
    while (q->count == NBATCH)
        pthread_cond_wait(&q->changed, &q->mu);
    L->cur = &q->b[(q->head + q->count) % NBATCH];
    L->stop = q->failed;
    pthread_mutex_unlock(&q->mu);
}

/* ------------------------------------------------------------- callbacks */

static void on_field(void *s, size_t len, void *data)
{
    loader *L = data;
    if (stopped(L))
        return;
    batch *b = L->cur;
    size_t start = L->ev_row ? L->ev_line + 1 : L->ev_line;
    L->ev_line = L->line;
    L->ev_row = 0;
    if (b->nf - L->row_first >= ROW_MAX_FIELDS || b->len - L->row_text + len > ROW_MAX_BYTES) {
        pfail(L, IND_E_FORMAT, L->line, b->nf - L->row_first + 1,
              "row longer than %zu fields or %zu MiB", ROW_MAX_FIELDS, ROW_MAX_BYTES >> 20);
        return;
    }
    if (batch_reserve(b, len + 1, 1, 0) != 0) {
        pfail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return;
    }
    memcpy(b->text + b->len, s, len);
    b->text[b->len + len] = '\0';
    ld_field *f = &b->f[b->nf++];
    f->off = b->len;
    f->len = len;
    f->line = start ? start : 1;
    b->len += len + 1;
}

static void on_row(int c, void *data)
{
    loader *L = data;
    if (stopped(L))
        return;
    batch *b = L->cur;
    int crlf_tail =
        b->nf == L->row_first && c == '\n' && L->ev_row && L->ev_c == '\r' && L->ev_line == L->line;
    L->ev_line = L->line;
    L->ev_row = 1;
    L->ev_c = c;
    if (crlf_tail)
        return;
    if (batch_reserve(b, 0, 0, 1) != 0) {
        pfail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return;
    }
    b->rows[b->nrows].end = b->nf;
    b->rows[b->nrows].line = L->line;
    b->nrows++;
    if (b->len >= BATCH_BYTES || b->nrows >= BATCH_ROWS)
        flush(L);
    L->row_first = L->cur->nf;
    L->row_text = L->cur->len;
}

/* Fields in the current row so far. */
static size_t row_fields(const loader *L)
{
    return L->cur->nf - L->row_first;
}

/* ----------------------------------------------------------------- input */

/* The line where the field being parsed started. */
static size_t open_field_line(const loader *L)
{
    size_t line = L->ev_row ? L->ev_line + 1 : L->ev_line;
    return line ? line : 1;
}

static void parse(loader *L, const char *s, size_t n)
{
    size_t done = csv_parse(&L->csv, s, n, on_field, on_row, L);
    if (stopped(L))
        return;
    int e = csv_error(&L->csv);
    if (done < n || e != CSV_SUCCESS) {
        if (e == CSV_EPARSE && L->csv.quoted)
            pfail(L, IND_E_FORMAT, L->line, row_fields(L) + 1,
                  "text after the closing quote of a quoted field (write a quote inside quotes "
                  "as \"\")");
        else if (e == CSV_EPARSE)
            pfail(L, IND_E_FORMAT, L->line, row_fields(L) + 1,
                  "a quote inside an unquoted field (quote the whole field)");
        else
            pfail(L, IND_E_NOMEM, L->line, row_fields(L) + 1, "out of memory");
        return;
    }
    if (L->csv.entry_pos > FIELD_MAX)
        pfail(L, IND_E_FORMAT, open_field_line(L), row_fields(L) + 1, "field longer than %zu MiB%s",
              FIELD_MAX >> 20, L->csv.quoted ? " (a quote that is never closed?)" : "");
}

/* Feeds text to libcsv one line at a time, so that every callback knows its line. */
static void feed_lines(loader *L, const char *s, size_t len)
{
    size_t pos = 0, nl = 0, cr = 0;
    int have_nl = 0, have_cr = 0;
    while (pos < len && !stopped(L)) {
        if (L->pending_cr) {
            L->pending_cr = 0;
            if (s[pos] == '\n') {
                parse(L, s + pos, 1);
                pos++;
                L->line++;
                continue;
            }
            L->line++;
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
        if (end == len) {
            parse(L, s + pos, len - pos);
            break;
        }
        parse(L, s + pos, end + 1 - pos);
        if (s[end] == '\n')
            L->line++;
        else
            L->pending_cr = 1;
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

/* Decoded UTF-8 text: strips a BOM at the start, stops at NUL bytes, feeds the lines. */
static void feed_text(loader *L, const char *s, size_t len)
{
    if (!L->started && len > 0) {
        L->started = 1;
        if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
            s += 3;
            len -= 3;
            if (L->mode != ENC_CONVERT)
                snprintf(L->info->encoding, sizeof L->info->encoding, "UTF-8 (BOM)");
        }
        L->info->delimiter = L->opt->delimiter ? L->opt->delimiter : detect_delimiter(s, len);
        csv_set_delim(&L->csv, (unsigned char)L->info->delimiter);
    }
    const char *nul = memchr(s, '\0', len);
    feed_lines(L, s, nul ? (size_t)(nul - s) : len);
    if (nul && !stopped(L))
        pfail(L, IND_E_FORMAT, L->line, row_fields(L) + 1, "NUL byte in the text: a binary file?");
}

static void bad_encoding(loader *L, const char *what)
{
    if (L->gb_detected)
        pfail(L, IND_E_ENCODING, L->line, row_fields(L) + 1,
              "bytes that are neither UTF-8 nor GB18030: a binary file? (--encoding names "
              "another encoding)");
    else
        pfail(L, IND_E_ENCODING, L->line, row_fields(L) + 1, "bytes that are not valid %s%s", what,
              L->mode == ENC_UTF8 ? " (use --encoding to name the file's encoding, e.g. gbk)" : "");
}

/* Where the bytes come from: a file read in chunks, or memory. */
typedef struct source {
    FILE *fp;
    const char *data;
    size_t len, pos;
    char *buf;
} source;

static int source_next(source *src, const char **chunk, size_t *n)
{
    if (!src->fp) {
        *n = src->len - src->pos < CHUNK_SIZE ? src->len - src->pos : CHUNK_SIZE;
        *chunk = src->data + src->pos;
        src->pos += *n;
        return 0;
    }
    *n = fread(src->buf, 1, CHUNK_SIZE, src->fp);
    *chunk = src->buf;
    return ferror(src->fp) ? -1 : 0;
}

static void set_encoding_name(loader *L, const char *name);

/* Starts converting from encoding (named in info as shown). 0, or -1 after reporting. */
static int start_conversion(loader *L, const char *encoding, const char *shown)
{
    if (enc_conv_open(&L->conv, encoding) != 0) {
        pfail(L, IND_E_ARG, 0, 0, "unknown encoding '%s'", encoding);
        return -1;
    }
    L->have_conv = 1;
    L->mode = ENC_CONVERT;
    set_encoding_name(L, shown);
    return 0;
}

/*
 * Tells the encoding from the first chunk: a UTF-16 byte order mark, else
 * UTF-8 when the bytes are valid UTF-8 (up to a NUL, which is reported
 * later as binary), else GB18030.
 */
static int detect_encoding(loader *L, const char *chunk, size_t n)
{
    const unsigned char *u = (const unsigned char *)chunk;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return start_conversion(L, "UTF-16", "UTF-16");
    enc_utf8 probe = {0, 0, 0};
    int bom = n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0;
    const char *nul = memchr(chunk, '\0', n);
    size_t upto = nul ? (size_t)(nul - chunk) : n;
    if (bom || enc_utf8_check(&probe, u, upto) == upto) {
        L->mode = ENC_UTF8;
        L->utf8_detected = !bom;
        return 0;
    }
    L->gb_detected = 1;
    return start_conversion(L, "GB18030", "GB18030");
}

/* Reads the source chunk by chunk through the decoder into the parser. */
static void decode_all(loader *L, source *src)
{
    enc_utf8 u8 = {0, 0, 0};
    const char *chunk;
    size_t n;
    int first = 1;
    do {
        if (source_next(src, &chunk, &n) != 0) {
            pfail(L, IND_E_IO, 0, 0, "cannot read: %s", strerror(errno));
            return;
        }
        if (first && L->mode == ENC_DETECT && detect_encoding(L, chunk, n) != 0)
            return;
        first = 0;
        if (L->mode == ENC_UTF8) {
            size_t ok = enc_utf8_check(&u8, (const unsigned char *)chunk, n);
            feed_text(L, chunk, ok);
            if (!stopped(L) && (ok < n || (n == 0 && u8.need))) {
                if (L->utf8_detected)
                    L->retry = 1;
                else
                    bad_encoding(L, "UTF-8");
            }
        } else {
            const char *out;
            size_t outlen;
            int rc = enc_conv_chunk(&L->conv, chunk, n, n == 0, &out, &outlen);
            if (rc == ENC_NOMEM) {
                pfail(L, IND_E_NOMEM, 0, 0, "out of memory");
                return;
            }
            feed_text(L, out, outlen);
            if (!stopped(L) && rc == ENC_INVALID)
                bad_encoding(L, L->info->encoding);
        }
    } while (n > 0 && !stopped(L));
}

/* ----------------------------------------------------------------- setup */

static void set_encoding_name(loader *L, const char *name)
{
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof L->info->encoding; i++) {
        char c = name[i];
        L->info->encoding[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    L->info->encoding[i] = '\0';
}

static int start_thread(loader *L, pthread_t *tid)
{
    queue *q = &L->q;
    if (pthread_mutex_init(&q->mu, NULL) != 0)
        return -1;
    if (pthread_cond_init(&q->changed, NULL) != 0) {
        pthread_mutex_destroy(&q->mu);
        return -1;
    }
    if (pthread_create(tid, NULL, converter, L) != 0) {
        pthread_cond_destroy(&q->changed);
        pthread_mutex_destroy(&q->mu);
        return -1;
    }
    L->threaded = 1;
    L->cur = &q->b[0];
    return 0;
}

static void stop_thread(loader *L, pthread_t tid)
{
    queue *q = &L->q;
    pthread_mutex_lock(&q->mu);
    q->done = 1;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->mu);
    pthread_join(tid, NULL);
    pthread_cond_destroy(&q->changed);
    pthread_mutex_destroy(&q->mu);
    for (int i = 0; i < NBATCH; i++)
        batch_free(&q->b[i]);
}

/* Parses everything, converting rows as batches fill up; the last row included. */
static void run(loader *L, source *src)
{
    decode_all(L, src);
    if (!stopped(L) && csv_fini(&L->csv, on_field, on_row, L) != 0)
        pfail(L, IND_E_FORMAT, open_field_line(L), row_fields(L) + 1,
              "quoted field never closed (the file ends inside it)");
    /* the rows before a parser error still count: an earlier bad cell wins (the
       fields of an unfinished row come after the last row mark and are dropped) */
    if (!L->stop)
        flush(L);
}

/* One pass over the input in the given encoding; L->retry asks for another. */
static void load_pass(loader *L, source *src, const char *encoding, int threads)
{
    pthread_t tid;
    L->cur = &L->own;
    L->line = 1;
    if (encoding && enc_is_utf8(encoding)) {
        L->mode = ENC_UTF8;
        set_encoding_name(L, "UTF-8");
    } else if (encoding) {
        if (start_conversion(L, encoding, encoding) != 0)
            return;
    } else {
        L->mode = ENC_DETECT;
        set_encoding_name(L, "UTF-8");
    }
    if (csv_init(&L->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
        pfail(L, IND_E_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    csv_set_blk_size(&L->csv, 1 << 16);
    if (threads)
        start_thread(L, &tid); /* when it fails, rows are converted on this thread */
    run(L, src);
    if (L->threaded)
        stop_thread(L, tid);
    csv_free(&L->csv);
out:
    batch_free(&L->own);
    if (L->have_conv)
        enc_conv_close(&L->conv);
}

/* Whether the input is large enough for a second thread to pay. */
static int worth_a_thread(const source *src)
{
    struct stat st;
    if (!src->fp)
        return src->len >= THREAD_MIN_BYTES;
    return fstat(fileno(src->fp), &st) == 0 && S_ISREG(st.st_mode) &&
           (size_t)st.st_size >= THREAD_MIN_BYTES;
}

static ind_status load(source *src, const char *name, const ind_load_options *opt,
                       ind_dataset **out, ind_load_info *info, ind_error *err)
{
    ind_load_options defaults;
    ind_load_info scratch;
    if (!opt) {
        ind_load_options_init(&defaults);
        opt = &defaults;
    }
    if (!info)
        info = &scratch;
    *out = NULL;
    ind_error_clear(err);
    if (opt->delimiter == '"' || opt->delimiter == '\n' || opt->delimiter == '\r' ||
        (unsigned char)opt->delimiter >= 0x80)
        return ind_error_set(err, IND_E_ARG, name, 0, 0,
                             "the delimiter cannot be a quote, a line end or a non-ASCII byte");
    const char *encoding = opt->encoding;
    int threads = worth_a_thread(src);
    for (int attempt = 0; attempt < 2; attempt++) {
        loader *L = calloc(1, sizeof *L);
        if (!L)
            return ind_error_set(err, IND_E_NOMEM, name, 0, 0, "out of memory");
        memset(info, 0, sizeof *info);
        L->gb_detected = attempt > 0; /* the second pass reads GB18030 */
        L->info = info;
        L->opt = opt;
        ind_status status = ld_rows_init(&L->rows, name, opt, info, err);
        if (status == IND_OK) {
            load_pass(L, src, encoding, threads);
            status = L->rows.status;
            if (status == IND_OK && L->pstatus) {
                if (err)
                    *err = L->perr;
                status = L->pstatus;
            } else if (status == IND_OK && !L->retry) {
                status = ld_rows_finish(&L->rows);
            }
        }
        int retry = status == IND_OK && L->retry;
        if (status == IND_OK && !retry)
            *out = ld_rows_take(&L->rows);
        ld_rows_release(&L->rows);
        free(L);
        if (!retry)
            return status;
        /* not UTF-8 after all: read it again as GB18030 (a superset of GBK and GB2312) */
        encoding = "GB18030";
        if (src->fp ? fseek(src->fp, 0, SEEK_SET) != 0 : (src->pos = 0, 0))
            return ind_error_set(err, IND_E_ENCODING, name, 0, 0,
                                 "not UTF-8, and the input cannot be read again as GB18030");
    }
    return ind_error_set(err, IND_E_ENCODING, name, 0, 0, "cannot tell the encoding");
}

/* ------------------------------------------------------------- interface */

void ind_load_options_init(ind_load_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

ind_status ind_load_file(const char *path, const ind_load_options *opt, ind_dataset **out,
                         ind_load_info *info, ind_error *err)
{
    source src;
    memset(&src, 0, sizeof src);
    *out = NULL;
    if (!(src.fp = fopen(path, "rb")))
        return ind_error_set(err, IND_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    ind_status status;
    if (!(src.buf = malloc(CHUNK_SIZE)))
        status = ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    else
        status = load(&src, path, opt, out, info, err);
    free(src.buf);
    fclose(src.fp);
    return status;
}

ind_status ind_load_buffer(const char *data, size_t len, const char *name,
                           const ind_load_options *opt, ind_dataset **out, ind_load_info *info,
                           ind_error *err)
{
    source src;
    memset(&src, 0, sizeof src);
    src.data = data ? data : "";
    src.len = data ? len : 0;
    return load(&src, name ? name : "<buffer>", opt, out, info, err);
}
