/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * period.c - parsing and formatting periods (see include/indicators/period.h).
 *
 * The parser is a small hand-written scanner over bytes rather than a set of
 * sscanf patterns: the spellings mix ASCII and UTF-8 Chinese, and sscanf
 * would accept trailing junk ("2023abc") silently.
 */
#include "indicators/period.h"

#include <stdio.h>
#include <string.h>

typedef struct scanner {
    const char *p, *end;
} scanner;

static void skip_spaces(scanner *sc)
{
    while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t'))
        sc->p++;
}

/* Consumes the literal word (ASCII case-insensitive) when it comes next. */
static int eat(scanner *sc, const char *word)
{
    size_t len = strlen(word);
    if ((size_t)(sc->end - sc->p) < len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char a = sc->p[i], b = word[i];
        if (a >= 'a' && a <= 'z')
            a = (char)(a - 'a' + 'A');
        if (a != b)
            return 0;
    }
    sc->p += len;
    return 1;
}

/* Reads 1..maxdigits decimal digits; -1 when there are none or too many. */
static int read_number(scanner *sc, int maxdigits)
{
    int value = 0, digits = 0;
    while (sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9') {
        if (++digits > maxdigits)
            return -1;
        value = value * 10 + (*sc->p - '0');
        sc->p++;
    }
    return digits ? value : -1;
}

