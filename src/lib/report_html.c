/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_html.c - the report as one self-contained HTML page, written
 * through the HTML writer (html.h) only: inline style sheet (system fonts
 * with CJK fallbacks, a print sheet for A4), a content security policy that
 * forbids every load and script, the table of contents, the headline table,
 * one collapsible section per series with its inline SVG chart, and the
 * appendix. Number cells carry their exact value (data-value, as the CSV of
 * the growth, forecast and target commands has it) beside the rounded text,
 * so that tests compare the report with those commands.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indicators/html.h"
#include "indicators/output.h"
#include "indicators/version.h"
#include "report_int.h"

static const char css[] =
    ":root{--ok:#1a7f37;--risk:#9a6700;--off:#cf222e;--na:#57606a;--line:#d0d7de}"
    "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Helvetica Neue',Arial,"
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB',"
    "'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;max-width:1100px;margin:0 auto;"
    "padding:1rem 1.5rem;color:#1f2328;line-height:1.5}"
    "h1{font-size:1.8rem;margin:.3rem 0}h2{font-size:1.3rem;margin:.2rem 0;display:inline}"
    "h3{font-size:1.05rem;margin:1rem 0 .3rem}h4{font-size:1rem;margin:.6rem 0 .2rem}"
    ".meta{color:var(--na)}"
    "table{border-collapse:collapse;margin:.4rem 0;font-variant-numeric:tabular-nums}"
    "th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}"
    "th{background:#f6f8fa;font-weight:600}td.n{text-align:right;white-space:nowrap}"
    ".verdict{font-weight:700;white-space:nowrap}"
    ".v-achieved,.v-on-track{color:var(--ok)}.v-at-risk{color:var(--risk);font-style:italic}"
    ".v-off-track{color:var(--off);text-decoration:underline}"
    ".v-cannot-assess{color:var(--na);font-weight:400}"
    "figure.chart{margin:.5rem 0}figure.chart svg{width:100%;max-width:960px;height:auto}"
    "details>summary{cursor:pointer;padding:.3rem 0}section{margin:1rem 0}"
    "nav.toc ol{columns:2;column-gap:2rem}nav.toc li{break-inside:avoid}"
    ".notes{font-size:.92rem;color:#424a53;margin:.2rem 0}.unit{color:var(--na)}"
    "@media print{@page{size:A4;margin:14mm}"
    "body{max-width:none;padding:0;font-size:10pt}"
    "nav.toc{break-after:page}section.indicator,section.appendix{break-before:page}"
    "table,figure,tr,.target{break-inside:avoid}h2,h3,h4{break-after:avoid}"
    "details::details-content{content-visibility:visible;display:contents}"
    "details>summary{list-style:none}a{color:inherit;text-decoration:none}"
    "figure.chart svg{max-width:100%}}";

/* Nothing may load and nothing may run, whatever slipped into the page. */
static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

static void section_id(size_t i, char *buf, size_t n)
{
    snprintf(buf, n, "s-%zu", i + 1);
}

/* A cell holding text and the exact number it shows (data-value). */
/* A number's cell: its text ("n/a" in the report's language) and its exact value. */
static void num_cell(const ind_report *r, ind_html *h, const char *key, const char *text,
                     bool defined, double value)
{
    char exact[32];
    if (defined)
        ind_format_double(value, exact, sizeof exact);
    ind_html_element(h, "td", report_text(r, text), "class", "n", "data-key", key, "data-value",
                     defined ? exact : NULL, NULL);
}

static void rate_cell(const ind_report *r, ind_html *h, const char *key, const ind_figure *f)
{
    char text[32];
    num_cell(r, h, key, report_rate(r, f, text, sizeof text), f->defined, 100 * f->value);
}

static void verdict_span(const ind_report *r, ind_html *h, const rtarget *rt)
{
    ind_html_open(h, "span", "class", report_verdict_class(rt->a.verdict), "data-key", "verdict",
                  "data-value", ind_verdict_name(rt->a.verdict), NULL);
    ind_html_textf(h, "%s %s%s", report_verdict_mark(rt->a.verdict),
                   report_verdict(r, rt->a.verdict), rt->a.disagree[0] ? " *" : "");
    ind_html_close(h, "span");
}

