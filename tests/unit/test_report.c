/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the report (src/lib/report*.c): sections and targets found,
 * the growth sentence (Luohe: the worked example of docs/METHODS.md),
 * deterministic output, hostile names escaped in HTML and Markdown, a chart
 * that is not SVG refused.
 */
#include "test.h"

#include "indicators/report.h"

static const char rd_csv[] = "series,entity,year,value,unit\n"
                             "rd_intensity,Luohe,2020,1.14,%\n"
                             "rd_intensity,Luohe,2023,2.1,%\n"
                             "rd_spending,China,2020,24393.1,亿元\n"
                             "rd_spending,China,2021,27956.3,亿元\n"
                             "rd_spending,China,2022,30782.9,亿元\n"
                             "rd_spending,China,2023,33357.1,亿元\n"
                             "rd_spending,China,2024,36326.8,亿元\n"
                             "empty,China,2024,,\n";

typedef struct fixture {
    ind_dataset *ds;
    ind_load_info info;
    ind_report_input in;
    ind_report *r;
} fixture;

static void make(fixture *f, const char *csv, const ind_target *t, size_t nt, ind_lang lang)
{
    ind_error err;
    ind_error_clear(&err);
    assert_int_equal(ind_load_buffer(csv, strlen(csv), "rd.csv", NULL, &f->ds, &f->info, &err),
                     IND_OK);
    f->in = (ind_report_input){"rd.csv", f->ds, &f->info};
    ind_report_options opt;
    ind_report_options_init(&opt);
    opt.lang = lang;
    ind_status st = ind_report_new(&f->in, 1, t, nt, &opt, &f->r, &err);
    if (st != IND_OK)
        fail_msg("ind_report_new: %s", err.message);
}

static void unmake(fixture *f)
{
    ind_report_free(f->r);
    ind_dataset_free(f->ds);
}

static char *written(const ind_report *r, ind_report_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ind_error err;
    ind_error_clear(&err);
    ind_status st = ind_report_write(r, fmt, out, &err);
    fclose(out);
    if (st != IND_OK)
        fail_msg("ind_report_write: %s", err.message);
    return buf;
}

static void sections_and_sentences(void **state)
{
    (void)state;
    fixture f;
    ind_target t;
    ind_error err;
    assert_int_equal(ind_target_parse("rd_intensity[Luohe] >= 2.5 by 2025", &t, &err), IND_OK);
    make(&f, rd_csv, &t, 1, IND_LANG_EN);
    assert_int_equal(ind_report_count(f.r), 2); /* the empty series is listed, not a section */
    assert_string_equal(ind_report_series(f.r, 0)->entity, "Luohe");
    char *html = written(f.r, IND_REPORT_HTML);
    /* (2.1 / 1.14)^(1/3) - 1 = 22.585 %; 2.1 - 1.14 = 0.96 pp */
    assert_non_null(strstr(html, "Grew from 1.14 % in 2020 to 2.1 % in 2023: 22.6 % a year, "
                                 "+0.96 percentage points."));
    /* 36326.8 / 24393.1 = 1.489..; (1.489)^(1/4) - 1 = 10.47 %; 36326.8 / 33357.1 - 1 = 8.90 % */
    assert_non_null(strstr(html, "Grew from 24393 亿元 in 2020 to 36327 亿元 in 2024: 10.5 % a "
                                 "year, 1.49 times the 2020 value. Year on year: +8.9 % in 2024."));
    assert_non_null(strstr(html, "data-key=\"cagr_pct\" data-value=\"22.585230441425363\""));
    assert_non_null(strstr(html, "on track: growth ratio R = 1.33"));
    assert_non_null(strstr(html, "Series without observations: 1"));
    free(html);
    unmake(&f);
}

static void chinese_sentences(void **state)
{
    (void)state;
    fixture f;
    make(&f, rd_csv, NULL, 0, IND_LANG_ZH);
    char *html = written(f.r, IND_REPORT_HTML);
    assert_non_null(strstr(html, "从2020年的1.14%增长到2023年的2.1%：年均增长22.6%，提高0.96个百分点。"));
    assert_non_null(strstr(html, "从2020年的24393亿元增长到2024年的36327亿元：年均增长10.5%，"
                                 "为2020年的1.49倍。2024年同比增长8.9%。"));
    assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(html, "<th>同比(%)</th>"));
    assert_non_null(strstr(html, "无上年同期数据(2022)")); /* labels.h's reasons */
    free(html);
    unmake(&f);
}

