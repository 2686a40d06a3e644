/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart.c - gnuplot scripts for charts of indicator series (see
 * include/indicators/chart.h).
 *
 * The script is built in a growable text buffer: a generated part with the
 * parameters (escaped texts, ranges, tick labels) and the data as inline
 * blocks, then the templates' text. Numbers are written with "%.17g" and any
 * locale decimal comma turned into a dot, so the script is the same under
 * every LC_NUMERIC. Like gretl's graphing.c the script is self-contained,
 * so it can be kept, edited and rerun; unlike gretl nothing here is global.
 */
#include "indicators/chart.h"
#include "indicators/labels.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gpscript.h"
#include "indicators/growth.h"

#define DEFAULT_FONT "Noto Sans CJK SC"
#define COMMON_TEMPLATE "chart-common.gp"
#define MAX_LABEL 1024

static const ind_chart_kind_info kinds[] = {
    {IND_CHART_TREND, "trend", "chart-trend.gp",
     "history, forecast with 80/95% fan, target line, latest value labelled"},
    {IND_CHART_GROWTH, "growth", "chart-growth.gp",
     "year-on-year change in % as bars, CAGR as a reference line"},
    {IND_CHART_INDEX, "index", "chart-index.gp", "series rebased to 100 in a common base period"},
    {IND_CHART_COMPARE, "compare", "chart-trend.gp",
     "several entities of one indicator, latest values labelled"},
};

/* ---- numbers in labels ---- */

/* A dot whatever LC_NUMERIC says (a locale may print 1,5). */
static void dot_decimal(char *s)
{
    for (; *s; s++)
        if (*s == ',')
            *s = '.';
}

size_t ind_chart_quote_label(const char *text, char *out, size_t n)
{
    return gp_quote(text, out, n);
}

/* ---- public tables ---- */

void ind_chart_options_init(ind_chart_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->kind = IND_CHART_TREND;
    opt->format = IND_CHART_PNG;
    opt->lang = IND_CHART_EN;
    opt->width = 1600;
    opt->height = 900;
}

const ind_chart_kind_info *ind_chart_kinds(size_t *n)
{
    *n = sizeof kinds / sizeof kinds[0];
    return kinds;
}

int ind_chart_kind_parse(const char *name, ind_chart_kind *out)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(name, kinds[i].name) == 0) {
            *out = kinds[i].kind;
            return 0;
        }
    return -1;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    if (ls < lx)
        return false;
    for (size_t i = 0; i < lx; i++) {
        char c = s[ls - lx + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

int ind_chart_format_from_path(const char *path, ind_chart_format *out)
{
    static const struct {
        const char *ext;
        ind_chart_format format;
    } exts[] = {{".png", IND_CHART_PNG}, {".svg", IND_CHART_SVG}, {".pdf", IND_CHART_PDF}};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (ends_with_ci(path, exts[i].ext)) {
            *out = exts[i].format;
            return 0;
        }
    return -1;
}

/* The languages of every output (labels.h): a chart's are the tables'. */
int ind_chart_lang_parse(const char *name, ind_chart_lang *out)
{
    ind_lang lang;
    if (ind_lang_parse(name, &lang) != 0)
        return -1;
    *out = lang == IND_LANG_ZH ? IND_CHART_ZH : IND_CHART_EN;
    return 0;
}

static size_t text_width(const char *s);

/* A target's own label goes in the legend when it is short; a long description would crowd it. */
#define TARGET_LABEL_MAX 40

ind_status ind_chart_target_from(const ind_target *t, const ind_assessment *as, size_t series,
                                 ind_chart_target *out, ind_error *err)
{
    memset(out, 0, sizeof *out);
    if (!as->has_goal_level || !isfinite(as->goal_level))
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                             "the target %s gives no level to draw (%s)", t->text, as->reason);
    out->goal = as->goal_level;
    out->period = ind_period_make(IND_FREQ_YEAR, t->year, 1);
    out->at_most = t->op == IND_TARGET_AT_MOST;
    out->label = t->label[0] && text_width(t->label) <= TARGET_LABEL_MAX ? t->label : NULL;
    out->series = series;
    if (t->kind == IND_TARGET_GROWTH && as->has_base) { /* drawn as its path from the base */
        out->base = ind_period_make(IND_FREQ_YEAR, ind_period_year(as->base), 1);
        out->base_value = as->base_value;
        out->rate = t->goal / 100;
    }
    return IND_OK;
}

void ind_chart_horizons(const ind_series *const *series, size_t n, size_t horizon, size_t *h)
{
    int32_t end = INT32_MIN;
    for (size_t i = 0; i < n; i++)
        if (series[i]->n && series[i]->ord[series[i]->n - 1] > end)
            end = series[i]->ord[series[i]->n - 1];
    for (size_t i = 0; i < n; i++) {
        const ind_series *s = series[i];
        size_t more = s->n ? (size_t)((int64_t)end - s->ord[s->n - 1]) : 0;
        h[i] = horizon + more > IND_FORECAST_MAX_HORIZON ? IND_FORECAST_MAX_HORIZON
                                                         : horizon + more;
    }
}

/* ---- locating templates ---- */

static bool has_templates(const char *dir)
{
    char path[PATH_MAX];
    int len = snprintf(path, sizeof path, "%s/%s", dir, COMMON_TEMPLATE);
    return len > 0 && (size_t)len < sizeof path && access(path, R_OK) == 0;
}

/* Whether dir holds the templates; adds dir to the list of places tried. */
static bool try_dir(const char *dir, char *out, size_t n, char *tried, size_t ntried)
{
    size_t used = strlen(tried);
    snprintf(tried + used, ntried - used, "%s%s", used ? ", " : "", dir);
    if (!has_templates(dir) || strlen(dir) >= n)
        return false;
    snprintf(out, n, "%s", dir);
    return true;
}

ind_status ind_chart_find_templates(const char *env_dir, const char *exe_path,
                                    const char *install_dir, char *dir, size_t n, ind_error *err)
{
    /* an installed bin/, then build trees: build/indicators, build/src/cli/indicators */
    static const char *const relative[] = {"../share/indicators", "../scripts", "../../scripts",
                                           "../../../scripts"};
    char tried[2048] = "";
    if (env_dir && env_dir[0]) {
        if (!try_dir(env_dir, dir, n, tried, sizeof tried))
            return ind_error_set(err, IND_E_NOTFOUND, NULL, 0, 0,
                                 "INDICATORS_SCRIPTS=%s has no readable %s", env_dir,
                                 COMMON_TEMPLATE);
        return IND_OK;
    }
    const char *slash = exe_path ? strrchr(exe_path, '/') : NULL;
    for (size_t i = 0; slash && i < sizeof relative / sizeof relative[0]; i++) {
        char cand[PATH_MAX];
        int len =
            snprintf(cand, sizeof cand, "%.*s/%s", (int)(slash - exe_path), exe_path, relative[i]);
        if (len > 0 && (size_t)len < sizeof cand && try_dir(cand, dir, n, tried, sizeof tried))
            return IND_OK;
    }
    /* the compiled-in places, ':'-separated (e.g. the source tree, the datadir) */
    for (const char *p = install_dir; p && *p;) {
        size_t len = strcspn(p, ":");
        char cand[PATH_MAX];
        if (len > 0 && len < sizeof cand) {
            memcpy(cand, p, len);
            cand[len] = '\0';
            if (try_dir(cand, dir, n, tried, sizeof tried))
                return IND_OK;
        }
        p += len + (p[len] == ':');
    }
    return ind_error_set(err, IND_E_NOTFOUND, NULL, 0, 0,
                         "cannot find the chart templates (%s) in %s; set INDICATORS_SCRIPTS "
                         "to the directory holding them",
                         COMMON_TEMPLATE, tried[0] ? tried : "any place");
}

static ind_status append_template(gp_script *b, const char *dir, const char *name, ind_error *err)
{
    char path[PATH_MAX];
    int len = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (len < 0 || (size_t)len >= sizeof path)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "template directory name too long");
    FILE *f = fopen(path, "rb");
    if (!f)
        return ind_error_set(err, errno == ENOENT ? IND_E_NOTFOUND : IND_E_IO, path, 0, 0,
                             "cannot read chart template: %s", strerror(errno));
    char heading[PATH_MAX + 32];
    snprintf(heading, sizeof heading, "---- template %s ----", name);
    gp_syntax(b, "\n");
    gp_comment(b, heading);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        gp_template(b, chunk, got);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad)
        return ind_error_set(err, IND_E_IO, path, 0, 0, "error reading chart template");
    return IND_OK;
}

