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
    /* the latest value is labelled with its unit */
    assert_non_null(strstr(script, "2023 2.1 \"2.1%\" 1\n"));
    assert_close(param(script, "has_forecast"), 0, 0);
    assert_close(param(script, "has_target"), 0, 0);
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
    /* 40 years: a tick every 5 years, on years divisible by 5 */
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('1985' 1985, '1990' 1990, '1995' 1995, '2000' 2000, "
                        "'2005' 2005, '2010' 2010, '2015' 2015, '2020' 2020)");
    assert_string_equal(line_of(script, "term_type = ", line, sizeof line), "term_type = 'svg'");
    free(script);
    /* a slide-sized 800 x 450 chart of 8 years: 10 pt labels, still every year */
    const ind_series *eight = add_years(ds, "x", "", "", 2016, luohe, 8);
    opt.width = 800;
    opt.height = 450;
    script = build(&eight, 1, &opt);
    assert_close(param(script, "font_size"), 10, 0);
    assert_string_equal(line_of(script, "set xtics (", line, sizeof line),
                        "set xtics ('2016' 2016, '2017' 2017, '2018' 2018, '2019' 2019, "
                        "'2020' 2020, '2021' 2021, '2022' 2022, '2023' 2023)");
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

static void forecast_fan_and_target(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const ind_series *s = add_years(ds, "R&D intensity", "Luohe", "%", 2016, luohe, 8);
    double mean[2] = {2.4, 2.7}, lo[4] = {2.2, 2.1, 2.3, 2.0}, hi[4] = {2.6, 2.7, 3.1, 3.4};
    ind_forecast f;
    memset(&f, 0, sizeof f);
    snprintf(f.model, sizeof f.model, "ETS(A,A,N)");
    f.h = 2;
    f.nlevels = 2;
    f.levels[0] = 80;
    f.levels[1] = 95;
    f.mean = mean;
    f.has_intervals = true;
    f.lo = lo;
    f.hi = hi;
    ind_chart_target t = {2.5, ind_period_make(IND_FREQ_YEAR, 2025, 1), NULL};
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
    assert_non_null(strstr(script, "$forecast << EOD\n# x mean then lo hi per level (2); the "
                                   "first row is the last observation\n"
                                   "2023 2.1 2.1 2.1 2.1 2.1\n2024 2.4 2.1 2.7 2.2 2.6\n"
                                   "2025 2.7 2 3.4 2.3 3.1\nEOD\n"));
    assert_string_equal(line_of(script, "fc_title = ", line, sizeof line),
                        "fc_title = 'Forecast (ETS(A,A,N))'");
    assert_string_equal(line_of(script, "target_title = ", line, sizeof line),
                        "target_title = 'Target 2.5% by 2025'");
    assert_non_null(strstr(script, "$target << EOD\n2025 2.5\nEOD\n"));
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
    assert_string_equal(line_of(script, "target_title = ", line, sizeof line),
                        "target_title = '2025目标2.5%'");
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
    assert_non_null(strstr(p, "\"31.6\" # \"2021\"\nEOD\n"));
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
    assert_close(param(script, "nslots"), 2, 0);
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
    const char *a = strstr(script, "\"2.65%\"");
    const char *b = strstr(script, "\"2.64%\"");
    assert_non_null(a);
    assert_non_null(b);
    while (a[-1] != '\n')
        a--;
    while (b[-1] != '\n')
        b--;
    double ya = strtod(strchr(a, ' ') + 1, NULL), yb = strtod(strchr(b, ' ') + 1, NULL);
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
    ind_chart_target t = {2, {IND_FREQ_UNKNOWN, 0}, NULL};
    opt.target = &t;
    opt.kind = IND_CHART_COMPARE;
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
