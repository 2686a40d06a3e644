/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of period parsing and formatting (src/lib/period.c). */
#include "test.h"

#include "indicators/period.h"

typedef struct {
    const char *text;
    ind_freq freq;
    int year, sub;
} spelling;

static const spelling good[] = {
    {"2023", IND_FREQ_YEAR, 2023, 1},
    {" 2023 ", IND_FREQ_YEAR, 2023, 1},
    {"1", IND_FREQ_YEAR, 1, 1},
    {"2023年", IND_FREQ_YEAR, 2023, 1},
    {"2023年度", IND_FREQ_YEAR, 2023, 1},
    {"2024H1", IND_FREQ_HALF, 2024, 1},
    {"2024-H2", IND_FREQ_HALF, 2024, 2},
    {"2024h1", IND_FREQ_HALF, 2024, 1},
    {"2024 S2", IND_FREQ_HALF, 2024, 2},
    {"2024年上半年", IND_FREQ_HALF, 2024, 1},
    {"2024年下半年", IND_FREQ_HALF, 2024, 2},
    {"2023Q3", IND_FREQ_QUARTER, 2023, 3},
    {"2023-Q3", IND_FREQ_QUARTER, 2023, 3},
    {"2023 q4", IND_FREQ_QUARTER, 2023, 4},
    {"Q1 2023", IND_FREQ_QUARTER, 2023, 1},
    {"2023年第三季度", IND_FREQ_QUARTER, 2023, 3},
    {"2023年第3季度", IND_FREQ_QUARTER, 2023, 3},
    {"2023年一季度", IND_FREQ_QUARTER, 2023, 1},
    {"2023-06", IND_FREQ_MONTH, 2023, 6},
    {"2023-6", IND_FREQ_MONTH, 2023, 6},
    {"2023/12", IND_FREQ_MONTH, 2023, 12},
    {"2023M06", IND_FREQ_MONTH, 2023, 6},
    {"2023m6", IND_FREQ_MONTH, 2023, 6},
    {"2023年6月", IND_FREQ_MONTH, 2023, 6},
    {"2023年06月", IND_FREQ_MONTH, 2023, 6},
    {"2023年十二月", IND_FREQ_MONTH, 2023, 12},
    {"2024年1-6月", IND_FREQ_MONTH, 2024, 6},
};

static const char *const bad[] = {
    "", "   ", "abc", "20235", "2023Q5", "2023Q0", "2023H3", "2023-13", "2023-00", "2023M",
    "2023年第五季度", "2023年13月", "2023x", "2023 1 2", "Q3", "2023-Q", "2023年2-6月", "-2023",
    "2023.5",
};

static void parses_every_spelling(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        ind_period p;
        if (ind_period_parse(good[i].text, strlen(good[i].text), &p) != 0)
            fail_msg("'%s' did not parse", good[i].text);
        assert_int_equal(p.freq, good[i].freq);
        assert_int_equal(ind_period_year(p), good[i].year);
        assert_int_equal(ind_period_sub(p), good[i].sub);
    }
}

static void rejects_non_periods(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ind_period p = {IND_FREQ_UNKNOWN, -7};
        if (ind_period_parse(bad[i], strlen(bad[i]), &p) == 0)
            fail_msg("'%s' parsed as a period", bad[i]);
        assert_int_equal(p.ord, -7); /* untouched */
    }
}

static void respects_length(void **state)
{
    (void)state;
    ind_period p;
    assert_int_equal(ind_period_parse("2023Q3junk", 6, &p), 0);
    assert_int_equal(p.freq, IND_FREQ_QUARTER);
}