/* ---- what is drawn ---- */

/* Texts in the chart's language, from the one table of words (labels.c: chart.*). */
typedef struct words {
    const char *forecast, *interval, *target, *by, *yoy, *cagr, *per_year, *index_of, *colon;
    const char *pp_axis, *avg_change, *pp_per_year, *forecast_mark, *indicators, *bridge;
} words;

static words words_in(ind_lang lang)
{
    return (words){
        .forecast = ind_label("chart.forecast", lang),
        .interval = ind_label("chart.interval", lang),
        .target = ind_label("chart.target", lang),
        .by = ind_label("chart.by", lang),
        .yoy = ind_label("chart.yoy", lang),
        .cagr = ind_label("chart.cagr", lang),
        .per_year = ind_label("chart.per_year", lang),
        .index_of = ind_label("chart.index", lang),
        .colon = ind_label("chart.colon", lang),
        .pp_axis = ind_label("chart.pp_axis", lang),
        .avg_change = ind_label("chart.avg_change", lang),
        .pp_per_year = ind_label("chart.pp_per_year", lang),
        .forecast_mark = ind_label("chart.forecast_mark", lang),
        .indicators = ind_label("chart.indicators", lang),
        .bridge = ind_label("chart.bridge", lang),
    };
}

/* State while building one chart. */
typedef struct chart {
    const ind_chart_options *opt;
    const ind_series *const *series;
    size_t n;
    ind_freq freq;
    bool zh; /* --lang zh */
    words w;
    const ind_chart_target *targets; /* opt->targets, or opt->target as one */
    size_t ntargets;
    double xmin, xmax, ymin, ymax; /* data extent (in units of yscale) */
    double yscale;                 /* values are drawn divided by it: 1, or a power of ten
                                      for values beyond what gnuplot's axes can hold */
    double base_x;                 /* index: the base period's x */
    size_t right_label;            /* characters of the longest label right of the data */
    size_t key_entries;            /* legend entries besides the series' own */
    gp_script b;
} chart;

/* The forecast of series i, or NULL. */
static const ind_forecast *forecast_of(const chart *c, size_t i)
{
    if (c->opt->forecasts)
        return c->opt->forecasts[i];
    return i == 0 ? c->opt->forecast : NULL;
}

/* Beyond this gnuplot's axis arithmetic overflows ("y axis range undefined or overflow"). */
#define Y_MAX_DRAWN 1e300

/* A value as drawn: divided by the chart's scale. */
static double sy(const chart *c, double y)
{
    return y / c->yscale;
}

/*
 * The height the values span, for paddings and label gaps: at least a
 * billionth of their size (a flat series, or one whose forecast wobbles in
 * the 16th digit, would give gnuplot an empty range), the size itself when
 * flatter, 1 for zeros; finite even when the extremes are +-DBL_MAX apart.
 */
static double yspan(const chart *c)
{
    double span = c->ymax - c->ymin, size = fmax(fabs(c->ymin), fabs(c->ymax));
    if (!isfinite(size))
        return 1;
    if (!(span > 1e-9 * size))
        span = size > 0 ? size : 1;
    return isfinite(span) ? span : DBL_MAX;
}

static void extend(chart *c, double x, double y)
{
    if (isfinite(x)) {
        c->xmin = fmin(c->xmin, x);
        c->xmax = fmax(c->xmax, x);
    }
    if (isfinite(y)) {
        c->ymin = fmin(c->ymin, y);
        c->ymax = fmax(c->ymax, y);
    }
}

/* The unit as it follows a number: "%" for percent units, a short unit ("亿元", " t"), or "". */
static const char *unit_suffix(const char *unit, char *out, size_t n)
{
    out[0] = '\0';
    if (!unit || !unit[0])
        return out;
    if (unit[0] == '%')
        snprintf(out, n, "%%"); /* "% of GDP": the axis says of what */
    else if (strlen(unit) <= 16) /* Chinese units follow the number directly: 34213亿元 */
        snprintf(out, n, "%s%s", (unsigned char)unit[0] >= 0x80 ? "" : " ", unit);
    return out;
}

/*
 * Value text for a label: 2 decimals under 10, 1 under 100, else none; no
 * trailing zeros; never in scientific notation (below 1e15); then the unit.
 */
static void value_text(double v, const char *unit, char *out, size_t n)
{
    double a = fabs(v);
    int dp = a < 10 ? 2 : a < 100 ? 1 : 0;
    char t[48], u[40];
    if (a >= 1e15) /* 1.798e+308, not 309 digits */
        snprintf(t, sizeof t, "%.4g", v);
    else
        snprintf(t, sizeof t, "%.*f", dp, v);
    dot_decimal(t);
    if (strchr(t, '.')) {
        size_t len = strlen(t);
        while (t[len - 1] == '0')
            t[--len] = '\0';
        if (t[len - 1] == '.')
            t[--len] = '\0';
    }
    if (strcmp(t, "-0") == 0)
        strcpy(t, "0");
    snprintf(out, n, "%s%s", t, unit_suffix(unit, u, sizeof u));
}

/* A period in the chart's language: 2024H1, or 2024年上半年. */
static void period_name(const chart *c, ind_period p, char *out, size_t n)
{
    if (c->opt->lang == IND_CHART_ZH)
        ind_period_format_zh(p, out, n);
    else
        ind_period_format(p, out, n);
}

#define PERIOD_TEXT_MAX IND_PERIOD_TEXT_ZH_MAX

/* The period at ordinal x of the chart's frequency, in its language ("?" when none). */
static void period_text(const chart *c, double x, char *out, size_t n)
{
    if (!(x >= INT32_MIN && x <= INT32_MAX)) { /* NaN included: no cast of what int32 cannot hold */
        snprintf(out, n, "?");
        return;
    }
    ind_period p = {c->freq, (int32_t)x};
    period_name(c, p, out, n);
}

/* The indicator's name in titles: --label, the series' label, its name. */
static const char *indicator_name(const chart *c, const ind_series *s)
{
    if (c->opt->label && c->opt->label[0])
        return c->opt->label;
    return s->label[0] ? s->label : s->name;
}

/* Title of series i in the legend: the entity when the indicator is shared. */
static void series_title(const chart *c, const ind_series *s, char *out, size_t n)
{
    bool same_name = true;
    for (size_t i = 1; i < c->n; i++)
        same_name = same_name && strcmp(c->series[i]->name, c->series[0]->name) == 0;
    const char *name = indicator_name(c, s);
    if (c->n == 1) /* the title names the indicator: the legend needs only a short name */
        snprintf(out, n, "%s", s->entity[0] ? s->entity : strlen(name) <= 40 ? name : s->name);
    else if (same_name && s->entity[0])
        snprintf(out, n, "%s", s->entity);
    else if (s->entity[0])
        snprintf(out, n, c->zh ? "%s（%s）" : "%s (%s)", name, s->entity);
    else
        snprintf(out, n, "%s", name);
}

