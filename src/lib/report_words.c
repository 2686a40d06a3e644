/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_words.c - the report's own words in English and Chinese: labels,
 * verdicts, and the sentences that put a series' figures in words
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

static const char *const words[W_NCOUNT][2] = {
    [W_TITLE] = {"Indicator report", "指标报告"},
    [W_CONTENTS] = {"Contents", "目录"},
    [W_HEADLINE] = {"Headline figures", "主要指标一览"},
    [W_METHODS] = {"Methods and data", "方法与数据"},
    [W_INDICATOR] = {"Indicator", "指标"},
    [W_ENTITY] = {"Entity", "地区"},
    [W_LATEST] = {"Latest", "最新值"},
    [W_PERIOD] = {"Period", "时期"},
    [W_YOY] = {"YoY", "同比"},
    [W_CAGR] = {"CAGR", "年均增长"},
    [W_TARGET] = {"Target", "目标"},
    [W_PMEET] = {"P(meet)", NULL},
    [W_VERDICT] = {"Verdict", "判断"},
    [W_GROWTH] = {"Growth", "增长"},
    [W_FORECAST] = {"Forecast", "预测"},
    [W_TARGETS] = {"Targets", "目标评估"},
    [W_BACKTEST] = {"Backtest", "回测"},
    [W_FIRST] = {"First", "起始值"},
    [W_CHANGE] = {"Change", "增加"},
    [W_PP] = {"Change (percentage points)", "变化（百分点）"},
    [W_MULTIPLE] = {"Multiple", "倍数"},
    [W_DOUBLING] = {"Doubling time (years)", "翻番所需年数"},
    [W_YEARS] = {"Years", "年数"},
    [W_GOAL] = {"Goal", "目标值"},
    [W_ACTUAL_YR] = {"Actual/yr", NULL},
    [W_NEED_YR] = {"Need/yr", NULL},
    [W_RATIO] = {"R (Eurostat)", "增长比率 R（欧盟统计局）"},
    [W_DESTATIS] = {"Destatis", "德国联邦统计局趋势"},
    [W_ESCAP] = {"ESCAP", "亚太经社会"},
    [W_NOTES] = {"Notes", "说明"},
    [W_METHOD] = {"Method", "方法"},
    [W_FILES] = {"Files read", "读取的文件"},
    [W_FILE] = {"File", "文件"},
    [W_SHAPE] = {"Shape", "格式"},
    [W_ENCODING] = {"Encoding", "编码"},
    [W_ROWS] = {"Rows", "行数"},
    [W_VALUES] = {"Values", "数值"},
    [W_MISSING] = {"Missing", "缺失"},
    [W_SKIPPED] = {"Skipped (notes)", "跳过（注释）"},
    [W_SERIES] = {"Series", "序列"},
    [W_FORMULAS] = {"Formulas", "公式"},
    [W_NO_OBS] = {"no observations", "无观测值"},
    [W_MADE_BY] = {"Made by indicators", "由 indicators 生成，版本"},
    [W_WINDOW] = {"Window", "区间"},
    [W_UNIT] = {"Unit", "单位"},
    [W_NO_FORECAST] = {"No forecast", "无预测"},
    [W_NO_TARGET] = {"no target", "无目标"},
    [W_EMPTY_SERIES] = {"Series without observations", "无观测值的序列"},
    [W_LEVELS] = {"Interval levels", "预测区间"},
    [W_HORIZON] = {"Horizon (periods)", "预测期数"},
    [W_BACKTEST_RULE] = {"Each series' last quarter of values (at most the horizon, leaving at "
                         "least 3) is held out, forecast from the values before it by the same "
                         "method and scored: sMAPE, MASE and interval coverage, the M3/M4 "
                         "definitions of indicators backtest --holdout.",
                         "每个序列最后四分之一的数值（不超过预测期数，且至少保留3个）留作检验，"
                         "用之前的数值以同一方法预测并评分：sMAPE、MASE 和区间覆盖率，"
                         "定义同 indicators backtest --holdout（M3/M4 竞赛）。"},
    [W_DATE] = {"Date", "日期"},
    [W_CHART_OF] = {"Chart", "图"},
};

static bool zh(const ind_report *r)
{
    return r->opt.lang == IND_LANG_ZH;
}

/* Words that are column labels of the tables: in Chinese, the label table's (labels.h). */
static const char *const label_ids[W_NCOUNT] = {
    [W_INDICATOR] = "series", [W_ENTITY] = "entity",  [W_LATEST] = "latest",
    [W_PERIOD] = "period",    [W_YOY] = "yoy_pct",    [W_CAGR] = "cagr_pct",
    [W_TARGET] = "target",    [W_VERDICT] = "verdict", [W_FIRST] = "first",
    [W_CHANGE] = "change",    [W_PP] = "pp",          [W_MULTIPLE] = "multiple",
    [W_DOUBLING] = "doubling_years", [W_GOAL] = "goal", [W_FORECAST] = "forecast",
    [W_METHOD] = "method",    [W_NOTES] = "notes",    [W_UNIT] = "unit",
    [W_MISSING] = "missing",  [W_ACTUAL_YR] = "actual/yr", [W_NEED_YR] = "need/yr",
    [W_PMEET] = "P(meet)",
};