static void formats_canonically(void **state)
{
    (void)state;
    char buf[IND_PERIOD_TEXT_MAX];
    ind_period_format(ind_period_make(IND_FREQ_YEAR, 2023, 1), buf, sizeof buf);
    assert_string_equal(buf, "2023");
    ind_period_format(ind_period_make(IND_FREQ_HALF, 2024, 1), buf, sizeof buf);
    assert_string_equal(buf, "2024H1");
    ind_period_format(ind_period_make(IND_FREQ_QUARTER, 2023, 3), buf, sizeof buf);
    assert_string_equal(buf, "2023Q3");
    ind_period_format(ind_period_make(IND_FREQ_MONTH, 2023, 6), buf, sizeof buf);
    assert_string_equal(buf, "2023-06");
    /* written by hand: what printf writes, for every ordinal from year -30000 to 10000 at
       each frequency, whole or cut to a smaller buffer, with the full length returned */
    static const ind_freq freqs[] = {IND_FREQ_YEAR, IND_FREQ_HALF, IND_FREQ_QUARTER,
                                     IND_FREQ_MONTH};
    for (size_t f = 0; f < 4; f++)
        for (int32_t ord = -30000 * (int32_t)freqs[f]; ord < 10000 * (int32_t)freqs[f]; ord++) {
            ind_period p = {freqs[f], ord};
            char want[64], cut[8], got[8];
            int y = ind_period_year(p), sub = ind_period_sub(p);
            int len = f == 0   ? snprintf(want, sizeof want, "%d", y)
                      : f == 1 ? snprintf(want, sizeof want, "%dH%d", y, sub)
                      : f == 2 ? snprintf(want, sizeof want, "%dQ%d", y, sub)
                               : snprintf(want, sizeof want, "%d-%02d", y, sub);
            assert_int_equal(ind_period_format(p, buf, sizeof buf), len);
            assert_string_equal(buf, want);
            size_t n = (size_t)ord % 8; /* 0 to 7 bytes */
            memset(got, 'x', sizeof got);
            memset(cut, 'x', sizeof cut);
            if (n > 0) { /* as snprintf cuts: what fits, and the NUL */
                size_t k = (size_t)len < n - 1 ? (size_t)len : n - 1;
                memcpy(cut, want, k);
                cut[k] = '\0';
            }
            assert_int_equal(ind_period_format(p, got, n), len);
            assert_memory_equal(got, cut, sizeof got);
        }
}

static void formats_in_chinese(void **state)
{
    (void)state;
    char buf[IND_PERIOD_TEXT_ZH_MAX];
    static const char *const quarters[] = {"2023年一季度", "2023年二季度", "2023年三季度",
                                           "2023年四季度"};
    ind_period_format_zh(ind_period_make(IND_FREQ_YEAR, 2023, 1), buf, sizeof buf);
    assert_string_equal(buf, "2023年");
    ind_period_format_zh(ind_period_make(IND_FREQ_HALF, 2024, 1), buf, sizeof buf);
    assert_string_equal(buf, "2024年上半年");
    ind_period_format_zh(ind_period_make(IND_FREQ_HALF, 2024, 2), buf, sizeof buf);
    assert_string_equal(buf, "2024年下半年");
    for (int q = 1; q <= 4; q++) {
        ind_period_format_zh(ind_period_make(IND_FREQ_QUARTER, 2023, q), buf, sizeof buf);
        assert_string_equal(buf, quarters[q - 1]);
    }
    ind_period_format_zh(ind_period_make(IND_FREQ_MONTH, 2023, 6), buf, sizeof buf);
    assert_string_equal(buf, "2023年6月");
    /* what it writes reads back as the same period */
    ind_period p, back;
    p = ind_period_make(IND_FREQ_HALF, 2024, 2);
    size_t len = ind_period_format_zh(p, buf, sizeof buf);
    assert_int_equal(ind_period_parse(buf, len, &back), 0);
    assert_int_equal(back.ord, p.ord);
    assert_int_equal(back.freq, p.freq);
    p = ind_period_make(IND_FREQ_MONTH, 2023, 11);
    len = ind_period_format_zh(p, buf, sizeof buf);
    assert_int_equal(ind_period_parse(buf, len, &back), 0);
    assert_int_equal(back.ord, p.ord);
}

