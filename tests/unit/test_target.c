/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_target.c - target parsing, the targets file, and each assessment
 * method against hand-computed cases (reference values computed with plain
 * Python arithmetic, e.g. R = ((2.1/1.14)**(1/3)-1) / ((2.5/1.14)**(1/5)-1),
 * and checked by hand against the definitions in METHODS.md), including
 * every degenerate case METHODS.md lists.
 */
#include "test.h"

#include <gsl/gsl_errno.h>

#include "indicators/dataset.h"
#include "indicators/target.h"

/* ---- helpers ---- */

typedef struct fixture {
    ind_dataset *ds;
} fixture;

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

/* A series of n values at the given years (annual) or ordinals of freq. */
static ind_series *series(void **state, const char *name, ind_freq freq, size_t n,
                          const int *year, const int *sub, const double *value)
{
    fixture *f = *state;
    ind_series *s = ind_dataset_series(f->ds, name, "");
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ind_series_add(s, ind_period_make(freq, year[i], sub ? sub[i] : 1),
                                        value[i], NULL),
                         IND_OK);
    return s;
}

static ind_target target(const char *text)
{
    ind_target t;
    ind_error err;
    ind_error_clear(&err);
    if (ind_target_parse(text, &t, &err) != IND_OK)
        fail_msg("%s", err.message);
    return t;
}

/* Assesses without a forecast: the growth-ratio methods only. */
static ind_assessment assess_plain(const ind_series *s, const char *text)
{
    ind_target t = target(text);
    ind_target_options opt;
    ind_target_options_init(&opt);
    opt.forecast = false;
    ind_assessment a;
    ind_error err;
    assert_int_equal(ind_target_assess(s, &t, &opt, &a, &err), IND_OK);
    return a;
}

static ind_assessment assess_forecast(const ind_series *s, const char *text, const char *method)
{
    ind_target t = target(text);
    ind_target_options opt;
    ind_target_options_init(&opt);
    if (method)
        opt.request.method = ind_forecast_method_find(method, NULL);
    assert_non_null(opt.request.method);
    ind_assessment a;
    ind_error err;
    ind_error_clear(&err);
    if (ind_target_assess(s, &t, &opt, &a, &err) != IND_OK)
        fail_msg("%s", err.message);
    return a;
}

/* ---- parsing ---- */

static void parse_level(void **state)
{
    ind_target t = target("rd_intensity[Luohe] >= 2.5 by 2025");
    assert_string_equal(t.series, "rd_intensity");
    assert_string_equal(t.entity, "Luohe");
    assert_int_equal(t.op, IND_TARGET_AT_LEAST);
    assert_int_equal(t.kind, IND_TARGET_LEVEL);
    assert_close(t.goal, 2.5, 0);
    assert_int_equal(t.year, 2025);
    assert_false(t.has_base);

    t = target("  rd_intensity [ Luohe ]<=2.5% by 2025 from 2020 ");
    assert_string_equal(t.entity, "Luohe");
    assert_int_equal(t.op, IND_TARGET_AT_MOST);
    assert_true(t.has_base);
    assert_int_equal(t.base_year, 2020);

    t = target("Research and development expenditure (% of GDP) ≤ 1,234.5 BY 2030");
    assert_string_equal(t.series, "Research and development expenditure (% of GDP)");
    assert_int_equal(t.op, IND_TARGET_AT_MOST);
    assert_close(t.goal, 1234.5, 0);
}

static void parse_growth_and_total(void **state)
{
    ind_target t = target("rd_spending >= 7%/yr 2021-2025");
    assert_int_equal(t.kind, IND_TARGET_GROWTH);
    assert_close(t.goal, 7, 0);
    assert_true(t.has_base);
    assert_int_equal(t.base_year, 2020); /* the years 2021..2025 grow: from the 2020 level */
    assert_int_equal(t.year, 2025);
    char buf[256];
    ind_target_format(&t, buf, sizeof buf);
    assert_string_equal(buf, "rd_spending >= 7%/yr 2021-2025");

    t = target("rd_spending >= 7%/year by 2025 from 2020");
    assert_int_equal(t.kind, IND_TARGET_GROWTH);
    assert_int_equal(t.base_year, 2020);

    t = target("talent_recruited >= 9,084 in 2024");
    assert_int_equal(t.kind, IND_TARGET_TOTAL);
    assert_close(t.goal, 9084, 0);
    assert_int_equal(t.year, 2024);
    ind_target_format(&t, buf, sizeof buf);
    assert_string_equal(buf, "talent_recruited >= 9084 in 2024");
}