static void default_title(const chart *c, char *out, size_t n)
{
    const ind_series *s = c->series[0];
    const char *name = indicator_name(c, s);
    bool same_name = true, same_entity = true;
    for (size_t i = 1; i < c->n; i++) {
        same_name = same_name && strcmp(c->series[i]->name, s->name) == 0;
        same_entity = same_entity && strcmp(c->series[i]->entity, s->entity) == 0;
    }
    if (!same_name)
        name = c->w.indicators;
    if (same_entity && s->entity[0])
        snprintf(out, n, "%s%s%s", s->entity, c->w.colon, name);
    else
        snprintf(out, n, "%s", name);
}

/* Rows "x y period" of one series, a blank line where periods are missing. */
static void series_block_rows(chart *c, const ind_series *s, const double *y)
{
    char per[IND_PERIOD_TEXT_MAX];
    for (size_t i = 0; i < s->n; i++) {
        if (!isfinite(y[i]))
            continue;
        if (i > 0 && (s->ord[i] != s->ord[i - 1] + 1 || !isfinite(y[i - 1])))
            gp_syntax(&c->b, "\n");
        ind_period_format(ind_series_period(s, i), per, sizeof per); /* ASCII: a comment */
        gp_syntaxf(&c->b, "%ld ", (long)s->ord[i]);
        gp_number(&c->b, y[i]);
        gp_syntax(&c->b, " ");
        gp_block_text(&c->b, per);
        gp_syntax(&c->b, "\n");
        extend(c, s->ord[i], y[i]);
    }
}

/*
 * The dashed segments joining the known points either side of each gap
 * (Luohe 2020 -> 2023), as rows "x y linetype", a blank line between
 * segments; none with no_bridge. Returns how many.
 */
static size_t bridge_rows(chart *c, const ind_series *s, const double *y, int lt, size_t nseg)
{
    for (size_t i = 1; !c->opt->no_bridge && i < s->n; i++) {
        if (s->ord[i] == s->ord[i - 1] + 1 || !isfinite(y[i]) || !isfinite(y[i - 1]))
            continue;
        for (size_t k = i - 1; k <= i; k++) {
            if (k == i - 1 && nseg)
                gp_syntax(&c->b, "\n"); /* a blank line ends the previous segment */
            gp_syntaxf(&c->b, "%ld ", (long)s->ord[k]);
            gp_number(&c->b, y[k]);
            gp_syntaxf(&c->b, " %d\n", lt);
        }
        nseg++;
    }
    return nseg;
}

/*
 * A row for a block the template does not draw: gnuplot opens the block of a
 * `for [k = 1:0]` plot element even though it draws nothing, and warns when
 * it is empty.
 */
static void placeholder(chart *c)
{
    const ind_series *s = c->series[0];
    gp_syntaxf(&c->b, "# not drawn (a placeholder, so that gnuplot does not warn)\n%ld ",
               (long)s->ord[s->n - 1]);
    gp_number(&c->b, sy(c, s->value[s->n - 1]));
    gp_syntax(&c->b, " 1\n");
}

/* Font size in points (about pixels on PNG): 20 at 1600 x 900, scaled with the size. */
static double font_size(const ind_chart_options *opt)
{
    double scale = fmin(opt->width / 1600.0, opt->height / 900.0);
    return round(20 * fmax(scale, 0.5) * 2) / 2;
}

/* Width of a text in narrow characters: a CJK character is about two Latin ones. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += *p < 0x80 ? 1 : *p >= 0xC0 ? 2 : 0;
    return w;
}

/* The height of a line of text of size em (points) in value units of the plot. */
static double text_height(const chart *c, double em)
{
    /* a line is about 1.5 em; the plot about 68% of the height shows the data's span and
       the 20% padding of axes(), less a line for each legend row after the first (the
       legend has about two entries a row once it needs more than one) */
    size_t entries = c->n + c->key_entries, rows = entries <= 3 ? 1 : (entries + 1) / 2;
    double plot = 0.68 - (double)(rows - 1) * 1.6 * font_size(c->opt) / c->opt->height;
    return 1.5 * em * 1.2 * yspan(c) / (fmax(plot, 0.3) * c->opt->height);
}

/* ---- labels of latest values ---- */

typedef struct latest {
    double x, y, ylab;
    int lt;
    bool forecast; /* the end of a forecast, not an observation */
    char text[MAX_LABEL];
} latest;

static int by_y(const void *a, const void *b)
{
    double ya = ((const latest *)a)->y, yb = ((const latest *)b)->y;
    return (ya > yb) - (ya < yb);
}

/* Spreads the heights of labels l[0..n) (sorted by y) at least gap apart. */
static void spread(latest *l, size_t n, double gap)
{
    for (size_t i = 0; i < n; i++) {
        l[i].ylab = l[i].y;
        if (i > 0 && l[i].ylab < l[i - 1].ylab + gap)
            l[i].ylab = l[i - 1].ylab + gap;
    }
    /* centre each pushed-up stack on the values it moved away from */
    for (size_t i = 0; i + 1 < n; i++) {
        size_t j = i;
        while (j + 1 < n && l[j + 1].ylab - l[j].ylab <= gap * 1.0001)
            j++;
        if (j > i) {
            double shift = 0;
            for (size_t k = i; k <= j; k++)
                shift += l[k].ylab - l[k].y;
            shift /= (double)(j - i + 1);
            for (size_t k = i; k <= j; k++)
                l[k].ylab -= shift;
            i = j;
        }
    }
}

/*
 * The latest-value labels: above the last point for a single series;
 * otherwise in one column right of the last period of all series (where no
 * line runs, so a label never hides data), spread apart in height, with the
 * period added for a series that ends earlier ("2.81% (2012)") and for the
 * end of a forecast ("3.07% (2030 forecast)"). The texts are strings
 * (latest_text[k], k in the block's third column): they hold units and
 * Chinese, which a data block cannot.
 */
static void latest_block(chart *c, latest *l, size_t n, bool beside)
{
    double column = -INFINITY;
    for (size_t i = 0; i < n; i++)
        column = fmax(column, l[i].x);
    for (size_t i = 0; i < n; i++) {
        l[i].ylab = l[i].y;
        if (beside && (l[i].x < column || l[i].forecast)) {
            char per[PERIOD_TEXT_MAX];
            size_t len = strlen(l[i].text);
            period_text(c, l[i].x, per, sizeof per);
            if (c->zh)
                snprintf(l[i].text + len, sizeof l[i].text - len, "（%s%s）", per,
                         l[i].forecast ? c->w.forecast_mark : "");
            else
                snprintf(l[i].text + len, sizeof l[i].text - len, " (%s%s%s)", per,
                         l[i].forecast ? " " : "", l[i].forecast ? c->w.forecast_mark : "");
        }
        if (beside)
            l[i].x = column;
    }
    if (beside) {
        qsort(l, n, sizeof *l, by_y);
        spread(l, n, text_height(c, font_size(c->opt)));
    }
    gp_syntaxf(&c->b, "latest_beside = %d\nhas_latest = %d\n", beside, n > 0);
    gp_syntaxf(&c->b, "array latest_text[%zu]\n", n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        gp_syntaxf(&c->b, "latest_text[%zu] = ", i + 1);
        gp_string(&c->b, l[i].text);
        gp_syntax(&c->b, "\n");
    }
    gp_block_begin(&c->b, "latest");
    gp_syntax(&c->b, "# x y k linetype: latest_text[k] at (x, y)\n");
    for (size_t i = 0; i < n; i++) {
        gp_number(&c->b, l[i].x);
        gp_syntax(&c->b, " ");
        gp_number(&c->b, l[i].ylab);
        gp_syntaxf(&c->b, " %zu %d\n", i + 1, l[i].lt);
    }
    if (n == 0)
        placeholder(c);
    gp_block_end(&c->b);
    for (size_t i = 0; beside && i < n; i++)
        if (text_width(l[i].text) > c->right_label)
            c->right_label = text_width(l[i].text);
}

