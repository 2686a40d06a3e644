/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_words.c - the report's words, from the one table of words in both
 * languages (labels.c), and the sentences that put a series' figures in words
 * ("grew from 1.14 % in 2020 to 2.1 % in 2023: 22.6 % a year, +0.96
 * percentage points"; "从2020年的1.14%增长到2023年的2.1%：年均增长22.6%，提高
 * 0.96个百分点"). Numbers come formatted by the target module's rules, so the
 * report shows them as the target table does.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report_int.h"

static bool zh(const ind_report *r)
{
    return r->opt.lang == IND_LANG_ZH;
}

/* The report's words in the one table of words (labels.c): "report.*" ids, whose Chinese
   for a table column is the column's own ("report.series": Indicator, 指标). */
static const char *const word_ids[W_NCOUNT] = {
    [W_TITLE] = "report.title",
    [W_CONTENTS] = "report.contents",
    [W_HEADLINE] = "report.headline",
    [W_METHODS] = "report.methods",
    [W_INDICATOR] = "report.series",
    [W_ENTITY] = "report.entity",
    [W_LATEST] = "report.latest",
    [W_PERIOD] = "report.period",
    [W_YOY] = "report.yoy_pct",
    [W_CAGR] = "report.cagr_pct",
    [W_TARGET] = "report.target",
    [W_PMEET] = "P(meet)",
    [W_VERDICT] = "report.verdict",
    [W_GROWTH] = "report.growth",
    [W_FORECAST] = "report.forecast",
    [W_TARGETS] = "report.targets",
    [W_BACKTEST] = "report.backtest",
    [W_FIRST] = "report.first",
    [W_CHANGE] = "report.change",
    [W_PP] = "report.pp",
    [W_MULTIPLE] = "report.multiple",
    [W_DOUBLING] = "report.doubling_years",
    [W_YEARS] = "report.years",
    [W_GOAL] = "report.goal",
    [W_ACTUAL_YR] = "report.actual/yr",
    [W_NEED_YR] = "report.need/yr",
    [W_RATIO] = "report.growth_ratio",
    [W_DESTATIS] = "Destatis",
    [W_ESCAP] = "ESCAP",
    [W_NOTES] = "report.notes",
    [W_METHOD] = "report.method",
    [W_FILES] = "report.files",
    [W_FILE] = "report.file",
    [W_SHAPE] = "report.shape",
    [W_ENCODING] = "report.encoding",
    [W_ROWS] = "report.rows",
    [W_VALUES] = "report.values",
    [W_MISSING] = "report.missing",
    [W_SKIPPED] = "report.skipped",
    [W_SERIES] = "report.series_count",
    [W_FORMULAS] = "report.formulas",
    [W_NO_OBS] = "report.no_observations",
    [W_MADE_BY] = "report.made_by",
    [W_WINDOW] = "report.window",
    [W_UNIT] = "report.unit",
    [W_NO_FORECAST] = "report.no_forecast",
    [W_NO_TARGET] = "report.no_target",
    [W_EMPTY_SERIES] = "report.empty_series",
    [W_LEVELS] = "report.levels",
    [W_HORIZON] = "report.horizon",
    [W_BACKTEST_RULE] = "report.backtest_rule",
    [W_DATE] = "report.date",
    [W_CHART_OF] = "report.chart",
    [W_FORMULA_YOY] = "report.formula_yoy",
    [W_FORMULA_CAGR] = "report.formula_cagr",
    [W_FORMULA_EUROSTAT] = "report.formula_eurostat",
    [W_FORMULA_DESTATIS] = "report.formula_destatis",
    [W_FORMULA_ESCAP] = "report.formula_escap",
    [W_FORMULA_PMEET] = "report.formula_pmeet",
};

const char *report_word(const ind_report *r, rword w)
{
    return ind_label(word_ids[w], r->opt.lang);
}

const char *report_text(const ind_report *r, const char *text)
{
    return strcmp(text, "n/a") == 0 ? ind_label(text, r->opt.lang) : text;
}

const char *report_reason(const ind_report *r, const char *why, char *buf, size_t n)
{
    return zh(r) ? ind_label_text(why, IND_LANG_ZH, buf, n) : why;
}

const char *report_verdict(const ind_report *r, ind_verdict v)
{
    return ind_label(ind_verdict_name(v), r->opt.lang);
}

const char *report_verdict_class(ind_verdict v)
{
    static const char *const classes[] = {
        [IND_VERDICT_CANNOT_ASSESS] = "verdict v-cannot-assess",
        [IND_VERDICT_ACHIEVED] = "verdict v-achieved",
        [IND_VERDICT_ON_TRACK] = "verdict v-on-track",
        [IND_VERDICT_AT_RISK] = "verdict v-at-risk",
        [IND_VERDICT_OFF_TRACK] = "verdict v-off-track",
    };
    return classes[v];
}

/* A mark beside the verdict, so that black and white prints tell them apart. */
const char *report_verdict_mark(ind_verdict v)
{
    static const char *const marks[] = {
        [IND_VERDICT_CANNOT_ASSESS] = "?", [IND_VERDICT_ACHIEVED] = "✔",
        [IND_VERDICT_ON_TRACK] = "↗",      [IND_VERDICT_AT_RISK] = "⚠",
        [IND_VERDICT_OFF_TRACK] = "✘",
    };
    return marks[v];
}

const char *report_period(const ind_report *r, ind_period p, char *buf, size_t n)
{
    char text[IND_PERIOD_TEXT_MAX];
    ind_period_format(p, text, sizeof text);
    snprintf(buf, n, "%s%s", text, zh(r) && p.freq == IND_FREQ_YEAR ? "年" : "");
    return buf;
}

const char *report_value(const ind_report *r, const ind_series *s, double v, char *buf, size_t n)
{
    char num[32];
    ind_target_value_text(v, 0, num, sizeof num);
    const char *unit = s->unit;
    /* Chinese writes units on the number (2.1%, 36327亿元); English spaces them (2.1 %) */
    snprintf(buf, n, "%s%s%s", num, unit[0] && !zh(r) ? " " : "", unit);
    return buf;
}

const char *report_rate(const ind_report *r, const ind_figure *f, char *buf, size_t n)
{
    if (!f->defined)
        return report_text(r, "n/a");
    double pct = 100 * f->value;
    snprintf(buf, n, "%+.1f%s%%", fabs(pct) < 0.05 ? 0.0 : pct, zh(r) ? "" : " ");
    if (strncmp(buf, "+0.0", 4) == 0)
        memmove(buf, buf + 1, strlen(buf));
    return buf;
}

const char *report_series_title(const ind_series *s, char *buf, size_t n)
{
    const char *name = s->label[0] ? s->label : s->name;
    if (s->entity[0])
        snprintf(buf, n, "%s (%s)", name, s->entity);
    else
        snprintf(buf, n, "%s", name);
    return buf;
}

/* Appends to buf[0..n) at *len. */
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    if (*len >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (w > 0)
        *len = *len + (size_t)w < n ? *len + (size_t)w : n - 1;
}

/* "+22.6 %" without the sign: the sentence says grew or fell. */
static const char *magnitude(const ind_report *r, double rate, char *buf, size_t n)
{
    snprintf(buf, n, "%.1f%s%%", fabs(100 * rate), zh(r) ? "" : " ");
    return buf;
}

/* What both languages' sentences tell: the first and latest values and their periods. */
typedef struct ends {
    char a[64], b[64], pa[32], pb[32];
    bool down;
} ends;

static ends ends_of(const ind_report *r, const rsection *sec)
{
    const ind_growth_summary *g = &sec->g;
    ends e;
    report_value(r, sec->s, g->first.value, e.a, sizeof e.a);
    report_value(r, sec->s, g->latest.value, e.b, sizeof e.b);
    report_period(r, g->start, e.pa, sizeof e.pa);
    report_period(r, g->end, e.pb, sizeof e.pb);
    e.down = g->latest.value < g->first.value;
    return e;
}

static void sentence_en(const ind_report *r, const rsection *sec, char *buf, size_t n,
                        size_t *len)
{
    const ind_growth_summary *g = &sec->g;
    ends e = ends_of(r, sec);
    char rate[32];
    add(buf, n, len, "%s from %s in %s to %s in %s", e.down ? "Fell" : "Grew", e.a, e.pa, e.b,
        e.pb);
    if (g->cagr.defined)
        add(buf, n, len, ": %s a year", magnitude(r, g->cagr.value, rate, sizeof rate));
    else
        add(buf, n, len, " (no CAGR: %s)", g->cagr.why);
    if (g->pp.defined)
        add(buf, n, len, ", %+.2f percentage points", g->pp.value);
    else if (g->multiple.defined)
        add(buf, n, len, ", %.2f times the %s value", g->multiple.value, e.pa);
    add(buf, n, len, ".");
    if (g->yoy.defined)
        add(buf, n, len, " Year on year: %s in %s.", report_rate(r, &g->yoy, rate, sizeof rate),
            e.pb);
}

static void sentence_zh(const ind_report *r, const rsection *sec, char *buf, size_t n,
                        size_t *len)
{
    const ind_growth_summary *g = &sec->g;
    ends e = ends_of(r, sec);
    char rate[32];
    add(buf, n, len, "从%s的%s%s到%s的%s", e.pa, e.a, e.down ? "下降" : "增长", e.pb, e.b);
    if (g->cagr.defined)
        add(buf, n, len, "：年均%s%s", g->cagr.value < 0 ? "下降" : "增长",
            magnitude(r, g->cagr.value, rate, sizeof rate));
    else
        add(buf, n, len, "（无年均增长率：%s）", g->cagr.why);
    if (g->pp.defined)
        add(buf, n, len, "，%s%.2f个百分点", g->pp.value < 0 ? "降低" : "提高", fabs(g->pp.value));
    else if (g->multiple.defined)
        add(buf, n, len, "，为%s的%.2f倍", e.pa, g->multiple.value);
    add(buf, n, len, "。");
    if (g->yoy.defined)
        add(buf, n, len, "%s同比%s%s。", e.pb, g->yoy.value < 0 ? "下降" : "增长",
            magnitude(r, g->yoy.value, rate, sizeof rate));
}

void report_growth_sentence(const ind_report *r, const rsection *sec, char *buf, size_t n)
{
    size_t len = 0;
    const ind_growth_summary *g = &sec->g;
    buf[0] = '\0';
    if (sec->s->n == 0) {
        add(buf, n, &len, "%s", report_word(r, W_NO_OBS));
        return;
    }
    if (!g->has_window || !g->first.defined || !g->latest.defined)
        return;
    if (g->start.ord == g->end.ord) {
        char v[64], p[32];
        report_period(r, g->end, p, sizeof p);
        report_value(r, sec->s, g->latest.value, v, sizeof v);
        if (zh(r))
            add(buf, n, &len, "仅有一个观测值：%s的%s。", p, v);
        else
            add(buf, n, &len, "One observation: %s in %s.", v, p);
        return;
    }
    if (zh(r))
        sentence_zh(r, sec, buf, n, &len);
    else
        sentence_en(r, sec, buf, n, &len);
}

void report_backtest_sentence(const ind_report *r, const rsection *sec, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    if (!sec->has_backtest) {
        if (sec->holdout == 0 && zh(r))
            add(buf, n, &len, "序列过短，无法回测：%zu个观测值（至少需要4个）。", sec->s->n);
        else if (sec->holdout == 0)
            add(buf, n, &len, "Too short to backtest: %zu observation%s (4 needed).", sec->s->n,
                sec->s->n == 1 ? "" : "s");
        else
            add(buf, n, &len, zh(r) ? "无法回测：%s。" : "No backtest: %s.", sec->backtest_why);
        return;
    }
    const ind_forecast_accuracy *acc = &sec->acc;
    char first[32];
    ind_period p = ind_series_period(sec->s, sec->s->n - sec->holdout);
    report_period(r, p, first, sizeof first);
    if (zh(r))
        add(buf, n, &len, "留出最后%zu个数值（自%s起），用之前的%zu个数值以 %s 预测：sMAPE %.1f%%",
            sec->holdout, first, sec->s->n - sec->holdout, sec->backtest_method, acc->smape);
    else
        add(buf, n, &len,
            "The last %zu value%s (from %s) held out and forecast by %s from the %zu before: "
            "sMAPE %.1f %%",
            sec->holdout, sec->holdout == 1 ? "" : "s", first, sec->backtest_method,
            sec->s->n - sec->holdout, acc->smape);
    if (isfinite(acc->mase))
        add(buf, n, &len, ", MASE %.2f", acc->mase);
    for (size_t k = 0; sec->backtest_intervals && k < r->opt.request.nlevels; k++)
        add(buf, n, &len, zh(r) ? "，%g%%区间覆盖%zu/%zu" : ", %g %% interval held %zu of %zu",
            r->opt.request.levels[k], acc->inside[k], acc->n);
    add(buf, n, &len, zh(r) ? "。" : ".");
}