static void head(const ind_report *r, ind_html *h)
{
    const char *title = r->title ? r->title : report_word(r, W_TITLE);
    ind_html_doctype(h);
    ind_html_open(h, "html", "lang", r->opt.lang == IND_LANG_ZH ? "zh-CN" : "en", NULL);
    ind_html_newline(h);
    ind_html_open(h, "head", NULL);
    ind_html_open(h, "meta", "charset", "utf-8", NULL);
    ind_html_open(h, "meta", "http-equiv", "Content-Security-Policy", "content", csp, NULL);
    ind_html_open(h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1",
                  NULL);
    ind_html_open(h, "meta", "name", "generator", "content", "indicators " IND_VERSION, NULL);
    ind_html_newline(h);
    ind_html_element(h, "title", title, NULL);
    ind_html_style(h, css);
    ind_html_close(h, "head");
    ind_html_newline(h);
    ind_html_open(h, "body", NULL);
    ind_html_open(h, "header", NULL);
    ind_html_element(h, "h1", title, NULL);
    ind_html_open(h, "p", "class", "meta", NULL);
    for (size_t k = 0; k < r->ninputs; k++)
        ind_html_textf(h, "%s%s", k ? ", " : "", r->inputs[k].path);
    if (r->date)
        ind_html_textf(h, " · %s %s", report_word(r, W_DATE), r->date);
    ind_html_close(h, "p");
    ind_html_close(h, "header");
    ind_html_newline(h);
}

static void toc(const ind_report *r, ind_html *h)
{
    char id[32], title[600];
    ind_html_open(h, "nav", "class", "toc", NULL);
    ind_html_element(h, "h2", report_word(r, W_CONTENTS), NULL);
    ind_html_open(h, "ol", NULL);
    ind_html_open(h, "li", NULL);
    ind_html_element(h, "a", report_word(r, W_HEADLINE), "href", "#headline", NULL);
    ind_html_close(h, "li");
    for (size_t i = 0; i < r->nsections; i++) {
        char href[40];
        section_id(i, id, sizeof id);
        snprintf(href, sizeof href, "#%s", id);
        ind_html_open(h, "li", NULL);
        ind_html_element(h, "a", report_series_title(r->sections[i].s, title, sizeof title),
                         "href", href, NULL);
        ind_html_close(h, "li");
        ind_html_newline(h);
    }
    ind_html_open(h, "li", NULL);
    ind_html_element(h, "a", report_word(r, W_METHODS), "href", "#methods", NULL);
    ind_html_close(h, "li");
    ind_html_close(h, "ol");
    ind_html_close(h, "nav");
    ind_html_newline(h);
}

/* ---- the headline table ---- */

static void target_cells(const ind_report *r, ind_html *h, const rsection *sec)
{
    char buf[256];
    ind_html_open(h, "td", NULL);
    for (size_t k = 0; k < sec->ntargets; k++) {
        const rtarget *rt = &r->targets[sec->targets[k]];
        ind_html_open(h, "div", "data-target", rt->t.text, NULL);
        ind_html_textf(h, "%s (%d)", ind_target_goal_text(&rt->t, 0, buf, sizeof buf), rt->t.year);
        ind_html_close(h, "div");
    }
    if (!sec->ntargets)
        ind_html_text(h, "—");
    ind_html_close(h, "td");
    ind_html_open(h, "td", "class", "n", NULL);
    for (size_t k = 0; k < sec->ntargets; k++) {
        const ind_figure *p = &r->targets[sec->targets[k]].a.probability;
        char exact[32];
        if (p->defined) {
            snprintf(buf, sizeof buf, "%.0f%%", 100 * p->value);
            ind_format_double(100 * p->value, exact, sizeof exact);
        }
        ind_html_element(h, "div", p->defined ? buf : report_text(r, "n/a"), "data-key", "probability_pct",
                         "data-value", p->defined ? exact : NULL, NULL);
    }
    ind_html_close(h, "td");
    ind_html_open(h, "td", NULL);
    for (size_t k = 0; k < sec->ntargets; k++) {
        ind_html_open(h, "div", NULL);
        verdict_span(r, h, &r->targets[sec->targets[k]]);
        ind_html_close(h, "div");
    }
    ind_html_close(h, "td");
}

