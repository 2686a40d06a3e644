/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lex.c - the lexer shared by the one-line languages of targets, claims and
 * derivations (see lex.h).
 */
#include "lex.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long lex_column(const char *text, const char *p)
{
    long col = 1;
    for (const char *q = text; q < p; q++)
        if (((unsigned char)*q & 0xc0) != 0x80)
            col++;
    return col;
}

void lex_skip_spaces(lex *c)
{
    while (*c->p == ' ' || *c->p == '\t')
        c->p++;
}

ind_status lex_expected(const lex *c, ind_error *err, const char *what)
{
    char found[48];
    if (*c->p)
        snprintf(found, sizeof found, "found '%.24s%s'", c->p, strlen(c->p) > 24 ? "..." : "");
    else
        snprintf(found, sizeof found, "found the end");
    return ind_error_set(err, IND_E_ARG, NULL, 0, lex_column(c->text, c->p),
                         "%s '%s': expected %s at column %ld, %s", c->noun, c->text, what,
                         lex_column(c->text, c->p), found);
}

bool lex_starts(const char *p, const char *word)
{
    return strncmp(p, word, strlen(word)) == 0;
}

bool lex_keyword(lex *c, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)c->p[i]) != word[i])
            return false;
    if (c->p[n] && c->p[n] != ' ' && c->p[n] != '\t')
        return false;
    c->p += n;
    return true;
}

const char *lex_find_operator(const char *p)
{
    for (; *p; p++)
        if (*p == '>' || *p == '<' || *p == '=' || lex_starts(p, "\xe2\x89\xa5") ||
            lex_starts(p, "\xe2\x89\xa4"))
            return p;
    return NULL;
}

/* Digits at s, with thousands separators skipped, appended to buf; returns the length read. */
static size_t integer_part(const char *s, char *buf, size_t *n, size_t max, size_t *digits)
{
    size_t i = 0;
    while (*n < max) {
        if (isdigit((unsigned char)s[i])) {
            buf[(*n)++] = s[i++];
            (*digits)++;
        } else if (s[i] == ',' && *digits && isdigit((unsigned char)s[i + 1]) &&
                   isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
                   !isdigit((unsigned char)s[i + 4])) {
            i++; /* a thousands separator */
        } else {
            break;
        }
    }
    return i;
}

size_t lex_number(const char *s, double *value, int *decimals)
{
    char buf[64];
    size_t n = 0, i = 0, digits = 0;
    int dec = 0;
    if (s[i] == '+' || s[i] == '-')
        buf[n++] = s[i++];
    i += integer_part(s + i, buf, &n, sizeof buf - 1, &digits);
    if (s[i] == '.' && n < sizeof buf - 1) {
        buf[n++] = s[i++];
        while (isdigit((unsigned char)s[i]) && n < sizeof buf - 1) {
            buf[n++] = s[i++];
            digits++;
            dec++;
        }
    }
    if (!digits)
        return 0;
    if ((s[i] == 'e' || s[i] == 'E') && n < sizeof buf - 6) {
        size_t j = i + 1, m = n;
        buf[m++] = 'e';
        if (s[j] == '+' || s[j] == '-')
            buf[m++] = s[j++];
        if (isdigit((unsigned char)s[j])) {
            while (isdigit((unsigned char)s[j]) && m < sizeof buf - 1)
                buf[m++] = s[j++];
            i = j;
            n = m;
            dec = -1;
        }
    }
    buf[n] = '\0';
    errno = 0;
    double v = strtod(buf, NULL);
    if (errno == ERANGE || !isfinite(v))
        return 0;
    *value = v;
    if (decimals)
        *decimals = dec;
    return i;
}

int lex_year(lex *c)
{
    int year = 0, digits = 0;
    while (isdigit((unsigned char)c->p[digits]) && digits < 5)
        year = year * 10 + (c->p[digits++] - '0');
    if (digits == 0 || digits > 4 || isdigit((unsigned char)c->p[digits]) || year < IND_YEAR_MIN)
        return -1;
    c->p += digits;
    return year;
}

size_t lex_rate_suffix(const char *p)
{
    static const char *const suffixes[] = {"%/year", "%/yr", "%/y", "%/a", "% a year",
                                           "%pa",    "% pa", "%p.a."};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (lex_starts(p, suffixes[i]))
            return strlen(suffixes[i]);
    return 0;
}

ind_status lex_series(lex *c, const char *end, char *series, size_t n, char *entity, size_t m,
                      ind_error *err)
{
    lex_skip_spaces(c);
    const char *name = c->p, *stop, *after;
    if (*c->p == '"') { /* "a name with spaces, (parentheses) or operators" */
        name = c->p + 1;
        stop = memchr(name, '"', (size_t)(end - name));
        if (!stop)
            return lex_expected(c, err, "a series name closed by '\"'");
        after = stop + 1;
    } else {
        const char *bracket = memchr(c->p, '[', (size_t)(end - c->p));
        stop = after = bracket ? bracket : end;
        while (stop > c->p && (stop[-1] == ' ' || stop[-1] == '\t'))
            stop--;
    }
    if (stop == name)
        return lex_expected(c, err, "a series name");
    if ((size_t)(stop - name) >= n)
        return lex_expected(c, err, "a shorter series name");
    memcpy(series, name, (size_t)(stop - name));
    series[stop - name] = '\0';
    entity[0] = '\0';
    c->p = after;
    lex_skip_spaces(c);
    if (*c->p != '[')
        return IND_OK;
    const char *open = ++c->p;
    const char *close = strchr(open, ']');
    if (!close || close > end)
        return lex_expected(c, err, "an entity closed by ']'");
    while (*c->p == ' ')
        c->p++;
    const char *last = close;
    while (last > c->p && last[-1] == ' ')
        last--;
    if (last == c->p)
        return lex_expected(c, err, "an entity name inside [ ]");
    if ((size_t)(last - c->p) >= m)
        return lex_expected(c, err, "a shorter entity name");
    memcpy(entity, c->p, (size_t)(last - c->p));
    entity[last - c->p] = '\0';
    c->p = close + 1;
    return IND_OK;
}
