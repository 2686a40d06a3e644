/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * number.c - ind_parse_value: one value cell of a CSV file to a double
 * (see include/indicators/load.h).
 *
 * The cell is checked by hand (sign, digits with optional thousands
 * separators in groups of three, decimals, exponent, a trailing % sign) and
 * copied without its separators. Short plain decimals - nearly every cell of
 * real files - are converted exactly without strtod: a mantissa below 10^15
 * and a power of ten up to 10^22 are both exact doubles, so one division is
 * correctly rounded and equals what strtod returns. Everything else goes
 * through strtod on the cleaned copy. strtod follows LC_NUMERIC; the library
 * assumes the C locale, which the program never changes.
 */
#include "indicators/load.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static int same_ascii_nocase(const char *s, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i]; i++) {
        char a = s[i];
        if (a >= 'a' && a <= 'z')
            a = (char)(a - 'a' + 'A');
        if (a != word[i])
            return 0;
    }
    return i == len && word[i] == '\0';
}

static int is_missing_marker(const char *s, size_t len)
{
    static const char *const markers[] = {
        "NA",           "N/A",  "..", "...",          "-", "--", "NULL",
        "NAN",          "#N/A", ":",  "\xe2\x80\x94", /* em dash */
        "\xe2\x80\x93",                               /* en dash */
        "\xe2\x80\xa6",                               /* ellipsis */
        /* Excel's error values, as workbooks hold them and CSV exports write them */
        "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
        "#GETTING_DATA",
    };
    if (len > 13)
        return 0;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (same_ascii_nocase(s, len, markers[i]))
            return 1;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A scanned number: where it stops, its digits, and what strtod needs. */
typedef struct scan {
    size_t pos;    /* first byte not part of the number */
    size_t bad;    /* offset of an offending byte, or SIZE_MAX */
    uint64_t mant; /* digits as an integer while ndigits <= 15 */
    int ndigits;   /* integer and fraction digits */
    int nfrac;     /* fraction digits */
    int exponent;  /* an exponent was written */
    int negative;
} scan;

/* Integer part with optional thousands separators; copies digits to clean. */
static void scan_integer(const char *s, size_t end, scan *sc, char *clean, size_t *k)
{
    size_t group = 0;
    int grouped = 0;
    size_t last_comma = 0;
    while (sc->pos < end) {
        char c = s[sc->pos];
        if (is_digit(c)) {
            clean[(*k)++] = c;
            if (++sc->ndigits <= 15)
                sc->mant = sc->mant * 10 + (uint64_t)(c - '0');
            group++;
        } else if (c == ',') {
            if (sc->ndigits == 0 || group == 0 || group > 3 || (grouped && group != 3)) {
                sc->bad = sc->pos;
                return;
            }
            grouped = 1;
            group = 0;
            last_comma = sc->pos;
        } else {
            break;
        }
        sc->pos++;
    }
    if (grouped && group != 3)
        sc->bad = last_comma;
}

static void scan_rest(const char *s, size_t end, scan *sc, char *clean, size_t *k)
{
    if (sc->pos < end && s[sc->pos] == '.') {
        clean[(*k)++] = '.';
        sc->pos++;
        while (sc->pos < end && is_digit(s[sc->pos])) {
            clean[(*k)++] = s[sc->pos];
            if (++sc->ndigits <= 15)
                sc->mant = sc->mant * 10 + (uint64_t)(s[sc->pos] - '0');
            sc->nfrac++;
            sc->pos++;
        }
    }
    if (sc->ndigits == 0) {
        sc->bad = sc->pos;
        return;
    }
    if (sc->pos < end && (s[sc->pos] == 'e' || s[sc->pos] == 'E')) {
        size_t p = sc->pos + 1;
        size_t start = *k;
        clean[(*k)++] = 'e';
        if (p < end && (s[p] == '+' || s[p] == '-'))
            clean[(*k)++] = s[p++];
        if (p >= end || !is_digit(s[p])) {
            *k = start; /* "12e" or "12east": the e is the offending byte */
            sc->bad = sc->pos;
            return;
        }
        while (p < end && is_digit(s[p]))
            clean[(*k)++] = s[p++];
        sc->pos = p;
        sc->exponent = 1;
    }
}

/* Trailing spaces, an optional % (ASCII or full-width) and spaces again. */
static size_t scan_suffix(const char *s, size_t pos, size_t end, int *percent)
{
    size_t w;
    while (pos < end && (w = text_space_at(s + pos, end - pos)) != 0)
        pos += w;
    if (pos < end && s[pos] == '%') {
        *percent = 1;
        pos++;
    } else if (end - pos >= 3 && memcmp(s + pos, "\xef\xbc\x85", 3) == 0) {
        *percent = 1;
        pos += 3;
    }
    while (pos < end && (w = text_space_at(s + pos, end - pos)) != 0)
        pos += w;
    return pos;
}

static int convert(const scan *sc, char *clean, size_t k, double *value)
{
#if FLT_EVAL_METHOD == 0
    if (!sc->exponent && sc->ndigits <= 15) {
        double v = (double)sc->mant / exact_pow10[sc->nfrac];
        *value = sc->negative ? -v : v;
        return 0;
    }
#endif
    clean[k] = '\0';
    char *stop;
    errno = 0;
    double v = strtod(clean, &stop);
    if (*stop != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *value = v;
    return 0;
}

/*
 * The common case, [-]digits[.digits] whose digits as an integer m are at
 * most 2^53 with at most 22 decimals: m and 10^decimals are exact doubles, so
 * m / 10^decimals is correctly rounded (Clinger's fast path), as strtod is.
 * Returns 0 and sets *value, or -1 to take the general path.
 */
static int parse_plain(const char *s, size_t len, double *value)
{
#if FLT_EVAL_METHOD == 0
    const char *p = s, *end = s + len, *dot = NULL;
    int negative = *p == '-';
    uint64_t mant = 0;
    p += negative;
    if (end - p > 19 || p == end)
        return -1; /* 19 digits cannot overflow the mantissa */
    for (; p < end; p++) {
        unsigned d = (unsigned)(unsigned char)*p - '0';
        if (d < 10)
            mant = mant * 10 + d;
        else if (*p == '.' && !dot)
            dot = p;
        else
            return -1;
    }
    size_t nfrac = dot ? (size_t)(end - dot - 1) : 0;
    if (mant > ((uint64_t)1 << 53) || nfrac > 22 || (dot && end - s - negative == 1))
        return -1; /* too many digits, or a lone "." */
    double v = (double)(int64_t)mant / exact_pow10[nfrac];
    *value = negative ? -v : v;
    return 0;
#else
    (void)s, (void)len, (void)value;
    return -1;
#endif
}

int ind_parse_value(const char *s, size_t len, double *value, int *percent, size_t *bad_col)
{
    *percent = 0;
    if (len == 0)
        return 1;
    if (parse_plain(s, len, value) == 0)
        return 0;
    size_t begin = 0, end = len, w;
    while (begin < end && (w = text_space_at(s + begin, end - begin)) != 0)
        begin += w;
    while (end > begin && (w = text_space_before(s + begin, end - begin)) != 0)
        end -= w;
    if (begin == end || is_missing_marker(s + begin, end - begin))
        return 1;

    char small[64], *clean = small;
    if (end - begin + 2 > sizeof small && !(clean = malloc(end - begin + 2))) {
        *bad_col = begin; /* out of memory for a 60+ character cell: report it as bad */
        return -1;
    }
    scan sc = {begin, SIZE_MAX, 0, 0, 0, 0, 0};
    size_t k = 0;
    if (s[sc.pos] == '+' || s[sc.pos] == '-') {
        sc.negative = s[sc.pos] == '-';
        clean[k++] = s[sc.pos++];
    }
    scan_integer(s, end, &sc, clean, &k);
    if (sc.bad == SIZE_MAX)
        scan_rest(s, end, &sc, clean, &k);
    int status = -1;
    if (sc.bad != SIZE_MAX) {
        *bad_col = sc.bad;
    } else if ((sc.pos = scan_suffix(s, sc.pos, end, percent)) != end) {
        *bad_col = sc.pos;
    } else if (convert(&sc, clean, k, value) != 0) {
        *bad_col = len; /* a number, but out of range */
    } else {
        status = 0;
    }
    if (clean != small)
        free(clean);
    if (status != 0)
        *percent = 0;
    return status;
}