static void parse_errors(void **state)
{
    static const struct {
        const char *text;
        long col;
        const char *says;
    } cases[] = {
        {"rd_intensity >= by 2025", 17, "expected a number (the goal) at column 17, found 'by 2025'"},
        {"rd_intensity > 2.5 by 2025", 14, "expected '>=' (at least) or '<=' (at most)"},
        {"rd_intensity >= 2.5 2025", 21, "'by YEAR' or 'in YEAR'"},
        {"rd_intensity >= 2.5 by 2025 from 2026", 34, "a base year before the target year"},
        {"rd_intensity >= 2.5 2021-2025", 21, "a range A-B needs a rate"},
        {">= 2.5 by 2025", 1, "expected a series name"},
        {"x[Luohe >= 2 by 2025", 3, "an entity closed by ']'"},
        {"x >= 7%/yr in 2025", 12, "'in YEAR' is for a year's total"},
        {"x >= 2 by 2025 extra", 16, "expected the end of the target"},
        {"x >= 2 by", 10, "a year after 'by' at column 10, found the end"},
        {"x >= 2x by 2025", 7, "a space after the goal"},
        {"x >= 7%/yr 2025-2021", 12, "A <= B"},
        {"", 1, "a series name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ind_target t;
        ind_error err;
        ind_error_clear(&err);
        assert_int_equal(ind_target_parse(cases[i].text, &t, &err), IND_E_ARG);
        if (err.col != cases[i].col || !strstr(err.message, cases[i].says))
            fail_msg("'%s': col %ld, message '%s'", cases[i].text, err.col, err.message);
        char quoted[300];
        snprintf(quoted, sizeof quoted, "'%s'", cases[i].text);
        assert_non_null(strstr(err.message, quoted)); /* the message quotes the target */
    }
}

/* ---- the targets file ---- */

static const char *write_file(const char *text)
{
    static char path[] = "/tmp/test_target_XXXXXX";
    strcpy(path, "/tmp/test_target_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void file_good(void **state)
{
    const char *path = write_file(
        "\xef\xbb\xbfseries,entity,op,goal,year,base_year,kind,label\r\n"
        "rd_intensity,Luohe,>=,2.5,2025,,level,example\r\n"
        "\r\n"
        "rd_spending,China,>=,7%/yr,2025,2020,,\"14th Five-Year Plan, 7%\"\r\n"
        "talent_recruited,Luohe,>=,\"9,084\",2024,,total,\r\n"
        "x,,<=,5,2030,2020,growth,\r\n");
    ind_target *t = NULL;
    size_t n = 0;
    ind_error err;
    assert_int_equal(ind_targets_load(path, &t, &n, &err), IND_OK);
    remove(path);
    assert_int_equal(n, 4);
    assert_string_equal(t[0].series, "rd_intensity");
    assert_string_equal(t[0].label, "example");
    assert_int_equal(t[0].line, 2);
    assert_int_equal(t[1].line, 4); /* after a blank line */
    assert_int_equal(t[1].kind, IND_TARGET_GROWTH);
    assert_int_equal(t[1].base_year, 2020);
    assert_string_equal(t[1].label, "14th Five-Year Plan, 7%");
    assert_string_equal(t[1].text, "rd_spending[China] >= 7%/yr 2021-2025");
    assert_int_equal(t[2].kind, IND_TARGET_TOTAL);
    assert_close(t[2].goal, 9084, 0);
    assert_int_equal(t[3].kind, IND_TARGET_GROWTH);
    assert_int_equal(t[3].op, IND_TARGET_AT_MOST);
    free(t);
}

static void file_errors(void **state)
{
    static const struct {
        const char *text;
        long line, col;
        const char *says;
    } cases[] = {
        /* the column is the field's index, as in data files */
        {"series,op,goal,year\nx,>=,abc,2025\n", 2, 3, "goal 'abc': expected a number"},
        {"series,op,goal,year\nx,>=,2,2025\ny, =>,2,2025\n", 3, 2, "op '=>': expected '>='"},
        {"series,op,goal,yeer\n", 1, 4, "unknown column 'yeer'"},
        {"series,op,goal\n", 1, 0, "no 'year' column"},
        {"series,op,goal,year\nx,>=,2\n", 2, 4, "this row has 3 fields, the header 4"},
        {"series,op,goal,year,kind\nx,>=,2,2025,lvl\n", 2, 5, "kind 'lvl': expected level, growth or total"},
        {"series,op,goal,year,base_year\nx,>=,2,2025,2030\n", 2, 5, "a base year before"},
        {"series,op,goal,year\n,>=,2,2025\n", 2, 1, "series '': expected a series name"},
        {"series,op,goal,year\nx,>=,2,20x5\n", 2, 4, "year '20x5': expected a year"},
        {"series,op,goal,year\n", 1, 0, "no targets"},
        {"", 0, 0, "empty file"},
        {"series,op,goal,year\nx,>=,\"2,2025\n", 2, 3, "quoted field never closed"},
        {"series,op,goal,year\nx,>=,2\"x,2025\n", 2, 3, "a quote inside an unquoted field"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = write_file(cases[i].text);
        ind_target *t = NULL;
        size_t n = 0;
        ind_error err;
        ind_error_clear(&err);
        ind_status st = ind_targets_load(path, &t, &n, &err);
        remove(path);
        assert_int_not_equal(st, IND_OK);
        assert_null(t);
        if (err.line != cases[i].line || (cases[i].col && err.col != cases[i].col) ||
            !strstr(err.message, cases[i].says))
            fail_msg("case %zu: %ld:%ld: %s", i, err.line, err.col, err.message);
    }
    ind_target *t;
    size_t n;
    ind_error err;
    assert_int_equal(ind_targets_load("/nonexistent/targets.csv", &t, &n, &err), IND_E_IO);
}

/*
 * The targets file is read by the data loader's reader: a NUL byte is an
 * error (it used to cut the goal 2.<NUL>8 to 2), fields are limited, GBK and
 * UTF-16 files are converted (a GBK file used to come out garbled).
 */
static void file_read_like_data(void **state)
{
    (void)state;
    ind_target *t = NULL;
    size_t n = 0;
    ind_error err;
    static const char nul[] = "series,op,goal,year\nx,>=,2.\0" "8,2025\n";
    assert_int_equal(ind_targets_load_buffer(nul, sizeof nul - 1, "t.csv", &t, &n, &err),
                     IND_E_FORMAT);
    assert_null(t);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 3);
    assert_string_equal(err.message, "NUL byte in the text: a binary file?");

    size_t big = (2u << 20) + 32;
    char *huge = malloc(big);
    assert_non_null(huge);
    memcpy(huge, "series,op,goal,year\nx,>=,", 25);
    memset(huge + 25, '7', big - 25);
    assert_int_equal(ind_targets_load_buffer(huge, big, "t.csv", &t, &n, &err), IND_E_FORMAT);
    assert_string_equal(err.message, "field longer than 1 MiB");
    free(huge);

    /* GBK: series,entity,op,goal,year / 研发强度,漯河,>=,2.5,2025 */
    static const char gbk[] = "series,entity,op,goal,year\r\n"
                              "\xd1\xd0\xb7\xa2\xc7\xbf\xb6\xc8,\xe4\xf0\xba\xd3,>=,2.5,2025\r\n";
    assert_int_equal(ind_targets_load_buffer(gbk, sizeof gbk - 1, "t.csv", &t, &n, &err), IND_OK);
    assert_int_equal(n, 1);
    assert_string_equal(t[0].series, "研发强度");
    assert_string_equal(t[0].entity, "漯河");
    assert_int_equal(t[0].line, 2);
    free(t);

    /* UTF-16LE with BOM, tab-separated: "series\top\tgoal\tyear\n地\t<=\t1\t2030\n" */
    const char *ascii[] = {"series\top\tgoal\tyear\n", "\t<=\t1\t2030\n"};
    char u16[128];
    size_t len = 0;
    u16[len++] = (char)0xff;
    u16[len++] = (char)0xfe;
    for (const char *p = ascii[0]; *p; p++)
        u16[len++] = *p, u16[len++] = 0;
    u16[len++] = 0x30, u16[len++] = 0x57; /* 地 U+5730 */
    for (const char *p = ascii[1]; *p; p++)
        u16[len++] = *p, u16[len++] = 0;
    assert_int_equal(ind_targets_load_buffer(u16, len, "t.csv", &t, &n, &err), IND_OK);
    assert_int_equal(n, 1);
    assert_string_equal(t[0].series, "地");
    assert_int_equal(t[0].op, IND_TARGET_AT_MOST);
    assert_int_equal(t[0].year, 2030);
    free(t);

    /* a blank line and a BOM are fine; a row longer than the header is not */
    const char *text = "\xef\xbb\xbfseries,op,goal,year\n\nx,>=,2,2025\ny,>=,2,2025,9\n";
    assert_int_equal(ind_targets_load_buffer(text, strlen(text), "t.csv", &t, &n, &err),
                     IND_E_FORMAT);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.col, 5);
    assert_string_equal(err.message, "this row has 5 fields, the header 4");
}

/* The canonical text of a target reads back as the same target (the goal to the last digit). */
static void format_reads_back(void **state)
{
    (void)state;
    static const char *const texts[] = {"rd >= 77777777777777777777% a year by 2025 from 2020",
                                        "a <= 0.1 by 2030", "a >= 1.7976931348623157e308 by 2030",
                                        "a[b] >= 3.3333333333333335 in 2024"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        ind_target t = target(texts[i]), u;
        char buf[IND_TARGET_TEXT_MAX];
        ind_target_format(&t, buf, sizeof buf);
        ind_error err;
        if (ind_target_parse(buf, &u, &err) != IND_OK || u.goal != t.goal || u.kind != t.kind)
            fail_msg("'%s' formats as '%s', which reads back differently", texts[i], buf);
    }
}

/* ---- categories ---- */

/* The table's texts with --digits: Luohe 1.14 -> 2.1 over 2020-2023 grows
   ((2.1/1.14)**(1/3)-1)*100 = 22.585230441425352 %/yr (python3). */
static void texts_with_digits(void **state)
{
    (void)state;
    char buf[64];
    ind_figure rate = {true, 0.22585230441425352, NULL};
    assert_string_equal(ind_target_rate_text(&rate, 0, buf, sizeof buf), "+22.6%");
    assert_string_equal(ind_target_rate_text(&rate, 4, buf, sizeof buf), "+22.59%");
    rate.value = -0.0582;
    assert_string_equal(ind_target_rate_text(&rate, 2, buf, sizeof buf), "-5.8%");
    rate.value = 0;
    assert_string_equal(ind_target_rate_text(&rate, 0, buf, sizeof buf), "0.0%");
    assert_string_equal(ind_target_rate_text(&rate, 3, buf, sizeof buf), "0%");
    ind_target_value_text(36326.8, 0, buf, sizeof buf);
    assert_string_equal(buf, "36327");
    ind_target_value_text(36326.8, 2, buf, sizeof buf); /* whole-number digits are kept */
    assert_string_equal(buf, "36327");
    ind_target_value_text(2.76834, 0, buf, sizeof buf);
    assert_string_equal(buf, "2.77");
    ind_target_value_text(2.76834, 5, buf, sizeof buf);
    assert_string_equal(buf, "2.7683");
    ind_target t;
    assert_int_equal(ind_target_parse("x >= 2.345 by 2030", &t, NULL), IND_OK);
    assert_string_equal(ind_target_goal_text(&t, 0, buf, sizeof buf), ">= 2.35");
    assert_string_equal(ind_target_goal_text(&t, 4, buf, sizeof buf), ">= 2.345");
}

static void category_thresholds(void **state)
{
    assert_int_equal(ind_eurostat_category(0.95), IND_EUROSTAT_ON_TRACK);
    assert_int_equal(ind_eurostat_category(0.9499), IND_EUROSTAT_ACCELERATE);
    assert_int_equal(ind_eurostat_category(0.60), IND_EUROSTAT_ACCELERATE);
    assert_int_equal(ind_eurostat_category(0.5999), IND_EUROSTAT_LIMITED);
    assert_int_equal(ind_eurostat_category(0), IND_EUROSTAT_LIMITED);
    assert_int_equal(ind_eurostat_category(-0.01), IND_EUROSTAT_AWAY);
    assert_int_equal(ind_verdict_of_ratio(0.95), IND_VERDICT_ON_TRACK);
    assert_int_equal(ind_verdict_of_ratio(0.6), IND_VERDICT_AT_RISK);
    assert_int_equal(ind_verdict_of_ratio(0.59), IND_VERDICT_OFF_TRACK);
    assert_int_equal(ind_verdict_of_ratio(-1), IND_VERDICT_OFF_TRACK);
    assert_int_equal(ind_escap_category(0.95), IND_ESCAP_ON_TRACK);
    assert_int_equal(ind_escap_category(0.10), IND_ESCAP_ACCELERATE);
    assert_int_equal(ind_escap_category(0.0999), IND_ESCAP_REGRESS);
    assert_string_equal(ind_verdict_name(IND_VERDICT_AT_RISK), "at risk");
    assert_string_equal(ind_weather_name(IND_WEATHER_SLIGHTLY_CLOUDY), "slightly cloudy");
    assert_string_equal(ind_eurostat_name(IND_EUROSTAT_AWAY), "moving away");
}

/* ---- the worked example of METHODS.md ---- */

static void worked_example(void **state)
{
    static const int years[] = {2020, 2023};
    static const double v[] = {1.14, 2.1};
    ind_series *s = series(state, "rd_intensity", IND_FREQ_YEAR, 2, years, NULL, v);
    ind_series_set_text(&s->unit, "%");
    ind_assessment a = assess_plain(s, "rd_intensity >= 2.5 by 2025");
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    assert_int_equal(a.eurostat, IND_EUROSTAT_ON_TRACK);
    assert_true(a.growth_ratio.defined);
    assert_close(a.growth_ratio.value, 1.3280974050084757, 1e-12); /* "R = 1.33" */
    assert_close(a.actual_growth.value, 0.22585230441425352, 1e-12);
    assert_close(a.required_growth.value, 0.09108945117996181, 1e-12);
    assert_close(a.required_change.value, 0.2, 1e-12);
    assert_close(a.gap.value, 0.4, 1e-12);
    assert_int_equal(ind_period_year(a.latest), 2023);
    assert_int_equal(ind_period_year(a.base), 2020);
    /* ESCAP: x_T = 2.1 (1 + CAGR)^2 = 3.1557; (3.1557 - 1.14) / (2.5 - 1.14) = 1.482 */
    assert_close(a.escap_value.value, 3.155699131699245, 1e-12);
    assert_close(a.anticipated.value, 1.4821317144847388, 1e-12);
    assert_int_equal(a.escap, IND_ESCAP_ON_TRACK);
    /* Destatis needs 4 annual changes; there are none */
    assert_int_equal(a.weather, IND_WEATHER_NONE);
    assert_false(a.trend_value.defined);
    assert_non_null(strstr(a.trend_value.why, "at least 4"));
    assert_string_equal(a.disagree, "");

    /* with the forecast: two observations give a point but no probability */
    a = assess_forecast(s, "rd_intensity >= 2.5 by 2025", "drift");
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    assert_false(a.probability.defined);
    assert_non_null(strstr(a.probability.why, "no probability"));
    assert_false(a.has_intervals);
    assert_true(a.forecast.defined);
    assert_true(a.forecast.value > 0 && a.forecast.value < 100);
}

/* ---- growth ratio: each category ---- */

static void growth_ratio_categories(void **state)
{
    static const int years[] = {2020, 2022};
    double v[] = {100, 115};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 2, years, NULL, v);
    ind_assessment a = assess_plain(s, "a >= 150 by 2025");
    assert_close(a.growth_ratio.value, 0.8568605635953906, 1e-12);
    assert_int_equal(a.eurostat, IND_EUROSTAT_ACCELERATE);
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK);

    s->value[1] = 95; /* moving away */
    a = assess_plain(s, "a >= 150 by 2025");
    assert_close(a.growth_ratio.value, -0.2997518006322274, 1e-12);
    assert_int_equal(a.eurostat, IND_EUROSTAT_AWAY);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    assert_int_equal(a.escap, IND_ESCAP_REGRESS);

    s->value[1] = 100; /* latest equal to base: R = 0, limited progress */
    a = assess_plain(s, "a >= 150 by 2025");
    assert_true(a.growth_ratio.defined);
    assert_close(a.growth_ratio.value, 0, 0);
    assert_int_equal(a.eurostat, IND_EUROSTAT_LIMITED);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    assert_close(a.anticipated.value, 0, 0);
    assert_int_equal(a.escap, IND_ESCAP_REGRESS);

    s->value[1] = 121; /* 10 %/yr against 200 by 2025 */
    a = assess_plain(s, "a >= 200 by 2025");
    assert_close(a.growth_ratio.value, 0.6725023958872571, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK);
    assert_close(a.escap_value.value, 161.051, 1e-12);
    assert_close(a.anticipated.value, 0.61051, 1e-12);
    assert_int_equal(a.escap, IND_ESCAP_ACCELERATE);
}