/* ---- kinds ---- */

/* Values of series s as drawn (caller frees): indexed on base when finite, scaled. */
static double *series_values(const chart *c, const ind_series *s, double base)
{
    double *y = malloc((s->n ? s->n : 1) * sizeof *y);
    for (size_t i = 0; y && i < s->n; i++)
        y[i] = sy(c, isfinite(base) ? 100.0 * s->value[i] / base : s->value[i]);
    return y;
}

/*
 * The $series block (one index a series) and the $bridge block of the dashed
 * segments across gaps; fills l[i] with series i's latest value (the caller
 * writes the labels once everything drawn is known).
 */
static ind_status lines_data(chart *c, double base_x, latest *l, ind_error *err)
{
    double *ys[64] = {NULL};
    ind_status st = IND_OK;
    gp_block_begin(&c->b, "series");
    for (size_t i = 0; i < c->n; i++) {
        const ind_series *s = c->series[i];
        double base = NAN;
        if (isfinite(base_x)) {
            long k = ind_series_find(s, (int32_t)base_x);
            base = s->value[k];
        }
        double *y = ys[i] = series_values(c, s, base);
        if (!y) {
            st = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        if (i)
            gp_syntax(&c->b, "\n\n");
        gp_syntaxf(&c->b, "# series_title[%zu]\n", i + 1); /* names stay out of data blocks */
        series_block_rows(c, s, y);
        latest *t = &l[i];
        memset(t, 0, sizeof *t);
        t->x = s->ord[s->n - 1];
        t->y = y[s->n - 1];
        t->lt = (int)(i % 8) + 1;
        value_text(t->y * c->yscale, isfinite(base) ? "" : s->unit, t->text, sizeof t->text);
    }
    gp_block_end(&c->b);
    size_t nseg = 0;
    gp_block_begin(&c->b, "bridge");
    gp_syntax(&c->b, "# x y linetype: dashed segments joining the points either side of a gap\n");
    for (size_t i = 0; st == IND_OK && i < c->n; i++)
        nseg = bridge_rows(c, c->series[i], ys[i], (int)(i % 8) + 1, nseg);
    if (nseg == 0)
        placeholder(c);
    gp_block_end(&c->b);
    c->key_entries += nseg > 0;
    gp_syntaxf(&c->b, "has_bridge = %d\nbridge_title = ", nseg > 0);
    gp_string(&c->b, c->w.bridge);
    gp_syntax(&c->b, "\n");
    for (size_t i = 0; i < c->n; i++)
        free(ys[i]);
    return st;
}

/* The levels drawn as bands: the two widest for one series (widest first), else the first. */
static size_t band_levels(const chart *c, const ind_forecast *f, size_t order[2])
{
    size_t nl = f && f->has_intervals ? f->nlevels : 0, nb = 0;
    if (c->n > 1) {
        order[0] = 0;
        return nl ? 1 : 0;
    }
    /* at most two bands (a fan of more is unreadable): the widest levels, widest first,
       so that the narrower band is drawn over it */
    for (size_t k = 0; k < nl; k++) {
        size_t at = nb < 2 ? nb++ : 2;
        while (at > 0 && f->levels[k] > f->levels[order[at - 1]]) {
            if (at < 2)
                order[at] = order[at - 1];
            at--;
        }
        if (at < 2)
            order[at] = k;
    }
    return nb;
}

/* The forecast's legend text: "Forecast (ETS(M,N,N))", "预测（自动组合）". */
static void forecast_title(const chart *c, const ind_forecast *f, char *out, size_t n)
{
    if (c->zh) {
        const char *name = f && f->method[0] ? ind_label(f->method, IND_LANG_ZH) : NULL;
        if (name)
            snprintf(out, n, "%s（%s）", c->w.forecast, name);
        else
            snprintf(out, n, "%s", c->w.forecast);
    } else if (f && f->model[0] && strlen(f->model) <= 24)
        snprintf(out, n, "%s (%s)", c->w.forecast, f->model);
    else if (f && f->method[0])
        snprintf(out, n, "%s (%s)", c->w.forecast, f->method);
    else
        snprintf(out, n, "%s", c->w.forecast);
}

/* Rows "x mean lo1 hi1 ..." of series i's forecast f, its first row the last observation. */
static void forecast_rows(chart *c, size_t i, const ind_forecast *f, const size_t *order,
                          size_t nb, latest *l)
{
    const ind_series *s = c->series[i];
    double x0 = s->ord[s->n - 1], y0 = sy(c, s->value[s->n - 1]);
    gp_syntaxf(&c->b, "# series_title[%zu]: x mean then lo hi per band (%zu); the first row is "
                      "the last observation\n",
               i + 1, nb);
    gp_number(&c->b, x0);
    gp_syntax(&c->b, " ");
    gp_number(&c->b, y0);
    for (size_t k = 0; k < nb; k++) {
        gp_syntax(&c->b, " ");
        gp_number(&c->b, y0);
        gp_syntax(&c->b, " ");
        gp_number(&c->b, y0);
    }
    gp_syntax(&c->b, "\n");
    for (size_t h = 0; h < f->h; h++) {
        double x = x0 + 1 + (double)h;
        gp_number(&c->b, x);
        gp_syntax(&c->b, " ");
        gp_number(&c->b, sy(c, f->mean[h]));
        extend(c, x, sy(c, f->mean[h]));
        for (size_t k = 0; k < nb; k++) {
            /* a forecast without intervals (too few values) beside others: no band */
            bool has = f->has_intervals && order[k] < f->nlevels;
            double lo = has ? sy(c, f->lo[h * f->nlevels + order[k]]) : sy(c, f->mean[h]);
            double hi = has ? sy(c, f->hi[h * f->nlevels + order[k]]) : sy(c, f->mean[h]);
            gp_syntax(&c->b, " ");
            gp_number(&c->b, lo);
            gp_syntax(&c->b, " ");
            gp_number(&c->b, hi);
            extend(c, x, lo);
            extend(c, x, hi);
        }
        gp_syntax(&c->b, "\n");
    }
    if (c->n > 1) { /* several series: the label goes to the forecast's end */
        l->x = x0 + (double)f->h;
        l->y = sy(c, f->mean[f->h - 1]);
        l->forecast = true;
        value_text(f->mean[f->h - 1], s->unit, l->text, sizeof l->text);
    }
}

static void forecast_data(chart *c, latest *l)
{
    /* every forecast of one chart has the same levels (one request): the first with
       intervals decides */
    const ind_forecast *first = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const ind_forecast *f = forecast_of(c, i);
        if (f && (!first || (!first->has_intervals && f->has_intervals)))
            first = f;
    }
    size_t order[2] = {0, 0}, nb = band_levels(c, first, order);
    c->key_entries += first ? 1 + nb : 0;
    gp_syntaxf(&c->b, "has_forecast = %d\nnbands = %zu\narray has_fc[%zu]\n", first != NULL, nb,
               c->n);
    for (size_t i = 0; i < c->n; i++)
        gp_syntaxf(&c->b, "has_fc[%zu] = %d\n", i + 1, forecast_of(c, i) != NULL);
    gp_syntaxf(&c->b, "array band_title[%zu]\n", nb ? nb : 1);
    if (nb == 0)
        gp_syntax(&c->b, "band_title[1] = ''\n");
    for (size_t k = 0; k < nb; k++) {
        char t[64], lv[40];
        snprintf(lv, sizeof lv, "%g", first->levels[order[k]]);
        dot_decimal(lv);
        snprintf(t, sizeof t, "%s%s", lv, c->w.interval);
        gp_syntaxf(&c->b, "band_title[%zu] = ", k + 1);
        gp_string(&c->b, t);
        gp_syntax(&c->b, "\n");
    }
    char title[160];
    forecast_title(c, first, title, sizeof title);
    gp_syntax(&c->b, "fc_title = ");
    gp_string(&c->b, title);
    gp_syntax(&c->b, "\n");
    gp_block_begin(&c->b, "forecast");
    for (size_t i = 0; i < c->n; i++) {
        const ind_forecast *f = forecast_of(c, i);
        if (i)
            gp_syntax(&c->b, "\n\n");
        if (f)
            forecast_rows(c, i, f, order, nb, &l[i]);
        else
            placeholder(c);
    }
    gp_block_end(&c->b);
}

