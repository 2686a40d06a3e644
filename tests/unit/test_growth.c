/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the growth statistics (src/lib/growth.c).
 *
 * Reference numbers were computed independently with Python's math module
 * (/usr/bin/python3, printed with %.17g) from the formulas of METHODS.md,
 * e.g. CAGR = (x1/x0)**(1/n) - 1, doubling time = log(2)/log(1+cagr); the
 * expression used is in the comment next to each constant.
 */
#include "test.h"

#include <gsl/gsl_errno.h>

#include "indicators/growth.h"

#define REL 1e-12

typedef struct fixture {
    ind_dataset *ds;
} fixture;

static ind_period year(int y)
{
    return ind_period_make(IND_FREQ_YEAR, y, 1);
}

/* A series named name with n observations (freq, year0, sub0 + i), values v. */
static ind_series *make(ind_dataset *ds, const char *name, const char *unit, ind_freq freq,
                        int year0, int sub0, const double *v, size_t n)
{
    ind_series *s = ind_dataset_series(ds, name, "here");
    assert_non_null(s);
    assert_int_equal(ind_series_set_text(&s->unit, unit), IND_OK);
    ind_period p = ind_period_make(freq, year0, sub0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ind_series_add(s, ind_period_add(p, (int32_t)i), v[i], NULL), IND_OK);
    return s;
}

/* A yearly series with values v at years y. */
static ind_series *yearly(ind_dataset *ds, const char *name, const char *unit, const int *y,
                          const double *v, size_t n)
{
    ind_series *s = ind_dataset_series(ds, name, "here");
    assert_non_null(s);
    assert_int_equal(ind_series_set_text(&s->unit, unit), IND_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ind_series_add(s, year(y[i]), v[i], NULL), IND_OK);
    return s;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->ds = ind_dataset_new();
    *state = f;
    return f->ds ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ind_dataset_free(f->ds);
    free(f);
    return 0;
}

#define assert_undefined(fig, reason)                                                              \
    do {                                                                                           \
        ind_figure fig_ = (fig);                                                                   \
        assert_false(fig_.defined);                                                                \
        assert_non_null(fig_.why);                                                                 \
        assert_string_equal(fig_.why, reason);                                                     \
    } while (0)