static void decrease_target(void **state)
{
    static const int years[] = {2020, 2024};
    static const double v[] = {100, 80};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 2, years, NULL, v);
    ind_assessment a = assess_plain(s, "a <= 50 by 2030");
    assert_close(a.growth_ratio.value, 0.8102256953384214, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK);
    a = assess_plain(s, "a <= 80 by 2030");
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED);
}

/* ---- Destatis weather ---- */

static void destatis_weather(void **state)
{
    static const int years[] = {2018, 2019, 2020, 2021, 2022, 2023};
    static const double up[] = {10, 11, 12, 13, 14, 15};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 6, years, NULL, up);
    ind_assessment a = assess_plain(s, "a >= 20 by 2028"); /* 15 + 5 * 1 = 20: met */
    assert_close(a.trend_change.value, 1, 1e-12);
    assert_close(a.trend_value.value, 20, 1e-12);
    assert_int_equal(a.weather, IND_WEATHER_SUN);
    a = assess_plain(s, "a >= 20.2 by 2028"); /* missed by 0.2 of 5.2: 3.8 % */
    assert_close(a.trend_miss.value, 0.2 / 5.2, 1e-9);
    assert_int_equal(a.weather, IND_WEATHER_SUN);
    a = assess_plain(s, "a >= 21 by 2028"); /* missed by 1 of 6: 16.7 % */
    assert_close(a.trend_miss.value, 1.0 / 6, 1e-12);
    assert_int_equal(a.weather, IND_WEATHER_SLIGHTLY_CLOUDY);
    a = assess_plain(s, "a >= 25 by 2028"); /* missed by 5 of 10 */
    assert_close(a.trend_miss.value, 0.5, 1e-12);
    assert_int_equal(a.weather, IND_WEATHER_CLOUDY);
    a = assess_plain(s, "a <= 5 by 2028"); /* rising against a decrease target */
    assert_int_equal(a.weather, IND_WEATHER_STORM);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    a = assess_plain(s, "a <= 16 by 2028"); /* met now, trend leaves it: storm, and said so */
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED);
    assert_int_equal(a.weather, IND_WEATHER_STORM);
    assert_non_null(strstr(a.disagree, "Destatis trend: storm"));
}