static void headline_row(const ind_report *r, ind_html *h, size_t i)
{
    const rsection *sec = &r->sections[i];
    const ind_growth_summary *g = &sec->g;
    char id[40], buf[256];
    section_id(i, id + 1, sizeof id - 1);
    id[0] = '#';
    ind_html_open(h, "tr", "data-file", r->inputs[sec->input].path, "data-series", sec->s->name,
                  "data-entity", sec->s->entity, NULL);
    ind_html_open(h, "td", NULL);
    ind_html_element(h, "a", sec->s->label[0] ? sec->s->label : sec->s->name, "href", id, NULL);
    ind_html_close(h, "td");
    ind_html_element(h, "td", sec->s->entity, NULL);
    num_cell(r, h, "latest", g->latest.defined ? report_value(r, sec->s, g->latest.value, buf, sizeof buf) : "n/a",
             g->latest.defined, g->latest.value);
    ind_html_element(h, "td", g->has_end ? report_period(r, g->end, buf, sizeof buf) : "", NULL);
    rate_cell(r, h, "yoy_pct", &g->yoy);
    rate_cell(r, h, "cagr_pct", &g->cagr);
    target_cells(r, h, sec);
    ind_html_close(h, "tr");
    ind_html_newline(h);
}

static void headline(const ind_report *r, ind_html *h)
{
    static const rword cols[] = {W_INDICATOR, W_ENTITY, W_LATEST, W_PERIOD, W_YOY,
                                 W_CAGR,      W_TARGET, W_PMEET,  W_VERDICT};
    ind_html_open(h, "section", "id", "headline", NULL);
    ind_html_element(h, "h2", report_word(r, W_HEADLINE), NULL);
    ind_html_open(h, "table", "class", "headline", NULL);
    ind_html_open(h, "thead", NULL);
    ind_html_open(h, "tr", NULL);
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        ind_html_element(h, "th", report_word(r, cols[c]), NULL);
    ind_html_close(h, "tr");
    ind_html_close(h, "thead");
    ind_html_newline(h);
    ind_html_open(h, "tbody", NULL);
    for (size_t i = 0; i < r->nsections; i++)
        headline_row(r, h, i);
    ind_html_close(h, "tbody");
    ind_html_close(h, "table");
    ind_html_close(h, "section");
    ind_html_newline(h);
}

/* ---- one section per series ---- */

static void figure_row(const ind_report *r, ind_html *h, const char *label, const char *key,
                       const char *text, const ind_figure *f, double scale)
{
    char why[256];
    ind_html_open(h, "tr", NULL);
    ind_html_element(h, "th", label, NULL);
    num_cell(r, h, key, f->defined ? text : report_reason(r, f->why, why, sizeof why), f->defined,
             scale * f->value);
    ind_html_close(h, "tr");
}