static void ordinals_count_periods(void **state)
{
    (void)state;
    ind_period dec = ind_period_make(IND_FREQ_MONTH, 2023, 12);
    ind_period jan = ind_period_make(IND_FREQ_MONTH, 2024, 1);
    assert_int_equal(jan.ord - dec.ord, 1);
    assert_int_equal(ind_period_add(jan, -12).ord, ind_period_make(IND_FREQ_MONTH, 2023, 1).ord);
    ind_period q1 = ind_period_make(IND_FREQ_QUARTER, 2020, 1);
    ind_period q3 = ind_period_make(IND_FREQ_QUARTER, 2023, 3);
    assert_close(ind_period_years_between(q1, q3), 3.5, 1e-15);
    assert_string_equal(ind_freq_name(IND_FREQ_HALF), "half-yearly");
}

/* Dates, checked against the calendar: Python's datetime.date(y, m, d) accepts these and refuses the bad ones. */
static void parses_dates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int y, m, d;
    } good_dates[] = {
        {"2024-01-31", 2024, 1, 31},     {"2024/1/31", 2024, 1, 31},
        {"2024年1月31日", 2024, 1, 31},  {" 2024-02-29 ", 2024, 2, 29}, /* leap year */
        {"2000-02-29", 2000, 2, 29},     {"2024-01-31 00:00:00", 2024, 1, 31},
        {"2024-12-31T12:30", 2024, 12, 31}, {"2024.6.30", 2024, 6, 30},
        {"2024年06月30号", 2024, 6, 30},
    };
    static const char *const bad_dates[] = {
        "2023-02-29", "1900-02-29", "2024-13-01", "2024-01-32", "2024-04-31", "2024-00-10",
        "2024-01", "2024", "2024-1-31x", "2024-01/31", "2024年1月31", "24-01-31",
        "2024-01-31 25", "2024Q1",
    };
    for (size_t i = 0; i < sizeof good_dates / sizeof good_dates[0]; i++) {
        int y, m, d;
        if (ind_date_parse(good_dates[i].text, strlen(good_dates[i].text), &y, &m, &d) != 0)
            fail_msg("'%s' is a date", good_dates[i].text);
        assert_int_equal(y, good_dates[i].y);
        assert_int_equal(m, good_dates[i].m);
        assert_int_equal(d, good_dates[i].d);
    }
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
        int y, m, d;
        if (ind_date_parse(bad_dates[i], strlen(bad_dates[i]), &y, &m, &d) == 0)
            fail_msg("'%s' is not a date", bad_dates[i]);
    }
}

/* Years 1..9999: every period in them reads back from its text; one outside is told apart
   from a text that is no period, so that the loader can say which. */