static void destatis_too_few(void **state)
{
    static const int years[] = {2018, 2019, 2021, 2022, 2023};
    static const double v[] = {10, 11, 13, 14, 15};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 5, years, NULL, v);
    ind_assessment a = assess_plain(s, "a >= 20 by 2028"); /* 3 annual changes of the last 5 */
    assert_int_equal(a.weather, IND_WEATHER_NONE);
    assert_false(a.trend_value.defined);
    assert_int_not_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS); /* the growth ratio still judges */
}

/* ---- degenerate cases ---- */

static void base_equals_goal(void **state)
{
    static const int years[] = {2020, 2022};
    double v[] = {100, 90};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 2, years, NULL, v);
    ind_assessment a = assess_plain(s, "a >= 100 by 2025");
    assert_false(a.growth_ratio.defined);
    assert_string_equal(a.growth_ratio.why, "base value equals the goal");
    assert_int_equal(a.eurostat, IND_EUROSTAT_AWAY);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    assert_non_null(strstr(a.reason, "base value equals the goal"));
    assert_false(a.anticipated.defined);
    s->value[1] = 110;
    a = assess_plain(s, "a >= 100 by 2025");
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED);
}

static void zero_and_negative_values(void **state)
{
    static const int years[] = {2020, 2022};
    double v[] = {0, 5};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 2, years, NULL, v);
    /* Eurostat: 0 -> 0.001, R = ((5/0.001)^(1/2) - 1) / ((10/0.001)^(1/5) - 1) */
    ind_assessment a = assess_plain(s, "a >= 10 by 2025");
    assert_close(a.growth_ratio.value, 13.129242648842428, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    assert_false(a.actual_growth.defined); /* a plain CAGR is undefined from 0 */
    assert_string_equal(a.actual_growth.why, "CAGR needs positive values");
    assert_false(a.anticipated.defined);

    s->value[0] = -5; /* mixed signs */
    a = assess_plain(s, "a >= 10 by 2025");
    assert_false(a.growth_ratio.defined);
    assert_non_null(strstr(a.growth_ratio.why, "mixed sign"));
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_non_null(strstr(a.reason, "mixed sign"));

    s->value[0] = -10; /* all negative: -10 -> -5 against -2 */
    s->value[1] = -5;
    a = assess_plain(s, "a >= -2 by 2025");
    assert_close(a.growth_ratio.value, 1.0642135778456852, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
}

/*
 * Caps and zero or negative goals and bases, in both directions. Reference
 * R by plain Python, e.g. ((5/0.0005)**(1/3)-1) / ((0/0.0005)**(1/10)-1):
 * a zero goal needs -100 %/yr exactly, so the ratio keeps the cap's
 * direction whatever the unit (replacing 0 by 0.001 made a cap of 0 on a
 * series rising from 0.0005 "on track").
 */
static void caps_and_zero_goals(void **state)
{
    static const int years4[] = {2020, 2021, 2022, 2023};
    double rising[] = {0.0005, 0.05, 0.5, 5};
    ind_series *s = series(state, "share", IND_FREQ_YEAR, 4, years4, NULL, rising);
    ind_assessment a = assess_plain(s, "share <= 0 by 2030");
    assert_close(a.growth_ratio.value, -20.544346900318832, 1e-12);
    assert_int_equal(a.eurostat, IND_EUROSTAT_AWAY);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);

    static const int years2[] = {2020, 2022};
    double falling[] = {10, 5}; /* a cap of 0, approached: limited progress */
    s = series(state, "falling", IND_FREQ_YEAR, 2, years2, NULL, falling);
    a = assess_plain(s, "falling <= 0 by 2025");
    assert_close(a.growth_ratio.value, 0.2928932188134524, 1e-12);
    assert_int_equal(a.eurostat, IND_EUROSTAT_LIMITED);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);

    double neg[] = {-10, -20}; /* a negative cap, magnitudes growing towards it */
    s = series(state, "neg", IND_FREQ_YEAR, 2, years2, NULL, neg);
    a = assess_plain(s, "neg <= -30 by 2030");
    assert_close(a.growth_ratio.value, 3.5670189505167813, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    a = assess_plain(s, "neg >= -5 by 2030"); /* the same values against a floor: away */
    assert_true(a.growth_ratio.value < 0);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);

    double deficit[] = {-5, -3}; /* up to a goal of 0 from below */
    s = series(state, "deficit", IND_FREQ_YEAR, 2, years2, NULL, deficit);
    a = assess_plain(s, "deficit >= 0 by 2025");
    assert_close(a.growth_ratio.value, 0.2254033307585166, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);

    double mixed[] = {-2, 3}; /* mixed signs: no ratio, but a cap left behind is off track */
    s = series(state, "mixed", IND_FREQ_YEAR, 2, years2, NULL, mixed);
    a = assess_plain(s, "mixed <= -5 by 2025");
    assert_false(a.growth_ratio.defined);
    assert_non_null(strstr(a.growth_ratio.why, "mixed sign"));
    assert_int_equal(a.eurostat, IND_EUROSTAT_AWAY);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    a = assess_plain(s, "mixed >= 5 by 2025"); /* moving towards it: cannot tell how fast */
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);

    double tiny[] = {0, 0.0005}; /* zero base, values within 0.001 of it */
    s = series(state, "tiny", IND_FREQ_YEAR, 2, years2, NULL, tiny);
    a = assess_plain(s, "tiny >= 10 by 2025");
    assert_false(a.growth_ratio.defined);
    assert_non_null(strstr(a.growth_ratio.why, "within 0.001"));
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    s->value[1] = -0.0005; /* ... moving away from a goal above */
    a = assess_plain(s, "tiny >= 10 by 2025");
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    s->value[1] = 0; /* no movement at all: R = 0 */
    a = assess_plain(s, "tiny >= 10 by 2025");
    assert_close(a.growth_ratio.value, 0, 0);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
}