/* x of period p (a year for a target) in the chart's frequency: its last sub-period. */
static double target_x(const chart *c, ind_period p)
{
    if (p.freq == c->freq)
        return p.ord;
    return (double)(ind_period_year(p) + 1) * c->freq - 1;
}

/* The default legend text of target t. */
static void target_title(const chart *c, const ind_chart_target *t, char *out, size_t n)
{
    const ind_series *s = c->series[t->shared ? 0 : t->series];
    char goal[64], per[PERIOD_TEXT_MAX] = "", who[200] = "", rate[48];
    value_text(t->goal, s->unit, goal, sizeof goal);
    bool marker = t->period.freq != IND_FREQ_UNKNOWN;
    if (marker)
        period_name(c, t->period, per, sizeof per);
    if (c->n > 1 && !t->shared) { /* whose target: "Luohe: " */
        series_title(c, s, who, sizeof who - 8);
        strcat(who, c->w.colon);
    }
    bool zh = c->zh;
    const char *op = t->at_most ? "≤" : "≥";
    if (t->base.freq != IND_FREQ_UNKNOWN) { /* a growth target: its rate and where it leads */
        char from[PERIOD_TEXT_MAX];
        period_name(c, t->base, from, sizeof from);
        value_text(100 * t->rate, "", rate, sizeof rate);
        if (zh)
            snprintf(out, n, "%s%s：%s起年均增长%s%s%%（%s%s）", who, c->w.target, from, op,
                     rate, per, goal);
        else
            snprintf(out, n, "%s%s: %s %s%%/yr from %s → %s in %s", who, c->w.target, op, rate,
                     from, goal, per);
    } else if (zh) {
        snprintf(out, n, "%s%s%s%s", who, per, c->w.target, goal);
    } else {
        snprintf(out, n, "%s%s %s%s%s%s%s", who, c->w.target, goal, per[0] ? " " : "",
                 per[0] ? c->w.by : "", per[0] ? " " : "", per);
    }
}

/*
 * The targets: parameters ntargets, tg_value[t] (the goal), tg_path[t] (1: a
 * growth target, drawn from $tpath index t-1), tg_lt[t] (its colour's
 * linetype: the series' own, vermillion beside a single series, black when
 * shared by several), tg_title[t]; $tpath (x y: base_value (1 + rate)^k for
 * each year k from the base to the target year) and $target (x goal
 * linetype: the stars).
 */
static void target_data(chart *c)
{
    size_t nt = c->ntargets, nmarkers = 0;
    c->key_entries += nt;
    gp_syntaxf(&c->b, "ntargets = %zu\narray tg_value[%zu]\narray tg_path[%zu]\n"
                      "array tg_lt[%zu]\narray tg_title[%zu]\n",
               nt, nt ? nt : 1, nt ? nt : 1, nt ? nt : 1, nt ? nt : 1);
    if (nt == 0)
        gp_syntax(&c->b, "tg_value[1] = 0\ntg_path[1] = 0\ntg_lt[1] = 2\ntg_title[1] = ''\n");
    for (size_t t = 0; t < nt; t++) {
        const ind_chart_target *g = &c->targets[t];
        char title[MAX_LABEL];
        int lt = c->n == 1 ? 2 : g->shared ? 7 : (int)(g->series % 8) + 1;
        if (g->label)
            snprintf(title, sizeof title, "%s", g->label);
        else
            target_title(c, g, title, sizeof title);
        gp_syntaxf(&c->b, "tg_value[%zu] = ", t + 1);
        gp_number(&c->b, sy(c, g->goal));
        gp_syntaxf(&c->b, "\ntg_path[%zu] = %d\ntg_lt[%zu] = %d\ntg_title[%zu] = ", t + 1,
                   g->base.freq != IND_FREQ_UNKNOWN, t + 1, lt, t + 1);
        gp_string(&c->b, title);
        gp_syntax(&c->b, "\n");
        extend(c, NAN, sy(c, g->goal));
        nmarkers += g->period.freq != IND_FREQ_UNKNOWN;
    }
    gp_block_begin(&c->b, "tpath");
    for (size_t t = 0; t < nt; t++) {
        const ind_chart_target *g = &c->targets[t];
        if (t)
            gp_syntax(&c->b, "\n\n");
        if (g->base.freq == IND_FREQ_UNKNOWN || g->period.freq == IND_FREQ_UNKNOWN) {
            placeholder(c);
            continue;
        }
        int y0 = ind_period_year(g->base), years = ind_period_year(g->period) - y0;
        gp_syntaxf(&c->b, "# tg_title[%zu]: the level grown at the rate from %d\n", t + 1, y0);
        for (int k = 0; k <= years; k++) {
            double x = target_x(c, ind_period_make(IND_FREQ_YEAR, y0 + k, 1));
            double y = sy(c, g->base_value * pow(1 + g->rate, k));
            gp_number(&c->b, x);
            gp_syntax(&c->b, " ");
            gp_number(&c->b, y);
            gp_syntax(&c->b, "\n");
            extend(c, x, y);
        }
    }
    if (nt == 0)
        placeholder(c);
    gp_block_end(&c->b);
    gp_syntaxf(&c->b, "has_marker = %d\n", nmarkers > 0);
    gp_block_begin(&c->b, "target");
    for (size_t t = 0; t < nt; t++) {
        const ind_chart_target *g = &c->targets[t];
        if (g->period.freq == IND_FREQ_UNKNOWN)
            continue;
        double x = target_x(c, g->period);
        gp_number(&c->b, x);
        gp_syntax(&c->b, " ");
        gp_number(&c->b, sy(c, g->goal));
        gp_syntaxf(&c->b, " %d\n", c->n == 1 ? 2 : g->shared ? 7 : (int)(g->series % 8) + 1);
        extend(c, x, sy(c, g->goal));
    }
    if (nmarkers == 0)
        placeholder(c);
    gp_block_end(&c->b);
}

/* Trend and compare: lines, bridges, forecasts, targets, then the labels, which need them all. */
static ind_status trend_data(chart *c, ind_error *err)
{
    latest l[64];
    ind_status st = lines_data(c, NAN, l, err);
    if (st != IND_OK)
        return st;
    forecast_data(c, l);
    target_data(c);
    latest_block(c, l, c->n, !(c->opt->kind == IND_CHART_TREND && c->n == 1));
    return IND_OK;
}

/* The first period every series has a value in, or NAN. */
static double common_base(const chart *c)
{
    const ind_series *s0 = c->series[0];
    for (size_t i = 0; i < s0->n; i++) {
        bool all = true;
        for (size_t j = 1; j < c->n && all; j++)
            all = ind_series_find(c->series[j], s0->ord[i]) >= 0;
        if (all)
            return s0->ord[i];
    }
    return NAN;
}

/*
 * The index base (c->base_x), checked before anything uses it: every series
 * needs a positive value there.
 */
