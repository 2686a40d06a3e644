/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the chart script builder (src/lib/chart.c): escaping, period
 * ticks, gaps, the forecast fan, targets, year-on-year bars and CAGR, index
 * rebasing, template lookup and the errors. Scripts are checked as text;
 * tests/chart/run renders them with gnuplot.
 */
#include "test.h"

#include <float.h>

#include <sys/stat.h>
#include <unistd.h>

#include "indicators/chart.h"
#include "indicators/dataset.h"

#define TEMPLATES SOURCE_ROOT "/scripts"

static ind_series *add_years(ind_dataset *ds, const char *name, const char *entity,
                             const char *unit, int first, const double *v, size_t n)
{
    ind_series *s = ind_dataset_series(ds, name, entity);
    assert_non_null(s);
    assert_int_equal(ind_series_set_text(&s->unit, unit), IND_OK);
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            assert_int_equal(
                ind_series_add(s, ind_period_make(IND_FREQ_YEAR, first + (int)i, 1), v[i], NULL),
                IND_OK);
    return s;
}

/* Test fixture (not official figures): an R&D intensity path ending at the seed's 2.1% in 2023. */
static const double luohe[] = {0.71, 0.78, 0.86, 1.00, 1.14, 1.45, 1.77, 2.10};
static const double henan[] = {1.23, 1.31, 1.40, 1.46, 1.64, 1.73, 1.86, 1.96};

static char *build(const ind_series *const *s, size_t n, const ind_chart_options *opt)
{
    char *script = NULL;
    ind_error err;
    ind_error_clear(&err);
    ind_status st = ind_chart_build(s, n, opt, TEMPLATES, &script, &err);
    if (st != IND_OK)
        fail_msg("ind_chart_build: %s", err.message);
    assert_non_null(script);
    return script;
}

/* The text of the line starting with prefix, without the newline, into out. */
static const char *line_of(const char *script, const char *prefix, char *out, size_t n)
{
    for (const char *p = script; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            size_t len = strcspn(p, "\n");
            snprintf(out, n, "%.*s", (int)len, p);
            return out;
        }
    }
    fail_msg("no line starting with '%s'", prefix);
    return NULL;
}

static double param(const char *script, const char *name)
{
    char prefix[64], line[256];
    snprintf(prefix, sizeof prefix, "%s = ", name);
    line_of(script, prefix, line, sizeof line);
    return strtod(line + strlen(prefix), NULL);
}

/* The height of the latest-value label reading text ($latest row "x y k lt", latest_text[k]). */
static double latest_y(const char *script, const char *text)
{
    char want[128], line[256];
    for (int k = 1; k <= 64; k++) {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "latest_text[%d] = ", k);
        if (!strstr(script, prefix))
            break;
        snprintf(want, sizeof want, "%s'%s'", prefix, text);
        if (strcmp(line_of(script, prefix, line, sizeof line), want) != 0)
            continue;
        const char *p = strstr(script, "$latest << EOD\n");
        assert_non_null(p);
        for (p = strchr(p, '\n') + 1; strncmp(p, "EOD", 3) != 0; p = strchr(p, '\n') + 1) {
            char *end;
            strtod(p, &end);
            double y = strtod(end, &end);
            if (*p != '#' && strtol(end, NULL, 10) == k)
                return y;
        }
    }
    fail_msg("no latest label '%s'", text);
    return NAN;
}

static void quotes_labels_as_inert_strings(void **state)
{
    (void)state;
    char buf[128];
    /* noenhanced terminals: markup prints as it is, nothing is escaped for it */
    assert_int_equal(ind_chart_quote_label("R&D", buf, sizeof buf), 5);
    assert_string_equal(buf, "'R&D'");
    assert_int_equal(ind_chart_quote_label("a_b^c{d}@e~f\\g`x`", buf, sizeof buf), 19);
    assert_string_equal(buf, "'a_b^c{d}@e~f\\g`x`'");
    /* a quote is joined as "'": gnuplot 5.4 misreads '' next to another quote */
    ind_chart_quote_label("it's \"q\"", buf, sizeof buf);
    assert_string_equal(buf, "'it'.\"'\".'s \"q\"'");
    ind_chart_quote_label("''x", buf, sizeof buf);
    assert_string_equal(buf, "''.\"'\".''.\"'\".'x'");
    /* control characters (C0, DEL, C1) become spaces: a line break would end the string */
    ind_chart_quote_label("研发投入强度\n(%)\x7f\xc2\x9b", buf, sizeof buf);
    assert_string_equal(buf, "'研发投入强度 (%)  '");
    /* ]]> is forbidden in SVG text, which gnuplot writes unescaped */
    ind_chart_quote_label("a]]>b", buf, sizeof buf);
    assert_string_equal(buf, "'a]\xe2\x80\x8b]>b'");
    /* bytes that are not UTF-8 (a stray byte, a cut sequence, a surrogate) become '?'
       (the literals are split so that "?" pairs are not read as trigraphs) */
    ind_chart_quote_label("R&D \xff\xfe \x80 \xe7\xa0 end", buf, sizeof buf);
    assert_string_equal(buf, "'R&D ?"
                             "? ? ?"
                             "? end'");
    ind_chart_quote_label("\xed\xa0\x80\xf0\x9f\x98\x80", buf, sizeof buf);
    assert_string_equal(buf, "'?"
                             "?"
                             "?\xf0\x9f\x98\x80'");
    /* a long text is cut at a character boundary, within gnuplot's line buffers */
    char *longer = malloc(70000), *quoted = malloc(70000);
    memset(longer, 'x', 69999);
    longer[69999] = '\0';
    memcpy(longer + 398, "中", 3); /* would straddle the 400-byte limit */
    size_t len = ind_chart_quote_label(longer, quoted, 70000);
    assert_int_equal(len, 1 + 398 + 3 + 1);
    assert_string_equal(quoted + 399, "...'");
    free(longer);
    free(quoted);
    /* truncation still terminates and reports the full length */
    assert_int_equal(ind_chart_quote_label("R&D", buf, 4), 5);
    assert_string_equal(buf, "'R&");
}