static void too_few_points(void **state)
{
    static const int years[] = {2023};
    static const double v[] = {2.1};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 1, years, NULL, v);
    ind_assessment a = assess_forecast(s, "a >= 2.5 by 2025", NULL);
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_non_null(strstr(a.reason, "needs a base and a later observation"));
    assert_false(a.actual_growth.defined);
    assert_true(a.required_growth.defined); /* from now to the goal needs only the latest */
    assert_false(a.probability.defined);
    a = assess_plain(s, "a >= 2 by 2025"); /* but a goal already met is achieved */
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED);
}

static void target_year_past(void **state)
{
    static const int years[] = {2020, 2021, 2022, 2023};
    static const double v[] = {1, 2, 3, 4};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 4, years, NULL, v);
    ind_assessment a = assess_forecast(s, "a >= 2.5 by 2022", NULL);
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED);
    assert_string_equal(a.reason, "met in 2022: 3 >= 2.5");
    a = assess_plain(s, "a >= 3.5 by 2022");
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_string_equal(a.reason, "target year 2022 is past: missed (3, goal 3.5); met later, in 2023");
    assert_false(a.required_growth.defined);
    a = assess_plain(s, "a >= 3.5 by 2021");
    assert_string_equal(a.reason, "target year 2021 is past: missed (2, goal 3.5); met later, in 2023");
    a = assess_plain(s, "a >= 5 by 2023"); /* the target year is the latest: no time left */
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    a = assess_plain(s, "a >= 5 by 2015");
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_string_equal(a.reason, "target year 2015 is past and has no value");
    a = assess_plain(s, "a >= 5 by 2050 from 2040"); /* base after every observation */
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
}

