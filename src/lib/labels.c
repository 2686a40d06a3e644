/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * labels.c - every word the outputs show in English and Chinese (see
 * include/indicators/labels.h): the tables' column headers, the target
 * table's verdicts and categories, the report's headings and formulas
 * (report.*), the charts' legend and axis texts (chart.*), the forecasting
 * methods' names, and the library's reasons. The Chinese follows
 * the usage of 国家统计局 releases: 同比 (on the same period a year earlier),
 * 环比 (on the previous period), 年均增长 (average annual growth, CAGR), 百分点
 * (percentage points), 倍 (multiple), 翻番 (doublings), 累计 (year to date).
 */
#include "indicators/labels.h"

#include <stdio.h>
#include <string.h>

/*
 * A word: its id, its English (NULL: the id itself, after the qualifier) and
 * its Chinese (NULL: the unqualified id's). A qualified id ("report.series")
 * is a command's own wording of a common word: the report says "Indicator"
 * where the tables say "series", and both say 指标.
 */
typedef struct word {
    const char *id, *en, *zh;
} word;

/* Column ids of growth, forecast, backtest, inspect and target, and table words. */
static const word words[] = {
    {"series", NULL, "指标"},
    {"entity", NULL, "地区"},
    {"unit", NULL, "单位"},
    {"from", NULL, "起始期"},
    {"to", NULL, "截止期"},
    {"years", NULL, "年数"},
    {"first", NULL, "起始值"},
    {"latest", NULL, "最新值"},
    {"yoy_pct", NULL, "同比(%)"},
    {"pop_pct", NULL, "环比(%)"},
    {"cagr_pct", NULL, "年均增长(%)"},
    {"change", NULL, "增加"},
    {"change_per_year", NULL, "年均增加"},
    {"pp", NULL, "百分点"},
    {"growth_pct", NULL, "增长(%)"},
    {"multiple", NULL, "倍数"},
    {"doublings", NULL, "翻番"},
    {"doubling_years", NULL, "翻番年数"},
    {"index", NULL, "指数"},
    {"latest_ytd", NULL, "累计值"},
    {"ytd_growth_pct", NULL, "累计增长(%)"},
    {"notes", NULL, "说明"},
    {"notes (empty cells)", NULL, "空值说明"},
    {"period", NULL, "时期"},
    {"value", NULL, "数值"},
    {"single", NULL, "当期值"},
    {"h", NULL, "步长"},
    {"forecast", NULL, "预测值"},
    {"method", NULL, "方法"},
    {"model", NULL, "模型"},
    {"observations", NULL, "观测数"},
    {"frequency", NULL, "频率"},
    {"inspect.first", NULL, "首期"},
    {"inspect.last", NULL, "末期"},
    {"gaps", NULL, "缺期"},
    {"missing", NULL, "缺失值"},
    {"target", NULL, "目标"},
    {"goal", NULL, "目标值"},
    {"verdict", NULL, "结论"},
    {"base", NULL, "基期"},
    {"annual", NULL, "年度"},
    {"half-yearly", NULL, "半年度"},
    {"quarterly", NULL, "季度"},
    {"monthly", NULL, "月度"},
    {"Notes:", NULL, "注："},
    {"claim", NULL, "表述"},
    {"computed", NULL, "计算值"},
    {"completion_pct", NULL, "完成率(%)"},
    {"progress_pct", NULL, "进度(%)"},
    {"elapsed_pct", NULL, "序时进度(%)"},
    {"schedule_gap_pp", NULL, "快于序时进度(百分点)"},
    /* the target table and the report: columns, verdicts, Destatis weather, ESCAP categories */
    {"actual/yr", NULL, "实际年均"},
    {"need/yr", NULL, "所需年均"},
    {"P(meet)", NULL, "达标概率"},
    {"achieved", NULL, "已实现"},
    {"on track", NULL, "按期可达"},
    {"at risk", NULL, "存在风险"},
    {"off track", NULL, "偏离目标"},
    {"cannot assess", NULL, "无法评估"},
    {"sun", NULL, "晴"},
    {"slightly cloudy", NULL, "少云"},
    {"cloudy", NULL, "多云"},
    {"storm", NULL, "暴风雨"},
    {"acceleration needed", NULL, "需加快"},
    {"stagnation or regression", NULL, "停滞或倒退"},
    {"* some method disagrees with the verdict (see the notes)", NULL, "* 有方法与结论不一致（见注）"},
    {"Notes (* marks a verdict some method disagrees with):", NULL, "注（* 表示有方法与结论不一致）："},
    {"Destatis", NULL, "德国联邦统计局"},
    {"ESCAP", NULL, "亚太经社会"},
    {"n/a", NULL, "无"},
    {"behind", NULL, "落后"},
    {"ahead of", NULL, "快于"},
    /* the report (src/lib/report_*.c): headings, and its wording of the table columns */
    {"report.title", "Indicator report", "指标报告"},
    {"report.contents", "Contents", "目录"},
    {"report.headline", "Headline figures", "主要指标一览"},
    {"report.methods", "Methods and data", "方法与数据"},
    {"report.series", "Indicator", NULL},
    {"report.entity", "Entity", NULL},
    {"report.latest", "Latest", NULL},
    {"report.period", "Period", NULL},
    {"report.yoy_pct", "YoY", NULL},
    {"report.cagr_pct", "CAGR", NULL},
    {"report.target", "Target", NULL},
    {"report.verdict", "Verdict", NULL},
    {"report.growth", "Growth", "增长"},
    {"report.forecast", "Forecast", NULL},
    {"report.targets", "Targets", "目标评估"},
    {"report.backtest", "Backtest", "回测"},
    {"report.first", "First", NULL},
    {"report.change", "Change", NULL},
    {"report.pp", "Change (percentage points)", NULL},
    {"report.multiple", "Multiple", NULL},
    {"report.doubling_years", "Doubling time (years)", NULL},
    {"report.years", "Years", NULL},
    {"report.goal", "Goal", NULL},
    {"report.actual/yr", "Actual/yr", NULL},
    {"report.need/yr", "Need/yr", NULL},
    {"report.growth_ratio", "R (Eurostat)", "增长比率 R（欧盟统计局）"},
    {"report.notes", "Notes", NULL},
    {"report.method", "Method", NULL},
    {"report.files", "Files read", "读取的文件"},
    {"report.file", "File", "文件"},
    {"report.shape", "Shape", "格式"},
    {"report.encoding", "Encoding", "编码"},
    {"report.rows", "Rows", "行数"},
    {"report.values", "Values", "数值"},
    {"report.missing", "Missing", NULL},
    {"report.skipped", "Skipped (notes)", "跳过（注释）"},
    {"report.series_count", "Series", "序列"},
    {"report.formulas", "Formulas", "公式"},
    {"report.no_observations", "no observations", "无观测值"},
    {"report.made_by", "Made by indicators", "由 indicators 生成，版本"},
    {"report.window", "Window", "区间"},
    {"report.unit", "Unit", NULL},
    {"report.no_forecast", "No forecast", "无预测"},
    {"report.no_target", "no target", "无目标"},
    {"report.empty_series", "Series without observations", "无观测值的序列"},
    {"report.levels", "Interval levels", "预测区间"},
    {"report.horizon", "Horizon (periods)", "预测期数"},
    {"report.backtest_rule",
     "Each series' last quarter of values (at most the horizon, leaving at least 3) is held out, "
     "forecast from the values before it by the same method and scored: sMAPE, MASE and interval "
     "coverage, the M3/M4 definitions of indicators backtest --holdout.",
     "每个序列最后四分之一的数值（不超过预测期数，且至少保留3个）留作检验，"
     "用之前的数值以同一方法预测并评分：sMAPE、MASE 和区间覆盖率，"
     "定义同 indicators backtest --holdout（M3/M4 竞赛）。"},
    {"report.date", "Date", "日期"},
    {"report.chart", "Chart", "图"},
    /* the report's appendix: the formulas, a line each */
    {"report.formula_yoy", "YoY = x_t / x_{t-1y} - 1: the same period a year earlier.",
     "同比 = x_t / x_{t-1年} - 1：与上年同期相比。"},
    {"report.formula_cagr",
     "CAGR = (x_t / x_t0)^(1/n) - 1, n the years between the first and the latest value "
     "(gaps allowed); percentage points = x_t - x_t0 for indicators in %.",
     "年均增长 = (x_t / x_t0)^(1/n) - 1，n 为首个与最新数值之间的年数（允许缺期）；"
     "百分比指标的变化以百分点计：x_t - x_t0。"},
    {"report.formula_eurostat",
     "Growth ratio R (Eurostat) = actual CAGR since the base / CAGR the goal required from "
     "the base: R >= 0.95 on track, 0.60-0.95 at risk, below 0.60 off track.",
     "增长比率 R（欧盟统计局）= 基期以来的实际年均增长 / 实现目标所需的年均增长："
     "R ≥ 0.95 按期可达，0.60–0.95 存在风险，低于 0.60 偏离目标。"},
    {"report.formula_destatis",
     "Destatis: the mean of the last 5 annual changes extended linearly to the target year "
     "(sun, slightly cloudy, cloudy, storm by the share of the distance missed).",
     "德国联邦统计局：最近5年年均变化量线性外推到目标年份（按差距比例分为晴、少云、多云、暴风雨）。"},
    {"report.formula_escap",
     "ESCAP: x_T = x_t (1 + CAGR)^(T - t); anticipated progress (x_T - x_t0) / (G - x_t0): "
     ">= 0.95 on track, 0.10-0.95 acceleration needed, below stagnation or regression.",
     "亚太经社会：x_T = x_t (1 + 年均增长)^(T - t)；预期进展 (x_T - x_t0) / (G - x_t0)："
     "≥ 0.95 按期可达，0.10–0.95 需加快，低于 0.10 停滞或倒退。"},
    {"report.formula_pmeet",
     "P(meet) = the probability, from the forecast distribution at the target year, that "
     "the value meets the goal.",
     "达标概率 = 按目标年份的预测分布，数值达到目标的概率。"},
    /* charts (src/lib/chart.c): legend, axes and labels */
    {"chart.forecast", "Forecast", "预测"},
    {"chart.interval", "% interval", "%预测区间"},
    {"chart.target", "Target", "目标"},
    {"chart.by", "by", ""},
    {"chart.yoy", "YoY change, %", "同比增长（%）"},
    {"chart.cagr", "CAGR", "年均增长"},
    {"chart.per_year", "%/yr", "%"},
    {"chart.index", "Index", "指数"},
    {"chart.colon", ": ", "："},
    {"chart.pp_axis", "Change on a year earlier, percentage points", "同比变化（百分点）"},
    {"chart.avg_change", "Average change", "年均变化"},
    {"chart.pp_per_year", " pp/yr", "个百分点"},
    {"chart.forecast_mark", "forecast", "预测"},
    {"chart.indicators", "Indicators", "各指标"},
    {"chart.bridge", "No data in between (joined)", "中间缺数据（连线）"},
    /* the forecasting methods (ind_forecast_methods' names) and the simple methods' models */
    {"auto", NULL, "自动组合"},
    {"naive", NULL, "朴素法"},
    {"drift", NULL, "漂移法"},
    {"linear", NULL, "线性趋势"},
    {"loglinear", NULL, "固定增长率"},
    {"theta", NULL, "Theta法"},
    {"ets", NULL, "指数平滑（ETS）"},
    {"arima", NULL, "ARIMA"},
    {"random walk with drift", NULL, "带漂移的随机游走"},
    {"linear trend", NULL, "线性趋势"},
    {"log-linear trend (constant growth)", NULL, "对数线性趋势（固定增长率）"},
    {"Theta (SES with drift)", NULL, "Theta（带漂移的简单指数平滑）"},
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

/* The word of id in lang: NULL when the table has none. */
static const char *find(const char *id, ind_lang lang)
{
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].id, id) == 0)
            return lang == IND_LANG_ZH ? words[i].zh : words[i].en;
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
    const char *w = find(id, lang);
    if (!w && bare != id)
        w = find(bare, lang);
    return w ? w : bare;
}

/* A sentence of the library in English, its %s parts standing for periods and names. */
typedef struct reason {
    const char *en, *zh;
} reason;

/* The library's reasons (src/lib/growth.c), %s standing for a period or a name. */
static const reason reasons[] = {
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
    {"Destatis trend: %s", "德国联邦统计局趋势：%s"},
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
     "%s 至少需要 %s 个观测值，该指标有 %s 个"},
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
            const char *zh_word = find(raw, IND_LANG_ZH);
            if (!zh_word)
                zh_word = ind_label_text(raw, IND_LANG_ZH, shown, sizeof shown);
            int w = snprintf(buf + out, n - out, "%s", zh_word);
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
            if (match(reasons[i].en, text, part, len, 0)) {
                fill(reasons[i].zh, part, len, buf, n);
                return buf;
            }
        }
    snprintf(buf, n, "%s", text);
    return buf;
}