static void years_in_range(void **state)
{
    (void)state;
    static const char *const outside[] = {"0", "0000", "0-01", "0000-01", "0Q1", "Q1 0", "0年",
                                          "0年6月", "10000", "10000-01", "10000Q1", "99999H2"};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        ind_period p = {IND_FREQ_UNKNOWN, -7};
        if (ind_period_parse(outside[i], strlen(outside[i]), &p) != IND_PERIOD_OUT_OF_RANGE)
            fail_msg("'%s' is not a period out of range", outside[i]);
        assert_int_equal(p.ord, -7);
        assert_int_equal(ind_period_parse_as(outside[i], strlen(outside[i]), IND_FREQ_UNKNOWN, &p),
                         IND_PERIOD_OUT_OF_RANGE);
    }
    ind_period p;
    assert_int_equal(ind_period_parse_as("0-01", 4, IND_FREQ_QUARTER, &p), IND_PERIOD_OUT_OF_RANGE);
    assert_int_equal(ind_period_parse_as("0000-01-31", 10, IND_FREQ_MONTH, &p),
                     IND_PERIOD_OUT_OF_RANGE);
    int y, m, d;
    assert_int_equal(ind_date_parse("0000-01-31", 10, &y, &m, &d), IND_PERIOD_OUT_OF_RANGE);
    assert_int_equal(ind_period_parse("100000", 6, &p), -1); /* six digits: no period at all */
    /* the first and last periods of each frequency read back as themselves */
    static const ind_freq freqs[] = {IND_FREQ_YEAR, IND_FREQ_HALF, IND_FREQ_QUARTER,
                                     IND_FREQ_MONTH};
    static const char *const last[] = {"9999", "9999H2", "9999Q4", "9999-12"};
    for (size_t i = 0; i < 4; i++) {
        char text[IND_PERIOD_TEXT_MAX];
        ind_period ends[2] = {ind_period_make(freqs[i], IND_YEAR_MIN, 1), ind_period_last(freqs[i])};
        ind_period_format(ends[1], text, sizeof text);
        assert_string_equal(text, last[i]);
        for (size_t k = 0; k < 2; k++) {
            ind_period back;
            ind_period_format(ends[k], text, sizeof text);
            assert_int_equal(ind_period_parse(text, strlen(text), &back), 0);
            assert_int_equal(back.freq, ends[k].freq);
            assert_int_equal(back.ord, ends[k].ord);
        }
    }
}

/* A date is the period of the given frequency it falls in; periods of another frequency too. */
static void dates_become_periods(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        ind_freq freq;
        const char *want; /* canonical text, NULL: refused */
    } cases[] = {
        {"2024-01-31", IND_FREQ_MONTH, "2024-01"},    {"2024-03-31", IND_FREQ_QUARTER, "2024Q1"},
        {"2024/4/1", IND_FREQ_QUARTER, "2024Q2"},      {"2024年9月30日", IND_FREQ_HALF, "2024H2"},
        {"2024-06-30", IND_FREQ_HALF, "2024H1"},       {"2024-12-31", IND_FREQ_YEAR, "2024"},
        {"2024-12-31", IND_FREQ_UNKNOWN, NULL},        /* a date needs a frequency */
        {"2024-05", IND_FREQ_QUARTER, "2024Q2"},       /* a month lies in a quarter */
        {"2024Q3", IND_FREQ_HALF, "2024H2"},           {"2024Q3", IND_FREQ_QUARTER, "2024Q3"},
        {"2024", IND_FREQ_MONTH, NULL},                /* a year is not one month */
        {"2024H1", IND_FREQ_QUARTER, NULL},            {"2024", IND_FREQ_UNKNOWN, "2024"},
        {"2023-02-29", IND_FREQ_MONTH, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ind_period p;
        char text[IND_PERIOD_TEXT_MAX];
        int rc = ind_period_parse_as(cases[i].text, strlen(cases[i].text), cases[i].freq, &p);
        if (!cases[i].want) {
            if (rc == 0)
                fail_msg("'%s' as %s: accepted", cases[i].text, ind_freq_name(cases[i].freq));
            continue;
        }
        if (rc != 0)
            fail_msg("'%s' as %s: refused", cases[i].text, ind_freq_name(cases[i].freq));
        ind_period_format(p, text, sizeof text);
        assert_string_equal(text, cases[i].want);
    }
    ind_freq f;
    assert_int_equal(ind_freq_parse("quarter", &f), 0);
    assert_int_equal(f, IND_FREQ_QUARTER);
    assert_int_equal(ind_freq_parse("monthly", &f), 0);
    assert_int_equal(f, IND_FREQ_MONTH);
    assert_int_equal(ind_freq_parse("week", &f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_every_spelling), cmocka_unit_test(rejects_non_periods),
        cmocka_unit_test(respects_length),       cmocka_unit_test(formats_canonically),
        cmocka_unit_test(formats_in_chinese),
        cmocka_unit_test(ordinals_count_periods),
        cmocka_unit_test(parses_dates),
        cmocka_unit_test(dates_become_periods),
        cmocka_unit_test(years_in_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