/* ---- growth targets ---- */

static void growth_target(void **state)
{
    static const int years[] = {2020, 2022};
    static const double v[] = {100, 110};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 2, years, NULL, v);
    ind_assessment a = assess_plain(s, "a >= 7%/yr 2021-2025");
    assert_close(a.goal_level, 140.25517307000004, 1e-12); /* 100 * 1.07^5 */
    assert_close(a.growth_ratio.value, 0.6972692595735946, 1e-12); /* (1.1^0.5 - 1) / 0.07 */
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK);
    assert_close(a.required_change.value, 10.085057690000005, 1e-9);

    static const int cy[] = {2019, 2020, 2021, 2022, 2023, 2024};
    static const double cv[] = {22143.6, 24393.1, 27956.3, 30782.9, 33357.1, 36326.8};
    ind_series *c = series(state, "rd_spending", IND_FREQ_YEAR, 6, cy, NULL, cv);
    a = assess_plain(c, "rd_spending >= 7%/yr 2021-2025");
    assert_int_equal(ind_period_year(a.base), 2020);
    assert_close(a.goal_level, 34212.58462213818, 1e-12);
    assert_close(a.actual_growth.value, 0.10468901819648413, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED); /* 2024 is above the 2025 level implied */

    static const int zy[] = {2020, 2022};
    static const double zv[] = {0, 5};
    ind_series *z = series(state, "z", IND_FREQ_YEAR, 2, zy, NULL, zv);
    a = assess_plain(z, "z >= 7%/yr 2021-2025");
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_string_equal(a.reason, "a growth target needs a positive base value");
}

/* ---- year-total targets on sub-annual data ---- */

static void total_pace(void **state)
{
    static const int years[] = {2023, 2023, 2024};
    static const int halves[] = {1, 2, 1};
    static const double v[] = {4000, 5084, 4804};
    ind_series *s = series(state, "talent", IND_FREQ_HALF, 3, years, halves, v);
    ind_assessment a = assess_plain(s, "talent >= 9084 in 2024");
    assert_close(a.latest_value, 4804, 0);
    assert_close(a.elapsed.value, 0.5, 0);
    assert_close(a.pace.value, 9608, 1e-12);
    assert_close(a.growth_ratio.value, 1.0576838397181858, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    assert_close(a.required_change.value, 4280, 1e-12);
    assert_close(a.seasonal.value, 10909.884, 1e-12); /* 9084 * 4804 / 4000 */
    assert_close(a.actual_growth.value, 0.201, 1e-12);
    a = assess_plain(s, "talent >= 12000 in 2024"); /* pace 9608 = 80 % */
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK);
    a = assess_plain(s, "talent >= 4000 in 2024");
    assert_int_equal(a.verdict, IND_VERDICT_ACHIEVED);
    a = assess_plain(s, "talent <= 4000 in 2024"); /* a cap already exceeded */
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    assert_string_equal(a.reason, "the year-to-date total 4804 already exceeds the cap 4000");
    a = assess_plain(s, "talent <= 10000 in 2024"); /* 10000 / 9608 = 1.04 */
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    assert_close(a.growth_ratio.value, 10000.0 / 9608, 1e-12);
    a = assess_plain(s, "talent >= 9000 in 2023");
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_non_null(strstr(a.reason, "target year is past"));
    a = assess_plain(s, "talent >= 9000 in 2025");
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_non_null(strstr(a.reason, "no data for the target year yet"));

    /* one period left: the forecast's probability is exact for the total */
    a = assess_forecast(s, "talent >= 9084 in 2024", "naive");
    assert_true(a.forecast.defined);
    assert_close(a.forecast.value, 4804 + 4804, 1e-12); /* naive: the last value again */
}

/*
 * Plan completion against elapsed time. Hand computation (python3):
 * 10 of 25 = 0.4 done; from the start of 2022 to the end of 2024 is 3 of
 * the 5 years to the end of 2026 = 0.6; 0.4 - 0.6 = -0.2 (20 points
 * behind); ratio 0.4 / 0.6 = 0.667: at risk. Luohe's intensity from 2020:
 * (2.1 - 1.14) / (2.5 - 1.14) = 0.70588 done after 3 of 5 years (0.6).
 */
static void schedule_completion(void **state)
{
    static const int y1[] = {2024};
    static const double v1[] = {10};
    ind_series *s = series(state, "investment", IND_FREQ_YEAR, 1, y1, NULL, v1);
    ind_assessment a = assess_plain(s, "investment >= 25 by 2026 from 2022");
    assert_close(a.completion.value, 0.4, 1e-15);
    assert_false(a.progress.defined);
    assert_false(a.schedule_progress);
    assert_close(a.elapsed.value, 0.6, 1e-15);
    assert_close(a.schedule_gap.value, -0.2, 1e-15);
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK); /* the growth ratio cannot judge one value */
    assert_string_equal(a.reason,
                        "40% done, 60% of the time gone: 20 points behind schedule (ratio 0.67)");
    a = assess_plain(s, "investment >= 25 by 2026"); /* no start: no plan period */
    assert_close(a.completion.value, 0.4, 1e-15);
    assert_false(a.elapsed.defined);
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    a = assess_plain(s, "investment >= 16 by 2026 from 2022"); /* 62.5 % done, 60 % gone */
    assert_close(a.schedule_gap.value, 0.025, 1e-15);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    a = assess_plain(s, "investment >= 50 by 2026 from 2022"); /* 20 % of 60 %: 0.33 */
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
    a = assess_plain(s, "investment <= 5 by 2026 from 2022"); /* a cap has no x / G */
    assert_false(a.completion.defined);
    assert_false(a.schedule_gap.defined);

    static const int y2[] = {2020, 2023};
    static const double v2[] = {1.14, 2.1};
    s = series(state, "rd", IND_FREQ_YEAR, 2, y2, NULL, v2);
    a = assess_plain(s, "rd >= 2.5 by 2025 from 2020");
    assert_close(a.completion.value, 0.84, 1e-15);
    assert_true(a.schedule_progress);
    assert_close(a.progress.value, 0.7058823529411765, 1e-15);
    assert_close(a.elapsed.value, 0.6, 1e-15);
    assert_close(a.schedule_gap.value, 0.10588235294117654, 1e-15);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK); /* the growth ratio's, R = 1.33 */

    /* half-yearly: the start of 2022 to mid-2024 is 2.5 of 5 years */
    static const int y3[] = {2024};
    static const int h3[] = {1};
    static const double v3[] = {10};
    s = series(state, "inv_h", IND_FREQ_HALF, 1, y3, h3, v3);
    a = assess_plain(s, "inv_h >= 25 by 2026 from 2022");
    assert_close(a.elapsed.value, 0.5, 1e-15);
    assert_close(a.schedule_gap.value, -0.1, 1e-15);
    a = assess_plain(s, "inv_h >= 25 by 2026 from 2025"); /* the plan has not begun */
    assert_false(a.elapsed.defined);

    /* a year's total: 4804 of 9084 = 0.52884 done in half the year */
    static const int y4[] = {2024};
    static const double v4[] = {4804};
    s = series(state, "talent", IND_FREQ_HALF, 1, y4, h3, v4);
    a = assess_plain(s, "talent >= 9084 in 2024");
    assert_close(a.completion.value, 0.5288419198590929, 1e-15);
    assert_close(a.schedule_gap.value, 0.0288419198590929, 1e-15);
}