static void output_is_deterministic(void **state)
{
    (void)state;
    fixture a, b;
    make(&a, rd_csv, NULL, 0, IND_LANG_EN);
    make(&b, rd_csv, NULL, 0, IND_LANG_EN);
    char *x = written(a.r, IND_REPORT_HTML), *y = written(b.r, IND_REPORT_HTML);
    assert_string_equal(x, y);
    free(x);
    free(y);
    x = written(a.r, IND_REPORT_MD);
    y = written(b.r, IND_REPORT_MD);
    assert_string_equal(x, y);
    free(x);
    free(y);
    unmake(&a);
    unmake(&b);
}

static void hostile_names_are_text(void **state)
{
    (void)state;
    static const char csv[] =
        "series,entity,year,value,unit\n"
        "\"<script>alert(1)</script>\",\"\"\"onload=alert(2) x=\",2020,1,\"</svg><img src=x "
        "onerror=alert(3)>\"\n"
        "\"<script>alert(1)</script>\",\"\"\"onload=alert(2) x=\",2021,2,\"</svg><img src=x "
        "onerror=alert(3)>\"\n";
    fixture f;
    make(&f, csv, NULL, 0, IND_LANG_EN);
    char *html = written(f.r, IND_REPORT_HTML);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "\"onload"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    free(html);
    char *md = written(f.r, IND_REPORT_MD);
    for (const char *lt = strchr(md, '<'); lt; lt = strchr(lt + 1, '<'))
        if (lt == md || lt[-1] != '\\')
            fail_msg("a raw '<' in the Markdown: %.40s", lt);
    assert_non_null(strstr(md, "\\<script\\>alert(1)\\</script\\>"));
    free(md);
    unmake(&f);
}

static void chart_must_be_svg(void **state)
{
    (void)state;
    fixture f;
    make(&f, rd_csv, NULL, 0, IND_LANG_EN);
    ind_error err;
    ind_error_clear(&err);
    assert_int_equal(ind_report_set_chart(f.r, 0, IND_REPORT_HTML, "<svg><g></svg>", 14, &err),
                     IND_E_FORMAT);
    const char svg[] = "<svg viewBox='0 0 1 1'><script>x</script><rect id='a' width='1'/></svg>";
    assert_int_equal(ind_report_set_chart(f.r, 0, IND_REPORT_HTML, svg, strlen(svg), &err), IND_OK);
    char *html = written(f.r, IND_REPORT_HTML);
    assert_non_null(strstr(html, "<svg viewBox=\"0 0 1 1\"><rect id=\"s-1-a\" width=\"1\"/></svg>"));
    assert_null(strstr(html, "<script"));
    free(html);
    unmake(&f);
}

static void missing_target_series_is_an_error(void **state)
{
    (void)state;
    ind_dataset *ds;
    ind_error err;
    ind_error_clear(&err);
    assert_int_equal(ind_load_buffer(rd_csv, strlen(rd_csv), "rd.csv", NULL, &ds, NULL, &err),
                     IND_OK);
    ind_report_input in = {"rd.csv", ds, NULL};
    ind_target t;
    assert_int_equal(ind_target_parse("gdp[Luohe] >= 2.5 by 2025", &t, &err), IND_OK);
    ind_report *r;
    assert_int_equal(ind_report_new(&in, 1, &t, 1, NULL, &r, &err), IND_E_NOTFOUND);
    assert_string_equal(err.message, "target 'gdp[Luohe] >= 2.5 by 2025': no series 'gdp' with "
                                     "entity 'Luohe' in the data");
    ind_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sections_and_sentences),
        cmocka_unit_test(chinese_sentences),
        cmocka_unit_test(output_is_deterministic),
        cmocka_unit_test(hostile_names_are_text),
        cmocka_unit_test(chart_must_be_svg),
        cmocka_unit_test(missing_target_series_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
