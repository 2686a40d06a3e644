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
    /* the target table and the report: columns, verdicts, Destatis weather, ESCAP categories */
    {"actual/yr", "实际年均"},
    {"need/yr", "所需年均"},
    {"P(meet)", "达标概率"},
    {"achieved", "已实现"},
    {"on track", "按期可达"},
    {"at risk", "存在风险"},
    {"off track", "偏离目标"},
    {"cannot assess", "无法评估"},
    {"sun", "晴"},
    {"slightly cloudy", "少云"},
    {"cloudy", "多云"},
    {"storm", "暴风雨"},
    {"acceleration needed", "需要加速"},
    {"stagnation or regression", "停滞或倒退"},
    {"* some method disagrees with the verdict (see the notes)", "* 有方法与结论不一致（见注）"},
    {"Notes (* marks a verdict some method disagrees with):", "注（* 表示有方法与结论不一致）："},
    {"behind", "落后"},
    {"ahead of", "快于"},
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
    /* target assessments (src/lib/target.c, target_text.c); the order of the %s parts is kept */
    {"growth ratio R = %s (%s): %s/yr since %s against %s/yr required",
     "增速比 R = %s（%s）：实际年均 %s（%s 年以来），要求年均 %s"},
    {"growth ratio R = %s (%s)", "增速比 R = %s（%s）"},
    {"0.60 to 0.95", "0.60 至 0.95"},
    {"below 0.60", "低于 0.60"},
    {"negative: moving away", "为负：背离目标"},
    {"latest value %s already meets the level the rate gives for the target year (%s)",
     "最新值 %s 已达到按目标增速推算的目标年水平（%s）"},
    {"latest value %s already meets the goal %s", "最新值 %s 已达到目标 %s"},
    {"met in %s: %s", "%s 年已实现：%s"},
    {"target year %s is past: missed (%s, goal %s); met later, in %s",
     "目标年 %s 已过：未实现（%s，目标 %s）；其后于 %s 实现"},
    {"target year %s is past: missed (%s, goal %s)", "目标年 %s 已过：未实现（%s，目标 %s）"},
    {"target year %s is past and has no value", "目标年 %s 已过且无数据"},
    {"%s done, %s of the time gone: %s points %s schedule (ratio %s)",
     "完成 %s，时间已过 %s：%s 个百分点，%s序时进度（比值 %s）"},
    {"target year reached", "已到目标年"},
    {"needs at least 4 of the last 5 annual changes", "需最近 5 个年度变化中至少 4 个"},
    {"needs two observations from the base year on", "需基年起至少两个观测值"},
    {"the goal means %s in %s (%s in %s grown at %s/yr)",
     "目标相当于 %s（%s 年；由 %s（%s）按年均 %s 增长）"},
    {"no value for the base year %s: measured from %s", "基年 %s 无数据：自 %s 起计算"},
    {"forecast: %s (%s), meets the goal in %s; %s", "预测：%s（%s），%s 达到目标；%s"},
    {"forecast: %s (%s), meets the goal in %s", "预测：%s（%s），%s 达到目标"},
    {"forecast: %s (%s); %s", "预测：%s（%s）；%s"},
    {"forecast: %s (%s)", "预测：%s（%s）"},
    {"no probability: the forecast has no interval", "无概率：预测无区间"},
    {"* disagreeing: %s", "* 不一致：%s"},
    {"Destatis trend: %s", "Destatis 趋势：%s"},
    {"forecast: %s at the target year", "预测：目标年为 %s"},
    {"forecast: %s probability of meeting the goal", "预测：达标概率 %s"},
    {"the series has no observations", "该指标无观测值"},
    {"pace %s for the year (%s in %s of it): %s of the goal",
     "全年预计 %s（已完成 %s，占全年 %s）：为目标的 %s"},
    {"%s still needed in the rest of the year (%s a period)", "全年剩余时间仍需 %s（每期 %s）"},
    {"%s left under the cap in the rest of the year (%s a period)",
     "全年剩余时间距上限尚余 %s（每期 %s）"},
    {"no forecast: %s", "无预测：%s"},
    {"method %s needs at least %s observations; the series has %s",
     "方法 %s 至少需要 %s 个观测值，该指标有 %s 个"},
    {"only %s observations (filled gaps do not count): no interval; %s missing periods filled "
     "by linear interpolation",
     "仅 %s 个观测值（插补的不计）：无区间；%s 个缺期已线性插补"},
    {"%s observations: the drift has no residual variance, so no interval",
     "%s 个观测值：漂移无残差方差，无区间"},
    {"%s: %s", "%s：%s"},
    {"n/a", "无"},
    {"none", "无"},
};

enum { MAX_PARTS = 6 };

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