/* The targets file's start column is 'from YEAR': base year of a level target, year after a growth base. */
static void file_start_column(void **state)
{
    static const char text[] = "series,entity,op,goal,year,start,kind\n"
                               "investment,食品科创园,>=,25,2026,2022,level\n"
                               "rd_spending,China,>=,7%/yr,2025,2021,growth\n";
    ind_target *t = NULL;
    size_t n = 0;
    ind_error err;
    assert_int_equal(ind_targets_load_buffer(text, sizeof text - 1, "t.csv", &t, &n, &err), IND_OK);
    assert_int_equal(n, 2);
    assert_true(t[0].has_base);
    assert_int_equal(t[0].base_year, 2022);
    assert_string_equal(t[0].text, "investment[食品科创园] >= 25 by 2026 from 2022");
    assert_int_equal(t[1].base_year, 2020);
    assert_string_equal(t[1].text, "rd_spending[China] >= 7%/yr 2021-2025");
    free(t);
    static const struct {
        const char *text;
        long col;
        const char *says;
    } bad[] = {
        {"series,op,goal,year,base_year,start\nx,>=,2,2026,2021,2022\n", 6, "the same year as base_year"},
        {"series,op,goal,year,base_year,start\nx,>=,7%/yr,2025,2020,2020\n", 6, "the year after base_year"},
        {"series,op,goal,year,start,kind\nx,>=,2,2025,2022,total\n", 5, "no start for a year's total"},
        {"series,op,goal,year,start\nx,>=,2,2025,2025\n", 5, "a base year before the target year"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ind_error_clear(&err);
        assert_int_not_equal(ind_targets_load_buffer(bad[i].text, strlen(bad[i].text), "t.csv", &t,
                                                     &n, &err),
                             IND_OK);
        if (err.line != 2 || err.col != bad[i].col || !strstr(err.message, bad[i].says))
            fail_msg("case %zu: %ld:%ld: %s", i, err.line, err.col, err.message);
    }
}

static void total_single_half(void **state)
{
    static const int years[] = {2024};
    static const int halves[] = {1};
    static const double v[] = {4804};
    ind_series *s = series(state, "talent", IND_FREQ_HALF, 1, years, halves, v);
    ind_assessment a = assess_forecast(s, "talent >= 9084 in 2024", NULL);
    assert_int_equal(a.verdict, IND_VERDICT_ON_TRACK);
    assert_false(a.seasonal.defined);
    assert_false(a.probability.defined);
}

static void total_missing_period(void **state)
{
    static const int years[] = {2024, 2024};
    static const int months[] = {1, 3};
    static const double v[] = {10, 10};
    ind_series *s = series(state, "m", IND_FREQ_MONTH, 2, years, months, v);
    ind_assessment a = assess_plain(s, "m >= 100 in 2024");
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_non_null(strstr(a.reason, "missing"));
    s->flags |= IND_SERIES_CUMULATIVE; /* year-to-date values: the latest is the total so far */
    a = assess_plain(s, "m >= 100 in 2024");
    assert_close(a.latest_value, 10, 0);
    assert_close(a.pace.value, 40, 1e-12);
    assert_int_equal(a.verdict, IND_VERDICT_OFF_TRACK);
}

/* ---- forecast probability ---- */

static void forecast_probability(void **state)
{
    static const int years[] = {2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023};
    static const double v[] = {10, 11.2, 11.9, 13.1, 14.2, 14.8, 16.1, 17.0};
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 8, years, NULL, v);
    ind_assessment lo = assess_forecast(s, "a >= 18 by 2025", "drift");
    ind_assessment hi = assess_forecast(s, "a >= 25 by 2025", "drift");
    assert_true(lo.probability.defined && hi.probability.defined);
    assert_true(lo.probability.value > 0.5 && hi.probability.value < 0.5);
    /* P(meet) for <= is the complement of P(meet) for >= */
    ind_assessment down = assess_forecast(s, "a <= 18 by 2025", "drift");
    assert_close(down.probability.value, 1 - lo.probability.value, 1e-12);
    /* drift: 17 + 2 * (17 - 10) / 7 = 19 at 2025; meets 18 first in 2024 (18.0) */
    assert_close(lo.forecast.value, 19, 1e-9);
    assert_true(lo.meets.defined);
    assert_int_equal((int)lo.meets.value, 2024);
    assert_true(lo.has_intervals);
    assert_true(lo.lo[0] < 19 && lo.hi[0] > 19 && lo.lo[1] < lo.lo[0]);
    /* the first year the forecast meets 25: 17 + k = 25 at 2031 */
    assert_int_equal((int)hi.meets.value, 2031);
    /* R = (1.7^(1/7) - 1) / (2.5^(1/9) - 1) = 0.735: at risk, which any probability agrees with */
    assert_int_equal(hi.verdict, IND_VERDICT_AT_RISK);
    assert_string_equal(hi.disagree, "");
    assert_int_equal(lo.verdict, IND_VERDICT_ON_TRACK); /* R = 1.17, P > 0.5: no disagreement */
    assert_string_equal(lo.disagree, "");

    ind_target t = target("a >= 18 by 2025");
    ind_target_options opt;
    ind_target_options_init(&opt);
    opt.request.horizon = 0; /* ignored: the target year sets the horizon */
    ind_assessment ok;
    assert_int_equal(ind_target_assess(s, &t, &opt, &ok, NULL), IND_OK);
    assert_true(ok.forecast.defined);
    ind_forecast_method not_a_row = *ind_forecast_method_find("drift", NULL);
    opt.request.method = &not_a_row; /* a copy: only rows of the table are methods */
    ind_assessment a;
    ind_error err;
    assert_int_equal(ind_target_assess(s, &t, &opt, &a, &err), IND_E_ARG);
    assert_non_null(strstr(err.message, "not a row"));
    assert_null(ind_forecast_method_find("no-such-method", &err));
    assert_non_null(strstr(err.message, "no-such-method"));
}