static ind_status index_base(chart *c, ind_error *err)
{
    double base_x = c->opt->base.freq ? (double)c->opt->base.ord : common_base(c);
    char per[PERIOD_TEXT_MAX];
    if (c->opt->base.freq && c->opt->base.freq != c->freq)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "the base period must be %s like the series", ind_freq_name(c->freq));
    if (!isfinite(base_x))
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                             "the series share no period to use as the index base");
    ind_period_format((ind_period){c->freq, (int32_t)base_x}, per, sizeof per); /* a message */
    for (size_t i = 0; i < c->n; i++) {
        const ind_series *s = c->series[i];
        long k = ind_series_find(s, (int32_t)base_x);
        char name[256];
        snprintf(name, sizeof name, "%s%s%s", s->name, s->entity[0] ? " / " : "", s->entity);
        if (k < 0)
            return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                                 "%s has no value in the base period %s", name, per);
        if (!(s->value[k] > 0))
            return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                                 "%s is %g in the base period %s; an index needs a positive base",
                                 name, s->value[k], per);
    }
    c->base_x = base_x;
    return IND_OK;
}

static ind_status index_data(chart *c, ind_error *err)
{
    latest l[64];
    double base_x = c->base_x;
    gp_syntax(&c->b, "base_x = ");
    gp_number(&c->b, base_x);
    gp_syntax(&c->b, "\n");
    extend(c, base_x, sy(c, 100));
    ind_status st = lines_data(c, base_x, l, err);
    if (st == IND_OK)
        latest_block(c, l, c->n, true);
    return st;
}

/*
 * The change on a year earlier of observation i as a bar: in % (growth.h's
 * year-on-year rate) or, with pp, in percentage points; NAN when undefined.
 */
static double bar_value(const chart *c, const ind_series *s, size_t i)
{
    ind_growth_row row;
    ind_growth_detail_row(s, NULL, i, &row);
    if (c->opt->pp)
        return row.change.defined ? row.change.value : NAN;
    return row.yoy.defined ? 100.0 * row.yoy.value : NAN;
}

/* One series' bars and reference line (CAGR, or with pp the average change a year). */
typedef struct bar_set {
    double *v;   /* [s->n]: the bar of each observation, NAN where none */
    size_t n;    /* bars */
    bool has_ref;
    double ref;  /* the reference line's value */
    char ref_text[MAX_LABEL]; /* "CAGR 2020–2024: 2.89%/yr" */
} bar_set;

static ind_status bars_of(chart *c, const ind_series *s, bar_set *b)
{
    memset(b, 0, sizeof *b);
    if (!(b->v = malloc(s->n * sizeof *b->v)))
        return IND_E_NOMEM;
    for (size_t j = 0; j < s->n; j++)
        if (isfinite(b->v[j] = bar_value(c, s, j)))
            b->n++;
    ind_growth_summary sum;
    ind_growth_summarize(s, NULL, &sum, NULL);
    ind_figure g = !sum.has_window ? (ind_figure){false, 0, "no window"}
                   : c->opt->pp    ? sum.change_per_year
                                   : sum.cagr;
    ind_period a = sum.has_window ? sum.start : ind_series_period(s, 0);
    ind_period z = sum.has_window ? sum.end : ind_series_period(s, s->n - 1);
    char pa[PERIOD_TEXT_MAX], pz[PERIOD_TEXT_MAX], rate[48];
    period_name(c, a, pa, sizeof pa);
    period_name(c, z, pz, sizeof pz);
    b->has_ref = g.defined;
    b->ref = g.defined ? (c->opt->pp ? g.value : 100.0 * g.value) : 0;
    value_text(b->ref, "", rate, sizeof rate);
    snprintf(b->ref_text, sizeof b->ref_text, "%s %s–%s%s%s%s",
             c->opt->pp ? c->w.avg_change : c->w.cagr, pa, pz, c->w.colon, rate,
             c->opt->pp ? c->w.pp_per_year : c->w.per_year);
    return IND_OK;
}

/* Whether series k has a bar at ordinal ord. */
static bool has_bar(const chart *c, const bar_set *b, size_t k, int32_t ord)
{
    long j = ind_series_find(c->series[k], ord);
    return j >= 0 && isfinite(b[k].v[j]);
}

/*
 * Where bar j of series i stands: the bars of one period form a cluster
 * centred on it, in series order, so a period with one bar has it centred.
 */
static double bar_x(const chart *c, const bar_set *b, size_t i, int32_t ord, double width)
{
    size_t m = 0, rank = 0;
    for (size_t k = 0; k < c->n; k++)
        if (has_bar(c, b, k, ord)) {
            rank += k < i;
            m++;
        }
    return ord + ((double)rank - (double)(m - 1) / 2) * width;
}

/*
 * The height of the label of a bar of value v: just beyond the bar's end,
 * moved past any reference line it would sit on (a label hides the line
 * and reads as its value).
 */
static double bar_label_y(const chart *c, const bar_set *b, double v, double gap, double h)
{
    double sign = v >= 0 ? 1 : -1, y = v + sign * gap;
    for (size_t pass = 0; pass < c->n; pass++) {
        bool moved = false;
        for (size_t k = 0; k < c->n; k++) {
            double r = sy(c, b[k].ref);
            if (b[k].has_ref && fabs(y - r) < 0.75 * h) {
                y = r + sign * 0.8 * h;
                moved = true;
            }
        }
        if (!moved)
            break;
    }
    return y;
}

static ind_status growth_data(chart *c, ind_error *err)
{
    bar_set b[64];
    size_t nbars = 0, nslots = 1;
    ind_status st = IND_OK;
    if (c->opt->pp)
        for (size_t i = 0; i < c->n; i++)
            if (!ind_series_is_percent(c->series[i]))
                return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                     "percentage-point changes need a series in %%; %s%s%s is "
                                     "in '%s'",
                                     c->series[i]->name, c->series[i]->entity[0] ? " / " : "",
                                     c->series[i]->entity, c->series[i]->unit);
    size_t made = 0;
    for (; made < c->n && st == IND_OK; made++)
        st = bars_of(c, c->series[made], &b[made]);
    if (st != IND_OK) {
        st = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    /* the extent, and the widest cluster, which sets the bars' width */
    for (size_t i = 0; i < c->n; i++) {
        const ind_series *s = c->series[i];
        for (size_t j = 0; j < s->n; j++) {
            if (!isfinite(b[i].v[j]))
                continue;
            size_t m = 0;
            for (size_t k = 0; k < c->n; k++)
                m += has_bar(c, b, k, s->ord[j]);
            nslots = m > nslots ? m : nslots;
            extend(c, s->ord[j] - 0.5, sy(c, b[i].v[j]));
            extend(c, s->ord[j] + 0.5, 0);
            nbars++;
        }
        if (b[i].has_ref)
            extend(c, NAN, sy(c, b[i].ref));
    }
    if (nbars == 0) {
        st = ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                           c->opt->pp ? "no change on a year earlier can be computed: each "
                                        "series needs values a year apart"
                                      : "no year-on-year change can be computed: each series "
                                        "needs values a year apart, the earlier one positive");
        goto out;
    }
    double width = 0.8 / (double)nslots, gap = 0.035 * yspan(c);
    double h = text_height(c, 0.8 * font_size(c->opt));
    gp_block_begin(&c->b, "growth");
    for (size_t i = 0; i < c->n; i++) {
        const ind_series *s = c->series[i];
        if (i)
            gp_syntax(&c->b, "\n\n");
        gp_syntaxf(&c->b, "# series_title[%zu]: x change label_y label\n", i + 1);
        for (size_t j = 0; j < s->n; j++) {
            if (!isfinite(b[i].v[j]))
                continue;
            char per[IND_PERIOD_TEXT_MAX], text[48];
            ind_period_format(ind_series_period(s, j), per, sizeof per);
            value_text(b[i].v[j], "", text, sizeof text);
            double y = sy(c, b[i].v[j]), ly = bar_label_y(c, b, y, gap, h);
            gp_number(&c->b, bar_x(c, b, i, s->ord[j], width));
            gp_syntax(&c->b, " ");
            gp_number(&c->b, y);
            gp_syntax(&c->b, " ");
            gp_number(&c->b, ly);
            gp_syntax(&c->b, " ");
            gp_block_text(&c->b, text);
            gp_syntax(&c->b, " # ");
            gp_block_text(&c->b, per);
            gp_syntax(&c->b, "\n");
            extend(c, NAN, ly + (ly >= 0 ? h / 2 : -h / 2));
        }
        if (!b[i].n)
            placeholder(c);
    }
    gp_block_end(&c->b);
    gp_syntaxf(&c->b, "array has_bars[%zu]\n", c->n);
    for (size_t i = 0; i < c->n; i++)
        gp_syntaxf(&c->b, "has_bars[%zu] = %d\n", i + 1, b[i].n > 0);
    gp_syntaxf(&c->b, "bar_width = ");
    gp_number(&c->b, width);
    gp_syntaxf(&c->b, "\nhas_bar_labels = %d\n", nbars <= 40);
    gp_syntaxf(&c->b, "array cagr[%zu]\narray has_cagr[%zu]\narray cagr_title[%zu]\n", c->n, c->n,
               c->n);
    for (size_t i = 0; i < c->n; i++) {
        const ind_series *s = c->series[i];
        char title[MAX_LABEL];
        snprintf(title, sizeof title, "%s%s%s", c->n > 1 ? s->entity : "",
                 c->n > 1 && s->entity[0] ? " " : "", b[i].ref_text);
        gp_syntaxf(&c->b, "has_cagr[%zu] = %d\ncagr[%zu] = ", i + 1, b[i].has_ref, i + 1);
        gp_number(&c->b, sy(c, b[i].ref));
        if (c->n > 1 && b[i].n > 0 && b[i].has_ref) {
            /* several series: a series with bars carries its reference line in its own
               legend entry (the dashed line has its colour), one entry a series */
            char name[MAX_LABEL], both[2 * MAX_LABEL];
            series_title(c, s, name, sizeof name);
            snprintf(both, sizeof both, c->zh ? "%s（%s）" : "%s (%s)", name,
                     b[i].ref_text);
            gp_syntaxf(&c->b, "\nseries_title[%zu] = ", i + 1);
            gp_string(&c->b, both);
            title[0] = '\0';
        }
        gp_syntaxf(&c->b, "\ncagr_title[%zu] = ", i + 1);
        gp_string(&c->b, title);
        gp_syntax(&c->b, "\n");
    }