/* A number written in digits or as a Chinese numeral 一..十二. */
static int read_cn_or_digits(scanner *sc)
{
    static const char *const numerals[] = {"十二", "十一", "十", "一", "二", "三", "四",
                                           "五",   "六",   "七", "八", "九"};
    static const int values[] = {12, 11, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    if (sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9')
        return read_number(sc, 2);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        if (eat(sc, numerals[i]))
            return values[i];
    return -1;
}

static int at_end(scanner *sc)
{
    skip_spaces(sc);
    return sc->p == sc->end;
}

static int finish(scanner *sc, ind_freq freq, int year, int sub, ind_period *out)
{
    if (!at_end(sc) || year < 0 || sub < 1 || sub > (int)freq)
        return -1;
    if (year < IND_YEAR_MIN || year > IND_YEAR_MAX)
        return IND_PERIOD_OUT_OF_RANGE;
    *out = ind_period_make(freq, year, sub);
    return 0;
}

/* After "2024年": 上半年, 第三季度, 3季度, 6月, 1-6月 (year-to-date through June). */
static int parse_chinese_suffix(scanner *sc, int year, ind_period *out)
{
    if (eat(sc, "上半年"))
        return finish(sc, IND_FREQ_HALF, year, 1, out);
    if (eat(sc, "下半年"))
        return finish(sc, IND_FREQ_HALF, year, 2, out);
    if (eat(sc, "H"))
        return finish(sc, IND_FREQ_HALF, year, read_number(sc, 1), out);
    if (eat(sc, "Q"))
        return finish(sc, IND_FREQ_QUARTER, year, read_number(sc, 1), out);
    eat(sc, "第");
    int k = read_cn_or_digits(sc);
    if (k < 0)
        return -1;
    if (eat(sc, "季度") || eat(sc, "季"))
        return finish(sc, IND_FREQ_QUARTER, year, k, out);
    if (k == 1 && (eat(sc, "-") || eat(sc, "—") || eat(sc, "~") || eat(sc, "至"))) {
        k = read_cn_or_digits(sc); /* 1-6月: the cumulative figure through month 6 */
        if (k < 0)
            return -1;
    }
    if (eat(sc, "月份") || eat(sc, "月"))
        return finish(sc, IND_FREQ_MONTH, year, k, out);
    return -1;
}

/* After the year and an optional separator: H1, S1, Q3, M06, 06. */
static int parse_latin_suffix(scanner *sc, int year, int had_sep, ind_period *out)
{
    if (eat(sc, "H") || eat(sc, "S"))
        return finish(sc, IND_FREQ_HALF, year, read_number(sc, 1), out);
    if (eat(sc, "Q"))
        return finish(sc, IND_FREQ_QUARTER, year, read_number(sc, 1), out);
    if (eat(sc, "M"))
        return finish(sc, IND_FREQ_MONTH, year, read_number(sc, 2), out);
    if (had_sep)
        return finish(sc, IND_FREQ_MONTH, year, read_number(sc, 2), out);
    return -1;
}

/* Digits read as a year: one more than IND_YEAR_MAX has, so that 10000 is a year out of
   range, not a text that is no period; longer numbers (20230615) are none. */
enum { YEAR_DIGITS = 5 };

int ind_period_parse(const char *s, size_t len, ind_period *out)
{
    scanner sc = {s, s + len};
    skip_spaces(&sc);
    if (eat(&sc, "Q")) { /* "Q3 2023" */
        int q = read_number(&sc, 1);
        skip_spaces(&sc);
        eat(&sc, "-");
        skip_spaces(&sc);
        return finish(&sc, IND_FREQ_QUARTER, read_number(&sc, YEAR_DIGITS), q, out);
    }
    int year = read_number(&sc, YEAR_DIGITS);
    if (year < 0)
        return -1;
    if (at_end(&sc))
        return finish(&sc, IND_FREQ_YEAR, year, 1, out);
    if (eat(&sc, "年")) {
        if (at_end(&sc) || eat(&sc, "度"))
            return finish(&sc, IND_FREQ_YEAR, year, 1, out);
        return parse_chinese_suffix(&sc, year, out);
    }
    int had_sep = eat(&sc, "-") || eat(&sc, "/") || eat(&sc, " ");
    skip_spaces(&sc);
    return parse_latin_suffix(&sc, year, had_sep, out);
}

static int leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : days[month - 1];
}

/* A time of day after a date: " 00:00:00", "T12:30", " 0:00" (digits, colons, a fraction). */
static int time_of_day(scanner *sc)
{
    if (at_end(sc))
        return 1;
    eat(sc, "T");
    skip_spaces(sc);
    if (read_number(sc, 2) < 0 || !eat(sc, ":") || read_number(sc, 2) < 0)
        return 0;
    if (eat(sc, ":") && read_number(sc, 2) < 0)
        return 0;
    if (eat(sc, ".") && read_number(sc, 9) < 0)
        return 0;
    return at_end(sc);
}

int ind_date_parse(const char *s, size_t len, int *year, int *month, int *day)
{
    scanner sc = {s, s + len};
    skip_spaces(&sc);
    for (int i = 0; i < 4; i++) /* a date has a four-digit year */
        if (sc.end - sc.p < 4 || sc.p[i] < '0' || sc.p[i] > '9')
            return -1;
    int y = read_number(&sc, 4), m, d;
    if (y < 0)
        return -1;
    if (eat(&sc, "年")) { /* 2024年1月31日 */
        if ((m = read_number(&sc, 2)) < 0 || !eat(&sc, "月") || (d = read_number(&sc, 2)) < 0 ||
            !(eat(&sc, "日") || eat(&sc, "号")) || !at_end(&sc))
            return -1;
    } else {
        const char *sep = eat(&sc, "-") ? "-" : eat(&sc, "/") ? "/" : eat(&sc, ".") ? "." : NULL;
        if (!sep || (m = read_number(&sc, 2)) < 0 || !eat(&sc, sep) ||
            (d = read_number(&sc, 2)) < 0 || !time_of_day(&sc))
            return -1;
    }
    if (m < 1 || m > 12 || d < 1 || d > days_in(y, m))
        return -1;
    if (y < IND_YEAR_MIN)
        return IND_PERIOD_OUT_OF_RANGE;
    *year = y, *month = m, *day = d;
    return 0;
}

int ind_period_parse_as(const char *s, size_t len, ind_freq freq, ind_period *out)
{
    ind_period p;
    int y, m, d;
    int st = ind_period_parse(s, len, &p);
    if (st == 0) {
        if (freq == IND_FREQ_UNKNOWN || p.freq == freq) {
            *out = p;
            return 0;
        }
        if (p.freq < freq) /* coarser: a year is not one month */
            return -1;
        y = ind_period_year(p);
        m = (ind_period_sub(p) - 1) * (12 / (int)p.freq) + 1; /* the first month of p */
    } else if (st == IND_PERIOD_OUT_OF_RANGE || freq == IND_FREQ_UNKNOWN) {
        return st;
    } else if ((st = ind_date_parse(s, len, &y, &m, &d)) != 0) {
        return st;
    }
    *out = ind_period_make(freq, y, (m - 1) / (12 / (int)freq) + 1);
    return 0;
}

int ind_freq_parse(const char *name, ind_freq *out)
{
    static const struct {
        const char *name;
        ind_freq freq;
    } names[] = {
        {"year", IND_FREQ_YEAR},       {"annual", IND_FREQ_YEAR},  {"yearly", IND_FREQ_YEAR},
        {"half", IND_FREQ_HALF},       {"half-yearly", IND_FREQ_HALF},
        {"quarter", IND_FREQ_QUARTER}, {"quarterly", IND_FREQ_QUARTER},
        {"month", IND_FREQ_MONTH},     {"monthly", IND_FREQ_MONTH},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].freq;
            return 0;
        }
    return -1;
}

