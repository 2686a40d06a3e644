/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gpscript.c - the one writer of gnuplot script text (see gpscript.h for
 * what gnuplot would obey and what each function does about it).
 */
#include "gpscript.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#undef gp_syntax
#undef gp_syntaxf

/* Block end marker; no data line may start with it (gnuplot compares prefixes). */
#define EOD "EOD"
/* gnuplot reads data-block lines with fgets(MAX_LINE_LEN = 1024): keep well below. */
#define BLOCK_LINE_MAX 1000
#define BLOCK_TEXT_MAX 100
#define COMMENT_MAX 2000

/* ---- growable text ---- */

static void fail(gp_script *w, const char *why)
{
    if (!w->failed)
        w->failed = why;
}

static bool reserve(gp_script *w, size_t more)
{
    if (w->failed)
        return false;
    if (w->len + more + 1 <= w->cap)
        return true;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + more + 1)
        cap *= 2;
    char *s = realloc(w->s, cap);
    if (!s) {
        fail(w, "out of memory");
        return false;
    }
    w->s = s;
    w->cap = cap;
    return true;
}

static void add(gp_script *w, const char *text, size_t len)
{
    if (!reserve(w, len))
        return;
    memcpy(w->s + w->len, text, len);
    w->len += len;
    w->s[w->len] = '\0';
}

void gp_syntax(gp_script *w, const char *code)
{
    add(w, code, strlen(code));
}

/* Whether fmt converts only numbers (a string conversion would let text in). */
static bool numeric_format(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 1, '%')) {
        p += strspn(p + 1, "-+ #0123456789.*hlzjt") + 1;
        if (*p == 's' || *p == 'c' || *p == 'n' || *p == '\0')
            return false;
    }
    return true;
}

void gp_syntaxf(gp_script *w, const char *fmt, ...)
{
    if (!numeric_format(fmt)) {
        fail(w, "internal error: text given as syntax");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        fail(w, "internal error: bad format");
        return;
    }
    if (!reserve(w, (size_t)len))
        return;
    va_start(ap, fmt);
    vsnprintf(w->s + w->len, (size_t)len + 1, fmt, ap);
    va_end(ap);
    w->len += (size_t)len;
}

/* ---- numbers ---- */

void gp_number(gp_script *w, double v)
{
    char t[40];
    if (!isfinite(v)) {
        gp_syntax(w, "NaN");
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    /* the fewest digits that read back (17 always do; DBL_MAX needs them) */
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*g", prec, v);
        for (char *p = t; *p; p++)
            if (*p == ',')
                *p = '.'; /* a locale's decimal comma */
        if (strtod(t, NULL) == v)
            break;
    }
    add(w, t, strlen(t));
}

/* ---- strings ---- */

typedef enum quoting { TEXT, PATH } quoting;

/* snprintf-like output: counts what it wants, stores what fits. */
typedef struct sink {
    char *out;
    size_t n, len;
} sink;

static void put(sink *k, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++, k->len++)
        if (k->len + 1 < k->n)
            k->out[k->len] = s[i];
}

/*
 * text as a single-quoted gnuplot string expression. No quote is ever
 * doubled: gnuplot 5.4's scanner misreads '' next to another quote, so a
 * quote in the text closes the string and is joined as "'" (no backslash,
 * no backquote inside). Paths keep every byte and have no length limit.
 */
static void quote(sink *k, const char *text, quoting how)
{
    put(k, "'", 1);
    size_t used = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        size_t ctrl = text_control_at((const char *)p);
        size_t len = ctrl ? ctrl : *p < 0x80 || how == PATH ? 1 : text_utf8_len(p);
        if (how != PATH && used + (len ? len : 1) > GP_TEXT_MAX) {
            put(k, "...", 3);
            break;
        }
        used += len ? len : 1;
        if (ctrl)
            put(k, " ", 1);
        else if (how == TEXT && strncmp((const char *)p, "]]>", 3) == 0)
            put(k, "]\xe2\x80\x8b", 4); /* SVG forbids ]]> in text; gnuplot writes it as is */
        else if (*p == '\'')
            put(k, "'.\"'\".'", 7);
        else if (len == 0)
            put(k, "?", 1); /* not UTF-8: gnuplot would draw garbage or stop */
        else
            put(k, (const char *)p, len);
        p += len ? len : 1;
    }
    put(k, "'", 1);
    if (k->n)
        k->out[k->len < k->n ? k->len : k->n - 1] = '\0';
}