static void growth_table(const ind_report *r, ind_html *h, const rsection *sec)
{
    const ind_growth_summary *g = &sec->g;
    char buf[128], v[64], p[32];
    ind_html_open(h, "table", "class", "figures", "data-series", sec->s->name, "data-entity",
                  sec->s->entity, NULL);
    if (g->first.defined && g->has_window)
        snprintf(buf, sizeof buf, "%s (%s)", report_value(r, sec->s, g->first.value, v, sizeof v),
                 report_period(r, g->start, p, sizeof p));
    figure_row(r, h, report_word(r, W_FIRST), "first", buf, &g->first, 1);
    if (g->latest.defined && g->has_end)
        snprintf(buf, sizeof buf, "%s (%s)", report_value(r, sec->s, g->latest.value, v, sizeof v),
                 report_period(r, g->end, p, sizeof p));
    figure_row(r, h, report_word(r, W_LATEST), "latest", buf, &g->latest, 1);
    figure_row(r, h, report_word(r, W_YOY), "yoy_pct", report_rate(r, &g->yoy, buf, sizeof buf),
               &g->yoy, 100);
    figure_row(r, h, report_word(r, W_CAGR), "cagr_pct", report_rate(r, &g->cagr, buf, sizeof buf),
               &g->cagr, 100);
    if (g->pp.defined) {
        snprintf(buf, sizeof buf, "%+.2f", g->pp.value);
        figure_row(r, h, report_word(r, W_PP), "pp", buf, &g->pp, 1);
    } else if (g->change.defined) {
        report_value(r, sec->s, g->change.value, buf, sizeof buf);
        figure_row(r, h, report_word(r, W_CHANGE), "change", buf, &g->change, 1);
    }
    snprintf(buf, sizeof buf, "%.2f", g->multiple.value);
    figure_row(r, h, report_word(r, W_MULTIPLE), "multiple", buf, &g->multiple, 1);
    snprintf(buf, sizeof buf, "%.1f", g->doubling_time.value);
    figure_row(r, h, report_word(r, W_DOUBLING), "doubling_years", buf, &g->doubling_time, 1);
    ind_html_close(h, "table");
    ind_html_newline(h);
}

static void forecast_table(const ind_report *r, ind_html *h, const rsection *sec)
{
    const ind_forecast *f = &sec->f;
    char buf[64], key[16];
    ind_html_element(h, "h3", report_word(r, W_FORECAST), NULL);
    if (!sec->has_forecast) {
        ind_html_element(h, "p", sec->forecast_why, "class", "notes", NULL);
        return;
    }
    ind_html_open(h, "p", NULL);
    ind_html_textf(h, "%s: %s (%s)", report_word(r, W_METHOD), f->method, f->model);
    ind_html_close(h, "p");
    if (f->note[0])
        ind_html_element(h, "p", f->note, "class", "notes", NULL);
    ind_html_open(h, "table", "class", "forecast", "data-series", sec->s->name, "data-entity",
                  sec->s->entity, NULL);
    ind_html_open(h, "tr", NULL);
    ind_html_element(h, "th", report_word(r, W_PERIOD), NULL);
    ind_html_element(h, "th", report_word(r, W_FORECAST), NULL);
    for (size_t k = 0; f->has_intervals && k < f->nlevels; k++) {
        ind_html_open(h, "th", NULL);
        ind_html_textf(h, "%g %% lo", f->levels[k]);
        ind_html_close(h, "th");
        ind_html_open(h, "th", NULL);
        ind_html_textf(h, "%g %% hi", f->levels[k]);
        ind_html_close(h, "th");
    }
    ind_html_close(h, "tr");
    int32_t last = sec->s->ord[sec->s->n - 1];
    for (size_t i = 0; i < f->h; i++) {
        ind_period p = {sec->s->freq, last + (int32_t)i + 1};
        char period[IND_PERIOD_TEXT_MAX];
        ind_period_format(p, period, sizeof period);
        ind_html_open(h, "tr", "data-period", period, NULL);
        ind_html_element(h, "td", period, NULL);
        ind_target_value_text(f->mean[i], 0, buf, sizeof buf);
        num_cell(r, h, "forecast", buf, true, f->mean[i]);
        for (size_t k = 0; f->has_intervals && k < f->nlevels; k++) {
            double lo = f->lo[i * f->nlevels + k], hi = f->hi[i * f->nlevels + k];
            snprintf(key, sizeof key, "lo%g", f->levels[k]);
            ind_target_value_text(lo, 0, buf, sizeof buf);
            num_cell(r, h, key, buf, true, lo);
            snprintf(key, sizeof key, "hi%g", f->levels[k]);
            ind_target_value_text(hi, 0, buf, sizeof buf);
            num_cell(r, h, key, buf, true, hi);
        }
        ind_html_close(h, "tr");
    }
    ind_html_close(h, "table");
    ind_html_newline(h);
}

