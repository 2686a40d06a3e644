/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the CSV row reader (src/lib/csvread.c, encoding.c): the rows,
 * fields, lines and columns it hands over, its encodings and limits, the
 * order of errors, the second thread, and refusing what is not a regular
 * file. Expected rows are written out by hand from the inputs.
 */
#include "test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <stdint.h>

#include "csvread.h"
#include "encoding.h"

/* What a sink saw: every row as "line:field|field|..." lines, and the starts. */
typedef struct seen {
    char *text;
    size_t len, cap;
    int starts;
    csvr_info info;
    size_t fail_at; /* a row number (1-based) at which the sink fails; 0 never */
    size_t rows;
    ind_error *err;
} seen;

static void put(seen *s, const char *t, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->text = realloc(s->text, s->cap);
        assert_non_null(s->text);
    }
    memcpy(s->text + s->len, t, n);
    s->len += n;
    s->text[s->len] = '\0';
}

static ind_status on_start(void *ctx, const csvr_info *info)
{
    seen *s = ctx;
    s->starts++;
    s->info = *info;
    s->len = 0; /* a second pass replaces the first */
    s->rows = 0;
    if (s->text)
        s->text[0] = '\0';
    return IND_OK;
}

static ind_status on_row(void *ctx, csvr_row *row)
{
    seen *s = ctx;
    char buf[64];
    s->rows++;
    if (s->fail_at && s->rows == s->fail_at)
        return ind_error_set(s->err, IND_E_VALUE, "sink", (long)row->line, 1, "row %zu refused",
                             s->rows);
    int n = snprintf(buf, sizeof buf, "%zu:", row->line);
    put(s, buf, (size_t)n);
    for (size_t i = 0; i < row->n; i++) {
        if (i)
            put(s, "|", 1);
        n = snprintf(buf, sizeof buf, "%zu@", row->f[i].line);
        put(s, buf, (size_t)n);
        assert_int_equal(strlen(row->text + row->f[i].off), row->f[i].len);
        put(s, row->text + row->f[i].off, row->f[i].len);
    }
    put(s, "\n", 1);
    return IND_OK;
}

/* Reads text (len bytes) and returns what the sink saw; *st the status. */
static seen read_text(const char *text, size_t len, const csvr_options *opt, ind_status *st,
                      ind_error *err)
{
    seen s;
    memset(&s, 0, sizeof s);
    s.err = err;
    csvr_sink sink = {on_start, on_row, &s};
    *st = csvr_read_buffer(text, len, "t.csv", opt, &sink, err);
    if (!s.text)
        put(&s, "", 0);
    return s;
}