static void add_quoted(gp_script *w, const char *text, quoting how)
{
    sink count = {NULL, 0, 0};
    quote(&count, text, how);
    if (!reserve(w, count.len))
        return;
    sink k = {w->s + w->len, count.len + 1, 0};
    quote(&k, text, how);
    w->len += count.len;
}

size_t gp_quote(const char *text, char *out, size_t n)
{
    sink k = {out, n, 0};
    quote(&k, text, TEXT);
    return k.len;
}

void gp_string(gp_script *w, const char *text)
{
    add_quoted(w, text, TEXT);
}

void gp_path(gp_script *w, const char *path)
{
    if (text_has_control(path)) {
        fail(w, "a file name with control characters cannot go into a gnuplot script");
        return;
    }
    if (path[0] == '/') {
        add_quoted(w, path, PATH);
        return;
    }
    size_t len = strlen(path);
    char *rel = malloc(len + 3);
    if (!rel) {
        fail(w, "out of memory");
        return;
    }
    memcpy(rel, "./", 2);
    memcpy(rel + 2, path, len + 1);
    add_quoted(w, rel, PATH);
    free(rel);
}

void gp_comment(gp_script *w, const char *text)
{
    gp_syntax(w, "# ");
    size_t len = 0;
    for (const char *p = text; *p && len < COMMENT_MAX; len++) {
        size_t ctrl = text_control_at(p);
        add(w, ctrl ? " " : p, 1);
        p += ctrl ? ctrl : 1;
    }
    /* gnuplot continues a line ending in a backslash, comments included */
    if (!w->failed && w->len > 0 && w->s[w->len - 1] == '\\')
        add(w, "#", 1);
    add(w, "\n", 1);
}

/* ---- data blocks ---- */

void gp_block_begin(gp_script *w, const char *name)
{
    if (w->block || !name[0] || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name)) {
        fail(w, "internal error: bad data block");
        return;
    }
    gp_syntax(w, "$");
    add(w, name, strlen(name));
    gp_syntax(w, " << " EOD "\n");
    w->block = w->len;
}

void gp_block_text(gp_script *w, const char *text)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               " .,%+()-";
    add(w, "\"", 1);
    for (size_t i = 0; text[i] && i < BLOCK_TEXT_MAX; i++)
        add(w, strchr(safe, text[i]) ? &text[i] : "?", 1);
    add(w, "\"", 1);
}

void gp_block_end(gp_script *w)
{
    if (!w->block) {
        fail(w, "internal error: no data block open");
        return;
    }
    /* every line: short, printable, not the end marker (gnuplot ends at a prefix match) */
    for (size_t at = w->block; !w->failed && at < w->len;) {
        const char *line = w->s + at, *nl = memchr(line, '\n', w->len - at);
        size_t len = nl ? (size_t)(nl - line) : w->len - at;
        if (len >= BLOCK_LINE_MAX || strncmp(line, EOD, strlen(EOD)) == 0)
            fail(w, "internal error: a data line would end its block");
        for (size_t i = 0; i < len; i++)
            if (text_control_at(line + i))
                fail(w, "internal error: a control character in a data block");
        at += len + 1;
    }
    if (w->len > w->block && w->s[w->len - 1] != '\n')
        add(w, "\n", 1);
    gp_syntax(w, EOD "\n");
    w->block = 0;
}

void gp_template(gp_script *w, const char *text, size_t len)
{
    add(w, text, len);
}

const char *gp_failed(const gp_script *w)
{
    return w->failed;
}