static void parses_names(void **state)
{
    (void)state;
    ind_chart_kind k;
    ind_chart_format f;
    ind_chart_lang l;
    assert_int_equal(ind_chart_kind_parse("compare", &k), 0);
    assert_int_equal(k, IND_CHART_COMPARE);
    assert_int_equal(ind_chart_kind_parse("pie", &k), -1);
    assert_int_equal(ind_chart_format_from_path("out/a.SVG", &f), 0);
    assert_int_equal(f, IND_CHART_SVG);
    assert_int_equal(ind_chart_format_from_path("a.pdf", &f), 0);
    assert_int_equal(f, IND_CHART_PDF);
    assert_int_equal(ind_chart_format_from_path("a.jpg", &f), -1);
    assert_int_equal(ind_chart_format_from_path("png", &f), -1);
    assert_int_equal(ind_chart_lang_parse("zh", &l), 0);
    assert_int_equal(l, IND_CHART_ZH);
    assert_int_equal(ind_chart_lang_parse("fr", &l), -1);
    size_t n;
    const ind_chart_kind_info *kinds = ind_chart_kinds(&n);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(kinds[i].kind, (ind_chart_kind)i);
}

static void trend_escapes_titles_and_ticks_whole_years(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const ind_series *s = add_years(ds, "R&D intensity", "Luohe", "%", 2016, luohe, 8);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "it's.png";
    char *script = build(&s, 1, &opt);
    char line[1024];
    assert_string_equal(line_of(script, "chart_title = ", line, sizeof line),
                        "chart_title = 'Luohe: R&D intensity'");
    assert_string_equal(line_of(script, "out_file = ", line, sizeof line),
                        "out_file = './it'.\"'\".'s.png'");
    assert_string_equal(line_of(script, "value_label = ", line, sizeof line), "value_label = '%'");
    /* eight years at 1600 px: a tick every year, and only whole years */
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('2016' 2016, '2017' 2017, '2018' 2018, '2019' 2019, "
                        "'2020' 2020, '2021' 2021, '2022' 2022, '2023' 2023)");
    assert_string_equal(line_of(script, "term_type = ", line, sizeof line), "term_type = 'png'");
    assert_non_null(strstr(script, "set decimalsign '.'"));
    assert_non_null(strstr(script, "Noto Sans CJK SC"));
    /* the latest value is labelled with its unit (a string: units may be Chinese) */
    assert_string_equal(line_of(script, "latest_text[1] = ", line, sizeof line),
                        "latest_text[1] = '2.1%'");
    assert_non_null(strstr(script, "\n2023 2.1 1 1\nEOD\n"));
    assert_close(param(script, "has_forecast"), 0, 0);
    assert_close(param(script, "ntargets"), 0, 0);
    assert_close(param(script, "xmin"), 2015.5, 1e-12);
    free(script);
    ind_dataset_free(ds);
}

static void chinese_title_and_many_years(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    double v[40];
    for (int i = 0; i < 40; i++)
        v[i] = 1 + 0.05 * i;
    const ind_series *s = add_years(ds, "研发投入强度", "漯河", "%", 1984, v, 40);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.svg";
    opt.format = IND_CHART_SVG;
    opt.lang = IND_CHART_ZH;
    opt.title = "漯河市研发投入强度 R&D_{GDP}";
    char *script = build(&s, 1, &opt);
    char line[1024];
    assert_string_equal(line_of(script, "chart_title = ", line, sizeof line),
                        "chart_title = '漯河市研发投入强度 R&D_{GDP}'");
    /* 40 years: a tick every 5 years, on years divisible by 5, written as years are in
       Chinese */
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('1985年' 1985, '1990年' 1990, '1995年' 1995, '2000年' 2000, "
                        "'2005年' 2005, '2010年' 2010, '2015年' 2015, '2020年' 2020)");
    assert_string_equal(line_of(script, "term_type = ", line, sizeof line), "term_type = 'svg'");
    free(script);
    /* a slide-sized 800 x 450 chart of 8 years: 10 pt labels, still every year */
    const ind_series *eight = add_years(ds, "x", "", "", 2016, luohe, 8);
    opt.width = 800;
    opt.height = 450;
    script = build(&eight, 1, &opt);
    assert_close(param(script, "font_size"), 10, 0);
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('2016年' 2016, '2017年' 2017, '2018年' 2018, '2019年' 2019, "
                        "'2020年' 2020, '2021年' 2021, '2022年' 2022, '2023年' 2023)");
    free(script);
    ind_dataset_free(ds);
}

static void gaps_break_the_line(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    double v[] = {1.0, 1.2, NAN, NAN, 1.5, 1.6};
    const ind_series *s = add_years(ds, "x", "", "", 2010, v, 6);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_COMPARE;
    char *script = build(&s, 1, &opt);
    assert_non_null(strstr(script, "$series << EOD\n# series_title[1]\n2010 1 \"2010\"\n"
                                   "2011 1.2 \"2011\"\n\n2014 1.5 \"2014\"\n2015 1.6 \"2015\"\nEOD\n"));
    free(script);
    ind_dataset_free(ds);
}

static void sub_annual_ticks_are_periods(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *h = ind_dataset_series(ds, "talent", "Luohe");
    ind_series *q = ind_dataset_series(ds, "gdp", "");
    ind_series *m = ind_dataset_series(ds, "cpi", "");
    for (int i = 0; i < 6; i++)
        assert_int_equal(ind_series_add(h, ind_period_make(IND_FREQ_HALF, 2022 + i / 2, 1 + i % 2),
                                        100 + i, NULL),
                         IND_OK);
    for (int i = 0; i < 8; i++)
        assert_int_equal(ind_series_add(q,
                                        ind_period_make(IND_FREQ_QUARTER, 2022 + i / 4, 1 + i % 4),
                                        50 + i, NULL),
                         IND_OK);
    for (int i = 0; i < 30; i++)
        assert_int_equal(ind_series_add(m,
                                        ind_period_make(IND_FREQ_MONTH, 2022 + i / 12, 1 + i % 12),
                                        100 + i, NULL),
                         IND_OK);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    char line[1024];
    const ind_series *one = h;
    char *script = build(&one, 1, &opt);
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('2022H1' 4044, '2022H2' 4045, '2023H1' 4046, "
                        "'2023H2' 4047, '2024H1' 4048, '2024H2' 4049)");
    free(script);
    one = q;
    script = build(&one, 1, &opt);
    assert_non_null(strstr(line_of(script, "set xtics (", line, sizeof line), "'2023Q3' 8094"));
    free(script);
    /* 30 months on 1600 px: every third month, Jan/Apr/Jul/Oct */
    one = m;
    script = build(&one, 1, &opt);
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('2022-01' 24264, '2022-04' 24267, '2022-07' 24270, "
                        "'2022-10' 24273, '2023-01' 24276, '2023-04' 24279, '2023-07' 24282, "
                        "'2023-10' 24285, '2024-01' 24288, '2024-04' 24291)");
    free(script);
    ind_dataset_free(ds);
}

