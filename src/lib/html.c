/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html.c - the HTML writer (see html.h): escaping of text and attribute
 * values, the checks on names the program passes, and the SVG re-writer
 * that embeds gnuplot's charts through an allow-list.
 */
#include "indicators/html.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

struct ind_html {
    FILE *out;
    bool misuse;       /* the program passed a bad name or value: finish fails */
    char why[200];     /* the first misuse */
};

ind_html *ind_html_new(FILE *out)
{
    ind_html *h = calloc(1, sizeof *h);
    if (h)
        h->out = out;
    return h;
}

ind_status ind_html_finish(ind_html *h, ind_error *err)
{
    if (!h)
        return IND_OK;
    bool io = fflush(h->out) != 0 || ferror(h->out);
    ind_status st = IND_OK;
    if (h->misuse)
        st = ind_error_set(err, IND_E_ARG, NULL, 0, 0, "HTML writer: %s", h->why);
    else if (io)
        st = ind_error_set(err, IND_E_IO, NULL, 0, 0, "writing the HTML failed");
    free(h);
    return st;
}

static void misuse(ind_html *h, const char *what, const char *name)
{
    if (!h)
        return;
    if (!h->misuse)
        snprintf(h->why, sizeof h->why, "%s '%.80s' refused", what, name);
    h->misuse = true;
}

static void put(ind_html *h, const char *s, size_t n)
{
    if (h && n)
        fwrite(s, 1, n, h->out);
}

static void puts_(ind_html *h, const char *s)
{
    put(h, s, strlen(s));
}

/* ---- escaping ---- */

/* The reference for an ASCII byte that must not appear literally, or NULL. */
static const char *reference(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

/*
 * Calls emit(ctx, piece, len) for the escaped form of s[0..len): the one
 * escaping rule, used for writing and for ind_html_escape.
 */
static void escape_each(const char *s, size_t len, void (*emit)(void *, const char *, size_t),
                        void *ctx)
{
    size_t run = 0; /* bytes copied as they are, pending */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        const char *ref = reference(c);
        size_t ctl = c ? text_control_at(s + i) : 1;
        size_t k = c >= 0x80 && !ctl ? text_utf8_len((const unsigned char *)s + i) : 1;
        if (!ref && !ctl && k && i + k <= len) {
            i += k;
            run += k;
            continue;
        }
        emit(ctx, s + i - run, run);
        run = 0;
        if (ref)
            emit(ctx, ref, strlen(ref));
        else if (ctl)
            emit(ctx, " ", 1);
        else
            emit(ctx, "\xEF\xBF\xBD", 3); /* not UTF-8: U+FFFD */
        i += ctl && i + ctl <= len ? ctl : 1;
    }
    emit(ctx, s + len - run, run);
}

static void emit_file(void *ctx, const char *piece, size_t n)
{
    put(ctx, piece, n);
}

typedef struct sink {
    char *out;
    size_t n, len;
} sink;

static void emit_buf(void *ctx, const char *piece, size_t n)
{
    sink *b = ctx;
    for (size_t i = 0; i < n; i++, b->len++)
        if (b->len + 1 < b->n)
            b->out[b->len] = piece[i];
}

size_t ind_html_escape(const char *text, char *out, size_t n)
{
    sink b = {out, n, 0};
    escape_each(text, strlen(text), emit_buf, &b);
    if (n)
        out[b.len < n ? b.len : n - 1] = '\0';
    return b.len;
}

static void escaped(ind_html *h, const char *s, size_t len)
{
    escape_each(s, len, emit_file, h);
}

/* ---- names the program passes ---- */

/* An element or attribute name: a letter, then letters, digits, '-' or ':'. */
static bool plain_name(const char *name)
{
    if (!isalpha((unsigned char)name[0]))
        return false;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != ':')
            return false;
    return true;
}

static bool in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return true;
    return false;
}

