/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * labels.c - English and Chinese words of result tables (see
 * include/indicators/labels.h). The Chinese follows the usage of 国家统计局
 * releases: 同比 (on the same period a year earlier), 环比 (on the previous
 * period), 年均增长 (average annual growth, CAGR), 百分点 (percentage points),
 * 倍 (multiple), 翻番 (doublings), 累计 (year to date).
 */
#include "indicators/labels.h"

#include <stdio.h>
#include <string.h>

typedef struct label {
    const char *id, *zh;
} label;

/* Column ids of growth, forecast, backtest, inspect and target, and table words. */
static const label labels[] = {
    {"series", "指标"},
    {"entity", "地区"},
    {"unit", "单位"},
    {"from", "起始期"},
    {"to", "截止期"},
    {"years", "年数"},
    {"first", "起始值"},
    {"latest", "最新值"},
    {"yoy_pct", "同比(%)"},
    {"pop_pct", "环比(%)"},
    {"cagr_pct", "年均增长(%)"},
    {"change", "增加"},
    {"change_per_year", "年均增加"},
    {"pp", "百分点"},
    {"growth_pct", "增长(%)"},
    {"multiple", "倍数"},
    {"doublings", "翻番"},
    {"doubling_years", "翻番年数"},
    {"index", "指数"},
    {"latest_ytd", "累计值"},
    {"ytd_growth_pct", "累计增长(%)"},
    {"notes", "说明"},
    {"period", "时期"},
    {"value", "数值"},
    {"single", "当期值"},
    {"h", "步长"},
    {"forecast", "预测值"},
    {"method", "方法"},
    {"model", "模型"},
    {"observations", "观测数"},
    {"frequency", "频率"},
    {"inspect.first", "首期"},
    {"inspect.last", "末期"},
    {"gaps", "缺期"},
    {"missing", "缺失值"},
    {"target", "目标"},
    {"goal", "目标值"},
    {"verdict", "结论"},
    {"base", "基期"},
    {"annual", "年度"},
    {"half-yearly", "半年度"},
    {"quarterly", "季度"},
    {"monthly", "月度"},
    {"Notes:", "注："},
    {"claim", "表述"},
    {"computed", "计算值"},
    {"completion_pct", "完成率(%)"},
    {"progress_pct", "进度(%)"},
    {"elapsed_pct", "序时进度(%)"},
    {"schedule_gap_pp", "快于序时进度(百分点)"},
};

int ind_lang_parse(const char *name, ind_lang *out)
{
    if (strcmp(name, "en") == 0)
        *out = IND_LANG_EN;
    else if (strcmp(name, "zh") == 0)
        *out = IND_LANG_ZH;
    else
        return -1;
    return 0;
}

static const char *find(const char *id)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].id, id) == 0)
            return labels[i].zh;
    return NULL;
}

/* id without its qualifier: "inspect.first" -> "first" (a qualifier is lower-case letters). */
static const char *unqualified(const char *id)
{
    size_t q = strspn(id, "abcdefghijklmnopqrstuvwxyz_");
    return q > 0 && id[q] == '.' && id[q + 1] ? id + q + 1 : id;
}

const char *ind_label(const char *id, ind_lang lang)
{
    const char *bare = unqualified(id);
    const char *zh = lang == IND_LANG_ZH ? find(id) : NULL;
    if (!zh && lang == IND_LANG_ZH && bare != id)
        zh = find(bare);
    return zh ? zh : bare;
}

/* The library's reasons (src/lib/growth.c), %s standing for a period or a name. */
static const label reasons[] = {
    {"no value a year earlier (%s)", "无上年同期数据(%s)"},
    {"no value a year earlier", "无上年同期数据"},
    {"no value in the previous period (%s)", "无上期数据(%s)"},
    {"no value in the previous period", "无上期数据"},
    {"no value two years earlier (%s)", "无两年前数据(%s)"},
    {"no value two years earlier", "无两年前数据"},
    {"no YTD value a year earlier (%s)", "无上年同期累计数据(%s)"},
    {"no YTD value a year earlier", "无上年同期累计数据"},
    {"annual series: see yoy", "年度数据：见同比"},
    {"not a % indicator", "非百分比指标"},
    {"not a cumulative (YTD) series", "非累计数据"},
    {"no base period given", "未给基期"},
    {"base period of another frequency", "基期频率不同"},
    {"base period has no value", "基期无数据"},
    {"CAGR needs positive values", "年均增长需正值"},
    {"needs positive values", "需正值"},
    {"needs two different periods", "需两个不同时期"},
    {"only one observation", "仅一个观测值"},
    {"from and to are the same period", "起止为同一期"},
    {"from period is after to period", "起始期晚于截止期"},
    {"from is after to", "起始期晚于截止期"},
    {"values change sign", "数值正负变化"},
    {"zero base", "基数为零"},
    {"negative base", "基数为负"},
    {"not growing", "未增长"},
    {"out of range of doubles", "超出数值范围"},
    {"no observations", "无观测值"},
    {"previous YTD value missing: single period unknown", "缺上期累计值：当期值未知"},
    {"%s period %s has no value", "%s %s 无数据"},
    {"%s period %s is %s but the series is %s", "%s %s 为%s时期，但数据为%s"},
    {"%s has no values", "%s 无数据"},
    {"%s: %s", "%s：%s"},
    {"n/a", "无"},
    {"none", "无"},
};

enum { MAX_PARTS = 4 };

/*
 * Whether text matches pattern, whose %s parts match one or more characters
 * (the shortest that lets the rest match); the parts go to part[].
 */
static int match(const char *pattern, const char *text, const char **part, size_t *len,
                 size_t k)
{
    const char *hole = strstr(pattern, "%s");
    if (!hole)
        return strcmp(pattern, text) == 0;
    size_t lead = (size_t)(hole - pattern);
    if (strncmp(pattern, text, lead) != 0 || k == MAX_PARTS)
        return 0;
    const char *start = text + lead;
    for (size_t n = 1; n <= strlen(start); n++) {
        part[k] = start, len[k] = n;
        if (match(hole + 2, start + n, part, len, k + 1))
            return 1;
    }
    return 0;
}

/* The translation of each %s part: an inner reason ("to: ...") or a word of the table. */
static void fill(const char *zh, const char *const *part, const size_t *len, char *buf, size_t n)
{
    size_t out = 0, k = 0;
    for (const char *p = zh; *p && out + 1 < n; p++) {
        if (p[0] == '%' && p[1] == 's' && k < MAX_PARTS) {
            char raw[256], shown[256];
            snprintf(raw, sizeof raw, "%.*s", (int)len[k], part[k]);
            k++;
            const char *word = find(raw);
            if (!word)
                word = ind_label_text(raw, IND_LANG_ZH, shown, sizeof shown);
            int w = snprintf(buf + out, n - out, "%s", word);
            out += w > 0 ? (size_t)w : 0;
            p++;
            continue;
        }
        buf[out++] = *p;
    }
    buf[out < n ? out : n - 1] = '\0';
}

const char *ind_label_text(const char *text, ind_lang lang, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (lang == IND_LANG_ZH)
        for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
            const char *part[MAX_PARTS];
            size_t len[MAX_PARTS];
            if (match(reasons[i].id, text, part, len, 0)) {
                fill(reasons[i].zh, part, len, buf, n);
                return buf;
            }
        }
    snprintf(buf, n, "%s", text);
    return buf;
}