ind_period ind_period_make(ind_freq freq, int year, int sub)
{
    ind_period p = {freq, (int32_t)year * (int32_t)freq + (int32_t)(sub - 1)};
    return p;
}

ind_period ind_period_last(ind_freq freq)
{
    return ind_period_make(freq, IND_YEAR_MAX, freq ? (int)freq : 1);
}

int ind_period_year(ind_period p)
{
    return p.freq ? (int)(p.ord / (int32_t)p.freq) : (int)p.ord;
}

int ind_period_sub(ind_period p)
{
    return p.freq ? (int)(p.ord % (int32_t)p.freq) + 1 : 1;
}

ind_period ind_period_add(ind_period p, int32_t k)
{
    p.ord += k;
    return p;
}

/* Writes v in decimal at t, zero-padded to width bytes as printf's %0*d; returns the length. */
static size_t put_int(char *t, long v, int width)
{
    char d[24];
    size_t k = 0, len = 0;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do
        d[k++] = (char)('0' + u % 10);
    while ((u /= 10) != 0 || (int)k + (v < 0) < width); /* as printf: the sign counts */
    if (v < 0)
        t[len++] = '-';
    while (k > 0)
        t[len++] = d[--k];
    return len;
}

/* By hand, not snprintf: a growth table formats two periods a series (1.5 % of the job). */
size_t ind_period_format(ind_period p, char *buf, size_t n)
{
    char t[48];
    size_t len = put_int(t, ind_period_year(p), 1);
    int sub = ind_period_sub(p);
    switch (p.freq) {
    case IND_FREQ_HALF:
        t[len++] = 'H';
        len += put_int(t + len, sub, 1);
        break;
    case IND_FREQ_QUARTER:
        t[len++] = 'Q';
        len += put_int(t + len, sub, 1);
        break;
    case IND_FREQ_MONTH:
        t[len++] = '-';
        len += put_int(t + len, sub, 2);
        break;
    default:
        break;
    }
    if (n > 0) { /* as snprintf: what fits, and the NUL */
        size_t k = len < n - 1 ? len : n - 1;
        memcpy(buf, t, k);
        buf[k] = '\0';
    }
    return len;
}

size_t ind_period_format_zh(ind_period p, char *buf, size_t n)
{
    static const char *const halves[] = {"上半年", "下半年"};
    static const char *const quarters[] = {"一季度", "二季度", "三季度", "四季度"};
    int year = ind_period_year(p), sub = ind_period_sub(p), len;
    switch (p.freq) {
    case IND_FREQ_HALF:
        len = snprintf(buf, n, "%d年%s", year, halves[(sub - 1) & 1]);
        break;
    case IND_FREQ_QUARTER:
        len = snprintf(buf, n, "%d年%s", year, quarters[(sub - 1) & 3]);
        break;
    case IND_FREQ_MONTH:
        len = snprintf(buf, n, "%d年%d月", year, sub);
        break;
    default:
        len = snprintf(buf, n, "%d年", year);
        break;
    }
    return len < 0 ? 0 : (size_t)len;
}

double ind_period_years_between(ind_period a, ind_period b)
{
    int32_t freq = a.freq ? (int32_t)a.freq : 1;
    return (double)(b.ord - a.ord) / (double)freq;
}

const char *ind_freq_name(ind_freq freq)
{
    switch (freq) {
    case IND_FREQ_YEAR:
        return "annual";
    case IND_FREQ_HALF:
        return "half-yearly";
    case IND_FREQ_QUARTER:
        return "quarterly";
    case IND_FREQ_MONTH:
        return "monthly";
    default:
        return "unknown";
    }
}