static void note_item(void *ctx, const char *line)
{
    ind_html_element(ctx, "li", line, NULL);
}

static void target_block(const ind_report *r, ind_html *h, const rtarget *rt)
{
    static const rword cols[] = {W_GOAL,     W_LATEST, W_ACTUAL_YR, W_NEED_YR, W_RATIO,
                                 W_DESTATIS, W_ESCAP,  W_FORECAST,  W_PMEET,   W_VERDICT};
    const ind_assessment *a = &rt->a;
    char buf[256];
    ind_html_open(h, "div", "class", "target", "data-target", rt->t.text, NULL);
    ind_html_open(h, "h4", NULL);
    ind_html_textf(h, "%s%s%s", rt->t.text, rt->t.label[0] ? " — " : "", rt->t.label);
    ind_html_close(h, "h4");
    ind_html_open(h, "table", "class", "assessment", NULL);
    ind_html_open(h, "tr", NULL);
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        ind_html_element(h, "th", report_word(r, cols[c]), NULL);
    ind_html_close(h, "tr");
    ind_html_open(h, "tr", NULL);
    ind_html_element(h, "td", ind_target_goal_text(&rt->t, 0, buf, sizeof buf), NULL);
    ind_html_element(h, "td", report_text(r, ind_target_latest_text(rt->s, a, 0, buf, sizeof buf)),
                     NULL);
    num_cell(r, h, "actual_growth_pct", ind_target_rate_text(&a->actual_growth, 0, buf, sizeof buf),
             a->actual_growth.defined, 100 * a->actual_growth.value);
    num_cell(r, h, "required_growth_pct", ind_target_rate_text(&a->required_growth, 0, buf, sizeof buf),
             a->required_growth.defined, 100 * a->required_growth.value);
    if (a->growth_ratio.defined)
        snprintf(buf, sizeof buf, "%.2f", a->growth_ratio.value);
    num_cell(r, h, "growth_ratio", a->growth_ratio.defined ? buf : "n/a", a->growth_ratio.defined,
             a->growth_ratio.value);
    ind_html_element(h, "td", ind_target_weather_text(a, r->opt.lang), NULL);
    ind_html_element(h, "td", ind_target_escap_text(a, r->opt.lang), NULL);
    num_cell(r, h, "forecast", ind_target_forecast_text(a, 0, buf, sizeof buf), a->forecast.defined,
             a->forecast.value);
    if (a->probability.defined)
        snprintf(buf, sizeof buf, "%.0f%%", 100 * a->probability.value);
    num_cell(r, h, "probability_pct", a->probability.defined ? buf : "n/a", a->probability.defined,
             100 * a->probability.value);
    ind_html_open(h, "td", NULL);
    verdict_span(r, h, rt);
    ind_html_close(h, "td");
    ind_html_close(h, "tr");
    ind_html_close(h, "table");
    ind_html_open(h, "ul", "class", "notes", NULL);
    ind_target_notes(&rt->t, rt->s, a, r->opt.lang, note_item, h);
    ind_html_close(h, "ul");
    ind_html_close(h, "div");
    ind_html_newline(h);
}