/* Elements the page never has: they run code, load something or take SVG raw. */
static const char *const refused_tags[] = {
    "script", "iframe", "frame",  "frameset", "object", "embed",         "applet", "link",
    "base",   "form",   "style",  "svg",      "math",   "template",      "img",    "video",
    "audio",  "source", "track",  "picture",  "portal", "foreignobject", "noscript", NULL,
};

/* Attributes whose value is a URL: only a fragment of this page is allowed. */
static const char *const url_attrs[] = {
    "href",   "src",  "action", "formaction", "srcset",   "poster",    "data", "background",
    "cite",   "ping", "manifest", "codebase", "longdesc", "xlink:href", "lowsrc", NULL,
};

static bool event_name(const char *name)
{
    return strncasecmp(name, "on", 2) == 0;
}

/* Whether a style value could load or run something. */
static bool risky_style(const char *v)
{
    for (const char *p = v; *p; p++) {
        if (strncasecmp(p, "url(", 4) == 0 && p[4] != '#')
            return true;
        if (strncasecmp(p, "expression", 10) == 0 || strncasecmp(p, "@import", 7) == 0 ||
            strncasecmp(p, "image-set", 9) == 0 || *p == '\\' || *p == '"' || *p == '\'' ||
            *p == '<')
            return true;
    }
    return false;
}

/* Writes ` name="value"` when the pair is allowed; records a misuse when not. */
static void attribute(ind_html *h, const char *name, const char *value)
{
    if (!plain_name(name) || event_name(name)) {
        misuse(h, "attribute", name);
        return;
    }
    if (in_list(name, url_attrs) && value[0] != '#') {
        misuse(h, "URL outside the page in attribute", name);
        return;
    }
    if (strcasecmp(name, "style") == 0 && risky_style(value)) {
        misuse(h, "style value", value);
        return;
    }
    puts_(h, " ");
    puts_(h, name);
    if (!value[0])
        return;
    puts_(h, "=\"");
    escaped(h, value, strlen(value));
    puts_(h, "\"");
}

void ind_html_vopen(ind_html *h, const char *tag, va_list ap)
{
    if (!plain_name(tag) || in_list(tag, refused_tags)) {
        misuse(h, "element", tag);
        return;
    }
    puts_(h, "<");
    puts_(h, tag);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
        const char *value = va_arg(ap, const char *);
        if (value)
            attribute(h, name, value);
    }
    puts_(h, ">");
}

void ind_html_open(ind_html *h, const char *tag, ...)
{
    va_list ap;
    va_start(ap, tag);
    ind_html_vopen(h, tag, ap);
    va_end(ap);
}

void ind_html_close(ind_html *h, const char *tag)
{
    if (!plain_name(tag) || in_list(tag, refused_tags)) {
        misuse(h, "element", tag);
        return;
    }
    puts_(h, "</");
    puts_(h, tag);
    puts_(h, ">");
}

void ind_html_text(ind_html *h, const char *text)
{
    if (text)
        escaped(h, text, strlen(text));
}