#define assert_figure(fig, want)                                                                   \
    do {                                                                                           \
        ind_figure fig2_ = (fig);                                                                  \
        if (!fig2_.defined)                                                                        \
            fail_msg("%s undefined: %s", #fig, fig2_.why);                                         \
        assert_close(fig2_.value, want, REL);                                                      \
    } while (0)

/* The worked check of METHODS.md: R&D intensity 1.14 % (2020) -> 2.1 % (2023). */
static void rd_intensity_worked_check(void **state)
{
    fixture *f = *state;
    int y[] = {2020, 2023};
    double v[] = {1.14, 2.1};
    ind_series *s = yearly(f->ds, "rd_intensity", "%", y, v, 2);
    ind_growth_summary g;
    ind_error err;
    assert_int_equal(ind_growth_summarize(s, NULL, &g, &err), IND_OK);
    assert_true(g.percent);
    assert_true(g.has_window);
    assert_figure(g.years, 3.0);
    assert_figure(g.first, 1.14);
    assert_figure(g.latest, 2.1);
    assert_figure(g.cagr, 0.22585230441425352); /* (2.1/1.14)**(1/3)-1 */
    assert_figure(g.pp, 0.96000000000000019);   /* 2.1-1.14 */
    assert_figure(g.change, 0.96000000000000019);
    assert_figure(g.change_per_year, 0.32000000000000006); /* (2.1-1.14)/3 */
    assert_figure(g.multiple, 1.8421052631578949);         /* 2.1/1.14 */
    assert_figure(g.growth, 0.84210526315789491);          /* 2.1/1.14-1 */
    assert_figure(g.doublings, 0.88135550350138114);       /* log2(2.1/1.14) */
    assert_figure(g.doubling_time, 3.4038478095182172);    /* log(2)/log(1+cagr) */
    /* the rounded figures the report and METHODS.md quote */
    assert_true(fabs(g.cagr.value * 100 - 22.6) < 0.05);
    assert_true(fabs(g.multiple.value - 1.84) < 0.005);
    assert_true(fabs(g.doubling_time.value - 3.4) < 0.05);
    /* 2022 is absent: no yoy, and the reason names the period */
    assert_undefined(g.yoy, "no value a year earlier (2022)");
    assert_undefined(g.pop, "annual series: see yoy");
    assert_undefined(g.two_year, "no value two years earlier (2021)");
    assert_undefined(g.index, "no base period given");
    assert_undefined(g.ytd_growth, "not a cumulative (YTD) series");
}

/* China's R&D spending (亿元) with 2021 left out: CAGR 2019-2024 is over 5 years. */
static void cagr_across_a_gap(void **state)
{
    fixture *f = *state;
    int y[] = {2019, 2020, 2022, 2023, 2024};
    double v[] = {22143.6, 24393.1, 30782.9, 33357.1, 36326.8};
    ind_series *s = yearly(f->ds, "rd_spending", "亿元", y, v, 5);
    ind_growth_summary g;
    ind_growth_options opt;
    ind_growth_options_init(&opt);
    opt.base = year(2020);
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    assert_false(g.percent);
    assert_figure(g.years, 5.0);
    assert_figure(g.cagr, 0.10406789939407446);  /* (36326.8/22143.6)**(1/5)-1 */
    assert_figure(g.change, 14183.200000000004); /* 36326.8-22143.6 */
    assert_figure(g.change_per_year, 2836.6400000000008);
    assert_undefined(g.pp, "not a % indicator");
    assert_figure(g.yoy, 0.089027523375833084);      /* 36326.8/33357.1-1 */
    assert_figure(g.two_year, 0.086322577332514472); /* sqrt(36326.8/30782.9)-1 */
    assert_figure(g.index, 148.92244118213759);      /* 100*36326.8/24393.1 */
    assert_true(g.has_base);

    /* window 2020-2023 */
    opt.from = year(2020);
    opt.to = year(2023);
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    assert_figure(g.cagr, 0.10995940873090349); /* (33357.1/24393.1)**(1/3)-1 */
    assert_int_equal(g.start.ord, 2020);
    assert_int_equal(g.end.ord, 2023);

    /* the year after the gap has no yoy */
    opt.from = year(2019);
    opt.to = year(2022);
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    assert_undefined(g.yoy, "no value a year earlier (2021)");
    assert_figure(g.latest, 30782.9);
    assert_figure(g.cagr, 0.1160588643886955); /* (30782.9/22143.6)**(1/3)-1 */
}

static void two_year_average(void **state)
{
    (void)state;
    assert_figure(ind_growth_two_year(0.1, 0.2), 0.14891252930760568);   /* sqrt(1.1*1.2)-1 */
    assert_figure(ind_growth_two_year(-0.5, 0.0), -0.29289321881345243); /* sqrt(0.5)-1 */
    assert_undefined(ind_growth_two_year(-2.0, 0.5), "values change sign");
    assert_figure(ind_growth_rate(4.0, 5.0), 0.25);
    assert_undefined(ind_growth_rate(0.0, 5.0), "zero base");
    assert_undefined(ind_growth_rate(-1.0, 5.0), "negative base");
    assert_undefined(ind_growth_cagr(1, 2, 0), "needs two different periods");
    assert_undefined(ind_growth_doubling_time(0), "not growing");
    assert_undefined(ind_growth_doubling_time(-0.1), "not growing");
    assert_figure(ind_growth_doubling_time(0.07), 10.244768351058712); /* log(2)/log(1.07) */
}

static void quarterly_half_monthly(void **state)
{
    fixture *f = *state;
    ind_growth_summary g;
    /* 2022Q1..2023Q4 */
    double q[] = {100, 104, 110, 120, 105, 112, 118, 126};
    ind_series *sq = make(f->ds, "q", "", IND_FREQ_QUARTER, 2022, 1, q, 8);
    assert_int_equal(ind_growth_summarize(sq, NULL, &g, NULL), IND_OK);
    assert_figure(g.yoy, 0.050000000000000044); /* 126/120-1 (2023Q4 on 2022Q4) */
    assert_figure(g.pop, 0.067796610169491567); /* 126/118-1 */
    assert_figure(g.years, 1.75);
    assert_figure(g.cagr, 0.14118117057593382); /* (126/100)**(1/1.75)-1 */
    assert_undefined(g.two_year, "no value two years earlier (2021Q4)");

    /* 2022H1..2023H2 */
    double h[] = {50, 60, 55, 66};
    ind_series *sh = make(f->ds, "h", "", IND_FREQ_HALF, 2022, 1, h, 4);
    assert_int_equal(ind_growth_summarize(sh, NULL, &g, NULL), IND_OK);
    assert_figure(g.yoy, 0.10000000000000009); /* 66/60-1 */
    assert_figure(g.pop, 0.19999999999999996); /* 66/55-1 */
    assert_figure(g.years, 1.5);

    /* 2023-01..2024-03, value = 10 + month index; then 2024-02 compared */
    double m[15];
    for (int i = 0; i < 15; i++)
        m[i] = 10 + i;
    ind_series *sm = make(f->ds, "m", "", IND_FREQ_MONTH, 2023, 1, m, 15);
    assert_int_equal(ind_growth_summarize(sm, NULL, &g, NULL), IND_OK);
    assert_figure(g.yoy, 1.0);                  /* 2024-03 24 on 2023-03 12: 24/12-1 */
    assert_figure(g.pop, 0.043478260869565188); /* 24/23-1 */
    assert_figure(g.years, 14.0 / 12.0);
    assert_undefined(g.two_year, "no value two years earlier (2022-03)");

    /* a gap in the previous month */
    double m2[] = {1, 2, 3};
    ind_series *sg = ind_dataset_series(f->ds, "gap", "");
    assert_int_equal(ind_series_add(sg, ind_period_make(IND_FREQ_MONTH, 2024, 1), m2[0], NULL), 0);
    assert_int_equal(ind_series_add(sg, ind_period_make(IND_FREQ_MONTH, 2024, 3), m2[1], NULL), 0);
    assert_int_equal(ind_growth_summarize(sg, NULL, &g, NULL), IND_OK);
    assert_undefined(g.pop, "no value in the previous period (2024-02)");
    assert_undefined(g.yoy, "no value a year earlier (2023-03)");
    assert_figure(g.cagr, 63.0); /* (2/1)**(1/(2/12))-1 = 2**6-1 */
}

static void undefined_cases(void **state)
{
    fixture *f = *state;
    ind_growth_summary g;
    ind_error err;
    ind_error_clear(&err);

    /* one observation */
    int y1[] = {2023};
    double v1[] = {5};
    ind_series *one = yearly(f->ds, "one", "", y1, v1, 1);
    assert_int_equal(ind_growth_summarize(one, NULL, &g, NULL), IND_OK);
    assert_figure(g.latest, 5);
    assert_undefined(g.cagr, "only one observation");
    assert_undefined(g.change, "only one observation");
    assert_undefined(g.multiple, "only one observation");
    assert_undefined(g.doubling_time, "only one observation");
    assert_undefined(g.pp, "not a % indicator");
    assert_undefined(g.yoy, "no value a year earlier (2022)");

    /* zero first value */
    int y2[] = {2020, 2021, 2022};
    double v2[] = {0, 3, 6};
    ind_series *zero = yearly(f->ds, "zero", "", y2, v2, 3);
    assert_int_equal(ind_growth_summarize(zero, NULL, &g, NULL), IND_OK);
    assert_undefined(g.cagr, "CAGR needs positive values");
    assert_undefined(g.multiple, "zero base");
    assert_undefined(g.growth, "zero base");
    assert_undefined(g.doublings, "needs positive values");
    assert_undefined(g.doubling_time, "CAGR needs positive values");
    assert_figure(g.change, 6);
    assert_figure(g.change_per_year, 3);
    assert_figure(g.yoy, 1.0); /* 6/3-1 */
    assert_undefined(g.two_year, "zero base");

    /* negative values: change defined, ratios not */
    double v3[] = {-4, 2, -1};
    ind_series *neg = yearly(f->ds, "neg", "", y2, v3, 3);
    assert_int_equal(ind_growth_summarize(neg, NULL, &g, NULL), IND_OK);
    assert_undefined(g.cagr, "CAGR needs positive values");
    assert_undefined(g.multiple, "negative base");
    assert_figure(g.change, 3);
    assert_figure(g.yoy, -1.5); /* -1/2-1 */

    /* falling series: doubling time undefined, doublings negative */
    double v4[] = {8, 4, 2};
    ind_series *fall = yearly(f->ds, "fall", "", y2, v4, 3);
    assert_int_equal(ind_growth_summarize(fall, NULL, &g, NULL), IND_OK);
    assert_figure(g.cagr, -0.5);
    assert_figure(g.doublings, -2);
    assert_undefined(g.doubling_time, "not growing");

    /* missing base, missing from, base of another frequency */
    ind_growth_options opt;
    ind_growth_options_init(&opt);
    opt.base = year(2019);
    assert_int_equal(ind_growth_summarize(fall, &opt, &g, NULL), IND_OK);
    assert_undefined(g.index, "base period 2019 has no value");
    assert_false(g.has_base);
    opt.base = ind_period_make(IND_FREQ_QUARTER, 2021, 1);
    assert_int_equal(ind_growth_summarize(fall, &opt, &g, NULL), IND_OK);
    assert_undefined(g.index, "base period 2021Q1 is quarterly but the series is annual");
    ind_growth_options_init(&opt);
    opt.from = year(2019);
    assert_int_equal(ind_growth_summarize(fall, &opt, &g, &err), IND_E_UNDEFINED);
    assert_string_equal(err.message, "fall [here]: from period 2019 has no value");
    assert_false(g.has_window);
    assert_true(g.has_end);
    assert_int_equal(g.end.ord, 2022);
    assert_undefined(g.cagr, "from period 2019 has no value");
    assert_figure(g.latest, 2); /* the point figures still refer to the last observation */
    assert_figure(g.yoy, -0.5);
    ind_growth_options_init(&opt);
    opt.to = year(2030);
    assert_int_equal(ind_growth_summarize(fall, &opt, &g, &err), IND_E_UNDEFINED);
    assert_string_equal(err.message, "fall [here]: to period 2030 has no value");
    assert_undefined(g.latest, "to period 2030 has no value");
    assert_undefined(g.yoy, "to period 2030 has no value");
    opt.from = year(2031);
    assert_int_equal(ind_growth_summarize(fall, &opt, &g, &err), IND_E_ARG);
    opt.from = year(2022);
    opt.to = year(2022);
    assert_int_equal(ind_growth_summarize(fall, &opt, &g, &err), IND_OK);
    assert_undefined(g.cagr, "from and to are the same period");

    /* an empty series */
    ind_series *empty = ind_dataset_series(f->ds, "empty", "");
    assert_int_equal(ind_growth_summarize(empty, NULL, &g, &err), IND_E_UNDEFINED);
    assert_string_equal(err.message, "empty has no values");
    assert_undefined(g.latest, "no observations");

    /* overflow never becomes inf */
    int y5[] = {2000, 2001};
    double v5[] = {1e-300, 1e300};
    ind_series *huge = yearly(f->ds, "huge", "", y5, v5, 2);
    assert_int_equal(ind_growth_summarize(huge, NULL, &g, NULL), IND_OK);
    assert_undefined(g.multiple, "out of range of doubles");
    assert_undefined(g.yoy, "out of range of doubles");
    assert_true(!g.cagr.defined || isfinite(g.cagr.value));
}

/* Monthly year-to-date totals: singles are 10, 11, ..., 21 in 2023 and 11, 12, 13 in 2024. */
static const double ytd23[] = {10, 21, 33, 46, 60, 75, 91, 108, 126, 145, 165, 186};
static const double ytd24[] = {11, 23, 36};

static ind_series *ytd_series(ind_dataset *ds, const char *name, bool skip_feb_2024)
{
    ind_series *s = ind_dataset_series(ds, name, "");
    for (int m = 1; m <= 12; m++)
        assert_int_equal(
            ind_series_add(s, ind_period_make(IND_FREQ_MONTH, 2023, m), ytd23[m - 1], NULL), 0);
    for (int m = 1; m <= 3; m++)
        if (!(skip_feb_2024 && m == 2))
            assert_int_equal(
                ind_series_add(s, ind_period_make(IND_FREQ_MONTH, 2024, m), ytd24[m - 1], NULL), 0);
    return s;
}

static void year_to_date(void **state)
{
    fixture *f = *state;
    ind_series *s = ytd_series(f->ds, "ytd", false);
    ind_growth_options opt;
    ind_growth_options_init(&opt);
    opt.cumulative = true;
    ind_growth_summary g;
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    assert_true(g.cumulative);
    assert_figure(g.ytd, 36);
    assert_figure(g.latest, 13);                       /* 36-23 */
    assert_figure(g.first, 10);                        /* January: the YTD itself */
    assert_figure(g.ytd_growth, 0.090909090909090828); /* 36/33-1 */
    assert_figure(g.yoy, 0.083333333333333259);        /* single 13/12-1 */
    assert_figure(g.pop, 0.083333333333333259);        /* single 13/12-1 */
    assert_figure(g.cagr, 0.25217702350381321);        /* (13/10)**(1/(14/12))-1 */

    /* the index is on single values too: 13 (2024-03) on 12 (2023-03) */
    opt.base = ind_period_make(IND_FREQ_MONTH, 2023, 3);
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    assert_figure(g.index, 108.33333333333333); /* 100*13/12 */
    opt.base.freq = IND_FREQ_UNKNOWN;

    /* every derived single value */
    ind_growth_row row;
    for (size_t i = 0; i < s->n; i++) {
        ind_growth_detail_row(s, &opt, i, &row);
        double want = i < 12 ? 10.0 + (double)i : 11.0 + (double)(i - 12);
        assert_figure(row.single, want);
    }
    ind_growth_detail_row(s, &opt, 13, &row); /* 2024-02: YTD 23 on 21, single 12 on 11 */
    assert_figure(row.ytd_growth, 0.095238095238095344); /* 23/21-1 */
    assert_figure(row.yoy, 0.090909090909090828);        /* 12/11-1 */
    assert_figure(row.change, 1);
    ind_growth_detail_row(s, &opt, 0, &row);
    assert_undefined(row.ytd_growth, "no YTD value a year earlier");
    assert_undefined(row.pop, "no value in the previous period");

    /* without the option the same values are plain monthly figures */
    assert_int_equal(ind_growth_summarize(s, NULL, &g, NULL), IND_OK);
    assert_figure(g.latest, 36);
    assert_undefined(g.ytd_growth, "not a cumulative (YTD) series");
    /* the series flag has the same effect as the option */
    s->flags |= IND_SERIES_CUMULATIVE;
    assert_int_equal(ind_growth_summarize(s, NULL, &g, NULL), IND_OK);
    assert_figure(g.latest, 13);
}

static void year_to_date_with_a_gap(void **state)
{
    fixture *f = *state;
    ind_series *s = ytd_series(f->ds, "ytdgap", true);
    ind_growth_options opt;
    ind_growth_options_init(&opt);
    opt.cumulative = true;
    ind_growth_summary g;
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    /* 2024-03's single value needs 2024-02's YTD */
    assert_undefined(g.latest, "previous YTD value missing: single period unknown");
    assert_undefined(g.yoy, "previous YTD value missing: single period unknown");
    assert_undefined(g.cagr, "previous YTD value missing: single period unknown");
    assert_figure(g.ytd, 36);
    assert_figure(g.ytd_growth, 0.090909090909090828); /* 36/33-1 still holds */
    ind_growth_row row;
    ind_growth_detail_row(s, &opt, 12, &row); /* 2024-01 */
    assert_figure(row.single, 11);
    assert_figure(row.yoy, 0.10000000000000009); /* 11/10-1 */
}

/* Half-yearly YTD: H2's YTD is the full year, so single H2 = FY - H1. */
static void half_year_to_date(void **state)
{
    fixture *f = *state;
    double v[] = {4000, 9084, 4804}; /* 2023H1, 2023H2 (= 2023), 2024H1 */
    ind_series *s = make(f->ds, "talent_ytd", "人", IND_FREQ_HALF, 2023, 1, v, 3);
    ind_growth_options opt;
    ind_growth_options_init(&opt);
    opt.cumulative = true;
    ind_growth_row row;
    ind_growth_detail_row(s, &opt, 1, &row);
    assert_figure(row.single, 5084);             /* 9084-4000 */
    assert_figure(row.pop, 0.27099999999999991); /* 5084/4000-1 */
    ind_growth_summary g;
    assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
    assert_figure(g.latest, 4804);                    /* first half: the YTD itself */
    assert_figure(g.ytd_growth, 0.20100000000000007); /* 4804/4000-1 */
    assert_figure(g.yoy, 0.20100000000000007);
    assert_figure(g.pop, -0.055074744295830036); /* 4804/5084-1 */
    assert_figure(g.cagr,
                  0.20100000000000007); /* (4804/4000)**(1/1)-1: 2023H1 to 2024H1 is one year */
}

static void detail_rows(void **state)
{
    fixture *f = *state;
    int y[] = {2019, 2020, 2022, 2023, 2024};
    double v[] = {22143.6, 24393.1, 30782.9, 33357.1, 36326.8};
    ind_series *s = yearly(f->ds, "spend", "亿元", y, v, 5);
    ind_growth_options opt;
    ind_growth_options_init(&opt);
    opt.base = year(2019);
    ind_growth_row row;
    ind_growth_detail_row(s, &opt, 1, &row);
    assert_int_equal(row.period.ord, 2020);
    assert_true(row.value == 24393.1);
    assert_figure(row.yoy, 0.10158691450351354);  /* 24393.1/22143.6-1 */
    assert_figure(row.change, 2249.5);            /* 24393.1-22143.6 */
    assert_figure(row.index, 110.15869145035136); /* 100*24393.1/22143.6 */
    assert_undefined(row.pop, "annual series: see yoy");
    ind_growth_detail_row(s, &opt, 2, &row);
    assert_undefined(row.yoy, "no value a year earlier");
    assert_undefined(row.change, "no value a year earlier");
    ind_growth_detail_row(s, &opt, 0, &row);
    assert_figure(row.index, 100);
    opt.base = year(2021);
    ind_growth_detail_row(s, &opt, 0, &row);
    assert_undefined(row.index, "base period has no value");
    ind_growth_detail_row(s, NULL, 0, &row);
    assert_undefined(row.index, "no base period given");
    opt.base = ind_period_make(IND_FREQ_HALF, 2020, 1);
    ind_growth_detail_row(s, &opt, 0, &row);
    assert_undefined(row.index, "base period of another frequency");
    assert_undefined(row.ytd_growth, "not a cumulative (YTD) series");
}

/* Every figure is finite when defined and has a reason when not. */
static void check_figure(ind_figure f)
{
    if (f.defined) {
        assert_true(isfinite(f.value));
    } else {
        assert_non_null(f.why);
        assert_true(f.why[0] != '\0');
    }
}

static void check_summary(const ind_growth_summary *g)
{
    const ind_figure *all[] = {&g->first,
                               &g->latest,
                               &g->ytd,
                               &g->years,
                               &g->yoy,
                               &g->pop,
                               &g->ytd_growth,
                               &g->two_year,
                               &g->cagr,
                               &g->change,
                               &g->change_per_year,
                               &g->pp,
                               &g->growth,
                               &g->multiple,
                               &g->doublings,
                               &g->doubling_time,
                               &g->index};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        check_figure(*all[i]);
}

/* Random series with zeros, negatives, huge and tiny values, gaps, all frequencies. */
static void never_nan_or_inf(void **state)
{
    fixture *f = *state;
    static const double pool[] = {
        0.0,      -0.0, 1.0,   -1.0, 1e-300, -1e-300, 1e300, -1e300, 1.7976931348623157e308,
        4.9e-324, 2.5,  -3.75, 1e15, 123.456};
    static const ind_freq freqs[] = {IND_FREQ_YEAR, IND_FREQ_HALF, IND_FREQ_QUARTER,
                                     IND_FREQ_MONTH};
    unsigned long seed = 20261126;
    char name[32];
    for (int k = 0; k < 400; k++) {
        snprintf(name, sizeof name, "r%d", k);
        ind_series *s = ind_dataset_series(f->ds, name, "");
        ind_freq freq = freqs[k % 4];
        int32_t ord = 2000 * (int32_t)freq;
        for (int i = 0; i < 30; i++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            ord += 1 + (int32_t)((seed >> 33) % 3); /* gaps of 0-2 periods */
            double v = pool[(seed >> 40) % (sizeof pool / sizeof pool[0])];
            ind_period p = {freq, ord};
            assert_int_equal(ind_series_add(s, p, v, NULL), IND_OK);
        }
        if (k % 3 == 0)
            ind_series_set_text(&s->unit, "%");
        ind_growth_options opt;
        ind_growth_options_init(&opt);
        opt.cumulative = k % 2;
        opt.base = ind_series_period(s, (size_t)(k % 30));
        opt.from = ind_series_period(s, (size_t)(k % 7));
        ind_growth_summary g;
        assert_int_equal(ind_growth_summarize(s, &opt, &g, NULL), IND_OK);
        check_summary(&g);
        assert_int_equal(ind_growth_summarize(s, NULL, &g, NULL), IND_OK);
        check_summary(&g);
        for (size_t i = 0; i < s->n; i++) {
            ind_growth_row row;
            ind_growth_detail_row(s, &opt, i, &row);
            check_figure(row.single);
            check_figure(row.yoy);
            check_figure(row.pop);
            check_figure(row.change);
            check_figure(row.index);
            check_figure(row.ytd_growth);
        }
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rd_intensity_worked_check, setup, teardown),
        cmocka_unit_test_setup_teardown(cagr_across_a_gap, setup, teardown),
        cmocka_unit_test(two_year_average),
        cmocka_unit_test_setup_teardown(quarterly_half_monthly, setup, teardown),
        cmocka_unit_test_setup_teardown(undefined_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(year_to_date, setup, teardown),
        cmocka_unit_test_setup_teardown(year_to_date_with_a_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(half_year_to_date, setup, teardown),
        cmocka_unit_test_setup_teardown(detail_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(never_nan_or_inf, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