static ind_status section(const ind_report *r, ind_html *h, size_t i, ind_error *err)
{
    const rsection *sec = &r->sections[i];
    char id[32], title[600], text[2048];
    section_id(i, id, sizeof id);
    ind_html_open(h, "section", "class", "indicator", "id", id, "data-file",
                  r->inputs[sec->input].path, NULL);
    ind_html_open(h, "details", "open", r->nsections <= r->opt.open_sections ? "" : NULL, NULL);
    ind_html_open(h, "summary", NULL);
    ind_html_open(h, "h2", NULL);
    ind_html_textf(h, "%zu. %s", i + 1, report_series_title(sec->s, title, sizeof title));
    ind_html_close(h, "h2");
    if (sec->s->unit[0]) {
        ind_html_text(h, " ");
        ind_html_element(h, "span", sec->s->unit, "class", "unit", NULL);
    }
    ind_html_close(h, "summary");
    ind_html_newline(h);
    if (sec->chart) {
        ind_html_open(h, "figure", "class", "chart", NULL);
        ind_status st = ind_html_svg(h, sec->chart, sec->chart_len, id, NULL, err);
        if (st != IND_OK)
            return st;
        ind_html_close(h, "figure");
        ind_html_newline(h);
    }
    report_growth_sentence(r, sec, text, sizeof text);
    ind_html_element(h, "p", text, "class", "growth", NULL);
    ind_html_element(h, "h3", report_word(r, W_GROWTH), NULL);
    growth_table(r, h, sec);
    if (r->opt.forecast && sec->s->n > 0)
        forecast_table(r, h, sec);
    if (sec->ntargets) {
        ind_html_element(h, "h3", report_word(r, W_TARGETS), NULL);
        for (size_t k = 0; k < sec->ntargets; k++)
            target_block(r, h, &r->targets[sec->targets[k]]);
    }
    if (r->opt.forecast && sec->s->n > 0) {
        ind_html_element(h, "h3", report_word(r, W_BACKTEST), NULL);
        report_backtest_sentence(r, sec, text, sizeof text);
        char smape[32], mase[32];
        if (sec->has_backtest) {
            ind_format_double(sec->acc.smape, smape, sizeof smape);
            ind_format_double(sec->acc.mase, mase, sizeof mase);
        }
        ind_html_element(h, "p", text, "class", "backtest", "data-smape",
                         sec->has_backtest ? smape : NULL, "data-mase",
                         sec->has_backtest && isfinite(sec->acc.mase) ? mase : NULL, NULL);
    }
    ind_html_close(h, "details");
    ind_html_close(h, "section");
    ind_html_newline(h);
    return IND_OK;
}

/* ---- appendix ---- */

static void files_table(const ind_report *r, ind_html *h)
{
    static const rword cols[] = {W_FILE,   W_SHAPE,   W_ENCODING, W_ROWS,
                                 W_VALUES, W_MISSING, W_SKIPPED,  W_SERIES};
    ind_html_element(h, "h3", report_word(r, W_FILES), NULL);
    ind_html_open(h, "table", "class", "files", NULL);
    ind_html_open(h, "tr", NULL);
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        ind_html_element(h, "th", report_word(r, cols[c]), NULL);
    ind_html_close(h, "tr");
    for (size_t k = 0; k < r->ninputs; k++) {
        const ind_load_info *in = r->inputs[k].info;
        ind_html_open(h, "tr", NULL);
        ind_html_element(h, "td", r->inputs[k].path, NULL);
        if (in) {
            ind_html_element(h, "td", ind_shape_name(in->shape), NULL);
            ind_html_element(h, "td", in->encoding, NULL);
            ind_html_open(h, "td", "class", "n", NULL);
            ind_html_textf(h, "%zu", in->rows);
            ind_html_close(h, "td");
            ind_html_open(h, "td", "class", "n", NULL);
            ind_html_textf(h, "%zu", in->values);
            ind_html_close(h, "td");
            ind_html_open(h, "td", "class", "n", NULL);
            ind_html_textf(h, "%zu", in->missing);
            ind_html_close(h, "td");
            ind_html_open(h, "td", "class", "n", NULL);
            ind_html_textf(h, "%zu", in->notes + in->blank_rows + in->preamble_lines);
            ind_html_close(h, "td");
        } else {
            for (int c = 0; c < 5; c++)
                ind_html_element(h, "td", "", NULL);
        }
        ind_html_open(h, "td", "class", "n", NULL);
        ind_html_textf(h, "%zu", ind_dataset_count(r->inputs[k].ds));
        ind_html_close(h, "td");
        ind_html_close(h, "tr");
        if (in && in->note[0]) {
            ind_html_open(h, "tr", NULL);
            ind_html_element(h, "td", in->note, "colspan", "8", "class", "notes", NULL);
            ind_html_close(h, "tr");
        }
    }
    ind_html_close(h, "table");
    ind_html_newline(h);
}