out:
    for (size_t i = 0; i < made; i++)
        free(b[i].v);
    return st;
}

/* ---- axes ---- */

/* Tick step in periods: the first of the nice steps giving at most max ticks. */
static int tick_step(ind_freq freq, double span, int max)
{
    static const int years[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000};
    static const int halves[] = {1, 2, 4, 10, 20, 40, 100, 200, 1000};
    static const int quarters[] = {1, 2, 4, 8, 20, 40, 100, 200, 1000};
    static const int months[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    const int *steps = freq == IND_FREQ_HALF      ? halves
                       : freq == IND_FREQ_QUARTER ? quarters
                       : freq == IND_FREQ_MONTH   ? months
                                                  : years;
    size_t n = freq == IND_FREQ_HALF || freq == IND_FREQ_QUARTER ? 9 : 11;
    for (size_t i = 0; i < n; i++)
        if (span / steps[i] + 1 <= max)
            return steps[i];
    return steps[n - 1];
}

static void axes(chart *c, bool bars)
{
    double lo = ceil(c->xmin), hi = floor(c->xmax);
    /* as many ticks as labels fit: a label is its characters plus a 2 em gap, at about 0.55 em
       a character, the font size in pixels, on a plot about 85% of the width */
    char sample[PERIOD_TEXT_MAX];
    period_text(c, hi, sample, sizeof sample);
    double em = font_size(c->opt), label = (0.55 * (double)text_width(sample) + 2.0) * em;
    int max = (int)(0.85 * c->opt->width / label);
    int step = tick_step(c->freq, hi - lo, max > 3 ? max : 3);
    gp_syntax(&c->b, "# period axis: ticks at whole periods only, labelled as periods\nset xtics (");
    int k = 0;
    for (double x = lo; x <= hi; x++) {
        long ord = (long)x;
        if (((ord % step) + step) % step != 0)
            continue;
        char per[PERIOD_TEXT_MAX];
        period_text(c, x, per, sizeof per);
        if (k++)
            gp_syntax(&c->b, ", ");
        gp_string(&c->b, per);
        gp_syntaxf(&c->b, " %ld", ord);
    }
    gp_syntax(&c->b, ")\n");
    double pad_l = bars ? 0.1 : 0.5, pad_r = bars ? 0.1 : 0.5;
    if (c->right_label > 0) {
        /* room for the labels: r periods of S + r on the plot's width take their pixels */
        double need = (0.55 * (double)c->right_label + 1.5) * em, plot = 0.85 * c->opt->width;
        double S = c->xmax - c->xmin + 1;
        pad_r += need < plot / 2 ? need * S / (plot - need) : S;
    }
    double span = yspan(c);
    double ylo = c->ymin - 0.08 * span, yhi = c->ymax + 0.12 * span;
    if (bars && c->ymin >= 0)
        ylo = 0;
    if (c->opt->kind == IND_CHART_TREND || c->opt->kind == IND_CHART_COMPARE) {
        /* values that are all positive keep a floor at zero when it is near */
        if (c->ymin >= 0 && ylo < 0)
            ylo = 0;
    }
    gp_syntax(&c->b, "xmin = ");
    gp_number(&c->b, c->xmin - pad_l);
    gp_syntax(&c->b, "\nxmax = ");
    gp_number(&c->b, c->xmax + pad_r);
    gp_syntax(&c->b, "\nymin = ");
    gp_number(&c->b, ylo);
    gp_syntax(&c->b, "\nymax = ");
    gp_number(&c->b, yhi);
    gp_syntax(&c->b, "\n");
}

/* ---- the whole script ---- */

static ind_status check(const ind_series *const *series, size_t n, const ind_chart_options *opt,
                        ind_error *err)
{
    if (n == 0)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "no series to chart");
    if (n > 64)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "%zu series are too many for one chart (at most 64)", n);
    if (opt->output && !opt->output[0])
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "an empty output file name");
    if (opt->width < 200 || opt->width > 10000 || opt->height < 200 || opt->height > 10000)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "chart size %dx%d is outside 200..10000 pixels", opt->width,
                             opt->height);
    for (size_t i = 0; i < n; i++) {
        if (series[i]->n == 0)
            return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "series %s%s%s has no values",
                                 series[i]->name, series[i]->entity[0] ? " / " : "",
                                 series[i]->entity);
        if (series[i]->freq != series[0]->freq)
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "series %s%s%s is %s but %s is %s; chart one frequency at a time",
                                 series[i]->name, series[i]->entity[0] ? " / " : "",
                                 series[i]->entity, ind_freq_name(series[i]->freq), series[0]->name,
                                 ind_freq_name(series[0]->freq));
    }
    bool lines = opt->kind == IND_CHART_TREND || opt->kind == IND_CHART_COMPARE;
    bool has_fc = opt->forecast || opt->forecasts;
    if ((has_fc || opt->target || opt->ntargets) && !lines)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "forecasts and targets are drawn on trend and compare charts");
    if (opt->ntargets > 64 || (opt->ntargets && !opt->targets))
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "at most 64 targets on one chart");
    if (opt->pp && opt->kind != IND_CHART_GROWTH)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "percentage-point changes are drawn on a growth chart");
    const ind_chart_target *t = opt->targets ? opt->targets : opt->target;
    size_t nt = opt->targets ? opt->ntargets : opt->target != NULL;
    for (size_t k = 0; k < nt; k++) {
        if (!isfinite(t[k].goal))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "the target goal is not a number");
        if (!t[k].shared && t[k].series >= n)
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "a target belongs to series %zu of %zu", t[k].series + 1, n);
        if (t[k].base.freq != IND_FREQ_UNKNOWN &&
            (t[k].period.freq == IND_FREQ_UNKNOWN || !isfinite(t[k].base_value) ||
             !isfinite(t[k].rate) || t[k].rate <= -1 ||
             ind_period_year(t[k].period) < ind_period_year(t[k].base) ||
             ind_period_year(t[k].period) - ind_period_year(t[k].base) > 1000))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                                 "a growth target needs a base level, a rate above -100%% and "
                                 "a target year after its base year");
    }
    for (size_t i = 0; i < n; i++) {
        const ind_forecast *f = opt->forecasts ? opt->forecasts[i] : i ? NULL : opt->forecast;
        if (f && (f->h == 0 || !f->mean || (f->has_intervals && (!f->lo || !f->hi))))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "the forecast has no values");
    }
    return IND_OK;
}