static void rows_fields_and_lines(void **state)
{
    (void)state;
    ind_status st;
    ind_error err;
    /* CRLF, a quoted field over two lines, a blank line, CR alone, no final newline */
    const char *text = "a,b\r\n\"x\ny\",2\r\n\r\nc;d,3\re,\"\"";
    seen s = read_text(text, strlen(text), NULL, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_int_equal(s.starts, 1);
    assert_string_equal(s.info.encoding, "UTF-8");
    assert_int_equal(s.info.delimiter, ',');
    assert_string_equal(s.text, "1:1@a|1@b\n"
                                "3:2@x\ny|3@2\n"
                                "4:\n"
                                "5:5@c;d|5@3\n"
                                "6:6@e|6@\n");
    free(s.text);
}

/* Lines split without libcsv read as libcsv reads them (spaces, quotes, a tab delimiter). */
static void lines_split_as_libcsv_splits_them(void **state)
{
    (void)state;
    ind_status st;
    ind_error err;
    /* spaces and tabs around unquoted fields and after a closing quote are dropped, not
       inside quotes; a line of spaces is blank; a trailing delimiter is an empty field */
    const char *text = " a , b\t,\t\n\"  x \" \t, \"y\",\"\"\n   \n1,,\"2\"\r\n";
    seen s = read_text(text, strlen(text), NULL, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_string_equal(s.text, "1:1@a|1@b|1@\n"
                                "2:2@  x |2@y|2@\n"
                                "3:\n"
                                "4:4@1|4@|4@2\n");
    free(s.text);
    /* a tab delimiter is not a space to drop; "" inside quotes is a quote (libcsv reads it) */
    csvr_options tab = {NULL, '\t', false};
    text = " a \t\"b\"\"c\"\t \n";
    s = read_text(text, strlen(text), &tab, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_string_equal(s.text, "1:1@a|1@b\"c|1@\n");
    free(s.text);
    /* strict errors as libcsv gives them, at the same line and field */
    text = "a,b\n1,x\"y\n";
    s = read_text(text, strlen(text), NULL, &st, &err);
    assert_int_equal(st, IND_E_FORMAT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_string_equal(err.message, "a quote inside an unquoted field (quote the whole field)");
    free(s.text);
    text = "a,b\n\"1\" x,2\n";
    s = read_text(text, strlen(text), NULL, &st, &err);
    assert_int_equal(st, IND_E_FORMAT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 1);
    free(s.text);
}

/* What libcsv itself makes of text, fed byte by byte, in the reader's form ("line:" left out). */
typedef struct by_libcsv {
    seen out;
    size_t fields, at, cr_row_at; /* fields in the current row; byte fed; a row ended by CR */
    char row[4096];
    size_t rlen;
} by_libcsv;

static void ref_field(void *f, size_t len, void *ctx)
{
    by_libcsv *r = ctx;
    if (r->fields++)
        r->row[r->rlen++] = '|';
    memcpy(r->row + r->rlen, f, len);
    r->rlen += len;
}

static void ref_row(int c, void *ctx)
{
    by_libcsv *r = ctx;
    /* the LF of a CRLF after a row: the reader's crlf_tail, not a row */
    if (!(c == '\n' && r->fields == 0 && r->rlen == 0 && r->cr_row_at + 1 == r->at)) {
        put(&r->out, r->row, r->rlen);
        put(&r->out, "\n", 1);
    }
    r->cr_row_at = c == '\r' ? r->at : (size_t)-2;
    r->fields = r->rlen = 0;
}

/* The reader's rows without lines: "1:1@a|1@b" -> "a|b". */
static void strip_lines(char *t)
{
    char *out = t;
    for (char *p = t; *p;) {
        if ((p == t || p[-1] == '\n' || p[-1] == '|' || p[-1] == ':') && *p >= '0' && *p <= '9') {
            char *q = p;
            while (*q >= '0' && *q <= '9')
                q++;
            if (*q == ':' || *q == '@') {
                p = q + 1;
                continue;
            }
        }
        *out++ = *p++;
    }
    *out = '\0';
}

/* Random texts of quotes, spaces, tabs, delimiters and line ends: the same rows as libcsv's. */
static void rows_equal_libcsv_rows(void **state)
{
    (void)state;
    static const char *const atoms[] = {"a", "bc", "1.5", " ", "\t", ",", ";", "\"", "\"\"",
                                        "\r", "\n", "\r\n", "é", "\"q,r\"", "\"s\" ", " \"t\""};
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 20000; i++) {
        char text[400];
        size_t len = 0;
        do {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const char *a = atoms[(x >> 8) % (sizeof atoms / sizeof atoms[0])];
            memcpy(text + len, a, strlen(a));
            len += strlen(a);
        } while (len < 300 && (x >> 40) % 50 != 0);
        text[len] = '\0';
        char delim = ",;\t"[i % 3];
        csvr_options opt = {"utf-8", delim, false};
        ind_status st;
        ind_error err;
        seen s = read_text(text, len, &opt, &st, &err);
        by_libcsv r;
        memset(&r, 0, sizeof r);
        r.cr_row_at = (size_t)-2;
        struct csv_parser p;
        assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
                                          CSV_REPALL_NL), 0);
        csv_set_delim(&p, (unsigned char)delim);
        int failed = 0;
        for (r.at = 0; r.at < len && !failed; r.at++)
            failed = csv_parse(&p, text + r.at, 1, ref_field, ref_row, &r) != 1;
        failed = failed || csv_fini(&p, ref_field, ref_row, &r) != 0;
        csv_free(&p);
        put(&r.out, "", 0);
        if (failed != (st != IND_OK))
            fail_msg("'%s' (delimiter %d): libcsv %s, the reader %s", text, delim,
                     failed ? "fails" : "reads it", st ? err.message : "reads it");
        strip_lines(s.text);
        if (!failed && strcmp(s.text, r.out.text) != 0)
            fail_msg("'%s' (delimiter %d): rows\n%s\nlibcsv's\n%s", text, delim, s.text,
                     r.out.text);
        free(s.text);
        free(r.out.text);
    }
}

static void detects_delimiter_bom_and_encodings(void **state)
{
    (void)state;
    ind_status st;
    ind_error err;
    const char *bom = "\xef\xbb\xbf" "a;b\n1;2\n";
    seen s = read_text(bom, strlen(bom), NULL, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_string_equal(s.info.encoding, "UTF-8 (BOM)");
    assert_int_equal(s.info.delimiter, ';');
    assert_string_equal(s.text, "1:1@a|1@b\n2:2@1|2@2\n");
    free(s.text);
    /* UTF-16LE with BOM: "地\t1\n" */
    static const char u16[] = "\xff\xfe\x30\x57\x09\x00\x31\x00\x0a\x00";
    s = read_text(u16, sizeof u16 - 1, NULL, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_string_equal(s.info.encoding, "UTF-16");
    assert_int_equal(s.info.delimiter, '\t');
    assert_string_equal(s.text, "1:1@地|1@1\n");
    free(s.text);
    /* GBK: 漯河,1 */
    static const char gbk[] = "\xe4\xf0\xba\xd3,1\n";
    s = read_text(gbk, sizeof gbk - 1, NULL, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_string_equal(s.info.encoding, "GB18030");
    assert_string_equal(s.text, "1:1@漯河|1@1\n");
    free(s.text);
    /* named */
    csvr_options opt = {"gbk", '\t', false};
    s = read_text("a,b\tc\n", 6, &opt, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_string_equal(s.info.encoding, "GBK");
    assert_string_equal(s.text, "1:1@a,b|1@c\n");
    free(s.text);
    opt.encoding = "no-such-encoding";
    s = read_text("a\n", 2, &opt, &st, &err);
    assert_int_equal(st, IND_E_ARG);
    free(s.text);
}

/* A UTF-8 file with one bad byte is an error there; a GBK file is GBK. */
static void invalid_utf8_is_reported_not_guessed(void **state)
{
    (void)state;
    ind_status st;
    ind_error err;
    const char *text = "region,value\n漯河,1\n河南,2\n郑州\xb0x,3\n";
    seen s = read_text(text, strlen(text), NULL, &st, &err);
    assert_int_equal(st, IND_E_ENCODING);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.col, 1);
    assert_string_equal(err.message, "invalid UTF-8 (byte 0xb0 in a file that is otherwise "
                                     "UTF-8; fix it, or name the file's encoding with --encoding)");
    assert_int_equal(s.starts, 1); /* not read again as GB18030 */
    free(s.text);
    /* cut off by the end of the file, in the second field */
    text = "region,value\n漯河,1\n河南,2\n郑州,\xe6\xbc";
    s = read_text(text, strlen(text), NULL, &st, &err);
    assert_int_equal(st, IND_E_ENCODING);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.message, "a sequence cut off by the end of the file"));
    free(s.text);
    /* the counts behind the rule: GBK Chinese has a few accidental valid sequences */
    size_t valid, invalid;
    const char *gbk = "\xe4\xf0\xba\xd3,\xba\xd3\xc4\xcf,\xd6\xa3\xd6\xdd"; /* 漯河,河南,郑州 */
    enc_utf8_survey((const unsigned char *)gbk, strlen(gbk), &valid, &invalid);
    assert_int_equal(valid, 1);    /* d6 a3, the first half of 郑 */
    assert_int_equal(invalid, 9); /* dd at the end may go on: neither */
    assert_false(enc_mostly_utf8(valid, invalid));
    const char *utf8 = "漯河,河南,郑州\xb0";
    enc_utf8_survey((const unsigned char *)utf8, strlen(utf8), &valid, &invalid);
    assert_int_equal(valid, 6);
    assert_int_equal(invalid, 1);
    assert_true(enc_mostly_utf8(valid, invalid));
    assert_false(enc_mostly_utf8(3, 1));
    assert_true(enc_mostly_utf8(0, 0));
}

static void limits(void **state)
{
    (void)state;
    ind_status st;
    ind_error err;
    static const char nul[] = "a,b\n2.\0" "8,c\n";
    seen s = read_text(nul, sizeof nul - 1, NULL, &st, &err);
    assert_int_equal(st, IND_E_FORMAT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 1);
    assert_string_equal(err.message, "NUL byte in the text: a binary file?");
    assert_string_equal(s.text, "1:1@a|1@b\n"); /* the rows before it were handed over */
    free(s.text);
    size_t n = (2u << 20) + 16;
    char *big = malloc(n);
    assert_non_null(big);
    memcpy(big, "a,b\n1,\"", 7);
    memset(big + 7, 'x', n - 7);
    s = read_text(big, n, NULL, &st, &err);
    assert_int_equal(st, IND_E_FORMAT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_string_equal(err.message, "field longer than 1 MiB (a quote that is never closed?)");
    free(s.text);
    free(big);
}

/* The sink's first failure wins over a later reader error, and stops the reading. */
static void sink_errors_come_first(void **state)
{
    (void)state;
    ind_status st;
    ind_error err;
    seen s;
    memset(&s, 0, sizeof s);
    s.fail_at = 2;
    s.err = &err;
    csvr_sink sink = {on_start, on_row, &s};
    const char *text = "a\nb\nc\n\"d";
    st = csvr_read_buffer(text, strlen(text), "t.csv", NULL, &sink, &err);
    assert_int_equal(st, IND_E_VALUE);
    assert_string_equal(err.message, "row 2 refused");
    assert_int_equal(s.rows, 2);
    free(s.text);
    s.fail_at = 0;
    memset(&s, 0, sizeof s);
    st = csvr_read_buffer(text, strlen(text), "t.csv", NULL, &sink, &err);
    assert_int_equal(st, IND_E_FORMAT);
    assert_string_equal(err.path, "t.csv");
    assert_int_equal(err.line, 4);
    assert_string_equal(err.message, "quoted field never closed (the file ends inside it)");
    free(s.text);
}

/* A large input read on two threads gives the sink the same rows as one thread. */
static void two_threads_same_rows(void **state)
{
    (void)state;
    size_t cap = (9u << 20) + 64, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (int i = 0; len < (9u << 20); i++)
        len += (size_t)sprintf(buf + len, "r%d,\"%d\n%d\",漯河\r\n", i, i, i * 7);
    ind_status st1, st2;
    ind_error err;
    csvr_options one = {NULL, 0, false}, two = {NULL, 0, true};
    seen a = read_text(buf, len, &one, &st1, &err);
    seen b = read_text(buf, len, &two, &st2, &err);
    assert_int_equal(st1, IND_OK);
    assert_int_equal(st2, IND_OK);
    assert_true(a.rows > 100000);
    assert_int_equal(a.rows, b.rows);
    assert_true(a.len == b.len && memcmp(a.text, b.text, a.len) == 0);
    free(a.text);
    free(b.text);
    /* a sink failure late in the file on the second thread: the same row is reported */
    a.fail_at = 0;
    seen c;
    memset(&c, 0, sizeof c);
    c.fail_at = 150000;
    c.err = &err;
    csvr_sink sink = {on_start, on_row, &c};
    assert_int_equal(csvr_read_buffer(buf, len, "t.csv", &two, &sink, &err), IND_E_VALUE);
    assert_string_equal(err.message, "row 150000 refused");
    assert_int_equal(err.line, 2 * 150000);
    free(c.text);
    free(buf);
}

/* Not UTF-8 after an ASCII first chunk: start is called again for a GB18030 pass. */
static void second_pass_restarts_the_sink(void **state)
{
    (void)state;
    size_t cap = (1u << 20) + 64, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while (len < (1u << 20))
        len += (size_t)sprintf(buf + len, "ascii,1\n");
    memcpy(buf + len, "\xe4\xf0\xba\xd3,2\n", 7);
    len += 7;
    ind_status st;
    ind_error err;
    seen s = read_text(buf, len, NULL, &st, &err);
    assert_int_equal(st, IND_OK);
    assert_int_equal(s.starts, 2);
    assert_string_equal(s.info.encoding, "GB18030");
    assert_int_equal(s.rows, (1u << 20) / 8 + 1);
    assert_non_null(strstr(s.text, "@漯河|"));
    free(s.text);
    free(buf);
}

static void refuses_what_is_not_a_regular_file(void **state)
{
    (void)state;
    seen s;
    memset(&s, 0, sizeof s);
    csvr_sink sink = {on_start, on_row, &s};
    ind_error err;
    assert_int_equal(csvr_read_file("/dev/zero", NULL, &sink, &err), IND_E_IO);
    assert_string_equal(err.message, "cannot read: not a regular file (a FIFO, device or "
                                     "socket): save the data to a file first");
    assert_int_equal(csvr_read_file("/", NULL, &sink, &err), IND_E_IO);
    assert_string_equal(err.message, "cannot read: it is a directory");
    char dir[] = "/tmp/test_csvread.XXXXXX", fifo[64];
    assert_non_null(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    if (mkfifo(fifo, 0600) == 0) { /* opened without a writer: refused, not waited for */
        assert_int_equal(csvr_read_file(fifo, NULL, &sink, &err), IND_E_IO);
        assert_string_equal(err.path, fifo);
        remove(fifo);
    }
    rmdir(dir);
    assert_int_equal(s.starts, 0);
    assert_int_equal(csvr_read_file("/nonexistent/x.csv", NULL, &sink, &err), IND_E_IO);
    assert_string_equal(err.message, "cannot open: No such file or directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_fields_and_lines),
        cmocka_unit_test(lines_split_as_libcsv_splits_them),
        cmocka_unit_test(rows_equal_libcsv_rows),
        cmocka_unit_test(detects_delimiter_bom_and_encodings),
        cmocka_unit_test(invalid_utf8_is_reported_not_guessed),
        cmocka_unit_test(limits),
        cmocka_unit_test(sink_errors_come_first),
        cmocka_unit_test(two_threads_same_rows),
        cmocka_unit_test(second_pass_restarts_the_sink),
        cmocka_unit_test(refuses_what_is_not_a_regular_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