/* A forecast of h steps at levels 80 and 95 (lo, hi NULL: without intervals). */
static ind_forecast forecast_of(const char *model, size_t h, double *mean, double *lo, double *hi)
{
    ind_forecast f;
    memset(&f, 0, sizeof f);
    snprintf(f.model, sizeof f.model, "%s", model);
    snprintf(f.method, sizeof f.method, "auto");
    f.h = h;
    f.nlevels = 2;
    f.levels[0] = 80;
    f.levels[1] = 95;
    f.mean = mean;
    f.has_intervals = lo != NULL;
    f.lo = lo;
    f.hi = hi;
    return f;
}

static void forecast_fan_and_target(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const ind_series *s = add_years(ds, "R&D intensity", "Luohe", "%", 2016, luohe, 8);
    double mean[2] = {2.4, 2.7}, lo[4] = {2.2, 2.1, 2.3, 2.0}, hi[4] = {2.6, 2.7, 3.1, 3.4};
    ind_forecast f = forecast_of("ETS(A,A,N)", 2, mean, lo, hi);
    ind_chart_target t = {.goal = 2.5, .period = ind_period_make(IND_FREQ_YEAR, 2025, 1)};
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.pdf";
    opt.format = IND_CHART_PDF;
    opt.forecast = &f;
    opt.target = &t;
    char *script = build(&s, 1, &opt);
    char line[256];
    /* widest band first; the first row anchors the fan at the last observation */
    assert_string_equal(line_of(script, "band_title[1] = ", line, sizeof line),
                        "band_title[1] = '95% interval'");
    assert_string_equal(line_of(script, "band_title[2] = ", line, sizeof line),
                        "band_title[2] = '80% interval'");
    assert_non_null(strstr(script, "$forecast << EOD\n# series_title[1]: x mean then lo hi per "
                                   "band (2); the first row is the last observation\n"
                                   "2023 2.1 2.1 2.1 2.1 2.1\n2024 2.4 2.1 2.7 2.2 2.6\n"
                                   "2025 2.7 2 3.4 2.3 3.1\nEOD\n"));
    assert_string_equal(line_of(script, "fc_title = ", line, sizeof line),
                        "fc_title = 'Forecast (ETS(A,A,N))'");
    assert_string_equal(line_of(script, "tg_title[1] = ", line, sizeof line),
                        "tg_title[1] = 'Target 2.5% by 2025'");
    assert_close(param(script, "tg_path[1]"), 0, 0); /* a level target: a flat line */
    assert_close(param(script, "tg_value[1]"), 2.5, 0);
    assert_non_null(strstr(script, "$target << EOD\n2025 2.5 2\nEOD\n"));
    assert_close(param(script, "has_marker"), 1, 0);
    /* the x range covers the forecast; the y range the widest band */
    assert_close(param(script, "xmax"), 2025.5, 1e-12);
    assert_true(param(script, "ymax") > 3.4);
    free(script);

    /* three levels: the two widest make the fan, widest first */
    double lo3[6] = {2.3, 2.1, 2.2, 2.6, 2.0, 2.3}, hi3[6] = {2.5, 2.7, 2.6, 2.8, 3.4, 3.1};
    f.nlevels = 3;
    f.levels[0] = 50;
    f.levels[1] = 95;
    f.levels[2] = 80;
    f.lo = lo3;
    f.hi = hi3;
    script = build(&s, 1, &opt);
    assert_string_equal(line_of(script, "band_title[1] = ", line, sizeof line),
                        "band_title[1] = '95% interval'");
    assert_string_equal(line_of(script, "band_title[2] = ", line, sizeof line),
                        "band_title[2] = '80% interval'");
    assert_non_null(strstr(script, "\n2024 2.4 2.1 2.7 2.2 2.6\n2025 2.7 2 3.4 2.3 3.1\n"));
    free(script);
    f.nlevels = 2;
    f.levels[0] = 80;
    f.levels[1] = 95;
    f.lo = lo;
    f.hi = hi;

    /* no intervals: no bands; Chinese target wording */
    f.has_intervals = false;
    opt.lang = IND_CHART_ZH;
    script = build(&s, 1, &opt);
    assert_close(param(script, "nbands"), 0, 0);
    assert_string_equal(line_of(script, "tg_title[1] = ", line, sizeof line),
                        "tg_title[1] = '2025年目标2.5%'");
    free(script);
    ind_dataset_free(ds);
}

static void growth_bars_and_cagr(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    double v[] = {1.14, 1.5, NAN, 2.1};
    const ind_series *s = add_years(ds, "R&D intensity", "Luohe", "%", 2020, v, 4);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_GROWTH;
    char *script = build(&s, 1, &opt);
    /* YoY 2021 = 1.5/1.14 - 1 = 31.578947368421...% (by hand and numpy); 2022 and 2023
       have no value a year earlier */
    const char *p = strstr(script, "$growth << EOD\n");
    assert_non_null(p);
    p = strstr(p, "\n2021 ");
    assert_non_null(p);
    assert_close(strtod(p + 6, NULL), 31.578947368421062, 1e-12);
    assert_non_null(strstr(p, " \"31.6\" # \"2021\"\nEOD\n"));
    /* CAGR 2020-2023 = (2.1/1.14)^(1/3) - 1 = 22.585230441425352% (METHODS.md: 22.6%) */
    assert_close(param(script, "cagr[1]"), 22.585230441425352, 1e-12);
    char line[256];
    assert_string_equal(line_of(script, "cagr_title[1] = ", line, sizeof line),
                        "cagr_title[1] = 'CAGR 2020–2023: 22.6%/yr'");
    assert_string_equal(line_of(script, "value_label = ", line, sizeof line),
                        "value_label = 'YoY change, %'");
    assert_close(param(script, "ymin"), 0, 0);
    free(script);

    /* several series: each legend entry carries its series' CAGR, the lines none;
       Luohe 2016-2023 (2.10/0.71)^(1/7) - 1 = 16.756249290216%, Henan 2014-2021
       (1.96/1.23)^(1/7) - 1 = 6.88266649468523% (numpy) */
    ind_dataset_free(ds);
    ds = ind_dataset_new();
    const ind_series *two[2];
    two[0] = add_years(ds, "R&D intensity", "Luohe", "%", 2016, luohe, 8);
    two[1] = add_years(ds, "R&D intensity", "Henan", "%", 2014, henan, 8);
    script = build(two, 2, &opt);
    assert_non_null(strstr(script, "\nseries_title[1] = 'Luohe (CAGR 2016–2023: 16.8%/yr)'\n"
                                   "cagr_title[1] = ''\n"));
    assert_non_null(strstr(script, "\nseries_title[2] = 'Henan (CAGR 2014–2021: 6.88%/yr)'\n"
                                   "cagr_title[2] = ''\n"));
    assert_close(param(script, "cagr[1]"), 16.75624929021624, 1e-12);
    assert_close(param(script, "cagr[2]"), 6.88266649468523, 1e-12);
    assert_close(param(script, "bar_width"), 0.4, 1e-12);
    free(script);
    ind_dataset_free(ds);
}