const char *report_word(const ind_report *r, rword w)
{
    if (zh(r) && label_ids[w])
        return ind_label(label_ids[w], IND_LANG_ZH);
    return words[w][zh(r)];
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
        return "n/a";
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

static void sentence_en(const ind_report *r, const rsection *sec, char *buf, size_t n,
                        size_t *len)
{
    const ind_growth_summary *g = &sec->g;
    char a[64], b[64], pa[32], pb[32], rate[32];
    report_value(r, sec->s, g->first.value, a, sizeof a);
    report_value(r, sec->s, g->latest.value, b, sizeof b);
    report_period(r, g->start, pa, sizeof pa);
    report_period(r, g->end, pb, sizeof pb);
    bool down = g->latest.value < g->first.value;
    add(buf, n, len, "%s from %s in %s to %s in %s", down ? "Fell" : "Grew", a, pa, b, pb);
    if (g->cagr.defined)
        add(buf, n, len, ": %s a year", magnitude(r, g->cagr.value, rate, sizeof rate));
    else
        add(buf, n, len, " (no CAGR: %s)", g->cagr.why);
    if (g->pp.defined)
        add(buf, n, len, ", %+.2f percentage points", g->pp.value);
    else if (g->multiple.defined)
        add(buf, n, len, ", %.2f times the %s value", g->multiple.value, pa);
    add(buf, n, len, ".");
    if (g->yoy.defined)
        add(buf, n, len, " Year on year: %s in %s.", report_rate(r, &g->yoy, rate, sizeof rate),
            pb);
}

static void sentence_zh(const ind_report *r, const rsection *sec, char *buf, size_t n,
                        size_t *len)
{
    const ind_growth_summary *g = &sec->g;
    char a[64], b[64], pa[32], pb[32], rate[32];
    report_value(r, sec->s, g->first.value, a, sizeof a);
    report_value(r, sec->s, g->latest.value, b, sizeof b);
    report_period(r, g->start, pa, sizeof pa);
    report_period(r, g->end, pb, sizeof pb);
    bool down = g->latest.value < g->first.value;
    add(buf, n, len, "从%s的%s%s到%s的%s", pa, a, down ? "下降" : "增长", pb, b);
    if (g->cagr.defined)
        add(buf, n, len, "：年均%s%s", g->cagr.value < 0 ? "下降" : "增长",
            magnitude(r, g->cagr.value, rate, sizeof rate));
    else
        add(buf, n, len, "（无年均增长率：%s）", g->cagr.why);
    if (g->pp.defined)
        add(buf, n, len, "，%s%.2f个百分点", g->pp.value < 0 ? "降低" : "提高", fabs(g->pp.value));
    else if (g->multiple.defined)
        add(buf, n, len, "，为%s的%.2f倍", pa, g->multiple.value);
    add(buf, n, len, "。");
    if (g->yoy.defined)
        add(buf, n, len, "%s同比%s%s。", pb, g->yoy.value < 0 ? "下降" : "增长",
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

const char *const *report_formulas(const ind_report *r)
{
    static const char *const en[] = {
        "YoY = x_t / x_{t-1y} - 1: the same period a year earlier.",
        "CAGR = (x_t / x_t0)^(1/n) - 1, n the years between the first and the latest value "
        "(gaps allowed); percentage points = x_t - x_t0 for indicators in %.",
        "Growth ratio R (Eurostat) = actual CAGR since the base / CAGR the goal required from "
        "the base: R >= 0.95 on track, 0.60-0.95 at risk, below 0.60 off track.",
        "Destatis: the mean of the last 5 annual changes extended linearly to the target year "
        "(sun, slightly cloudy, cloudy, storm by the share of the distance missed).",
        "ESCAP: x_T = x_t (1 + CAGR)^(T - t); anticipated progress (x_T - x_t0) / (G - x_t0): "
        ">= 0.95 on track, 0.10-0.95 acceleration needed, below stagnation or regression.",
        "P(meet) = the probability, from the forecast distribution at the target year, that "
        "the value meets the goal.",
        NULL,
    };
    static const char *const zh_lines[] = {
        "同比 = x_t / x_{t-1年} - 1：与上年同期相比。",
        "年均增长 = (x_t / x_t0)^(1/n) - 1，n 为首个与最新数值之间的年数（允许缺期）；"
        "百分比指标的变化以百分点计：x_t - x_t0。",
        "增长比率 R（欧盟统计局）= 基期以来的实际年均增长 / 实现目标所需的年均增长："
        "R ≥ 0.95 按期可达，0.60–0.95 存在风险，低于 0.60 偏离目标。",
        "德国联邦统计局：最近5年年均变化量线性外推到目标年份（按差距比例分为晴、少云、多云、暴风雨）。",
        "亚太经社会：x_T = x_t (1 + 年均增长)^(T - t)；预期进展 (x_T - x_t0) / (G - x_t0)："
        "≥ 0.95 按期可达，0.10–0.95 需要加速，低于 0.10 停滞或倒退。",
        "达标概率 = 按目标年份的预测分布，数值达到目标的概率。",
        NULL,
    };
    return zh(r) ? zh_lines : en;
}