void ind_html_textf(ind_html *h, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof buf) {
        escaped(h, buf, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    escaped(h, big, (size_t)n);
    free(big);
}

void ind_html_element(ind_html *h, const char *tag, const char *text, ...)
{
    va_list ap;
    va_start(ap, text);
    ind_html_vopen(h, tag, ap);
    va_end(ap);
    ind_html_text(h, text);
    ind_html_close(h, tag);
}

void ind_html_newline(ind_html *h)
{
    puts_(h, "\n");
}

void ind_html_doctype(ind_html *h)
{
    puts_(h, "<!DOCTYPE html>\n");
}

void ind_html_style(ind_html *h, const char *css)
{
    /* the sheet may hold quotes (font names): refuse only what could load or break out */
    for (const char *p = css; *p; p++)
        if (*p == '<' || strncasecmp(p, "url(", 4) == 0 || strncasecmp(p, "@import", 7) == 0 ||
            strncasecmp(p, "expression", 10) == 0 || strncasecmp(p, "image-set", 9) == 0) {
            misuse(h, "style sheet", "<style>");
            return;
        }
    puts_(h, "<style>");
    puts_(h, css);
    puts_(h, "</style>");
}

/* ---- SVG ---- */

/* The SVG elements a chart may keep: shapes, text, grouping, paint servers, filters. */
static const char *const svg_elements[] = {
    "svg",         "g",              "defs",     "path",     "rect",     "circle",   "ellipse",
    "line",        "polyline",       "polygon",  "text",     "tspan",    "title",    "desc",
    "use",         "symbol",         "marker",   "clipPath", "mask",     "pattern",  "linearGradient",
    "radialGradient", "stop",        "filter",   "feFlood",  "feComposite", "feOffset",
    "feGaussianBlur", "feMerge",     "feMergeNode", "feBlend", "feColorMatrix", NULL,
};

/* Presentation and geometry attributes; href only as a reference inside the chart. */
static const char *const svg_attributes[] = {
    "id", "class", "transform", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
    "ry", "width", "height", "points", "viewBox", "preserveAspectRatio", "fill", "fill-opacity",
    "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity", "color",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "dx", "dy", "rotate", "textLength", "lengthAdjust",
    "shape-rendering", "text-rendering", "clip-path", "clip-rule", "mask", "filter",
    "filterUnits", "primitiveUnits", "patternUnits", "patternContentUnits", "patternTransform",
    "gradientUnits", "gradientTransform", "offset", "stop-color", "stop-opacity", "flood-color",
    "flood-opacity", "result", "in", "in2", "operator", "k1", "k2", "k3", "k4", "mode",
    "stdDeviation", "values", "type", "markerWidth", "markerHeight", "refX", "refY", "orient",
    "markerUnits", "clipPathUnits", "maskUnits", "visibility", "display", "style", "href",
    "xlink:href", "vector-effect", NULL,
};

static bool in_exact(const char *name, size_t len, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, name, len) == 0)
            return true;
    return false;
}

#define SVG_MAX_DEPTH 128

typedef struct svg_parse {
    const char *s;
    size_t len, pos;
    ind_html *h;      /* NULL: check only */
    const char *prefix;
    size_t removed;
    char *buf;        /* a decoded text or value */
    size_t blen, bcap;
    const char *stack[SVG_MAX_DEPTH];
    size_t stack_len[SVG_MAX_DEPTH];
    size_t depth;
    size_t drop;      /* > 0: inside a left-out element that opened at depth drop */
    bool root_seen;
    ind_error *err;
} svg_parse;

static ind_status bad(svg_parse *p, const char *what)
{
    return ind_error_set(p->err, IND_E_FORMAT, NULL, 0, (long)p->pos + 1,
                         "the chart's SVG is not well-formed: %s at byte %zu", what, p->pos + 1);
}

static bool buf_add(svg_parse *p, const char *s, size_t n)
{
    if (p->blen + n + 1 > p->bcap) {
        size_t cap = p->bcap ? p->bcap : 256;
        while (cap < p->blen + n + 1)
            cap *= 2;
        char *grown = realloc(p->buf, cap);
        if (!grown)
            return false;
        p->buf = grown;
        p->bcap = cap;
    }
    memcpy(p->buf + p->blen, s, n);
    p->blen += n;
    p->buf[p->blen] = '\0';
    return true;
}

/* Appends code point cp as UTF-8 (U+FFFD for one no text may hold). */
static bool buf_add_cp(svg_parse *p, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_add(p, u, n);
}

/* Decodes s[from..to) (text or an attribute value) into p->buf: XML's five
   named references and numeric ones; any other reference is malformed. */