static void index_rebases_to_common_period(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const ind_series *s[2];
    s[0] = add_years(ds, "R&D intensity", "Luohe", "%", 2016, luohe, 8);
    s[1] = add_years(ds, "R&D intensity", "Henan", "%", 2014, henan, 8);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_INDEX;
    char *script = build(s, 2, &opt);
    /* Henan starts 2014, Luohe 2016: the base is 2016; Luohe 2023 = 100 * 2.1 / 0.71 */
    assert_close(param(script, "base_x"), 2016, 0);
    const char *p = strstr(script, "\n2023 ");
    assert_non_null(p);
    assert_close(strtod(p + 6, NULL), 100 * 2.10 / 0.71, 1e-12);
    char line[256];
    assert_string_equal(line_of(script, "series_title[1] = ", line, sizeof line),
                        "series_title[1] = 'Luohe'");
    assert_string_equal(line_of(script, "value_label = ", line, sizeof line),
                        "value_label = 'Index (2016 = 100)'");
    free(script);

    opt.base = ind_period_make(IND_FREQ_YEAR, 2014, 1);
    ind_error err;
    ind_error_clear(&err);
    char *out = NULL;
    assert_int_equal(ind_chart_build(s, 2, &opt, TEMPLATES, &out, &err), IND_E_UNDEFINED);
    assert_null(out);
    assert_non_null(
        strstr(err.message, "R&D intensity / Luohe has no value in the base period 2014"));
    ind_dataset_free(ds);
}

static void compare_spreads_close_labels(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const ind_series *s[3];
    double china[] = {2.06, 2.10, 2.12, 2.14, 2.40, 2.43, 2.54, 2.65};
    double close_to_china[] = {1.9, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.64};
    s[0] = add_years(ds, "R&D intensity", "Luohe", "%", 2016, luohe, 8);
    s[1] = add_years(ds, "R&D intensity", "China", "%", 2016, china, 8);
    s[2] = add_years(ds, "R&D intensity", "Henan", "%", 2016, close_to_china, 8);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_COMPARE;
    char *script = build(s, 3, &opt);
    /* labels 2.65 and 2.64 would overlap: they are pushed 1.5 lines apart, a line being
       20 px of the 0.68 * 900 px plot that shows the span 0.71..2.65 padded by 20% */
    double ya = latest_y(script, "2.65%"), yb = latest_y(script, "2.64%");
    double span = 2.65 - 0.71;
    assert_close(ya - yb, 1.5 * 20 * 1.2 * span / (0.68 * 900), 1e-9);
    assert_close((ya + yb) / 2, (2.65 + 2.64) / 2, 1e-9);
    char line[256];
    assert_string_equal(line_of(script, "chart_title = ", line, sizeof line),
                        "chart_title = 'R&D intensity'");
    free(script);
    ind_dataset_free(ds);
}

/* An index of series sharing no period is refused before the base is used (UBSan: no NaN cast). */
static void index_base_is_checked_first(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    double v[] = {1, 2};
    const ind_series *s[2] = {add_years(ds, "a", "X", "", 2018, v, 2),
                              add_years(ds, "a", "Y", "", 2020, v, 2)};
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_INDEX;
    ind_error err;
    char *out = NULL;
    assert_int_equal(ind_chart_build(s, 2, &opt, TEMPLATES, &out, &err), IND_E_UNDEFINED);
    assert_string_equal(err.message, "the series share no period to use as the index base");
    assert_null(out);
    ind_dataset_free(ds);
}

/*
 * A flat series whose forecast wobbles in the 16th digit gets a y range of
 * its own size (5 +- 8%/12% of 5), not an empty one; values near DBL_MAX are
 * drawn in units of 1e308, which the axis label names.
 */
static void flat_and_huge_values_get_a_range(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    double flat[] = {5, 5, 5, 5};
    const ind_series *s = add_years(ds, "flat", "", "", 2018, flat, 4);
    double mean[1] = {4.999999999999999}, lo[1] = {4.999999999999999}, hi[1] = {5.000000000000001};
    ind_forecast f;
    memset(&f, 0, sizeof f);
    f.h = 1;
    f.nlevels = 1;
    f.levels[0] = 80;
    f.mean = mean;
    f.has_intervals = true;
    f.lo = lo;
    f.hi = hi;
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.forecast = &f;
    char *script = build(&s, 1, &opt);
    assert_close(param(script, "ymin"), 5 - 0.08 * 5, 1e-9);
    assert_close(param(script, "ymax"), 5.000000000000001 + 0.12 * 5, 1e-9);
    free(script);

    double huge[] = {DBL_MAX, -DBL_MAX, 1e308};
    s = add_years(ds, "huge", "", "", 2018, huge, 3);
    opt.forecast = NULL;
    script = build(&s, 1, &opt);
    char line[256];
    assert_string_equal(line_of(script, "value_label = ", line, sizeof line),
                        "value_label = '\xc3\x97" "1e+308'");
    /* DBL_MAX / 1e308 = 1.7976931348623157 (17 digits: 15 would round up to infinity) */
    assert_non_null(strstr(script, "\n2018 1.7976931348623157 \"2018\"\n"));
    double span = 2 * 1.7976931348623157;
    assert_close(param(script, "ymin"), -1.7976931348623157 - 0.08 * span, 1e-12);
    assert_close(param(script, "ymax"), 1.7976931348623157 + 0.12 * span, 1e-12);
    free(script);
    ind_dataset_free(ds);
}