/*
 * The probability through the bounded (0..100) transform of a % series,
 * against R: x <- c(2.40, 2.44, 2.54, 2.65, 2.69); y <- qlogis(x / 100);
 * f <- rwf(y, h = 1, drift = TRUE, level = 80); m <- f$mean[1];
 * sd <- (f$upper[1] - m) / qnorm(.9); plogis(m) * 100 = 2.7676671496946,
 * 1 - pnorm((qlogis(.028) - m) / sd) = 0.240520075430332, 80% interval
 * plogis(f$lower/upper) * 100 = [2.70978899173681, 2.82674560447279].
 */
static void forecast_bounded_against_r(void **state)
{
    static const int years[] = {2020, 2021, 2022, 2023, 2024};
    static const double v[] = {2.40, 2.44, 2.54, 2.65, 2.69};
    ind_series *s = series(state, "rd_intensity", IND_FREQ_YEAR, 5, years, NULL, v);
    ind_series_set_text(&s->unit, "%");
    ind_assessment a = assess_forecast(s, "rd_intensity >= 2.8 by 2025", "drift");
    assert_close(a.forecast.value, 2.7676671496946, 1e-10);
    assert_close(a.probability.value, 0.240520075430332, 1e-9);
    assert_close(a.lo[0], 2.70978899173681, 1e-9);
    assert_close(a.hi[0], 2.82674560447279, 1e-9);
    assert_int_equal(a.verdict, IND_VERDICT_AT_RISK); /* R = 0.924 */
    assert_int_equal(a.weather, IND_WEATHER_CLOUDY);  /* 2.7625 misses by 34% of 0.11 */
    assert_close(a.trend_miss.value, 0.0375 / 0.11, 1e-9);
}

/*
 * A year total with one period left: P(H1 + H2 >= goal) from the H2
 * forecast. R: naive(c(3000, 4100, 3500, 4800, 4000, 5084, 4804), h = 1):
 * sd = (upper80 - mean) / qnorm(.9) = 926.7736; pnorm(524 / sd) = 0.7140999.
 */
static void total_probability_against_r(void **state)
{
    static const int years[] = {2021, 2021, 2022, 2022, 2023, 2023, 2024};
    static const int halves[] = {1, 2, 1, 2, 1, 2, 1};
    static const double v[] = {3000, 4100, 3500, 4800, 4000, 5084, 4804};
    ind_series *s = series(state, "talent", IND_FREQ_HALF, 7, years, halves, v);
    ind_assessment a = assess_forecast(s, "talent >= 9084 in 2024", "naive");
    assert_close(a.forecast.value, 9608, 1e-12);
    assert_close(a.probability.value, 0.7140999, 1e-6);
    a = assess_forecast(s, "talent <= 9084 in 2024", "naive");
    assert_close(a.probability.value, 1 - 0.7140999, 1e-5);
}

static void empty_series(void **state)
{
    ind_series *s = series(state, "a", IND_FREQ_YEAR, 0, NULL, NULL, NULL);
    ind_target t = target("a >= 1 by 2025");
    ind_assessment a;
    ind_error err;
    /* a country without data in a World Bank download: cannot assess, not an error */
    assert_int_equal(ind_target_assess(s, &t, NULL, &a, &err), IND_OK);
    assert_int_equal(a.verdict, IND_VERDICT_CANNOT_ASSESS);
    assert_string_equal(a.reason, "the series has no observations");
    assert_false(a.forecast.defined);
    assert_string_equal(a.forecast.why, "no observations");
    assert_int_equal(a.latest.freq, IND_FREQ_UNKNOWN);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_level),
        cmocka_unit_test(parse_growth_and_total),
        cmocka_unit_test(parse_errors),
        cmocka_unit_test(file_good),
        cmocka_unit_test(file_errors),
        cmocka_unit_test(file_read_like_data),
        cmocka_unit_test(format_reads_back),
        cmocka_unit_test(texts_with_digits),
        cmocka_unit_test(category_thresholds),
        cmocka_unit_test_setup_teardown(worked_example, setup, teardown),
        cmocka_unit_test_setup_teardown(growth_ratio_categories, setup, teardown),
        cmocka_unit_test_setup_teardown(caps_and_zero_goals, setup, teardown),
        cmocka_unit_test_setup_teardown(decrease_target, setup, teardown),
        cmocka_unit_test_setup_teardown(destatis_weather, setup, teardown),
        cmocka_unit_test_setup_teardown(destatis_too_few, setup, teardown),
        cmocka_unit_test_setup_teardown(base_equals_goal, setup, teardown),
        cmocka_unit_test_setup_teardown(zero_and_negative_values, setup, teardown),
        cmocka_unit_test_setup_teardown(too_few_points, setup, teardown),
        cmocka_unit_test_setup_teardown(target_year_past, setup, teardown),
        cmocka_unit_test_setup_teardown(growth_target, setup, teardown),
        cmocka_unit_test_setup_teardown(total_pace, setup, teardown),
        cmocka_unit_test_setup_teardown(total_single_half, setup, teardown),
        cmocka_unit_test_setup_teardown(total_missing_period, setup, teardown),
        cmocka_unit_test_setup_teardown(forecast_probability, setup, teardown),
        cmocka_unit_test_setup_teardown(forecast_bounded_against_r, setup, teardown),
        cmocka_unit_test_setup_teardown(total_probability_against_r, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_series, setup, teardown),
        cmocka_unit_test_setup_teardown(schedule_completion, setup, teardown),
        cmocka_unit_test_setup_teardown(file_start_column, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