static ind_status decode(svg_parse *p, size_t from, size_t to)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    p->blen = 0;
    if (!buf_add(p, "", 0))
        return ind_error_set(p->err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = from; i < to;) {
        size_t amp = i;
        while (amp < to && p->s[amp] != '&')
            amp++;
        if (!buf_add(p, p->s + i, amp - i))
            return ind_error_set(p->err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        if (amp == to)
            break;
        const char *r = p->s + amp + 1;
        size_t left = to - amp - 1, k;
        bool done = false;
        for (k = 0; k < sizeof named / sizeof named[0] && !done; k++) {
            size_t nl = strlen(named[k].name);
            if (left >= nl && memcmp(r, named[k].name, nl) == 0) {
                done = buf_add(p, &named[k].c, 1);
                i = amp + 1 + nl;
            }
        }
        if (done)
            continue;
        if (left >= 3 && r[0] == '#') {
            bool hex = r[1] == 'x' || r[1] == 'X';
            size_t j = hex ? 2 : 1;
            unsigned long cp = 0;
            size_t digits = 0;
            for (; j < left && isxdigit((unsigned char)r[j]) && (hex || isdigit((unsigned char)r[j]));
                 j++, digits++)
                cp = cp > 0x10FFFF ? cp
                                   : cp * (hex ? 16 : 10) +
                                         (unsigned long)(isdigit((unsigned char)r[j])
                                                             ? r[j] - '0'
                                                             : (tolower((unsigned char)r[j]) - 'a' + 10));
            if (digits && j < left && r[j] == ';') {
                if (!buf_add_cp(p, cp))
                    return ind_error_set(p->err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
                i = amp + 1 + j + 1;
                continue;
            }
        }
        p->pos = amp;
        return bad(p, "an unknown or unterminated character reference");
    }
    return IND_OK;
}

static bool name_char(char c, bool first)
{
    return isalpha((unsigned char)c) || c == '_' || c == ':' ||
           (!first && (isdigit((unsigned char)c) || c == '-' || c == '.'));
}

static size_t skip_space(const svg_parse *p, size_t i)
{
    while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t' || p->s[i] == '\n' || p->s[i] == '\r'))
        i++;
    return i;
}

/* Skips to just past the terminator term; false when there is none. */
static bool skip_past(svg_parse *p, const char *term)
{
    size_t tl = strlen(term);
    for (size_t i = p->pos; i + tl <= p->len; i++)
        if (memcmp(p->s + i, term, tl) == 0) {
            p->pos = i + tl;
            return true;
        }
    return false;
}

static bool writing(const svg_parse *p)
{
    return p->h && p->drop == 0;
}

/* Writes `#prefix-` then the rest of a reference's target. */
static void write_ref_prefix(svg_parse *p)
{
    put(p->h, "#", 1);
    puts_(p->h, p->prefix);
    put(p->h, "-", 1);
}

/*
 * Writes the decoded value in p->buf of attribute name: ids prefixed,
 * references (href="#x", url(#x)) pointed at the prefixed ids. Returns
 * false (the attribute is left out) for a reference outside the chart.
 */
static bool write_value(svg_parse *p, const char *name, size_t nlen)
{
    const char *v = p->buf;
    bool href = (nlen == 4 && memcmp(name, "href", 4) == 0) ||
                (nlen == 10 && memcmp(name, "xlink:href", 10) == 0);
    if (href && v[0] != '#')
        return false;
    for (const char *u = v; (u = strstr(u, "url(")) != NULL; u += 4)
        if (u[4] != '#')
            return false;
    if (nlen == 5 && memcmp(name, "style", 5) == 0 && risky_style(v))
        return false;
    put(p->h, " ", 1);
    put(p->h, name, nlen);
    puts_(p->h, "=\"");
    if (nlen == 2 && memcmp(name, "id", 2) == 0) {
        puts_(p->h, p->prefix);
        put(p->h, "-", 1);
    }
    const char *rest = v;
    if (href) {
        write_ref_prefix(p);
        rest = v + 1;
    }
    for (const char *u; (u = strstr(rest, "url(#")) != NULL; rest = u + 5) {
        escaped(p->h, rest, (size_t)(u - rest));
        puts_(p->h, "url(");
        write_ref_prefix(p);
    }
    escaped(p->h, rest, strlen(rest));
    put(p->h, "\"", 1);
    return true;
}

/* Reads a start tag at p->pos ('<' then a name); writes it when kept. */
static ind_status start_tag(svg_parse *p)
{
    size_t i = p->pos + 1, name = i;
    if (i >= p->len || !name_char(p->s[i], true))
        return bad(p, "a '<' that starts no tag");
    while (i < p->len && name_char(p->s[i], false))
        i++;
    size_t nlen = i - name;
    const char *tag = p->s + name;
    if (p->depth == 0 && (p->root_seen || nlen != 3 || memcmp(tag, "svg", 3) != 0))
        return bad(p, p->root_seen ? "a second root element" : "a root element other than svg");
    if (p->depth == SVG_MAX_DEPTH)
        return bad(p, "elements nested too deep");
    p->root_seen = true;
    /* title and desc of the root describe gnuplot, not the chart */
    bool keep = in_exact(tag, nlen, svg_elements) &&
                !(p->depth == 1 && ((nlen == 5 && memcmp(tag, "title", 5) == 0) ||
                                    (nlen == 4 && memcmp(tag, "desc", 4) == 0)));
    if (p->drop == 0 && !keep) {
        p->drop = p->depth + 1;
        p->removed++;
    }
    if (writing(p)) {
        put(p->h, "<", 1);
        put(p->h, tag, nlen);
    }
    for (;;) {
        size_t sp = skip_space(p, i);
        if (sp >= p->len)
            return p->pos = sp, bad(p, "an unterminated tag");
        if (p->s[sp] == '>' || (p->s[sp] == '/' && sp + 1 < p->len && p->s[sp + 1] == '>')) {
            bool empty = p->s[sp] == '/';
            if (writing(p))
                puts_(p->h, empty ? "/>" : ">");
            p->pos = sp + (empty ? 2 : 1);
            if (empty) {
                if (p->drop == p->depth + 1)
                    p->drop = 0;
                return IND_OK;
            }
            p->stack[p->depth] = tag;
            p->stack_len[p->depth++] = nlen;
            return IND_OK;
        }
        if (sp == i || !name_char(p->s[sp], true))
            return p->pos = sp, bad(p, "a malformed attribute");
        size_t an = sp;
        while (sp < p->len && name_char(p->s[sp], false))
            sp++;
        size_t alen = sp - an;
        sp = skip_space(p, sp);
        if (sp >= p->len || p->s[sp] != '=')
            return p->pos = sp, bad(p, "an attribute without a value");
        sp = skip_space(p, sp + 1);
        if (sp >= p->len || (p->s[sp] != '"' && p->s[sp] != '\''))
            return p->pos = sp, bad(p, "an unquoted attribute value");
        char q = p->s[sp];
        size_t v = sp + 1, e = v;
        while (e < p->len && p->s[e] != q && p->s[e] != '<')
            e++;
        if (e >= p->len || p->s[e] != q)
            return p->pos = e, bad(p, "an unterminated attribute value");
        ind_status st = decode(p, v, e);
        if (st != IND_OK)
            return st;
        if (writing(p)) {
            const char *aname = p->s + an;
            bool kept = in_exact(aname, alen, svg_attributes) && write_value(p, aname, alen);
            p->removed += !kept && !(alen >= 5 && memcmp(aname, "xmlns", 5) == 0) &&
                          !(alen == 7 && memcmp(aname, "version", 7) == 0);
        }
        i = e + 1;
    }
}

static ind_status end_tag(svg_parse *p)
{
    size_t i = p->pos + 2, name = i;
    while (i < p->len && name_char(p->s[i], i == name))
        i++;
    size_t nlen = i - name;
    i = skip_space(p, i);
    if (i >= p->len || p->s[i] != '>')
        return bad(p, "an unterminated end tag");
    if (p->depth == 0 || p->stack_len[p->depth - 1] != nlen ||
        memcmp(p->stack[p->depth - 1], p->s + name, nlen) != 0)
        return bad(p, "an end tag that closes no open element");
    if (writing(p)) {
        put(p->h, "</", 2);
        put(p->h, p->s + name, nlen);
        put(p->h, ">", 1);
    }
    if (p->drop == p->depth)
        p->drop = 0;
    p->depth--;
    p->pos = i + 1;
    return IND_OK;
}

static ind_status text_node(svg_parse *p)
{
    size_t from = p->pos, to = from;
    while (to < p->len && p->s[to] != '<')
        to++;
    p->pos = to;
    if (p->depth == 0) { /* outside the root only blank space is allowed */
        for (size_t i = from; i < to; i++)
            if (!strchr(" \t\r\n", p->s[i]))
                return p->pos = i, bad(p, "text outside the svg element");
        return IND_OK;
    }
    ind_status st = decode(p, from, to);
    if (st == IND_OK && writing(p))
        escaped(p->h, p->buf, p->blen);
    return st;
}

/* One node at p->pos. */
static ind_status node(svg_parse *p)
{
    const char *at = p->s + p->pos;
    size_t left = p->len - p->pos;
    if (at[0] != '<')
        return text_node(p);
    if (left >= 4 && memcmp(at, "<!--", 4) == 0)
        return skip_past(p, "-->") ? IND_OK : bad(p, "an unterminated comment");
    if (left >= 9 && memcmp(at, "<![CDATA[", 9) == 0) {
        size_t from = p->pos + 9;
        if (!skip_past(p, "]]>"))
            return bad(p, "an unterminated CDATA section");
        if (p->depth == 0)
            return bad(p, "text outside the svg element");
        if (writing(p))
            escaped(p->h, p->s + from, p->pos - 3 - from);
        return IND_OK;
    }
    if (left >= 2 && at[1] == '?')
        return skip_past(p, "?>") ? IND_OK : bad(p, "an unterminated processing instruction");
    if (left >= 2 && at[1] == '!') {
        if (p->root_seen)
            return bad(p, "a declaration inside the document");
        if (memchr(at, '[', left) && memchr(at, '[', left) < memchr(at, '>', left))
            return bad(p, "a document type with an internal subset");
        return skip_past(p, ">") ? IND_OK : bad(p, "an unterminated declaration");
    }
    if (left >= 2 && at[1] == '/')
        return end_tag(p);
    return start_tag(p);
}

static ind_status svg_pass(svg_parse *p)
{
    p->pos = 0;
    p->depth = 0;
    p->drop = 0;
    p->removed = 0;
    p->root_seen = false;
    while (p->pos < p->len) {
        if (p->s[p->pos] == '\0')
            return bad(p, "a NUL byte");
        ind_status st = node(p);
        if (st != IND_OK)
            return st;
    }
    if (!p->root_seen)
        return bad(p, "no svg element");
    if (p->depth)
        return bad(p, "an element left open at the end");
    return IND_OK;
}

static bool plain_prefix(const char *prefix)
{
    if (!*prefix || !isalpha((unsigned char)*prefix))
        return false;
    for (const char *c = prefix; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-')
            return false;
    return true;
}

ind_status ind_html_svg(ind_html *h, const char *svg, size_t len, const char *prefix,
                        size_t *removed, ind_error *err)
{
    if (!plain_prefix(prefix)) {
        misuse(h, "SVG id prefix", prefix);
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "bad SVG id prefix '%.40s'", prefix);
    }
    svg_parse p;
    memset(&p, 0, sizeof p);
    p.s = svg;
    p.len = len;
    p.prefix = prefix;
    p.err = err;
    ind_status st = svg_pass(&p); /* check the whole document before writing any of it */
    if (st == IND_OK) {
        p.h = h;
        st = svg_pass(&p);
        if (removed)
            *removed = p.removed;
    }
    free(p.buf);
    return st;
}