/* A chart is complete when it ends as its format ends: PNG IEND, SVG </svg>, PDF %%EOF. */
static void recognises_complete_charts(void **state)
{
    (void)state;
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                        0xAE, 0x42, 0x60, 0x82};
    assert_true(ind_chart_output_complete(IND_CHART_PNG, png, sizeof png));
    assert_false(ind_chart_output_complete(IND_CHART_PNG, png, sizeof png - 1));
    assert_false(ind_chart_output_complete(IND_CHART_PNG, png, 3));
    const char *svg = "<svg>\n</svg>\n\n", *cut = "<svg>\n<text>x</te";
    assert_true(ind_chart_output_complete(IND_CHART_SVG, (const unsigned char *)svg, strlen(svg)));
    assert_false(ind_chart_output_complete(IND_CHART_SVG, (const unsigned char *)cut, strlen(cut)));
    const char *pdf = "%PDF-1.5\n...\n%%EOF\r\n", *half = "%PDF-1.5\nstream";
    assert_true(ind_chart_output_complete(IND_CHART_PDF, (const unsigned char *)pdf, strlen(pdf)));
    assert_false(ind_chart_output_complete(IND_CHART_PDF, (const unsigned char *)half, strlen(half)));
    assert_false(ind_chart_output_complete(IND_CHART_PDF, NULL, 0));
}