static void method_paragraphs(const ind_report *r, ind_html *h)
{
    const ind_forecast_request *q = &r->opt.request;
    const ind_forecast_method *m = q->method ? q->method : ind_forecast_method_find(NULL, NULL);
    ind_html_element(h, "h3", report_word(r, W_FORECAST), NULL);
    ind_html_open(h, "p", NULL);
    if (r->opt.forecast) {
        ind_html_textf(h, "%s: %s — %s. %s: %zu. %s:", report_word(r, W_METHOD), m->name,
                       m->summary, report_word(r, W_HORIZON), q->horizon,
                       report_word(r, W_LEVELS));
        for (size_t k = 0; k < q->nlevels; k++)
            ind_html_textf(h, "%s %g %%", k ? "," : "", q->levels[k]);
        ind_html_text(h, ".");
    } else {
        ind_html_text(h, report_word(r, W_NO_FORECAST));
    }
    ind_html_close(h, "p");
    if (r->opt.forecast) {
        ind_html_element(h, "h3", report_word(r, W_BACKTEST), NULL);
        ind_html_element(h, "p", report_word(r, W_BACKTEST_RULE), NULL);
    }
}

static void empty_series(const ind_report *r, ind_html *h)
{
    if (!r->empty)
        return;
    char title[600];
    ind_html_open(h, "details", NULL);
    ind_html_open(h, "summary", NULL);
    ind_html_textf(h, "%s: %zu", report_word(r, W_EMPTY_SERIES), r->empty);
    ind_html_close(h, "summary");
    ind_html_open(h, "p", "class", "notes", NULL);
    size_t shown = 0;
    for (size_t k = 0; k < r->ninputs; k++)
        for (size_t i = 0; i < ind_dataset_count(r->inputs[k].ds); i++) {
            const ind_series *s = ind_dataset_at(r->inputs[k].ds, i);
            bool listed = s->n == 0 && (!r->opt.selected || r->opt.selected(s, r->opt.selected_ctx));
            for (size_t j = 0; listed && j < r->nsections; j++)
                listed = r->sections[j].s != s;
            if (listed)
                ind_html_textf(h, "%s%s", shown++ ? "; " : "",
                               report_series_title(s, title, sizeof title));
        }
    ind_html_close(h, "p");
    ind_html_close(h, "details");
}

static void appendix(const ind_report *r, ind_html *h)
{
    ind_html_open(h, "section", "class", "appendix", "id", "methods", NULL);
    ind_html_element(h, "h2", report_word(r, W_METHODS), NULL);
    files_table(r, h);
    empty_series(r, h);
    ind_html_element(h, "h3", report_word(r, W_FORMULAS), NULL);
    ind_html_open(h, "ul", NULL);
    for (rword f = W_FORMULA_YOY; f <= W_FORMULA_PMEET; f++)
        ind_html_element(h, "li", report_word(r, f), NULL);
    ind_html_close(h, "ul");
    method_paragraphs(r, h);
    ind_html_open(h, "p", "class", "meta", NULL);
    ind_html_textf(h, "%s %s", report_word(r, W_MADE_BY), IND_VERSION);
    if (r->date)
        ind_html_textf(h, " · %s", r->date);
    ind_html_close(h, "p");
    ind_html_close(h, "section");
    ind_html_newline(h);
}

ind_status report_write_html(const ind_report *r, FILE *out, ind_error *err)
{
    ind_html *h = ind_html_new(out);
    if (!h)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    head(r, h);
    toc(r, h);
    headline(r, h);
    ind_status st = IND_OK;
    for (size_t i = 0; i < r->nsections && st == IND_OK; i++)
        st = section(r, h, i, err);
    appendix(r, h);
    ind_html_close(h, "body");
    ind_html_close(h, "html");
    ind_html_newline(h);
    ind_status fin = ind_html_finish(h, st == IND_OK ? err : NULL);
    return st != IND_OK ? st : fin;
}
