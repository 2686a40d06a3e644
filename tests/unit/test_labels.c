/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the table words in English and Chinese (src/lib/labels.c). */
#include "test.h"

#include "indicators/labels.h"

static void column_labels(void **state)
{
    (void)state;
    assert_string_equal(ind_label("cagr_pct", IND_LANG_ZH), "年均增长(%)");
    assert_string_equal(ind_label("yoy_pct", IND_LANG_ZH), "同比(%)");
    assert_string_equal(ind_label("pp", IND_LANG_ZH), "百分点");
    assert_string_equal(ind_label("multiple", IND_LANG_ZH), "倍数");
    assert_string_equal(ind_label("cagr_pct", IND_LANG_EN), "cagr_pct");
    /* a command's own meaning first, else the common one; English: the bare id */
    assert_string_equal(ind_label("inspect.first", IND_LANG_ZH), "首期");
    assert_string_equal(ind_label("growth.first", IND_LANG_ZH), "起始值");
    assert_string_equal(ind_label("inspect.first", IND_LANG_EN), "first");
    assert_string_equal(ind_label("lo80", IND_LANG_ZH), "lo80"); /* no label: the id */
    assert_string_equal(ind_label("2.5", IND_LANG_ZH), "2.5");   /* a number is no qualifier */
    assert_string_equal(ind_label("Notes:", IND_LANG_ZH), "注：");
}

static void reasons_keep_their_periods_and_names(void **state)
{
    (void)state;
    char buf[256];
    assert_string_equal(ind_label_text("no value a year earlier (2022)", IND_LANG_ZH, buf,
                                       sizeof buf),
                        "无上年同期数据(2022)");
    assert_string_equal(ind_label_text("no value a year earlier", IND_LANG_ZH, buf, sizeof buf),
                        "无上年同期数据");
    assert_string_equal(ind_label_text("rd_intensity [Luohe]: to period 2030 has no value",
                                       IND_LANG_ZH, buf, sizeof buf),
                        "rd_intensity [Luohe]：截止期 2030 无数据");
    assert_string_equal(ind_label_text("from period 2023Q1 is quarterly but the series is annual",
                                       IND_LANG_ZH, buf, sizeof buf),
                        "起始期 2023Q1 为季度时期，但数据为年度");
    assert_string_equal(ind_label_text("CAGR needs positive values", IND_LANG_EN, buf, sizeof buf),
                        "CAGR needs positive values");
    assert_string_equal(ind_label_text("something new", IND_LANG_ZH, buf, sizeof buf),
                        "something new");
    char small[8];
    ind_label_text("no value a year earlier (2022)", IND_LANG_ZH, small, sizeof small);
    assert_true(strlen(small) < sizeof small); /* cut, terminated */
}

/* The target table's notes: verdict and reason, five figures kept in their order. */
static void target_reasons(void **state)
{
    (void)state;
    char buf[512];
    assert_string_equal(ind_label_text("at risk: growth ratio R = 0.92 (0.60 to 0.95): +2.9%/yr "
                                       "since 2020 against +3.1%/yr required",
                                       IND_LANG_ZH, buf, sizeof buf),
                        "存在风险：增速比 R = 0.92（0.60 至 0.95）：实际年均 +2.9%（2020 年以来），"
                        "要求年均 +3.1%");
    assert_string_equal(ind_label_text("cannot assess: target year 2020 is past: missed (2.4, goal "
                                       "2.5); met later, in 2022",
                                       IND_LANG_ZH, buf, sizeof buf),
                        "无法评估：目标年 2020 已过：未实现（2.4，目标 2.5）；其后于 2022 实现");
    assert_string_equal(ind_label_text("the goal means 34213 in 2025 (24393 in 2020 grown at 7%/yr)",
                                       IND_LANG_ZH, buf, sizeof buf),
                        "目标相当于 34213（2025 年；由 24393（2020）按年均 7% 增长）");
    assert_string_equal(ind_label("target.actual/yr", IND_LANG_ZH), "实际年均");
    assert_string_equal(ind_label("at risk", IND_LANG_ZH), "存在风险");
}

/* The report's, the charts' and the methods' words are in the same table: a qualified id
   with its own English takes the common word's Chinese (the report's "Indicator" is the
   tables' 指标). */
static void report_and_chart_words(void **state)
{
    (void)state;
    assert_string_equal(ind_label("report.series", IND_LANG_EN), "Indicator");
    assert_string_equal(ind_label("report.series", IND_LANG_ZH), ind_label("series", IND_LANG_ZH));
    assert_string_equal(ind_label("report.verdict", IND_LANG_ZH), "结论");
    assert_string_equal(ind_label("report.actual/yr", IND_LANG_EN), "Actual/yr");
    assert_string_equal(ind_label("report.headline", IND_LANG_EN), "Headline figures");
    assert_string_equal(ind_label("report.headline", IND_LANG_ZH), "主要指标一览");
    assert_string_equal(ind_label("chart.forecast", IND_LANG_EN), "Forecast");
    assert_string_equal(ind_label("chart.forecast", IND_LANG_ZH), "预测");
    assert_string_equal(ind_label("chart.by", IND_LANG_ZH), ""); /* 2025年目标 2.5: no "by" */
    assert_string_equal(ind_label("drift", IND_LANG_ZH), "漂移法");
    assert_string_equal(ind_label("drift", IND_LANG_EN), "drift");
}

static void languages(void **state)
{
    (void)state;
    ind_lang l = IND_LANG_EN;
    assert_int_equal(ind_lang_parse("zh", &l), 0);
    assert_int_equal(l, IND_LANG_ZH);
    assert_int_equal(ind_lang_parse("fr", &l), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(column_labels),
        cmocka_unit_test(reasons_keep_their_periods_and_names),
        cmocka_unit_test(target_reasons),
        cmocka_unit_test(report_and_chart_words),
        cmocka_unit_test(languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