static void rejects_what_it_cannot_draw(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const ind_series *s[2];
    s[0] = add_years(ds, "a", "", "", 2016, luohe, 8);
    ind_series *h = ind_dataset_series(ds, "b", "");
    assert_int_equal(ind_series_add(h, ind_period_make(IND_FREQ_HALF, 2020, 1), 1, NULL), IND_OK);
    s[1] = h;
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    ind_error err;
    char *out = NULL;
    assert_int_equal(ind_chart_build(s, 2, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    assert_non_null(strstr(err.message, "half-yearly"));
    assert_int_equal(ind_chart_build(s, 0, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    ind_chart_target t = {.goal = 2};
    opt.target = &t;
    opt.kind = IND_CHART_GROWTH;
    assert_int_equal(ind_chart_build(s, 1, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    opt.target = NULL;
    opt.kind = IND_CHART_GROWTH;
    assert_int_equal(ind_chart_build(&s[1], 1, &opt, TEMPLATES, &out, &err), IND_E_UNDEFINED);
    opt.kind = IND_CHART_TREND;
    opt.width = 50;
    assert_int_equal(ind_chart_build(s, 1, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    opt.width = 1600;
    assert_int_equal(ind_chart_build(s, 1, &opt, "/nonexistent", &out, &err), IND_E_NOTFOUND);
    assert_null(out);
    ind_dataset_free(ds);
}

static void finds_templates(void **state)
{
    (void)state;
    char dir[4096];
    ind_error err;
    ind_error_clear(&err);
    /* the override wins, and must be right */
    assert_int_equal(
        ind_chart_find_templates(TEMPLATES, "/x/bin/indicators", NULL, dir, sizeof dir, &err),
        IND_OK);
    assert_string_equal(dir, TEMPLATES);
    assert_int_equal(
        ind_chart_find_templates("/nonexistent", NULL, TEMPLATES, dir, sizeof dir, &err),
        IND_E_NOTFOUND);
    assert_non_null(strstr(err.message, "INDICATORS_SCRIPTS"));
    /* relative to a binary one level below the source root (build/indicators) */
    assert_int_equal(ind_chart_find_templates(NULL, SOURCE_ROOT "/tests/indicators", NULL, dir,
                                              sizeof dir, &err),
                     IND_OK);
    assert_string_equal(dir, SOURCE_ROOT "/tests/../scripts");
    /* and three levels below (build/src/cli/indicators) */
    assert_int_equal(ind_chart_find_templates(NULL, SOURCE_ROOT "/src/lib/forecast/indicators",
                                              NULL, dir, sizeof dir, &err),
                     IND_OK);
    assert_string_equal(dir, SOURCE_ROOT "/src/lib/forecast/../../../scripts");
    /* an installed layout: PREFIX/bin and PREFIX/share/indicators */
    char prefix[] = "/tmp/indicators-chart-test-XXXXXX";
    assert_non_null(mkdtemp(prefix));
    char path[4200];
    snprintf(path, sizeof path, "%s/bin", prefix);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/share", prefix);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/share/indicators", prefix);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/share/indicators/chart-common.gp", prefix);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    char exe[4200];
    snprintf(exe, sizeof exe, "%s/bin/indicators", prefix);
    assert_int_equal(ind_chart_find_templates(NULL, exe, NULL, dir, sizeof dir, &err), IND_OK);
    snprintf(path, sizeof path, "%s/bin/../share/indicators", prefix);
    assert_string_equal(dir, path);
    snprintf(path, sizeof path, "%s/share/indicators/chart-common.gp", prefix);
    unlink(path);
    snprintf(path, sizeof path, "%s/share/indicators", prefix);
    rmdir(path);
    snprintf(path, sizeof path, "%s/share", prefix);
    rmdir(path);
    snprintf(path, sizeof path, "%s/bin", prefix);
    rmdir(path);
    rmdir(prefix);
    /* the compiled-in list, in order: the first one holding the templates */
    assert_int_equal(ind_chart_find_templates(NULL, NULL, "/nowhere::" TEMPLATES ":/tmp", dir,
                                              sizeof dir, &err),
                     IND_OK);
    assert_string_equal(dir, TEMPLATES);
    /* nothing anywhere: the message lists what was tried */
    assert_int_equal(ind_chart_find_templates(NULL, "/nonexistent/bin/indicators",
                                              "/nowhere:/neither", dir, sizeof dir, &err),
                     IND_E_NOTFOUND);
    assert_non_null(strstr(err.message, "/nowhere, /neither"));
    assert_non_null(strstr(err.message, "/nonexistent/bin/../share/indicators"));
}

/* The rows of data block name, from its first data line to EOD (comments skipped), into out. */
static void block_of(const char *script, const char *name, char *out, size_t n)
{
    char head[64];
    snprintf(head, sizeof head, "$%s << EOD\n", name);
    const char *p = strstr(script, head);
    if (!p)
        fail_msg("no data block %s", name);
    p += strlen(head);
    size_t len = 0;
    for (; strncmp(p, "EOD\n", 4) != 0; p = strchr(p, '\n') + 1) {
        size_t line = strcspn(p, "\n") + 1;
        if (*p != '#' && len + line < n) {
            memcpy(out + len, p, line);
            len += line;
        }
    }
    out[len] = '\0';
}

static void gaps_are_bridged_by_dashed_segments(void **state)
{
    (void)state;
    /* the seed's Luohe: 1.14% in 2020, 2.1% in 2023, nothing between; China every year */
    ind_dataset *ds = ind_dataset_new();
    double luohe_seed[] = {1.14, NAN, NAN, 2.1};
    double china[] = {2.40, 2.44, 2.54, 2.65, 2.69};
    double gappy[] = {1.0, NAN, 1.2, 1.3, NAN, NAN, 1.6};
    const ind_series *s[3];
    s[0] = add_years(ds, "rd_intensity", "China", "%", 2020, china, 5);
    s[1] = add_years(ds, "rd_intensity", "Luohe", "%", 2020, luohe_seed, 4);
    s[2] = add_years(ds, "rd_intensity", "X", "%", 2010, gappy, 7);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_COMPARE;
    char *script = build(s, 2, &opt);
    char rows[1024];
    /* the segment joins exactly the two known points, in Luohe's colour (linetype 2) */
    block_of(script, "bridge", rows, sizeof rows);
    assert_string_equal(rows, "2020 1.14 2\n2023 2.1 2\n");
    assert_close(param(script, "has_bridge"), 1, 0);
    /* the series itself keeps its gap: two points, a blank line between */
    assert_non_null(strstr(script, "# series_title[2]\n2020 1.14 \"2020\"\n\n2023 2.1 \"2023\"\n"));
    free(script);
    /* two gaps: two segments, apart by a blank line */
    script = build(&s[2], 1, &opt);
    block_of(script, "bridge", rows, sizeof rows);
    assert_string_equal(rows, "2010 1 1\n2012 1.2 1\n\n2013 1.3 1\n2016 1.6 1\n");
    free(script);
    /* --no-bridge: none (a placeholder row the template does not draw) */
    opt.no_bridge = true;
    script = build(s, 2, &opt);
    assert_close(param(script, "has_bridge"), 0, 0);
    free(script);
    ind_dataset_free(ds);
}

static void growth_target_is_drawn_as_its_path(void **state)
{
    (void)state;
    /* China's R&D spending (datasets/china-rd-spending.csv) and the 14th Five-Year Plan's
       7 %/yr over 2021-2025 from the 2020 level, 24393.1亿元 */
    ind_dataset *ds = ind_dataset_new();
    double v[] = {22143.6, 24393.1, 27956.3, 30782.9, 33357.1, 36326.8};
    const ind_series *s = add_years(ds, "rd_spending", "China", "亿元", 2019, v, 6);
    ind_chart_target t = {.goal = 24393.1 * pow(1.07, 5),
                          .period = ind_period_make(IND_FREQ_YEAR, 2025, 1),
                          .base = ind_period_make(IND_FREQ_YEAR, 2020, 1),
                          .base_value = 24393.1,
                          .rate = 0.07};
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.target = &t;
    char *script = build(&s, 1, &opt);
    assert_close(param(script, "tg_path[1]"), 1, 0);
    /* the path 24393.1 x 1.07^k for 2020..2025, by hand: 24393.1, 26100.617, 27927.66019,
       29882.5964033, 31974.3781515, 34212.5846221 */
    static const double path[] = {24393.1,          26100.617,         27927.66019,
                                  29882.5964033000, 31974.378151531004, 34212.58462213818};
    char rows[1024];
    block_of(script, "tpath", rows, sizeof rows);
    const char *p = rows;
    for (int k = 0; k <= 5; k++) {
        char *end;
        assert_close(strtod(p, &end), 2020 + k, 0);
        assert_close(strtod(end, &end), path[k], 1e-9 * path[k]);
        p = end + 1;
    }
    assert_int_equal(*p, '\0');
    /* the legend: the rate, and the level it gives, whole and with the unit (not 3.42e+04) */
    char line[512];
    assert_string_equal(line_of(script, "tg_title[1] = ", line, sizeof line),
                        "tg_title[1] = 'Target: ≥ 7%/yr from 2020 → 34213亿元 in 2025'");
    assert_string_equal(line_of(script, "latest_text[1] = ", line, sizeof line),
                        "latest_text[1] = '36327亿元'");
    block_of(script, "target", rows, sizeof rows);
    assert_close(strtod(rows + 5, NULL), 34212.58462213818, 1e-9);
    free(script);
    opt.lang = IND_CHART_ZH;
    script = build(&s, 1, &opt);
    assert_string_equal(line_of(script, "tg_title[1] = ", line, sizeof line),
                        "tg_title[1] = '目标：2020年起年均增长≥7%（2025年34213亿元）'");
    assert_string_equal(line_of(script, "chart_title = ", line, sizeof line),
                        "chart_title = 'China：rd_spending'");
    free(script);
    /* --label names the indicator in titles */
    opt.label = "R&D经费支出";
    script = build(&s, 1, &opt);
    assert_string_equal(line_of(script, "chart_title = ", line, sizeof line),
                        "chart_title = 'China：R&D经费支出'");
    free(script);
    ind_dataset_free(ds);
}

/* datasets/rd.csv's China (2020-2024) and Henan (2022-2023) R&D intensity into s[0..2). */
static ind_dataset *china_and_henan(const ind_series **s)
{
    static const double china[] = {2.40, 2.44, 2.54, 2.65, 2.69}, henan2[] = {1.86, 2.05};
    ind_dataset *ds = ind_dataset_new();
    s[0] = add_years(ds, "rd_intensity", "China", "%", 2020, china, 5);
    s[1] = add_years(ds, "rd_intensity", "Henan", "%", 2022, henan2, 2);
    return ds;
}

static void compare_draws_forecasts_and_targets(void **state)
{
    (void)state;
    const ind_series *s[2];
    ind_dataset *ds = china_and_henan(s);
    /* China to 2026 with 80/95 intervals; Henan (two values) to 2026 without */
    double cm[2] = {2.75, 2.81}, clo[4] = {2.70, 2.66, 2.72, 2.65},
           chi[4] = {2.80, 2.85, 2.90, 2.97};
    double hm[3] = {2.24, 2.43, 2.62};
    ind_forecast fc = forecast_of("", 2, cm, clo, chi), fh = forecast_of("", 3, hm, NULL, NULL);
    const ind_forecast *fcs[2] = {&fc, &fh};
    ind_chart_target shared = {.goal = 2.5, .period = ind_period_make(IND_FREQ_YEAR, 2025, 1),
                               .shared = true};
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_COMPARE;
    opt.forecasts = fcs;
    opt.target = &shared;
    char *script = build(s, 2, &opt);
    char line[512];
    /* several series: one band each, at the first level, lighter (the template) */
    assert_close(param(script, "nbands"), 1, 0);
    assert_string_equal(line_of(script, "band_title[1] = ", line, sizeof line),
                        "band_title[1] = '80% interval'");
    assert_close(param(script, "has_fc[1]"), 1, 0);
    assert_close(param(script, "has_fc[2]"), 1, 0);
    /* each forecast starts at its series' last value; Henan's band is its mean (none) */
    assert_non_null(strstr(script, "2024 2.69 2.69 2.69\n2025 2.75 2.7 2.8\n2026 2.81 2.72 2.9\n"));
    assert_non_null(strstr(script, "2023 2.05 2.05 2.05\n2024 2.24 2.24 2.24\n"
                                   "2025 2.43 2.43 2.43\n2026 2.62 2.62 2.62\n"));
    /* the labels mark the forecasts' ends */
    assert_close(latest_y(script, "2.81% (2026 forecast)"), 2.81, 0.2);
    assert_non_null(strstr(script, "latest_text[2] = '2.81% (2026 forecast)'") ||
                    strstr(script, "latest_text[1] = '2.81% (2026 forecast)'"));
    /* one shared target: black (linetype 7), one legend entry */
    assert_close(param(script, "ntargets"), 1, 0);
    assert_close(param(script, "tg_lt[1]"), 7, 0);
    assert_string_equal(line_of(script, "tg_title[1] = ", line, sizeof line),
                        "tg_title[1] = 'Target 2.5% by 2025'");
    free(script);
    /* one target per entity, each in its series' colour and named */
    ind_chart_target two[2] = {
        {.goal = 2.8, .period = ind_period_make(IND_FREQ_YEAR, 2025, 1), .series = 0},
        {.goal = 2.5, .period = ind_period_make(IND_FREQ_YEAR, 2025, 1), .series = 1}};
    opt.target = NULL;
    opt.targets = two;
    opt.ntargets = 2;
    opt.lang = IND_CHART_ZH;
    script = build(s, 2, &opt);
    assert_close(param(script, "tg_lt[1]"), 1, 0);
    assert_close(param(script, "tg_lt[2]"), 2, 0);
    assert_string_equal(line_of(script, "tg_title[2] = ", line, sizeof line),
                        "tg_title[2] = 'Henan：2025年目标2.5%'");
    assert_string_equal(line_of(script, "fc_title = ", line, sizeof line),
                        "fc_title = '预测（自动组合）'");
    assert_non_null(strstr(script, "'2.81%（2026年预测）'"));
    free(script);
    /* a forecast on a growth chart, a target of a series not charted: refused */
    ind_error err;
    char *out = NULL;
    two[1].series = 2;
    assert_int_equal(ind_chart_build(s, 2, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    opt.ntargets = 0;
    opt.targets = NULL;
    opt.kind = IND_CHART_GROWTH;
    assert_int_equal(ind_chart_build(s, 2, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    ind_dataset_free(ds);
}

static void growth_in_percentage_points(void **state)
{
    (void)state;
    const ind_series *s[2];
    ind_dataset *ds = china_and_henan(s);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_GROWTH;
    opt.pp = true;
    opt.lang = IND_CHART_ZH;
    char *script = build(s, 2, &opt);
    char rows[2048], line[512];
    block_of(script, "growth", rows, sizeof rows);
    /* China 2021 2.44 - 2.40 = 0.04 pp, alone in its period: centred on 2021 */
    char *end;
    const char *p = strstr(rows, "2021 ");
    assert_non_null(p);
    assert_close(strtod(p + 5, &end), 0.04, 1e-12);
    assert_non_null(strstr(p, "\"0.04\""));
    /* 2023: China 2.65 - 2.54 = 0.11 and Henan 2.05 - 1.86 = 0.19, side by side, bars
       0.8 / 2 = 0.4 wide around 2023 */
    p = strstr(rows, "2022.8 ");
    assert_non_null(p);
    assert_close(strtod(p + 7, NULL), 0.11, 1e-12);
    p = strstr(rows, "2023.2 ");
    assert_non_null(p);
    assert_close(strtod(p + 7, NULL), 0.19, 1e-12);
    assert_close(param(script, "bar_width"), 0.4, 1e-12);
    /* the reference line: the average change a year, China (2.69 - 2.40) / 4 = 0.0725 pp */
    assert_close(param(script, "cagr[1]"), 0.0725, 1e-12);
    assert_string_equal(line_of(script, "value_label = ", line, sizeof line),
                        "value_label = '同比变化（百分点）'");
    /* (the legend entry is set again after the default, which names only the entity) */
    assert_non_null(strstr(script, "\nseries_title[1] = 'China（年均变化 2020年–2024年：0.07个百分点）'\n"));
    free(script);
    /* a series not in %: refused */
    const double v[] = {24393.1, 27956.3};
    const ind_series *money = add_years(ds, "rd_spending", "China", "亿元", 2020, v, 2);
    ind_error err;
    char *out = NULL;
    assert_int_equal(ind_chart_build(&money, 1, &opt, TEMPLATES, &out, &err), IND_E_ARG);
    assert_non_null(strstr(err.message, "percentage-point"));
    ind_dataset_free(ds);
}

static void bar_labels_stay_off_the_reference_lines(void **state)
{
    (void)state;
    /* Henan's one change, 2.05 / 1.86 - 1 = 10.215%, is also its CAGR: its label would sit
       on its own dashed line */
    const ind_series *s[2];
    ind_dataset *ds = china_and_henan(s);
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.kind = IND_CHART_GROWTH;
    char *script = build(s, 2, &opt);
    char rows[2048];
    block_of(script, "growth", rows, sizeof rows);
    double cagr_c = param(script, "cagr[1]"), cagr_h = param(script, "cagr[2]");
    assert_close(cagr_h, 100 * (2.05 / 1.86 - 1), 1e-9);
    /* every label's centre is at least 0.75 of a label's height away from both lines; a
       label line is 1.5 x 16 pt of the plot's 0.68 x 900 px (one legend row) showing the
       span padded by 20% */
    /* the span the labels were placed in: 0 to the highest bar or line, Henan's 10.2% */
    double ymax0 = cagr_h;
    for (const char *p = rows; *p; p = strchr(p, '\n') + 1) {
        if (*p == '\n')
            continue;
        char *end;
        strtod(p, &end);
        double v = strtod(end, &end), ly = strtod(end, &end);
        assert_true(ly > v); /* above its (positive) bar */
    }
    for (const char *p = rows; *p; p = strchr(p, '\n') + 1) {
        if (*p == '\n')
            continue;
        char *end;
        strtod(p, &end);
        strtod(end, &end);
        double ly = strtod(end, &end);
        double h = 1.5 * 16 * 1.2 * (ymax0 - 0) / (0.68 * 900);
        assert_true(fabs(ly - cagr_h) >= 0.75 * h - 1e-9);
        assert_true(fabs(ly - cagr_c) >= 0.75 * h - 1e-9);
    }
    free(script);
    ind_dataset_free(ds);
}

static void source_line_and_chinese_periods(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *h = ind_dataset_series(ds, "talent_recruited", "Luohe");
    for (int i = 0; i < 4; i++)
        assert_int_equal(ind_series_add(h, ind_period_make(IND_FREQ_HALF, 2023 + i / 2, 1 + i % 2),
                                        4000 + 100 * i, NULL),
                         IND_OK);
    assert_int_equal(ind_series_set_text(&h->unit, "人"), IND_OK);
    const ind_series *one = h;
    ind_chart_options opt;
    ind_chart_options_init(&opt);
    opt.output = "x.png";
    opt.lang = IND_CHART_ZH;
    opt.source = "数据来源：漯河市科技局 'x' \n !touch y";
    char *script = build(&one, 1, &opt);
    char line[1024];
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('2023年上半年' 4046, '2023年下半年' 4047, "
                        "'2024年上半年' 4048, '2024年下半年' 4049)");
    /* the source is one inert string */
    assert_string_equal(line_of(script, "source_text = ", line, sizeof line),
                        "source_text = '数据来源：漯河市科技局 '.\"'\".'x'.\"'\".'   !touch y'");
    assert_string_equal(line_of(script, "latest_text[1] = ", line, sizeof line),
                        "latest_text[1] = '4300人'");
    free(script);
    ind_dataset_free(ds);
}

static void targets_and_horizons_for_a_chart(void **state)
{
    (void)state;
    /* a growth target as `indicators target` assesses it: 7 %/yr over 2021-2025 from the
       2020 level 24393.1 gives 24393.1 x 1.07^5 = 34212.58462213818 in 2025 */
    ind_dataset *ds = ind_dataset_new();
    double v[] = {22143.6, 24393.1, 27956.3, 30782.9, 33357.1, 36326.8};
    const ind_series *s = add_years(ds, "rd_spending", "China", "亿元", 2019, v, 6);
    ind_target t;
    ind_error err;
    ind_error_clear(&err);
    assert_int_equal(ind_target_parse("rd_spending[China] >= 7%/yr 2021-2025", &t, &err), IND_OK);
    ind_target_options to;
    ind_target_options_init(&to);
    to.forecast = false;
    ind_assessment as;
    assert_int_equal(ind_target_assess(s, &t, &to, &as, &err), IND_OK);
    ind_chart_target ct;
    assert_int_equal(ind_chart_target_from(&t, &as, 0, &ct, &err), IND_OK);
    assert_close(ct.goal, 34212.58462213818, 1e-9);
    assert_int_equal(ct.base.ord, 2020);
    assert_close(ct.base_value, 24393.1, 0);
    assert_close(ct.rate, 0.07, 1e-15);
    assert_int_equal(ct.period.ord, 2025);
    assert_false(ct.at_most);
    assert_null(ct.label);
    /* a level target: no base, a flat line */
    assert_int_equal(ind_target_parse("rd_spending <= 40,000 by 2026", &t, &err), IND_OK);
    assert_int_equal(ind_target_assess(s, &t, &to, &as, &err), IND_OK);
    assert_int_equal(ind_chart_target_from(&t, &as, 3, &ct, &err), IND_OK);
    assert_close(ct.goal, 40000, 0);
    assert_int_equal(ct.base.freq, IND_FREQ_UNKNOWN);
    assert_true(ct.at_most);
    assert_int_equal(ct.series, 3);
    /* forecasts of China (to 2024), Henan and Luohe (to 2023) end in one year */
    const ind_series *two[2];
    ind_dataset *rd = china_and_henan(two);
    size_t h[2];
    ind_chart_horizons(two, 2, 5, h);
    assert_int_equal(h[0], 5); /* 2025..2029 */
    assert_int_equal(h[1], 6); /* 2024..2029 */
    ind_chart_horizons(two, 2, IND_FORECAST_MAX_HORIZON, h);
    assert_int_equal(h[1], IND_FORECAST_MAX_HORIZON);
    ind_dataset_free(rd);
    ind_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quotes_labels_as_inert_strings),
        cmocka_unit_test(parses_names),
        cmocka_unit_test(trend_escapes_titles_and_ticks_whole_years),
        cmocka_unit_test(chinese_title_and_many_years),
        cmocka_unit_test(gaps_break_the_line),
        cmocka_unit_test(sub_annual_ticks_are_periods),
        cmocka_unit_test(forecast_fan_and_target),
        cmocka_unit_test(growth_bars_and_cagr),
        cmocka_unit_test(index_rebases_to_common_period),
        cmocka_unit_test(compare_spreads_close_labels),
        cmocka_unit_test(rejects_what_it_cannot_draw),
        cmocka_unit_test(index_base_is_checked_first),
        cmocka_unit_test(recognises_complete_charts),
        cmocka_unit_test(flat_and_huge_values_get_a_range),
        cmocka_unit_test(finds_templates),
        cmocka_unit_test(gaps_are_bridged_by_dashed_segments),
        cmocka_unit_test(growth_target_is_drawn_as_its_path),
        cmocka_unit_test(compare_draws_forecasts_and_targets),
        cmocka_unit_test(growth_in_percentage_points),
        cmocka_unit_test(bar_labels_stay_off_the_reference_lines),
        cmocka_unit_test(source_line_and_chinese_periods),
        cmocka_unit_test(targets_and_horizons_for_a_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