static void parameters(chart *c, const char *title, const char *ylabel)
{
    const ind_chart_options *opt = c->opt;
    static const char *const terms[] = {"png", "svg", "pdf"};
    gp_script *b = &c->b;
    gp_comment(b, opt->command ? "Generated by `indicators chart`:" : "Generated by `indicators chart`");
    if (opt->command)
        gp_comment(b, opt->command);
    gp_syntax(b, "# Rerun with: gnuplot THIS-FILE (edit the parameters, the data or the\n"
                "# template parts below as you like).\n\n# ---- parameters ----\n");
    gp_syntax(b, "term_type = ");
    gp_string(b, terms[opt->format]);
    gp_syntax(b, "\nout_file = ");
    if (opt->output)
        gp_path(b, opt->output);
    else
        gp_syntax(b, "''");
    gp_syntaxf(b, "\nwidth = %d\nheight = %d\nfont_name = ", opt->width, opt->height);
    gp_string(b, opt->font ? opt->font : DEFAULT_FONT);
    gp_syntax(b, "\nfont_size = ");
    gp_number(b, font_size(opt));
    gp_syntax(b, "\nchart_title = ");
    gp_string(b, title);
    gp_syntax(b, "\nvalue_label = ");
    gp_string(b, ylabel);
    gp_syntax(b, "\nperiod_label = ''\nsource_text = ");
    gp_string(b, opt->source ? opt->source : "");
    gp_syntaxf(b, "\nnseries = %zu\narray series_title[%zu]\n", c->n, c->n);
    for (size_t i = 0; i < c->n; i++) {
        char t[MAX_LABEL];
        series_title(c, c->series[i], t, sizeof t);
        gp_syntaxf(b, "series_title[%zu] = ", i + 1);
        gp_string(b, t);
        gp_syntax(b, "\n");
    }
}

static void value_axis_label(const chart *c, char *out, size_t n)
{
    const ind_chart_options *opt = c->opt;
    const char *unit = c->series[0]->unit;
    for (size_t i = 1; i < c->n; i++)
        if (strcmp(c->series[i]->unit, unit) != 0)
            unit = "";
    if (opt->ylabel)
        snprintf(out, n, "%s", opt->ylabel);
    else if (opt->kind == IND_CHART_GROWTH)
        snprintf(out, n, "%s", opt->pp ? c->w.pp_axis : c->w.yoy);
    else if (opt->kind == IND_CHART_INDEX) {
        char per[PERIOD_TEXT_MAX];
        period_text(c, c->base_x, per, sizeof per);
        snprintf(out, n, "%s (%s = 100)", c->w.index_of, per);
    } else
        snprintf(out, n, "%s", unit);
}

/* Parameters, data and axes of the chart (without the templates) into c->b. */
static ind_status chart_body(chart *c, ind_error *err)
{
    const ind_chart_options *opt = c->opt;
    char title[MAX_LABEL], ylabel[MAX_LABEL];
    if (opt->title)
        snprintf(title, sizeof title, "%s", opt->title);
    else
        default_title(c, title, sizeof title);
    value_axis_label(c, ylabel, sizeof ylabel);
    if (c->yscale != 1) { /* the axis shows values divided by it */
        size_t len = strlen(ylabel);
        snprintf(ylabel + len, sizeof ylabel - len, "%s×%.0e", len ? " " : "", c->yscale);
        dot_decimal(ylabel);
    }
    parameters(c, title, ylabel);
    gp_syntax(&c->b, "\n# ---- data (C-locale numbers; x is the period ordinal, the year for annual "
                     "data;\n# a blank line is a gap, two blank lines start the next series) ----\n");
    ind_status st;
    switch (opt->kind) {
    case IND_CHART_TREND:
    case IND_CHART_COMPARE:
        st = trend_data(c, err);
        break;
    case IND_CHART_GROWTH:
        st = growth_data(c, err);
        break;
    case IND_CHART_INDEX:
        st = index_data(c, err);
        break;
    default:
        st = ind_error_set(err, IND_E_ARG, NULL, 0, 0, "unknown chart kind %d", (int)opt->kind);
    }
    if (st == IND_OK)
        axes(c, opt->kind == IND_CHART_GROWTH);
    return st;
}

/* A chart state with nothing drawn yet. */
static void chart_reset(chart *c, double yscale)
{
    free(c->b.s);
    memset(&c->b, 0, sizeof c->b);
    c->xmin = c->ymin = INFINITY;
    c->xmax = c->ymax = -INFINITY;
    c->right_label = 0;
    c->key_entries = 0;
    c->yscale = yscale;
}

ind_status ind_chart_build(const ind_series *const *series, size_t nseries,
                           const ind_chart_options *opt, const char *template_dir, char **script,
                           ind_error *err)
{
    *script = NULL;
    ind_status st = check(series, nseries, opt, err);
    if (st != IND_OK)
        return st;
    chart c;
    memset(&c, 0, sizeof c);
    c.opt = opt;
    c.series = series;
    c.n = nseries;
    c.freq = series[0]->freq;
    c.zh = opt->lang == IND_CHART_ZH;
    c.w = words_in(c.zh ? IND_LANG_ZH : IND_LANG_EN);
    c.targets = opt->targets ? opt->targets : opt->target;
    c.ntargets = opt->targets ? opt->ntargets : opt->target != NULL;
    chart_reset(&c, 1);
    if (opt->kind == IND_CHART_INDEX && (st = index_base(&c, err)) != IND_OK)
        return st;
    st = chart_body(&c, err);
    /* values beyond what gnuplot's axes hold (near DBL_MAX): drawn again in units of a
       power of ten, which the axis label names */
    double size = fmax(fabs(c.ymin), fabs(c.ymax));
    if (st == IND_OK && isfinite(size) && size > Y_MAX_DRAWN) {
        chart_reset(&c, pow(10, floor(log10(size))));
        st = chart_body(&c, err);
    }
    if (st != IND_OK)
        goto out;
    st = append_template(&c.b, template_dir, COMMON_TEMPLATE, err);
    if (st == IND_OK)
        st = append_template(&c.b, template_dir, kinds[opt->kind].template_file, err);
    if (st == IND_OK && gp_failed(&c.b))
        st = ind_error_set(err,
                           strcmp(gp_failed(&c.b), "out of memory") == 0 ? IND_E_NOMEM : IND_E_ARG,
                           NULL, 0, 0, "%s", gp_failed(&c.b));
out:
    if (st == IND_OK)
        *script = c.b.s;
    else
        free(c.b.s);
    return st;
}

bool ind_chart_output_complete(ind_chart_format format, const unsigned char *tail, size_t n)
{
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    if (format == IND_CHART_PNG) /* the IEND chunk closes every PNG */
        return n >= sizeof iend && memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0;
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    const char *end = format == IND_CHART_SVG ? "</svg>" : "%%EOF";
    size_t len = strlen(end);
    return n >= len && memcmp(tail + n - len, end, len) == 0;
}
