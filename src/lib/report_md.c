/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_md.c - the report as Markdown (CommonMark with pipe tables, as
 * wikis and pandoc read it), charts linked as PNG files beside the page.
 * Every text from data goes through md_text, the one escaper of this
 * output: the punctuation that makes inline markup backslash-escaped (so
 * "<script>" or "[x](y)" in a name is shown, never rendered as HTML or a
 * link), and a leading # + - = > (headings, lists, quotes); control
 * characters made spaces, bytes that are not UTF-8 made U+FFFD. Link
 * destinations go through md_url.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "indicators/output.h"
#include "indicators/version.h"
#include "report_int.h"
#include "text.h"

static void md_escaped(FILE *out, const char *s, bool line_start)
{
    /* a text that opens a line could start a heading, a list or a quote */
    if (line_start && *s && strchr("#+-=>", *s))
        fputc('\\', out);
    while (*s) {
        unsigned char c = (unsigned char)*s;
        size_t ctl = text_control_at(s);
        if (ctl) {
            fputc(' ', out);
            s += ctl;
        } else if (c >= 0x80) {
            size_t k = text_utf8_len((const unsigned char *)s);
            if (k) {
                fwrite(s, 1, k, out);
                s += k;
            } else {
                fputs("\xEF\xBF\xBD", out);
                s++;
            }
        } else {
            /* what makes markup inline: code, emphasis, links and images, HTML, tables */
            if (strchr("\\`*_[]<>&|~", c))
                fputc('\\', out);
            fputc(c, out);
            s++;
        }
    }
}

/* Text in a line (a table cell, after a heading's marks, inside a sentence). */
static void md_text(FILE *out, const char *s)
{
    md_escaped(out, s, false);
}

/* Text that starts a line of its own: a paragraph. */
static void md_para(FILE *out, const char *s)
{
    md_escaped(out, s, true);
}

/* A link destination: bytes outside a plain file name percent-encoded, so that nothing in
   it ends the link or starts markup. */
static void md_url(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("-._~/", c))
            fputc(c, out);
        else
            fprintf(out, "%%%02X", c);
    }
}

static void md_textf(FILE *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void md_textf(FILE *out, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    md_text(out, buf);
}

/* A table row from cells[0..n). */
static void row(FILE *out, const char *const *cells, size_t n)
{
    fputc('|', out);
    for (size_t i = 0; i < n; i++) {
        fputc(' ', out);
        md_text(out, cells[i]);
        fputs(" |", out);
    }
    fputc('\n', out);
}

static void header(FILE *out, const ind_report *r, const rword *cols, size_t n)
{
    const char *cells[16];
    for (size_t i = 0; i < n; i++)
        cells[i] = report_word(r, cols[i]);
    row(out, cells, n);
    fputc('|', out);
    for (size_t i = 0; i < n; i++)
        fputs("---|", out);
    fputc('\n', out);
}

static void headline(FILE *out, const ind_report *r)
{
    static const rword cols[] = {W_INDICATOR, W_ENTITY, W_LATEST, W_PERIOD, W_YOY,
                                 W_CAGR,      W_TARGET, W_PMEET,  W_VERDICT};
    fprintf(out, "## ");
    md_text(out, report_word(r, W_HEADLINE));
    fputs("\n\n", out);
    header(out, r, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < r->nsections; i++) {
        const rsection *sec = &r->sections[i];
        const ind_growth_summary *g = &sec->g;
        char latest[64], period[32], yoy[32], cagr[32], goal[512] = "", p[128] = "", v[256] = "";
        for (size_t k = 0; k < sec->ntargets; k++) {
            const rtarget *rt = &r->targets[sec->targets[k]];
            char gt[64];
            size_t gl = strlen(goal), pl = strlen(p), vl = strlen(v);
            snprintf(goal + gl, sizeof goal - gl, "%s%s (%d)", k ? "; " : "",
                     ind_target_goal_text(&rt->t, 0, gt, sizeof gt), rt->t.year);
            if (rt->a.probability.defined)
                snprintf(p + pl, sizeof p - pl, "%s%.0f%%", k ? "; " : "",
                         100 * rt->a.probability.value);
            else
                snprintf(p + pl, sizeof p - pl, "%s%s", k ? "; " : "", report_text(r, "n/a"));
            snprintf(v + vl, sizeof v - vl, "%s%s %s%s", k ? "; " : "",
                     report_verdict_mark(rt->a.verdict), report_verdict(r, rt->a.verdict),
                     rt->a.disagree[0] ? " *" : "");
        }
        const char *cells[] = {
            sec->s->label[0] ? sec->s->label : sec->s->name,
            sec->s->entity,
            g->latest.defined ? report_value(r, sec->s, g->latest.value, latest, sizeof latest)
                              : report_text(r, "n/a"),
            g->has_end ? report_period(r, g->end, period, sizeof period) : "",
            report_rate(r, &g->yoy, yoy, sizeof yoy),
            report_rate(r, &g->cagr, cagr, sizeof cagr),
            sec->ntargets ? goal : "—",
            p,
            v,
        };
        row(out, cells, sizeof cells / sizeof cells[0]);
    }
    fputc('\n', out);
}

static void forecast(FILE *out, const ind_report *r, const rsection *sec)
{
    const ind_forecast *f = &sec->f;
    fprintf(out, "### ");
    md_text(out, report_word(r, W_FORECAST));
    fputs("\n\n", out);
    if (!sec->has_forecast) {
        md_para(out, sec->forecast_why);
        fputs("\n\n", out);
        return;
    }
    md_textf(out, "%s: %s (%s)", report_word(r, W_METHOD), f->method, f->model);
    if (f->note[0])
        md_textf(out, "; %s", f->note);
    fputs("\n\n", out);
    char names[2 + 2 * IND_FORECAST_MAX_LEVELS][32];
    const char *cells[2 + 2 * IND_FORECAST_MAX_LEVELS];
    size_t nc = 0;
    cells[nc++] = report_word(r, W_PERIOD);
    cells[nc++] = report_word(r, W_FORECAST);
    for (size_t k = 0; f->has_intervals && k < f->nlevels; k++) {
        snprintf(names[nc], sizeof names[nc], "%g %% lo", f->levels[k]);
        cells[nc] = names[nc];
        nc++;
        snprintf(names[nc], sizeof names[nc], "%g %% hi", f->levels[k]);
        cells[nc] = names[nc];
        nc++;
    }
    row(out, cells, nc);
    fputc('|', out);
    for (size_t i = 0; i < nc; i++)
        fputs(i ? "---:|" : "---|", out);
    fputc('\n', out);
    for (size_t i = 0; i < f->h; i++) {
        ind_period p = {sec->s->freq, sec->s->ord[sec->s->n - 1] + (int32_t)i + 1};
        nc = 0;
        ind_period_format(p, names[nc], sizeof names[nc]);
        cells[nc] = names[nc];
        nc++;
        ind_target_value_text(f->mean[i], 0, names[nc], sizeof names[nc]);
        cells[nc] = names[nc];
        nc++;
        for (size_t k = 0; f->has_intervals && k < f->nlevels; k++) {
            ind_target_value_text(f->lo[i * f->nlevels + k], 0, names[nc], sizeof names[nc]);
            cells[nc] = names[nc];
            nc++;
            ind_target_value_text(f->hi[i * f->nlevels + k], 0, names[nc], sizeof names[nc]);
            cells[nc] = names[nc];
            nc++;
        }
        row(out, cells, nc);
    }
    fputc('\n', out);
}

static void note_item(void *ctx, const char *line)
{
    fputs("- ", ctx);
    md_text(ctx, line);
    fputc('\n', ctx);
}

static void targets(FILE *out, const ind_report *r, const rsection *sec)
{
    static const rword cols[] = {W_GOAL,     W_LATEST, W_ACTUAL_YR, W_NEED_YR, W_RATIO,
                                 W_DESTATIS, W_ESCAP,  W_FORECAST,  W_PMEET,   W_VERDICT};
    if (!sec->ntargets)
        return;
    fprintf(out, "### ");
    md_text(out, report_word(r, W_TARGETS));
    fputs("\n\n", out);
    for (size_t k = 0; k < sec->ntargets; k++) {
        const rtarget *rt = &r->targets[sec->targets[k]];
        const ind_assessment *a = &rt->a;
        char goal[64], latest[64], act[32], need[32], ratio[32], fc[96], pm[32], verdict[96];
        fprintf(out, "#### ");
        md_textf(out, "%s%s%s", rt->t.text, rt->t.label[0] ? " — " : "", rt->t.label);
        fputs("\n\n", out);
        header(out, r, cols, sizeof cols / sizeof cols[0]);
        snprintf(ratio, sizeof ratio, "%s", report_text(r, "n/a"));
        snprintf(pm, sizeof pm, "%s", report_text(r, "n/a"));
        if (a->growth_ratio.defined)
            snprintf(ratio, sizeof ratio, "%.2f", a->growth_ratio.value);
        if (a->probability.defined)
            snprintf(pm, sizeof pm, "%.0f%%", 100 * a->probability.value);
        snprintf(verdict, sizeof verdict, "%s %s%s", report_verdict_mark(a->verdict),
                 report_verdict(r, a->verdict), a->disagree[0] ? " *" : "");
        const char *cells[] = {
            ind_target_goal_text(&rt->t, 0, goal, sizeof goal),
            report_text(r, ind_target_latest_text(rt->s, a, 0, latest, sizeof latest)),
            report_text(r, ind_target_rate_text(&a->actual_growth, 0, act, sizeof act)),
            report_text(r, ind_target_rate_text(&a->required_growth, 0, need, sizeof need)),
            ratio,
            ind_target_weather_text(a, r->opt.lang),
            ind_target_escap_text(a, r->opt.lang),
            report_text(r, ind_target_forecast_text(a, 0, fc, sizeof fc)),
            pm,
            verdict,
        };
        row(out, cells, sizeof cells / sizeof cells[0]);
        fputc('\n', out);
        ind_target_notes(&rt->t, rt->s, a, r->opt.lang, note_item, out);
        fputc('\n', out);
    }
}

static void section(FILE *out, const ind_report *r, size_t i)
{
    const rsection *sec = &r->sections[i];
    char title[600], text[2048];
    fprintf(out, "## %zu. ", i + 1);
    md_text(out, report_series_title(sec->s, title, sizeof title));
    if (sec->s->unit[0]) {
        fputs(" (", out);
        md_text(out, sec->s->unit);
        fputc(')', out);
    }
    fputs("\n\n", out);
    if (sec->chart) {
        fputs("![", out);
        md_text(out, title);
        fputs("](", out);
        md_url(out, sec->chart);
        fputs(")\n\n", out);
    }
    report_growth_sentence(r, sec, text, sizeof text);
    md_para(out, text);
    fputs("\n\n", out);
    if (r->opt.forecast && sec->s->n > 0)
        forecast(out, r, sec);
    targets(out, r, sec);
    if (r->opt.forecast && sec->s->n > 0) {
        fprintf(out, "### ");
        md_text(out, report_word(r, W_BACKTEST));
        fputs("\n\n", out);
        report_backtest_sentence(r, sec, text, sizeof text);
        md_para(out, text);
        fputs("\n\n", out);
    }
}

static void appendix(FILE *out, const ind_report *r)
{
    static const rword cols[] = {W_FILE, W_SHAPE, W_ENCODING, W_ROWS, W_VALUES, W_MISSING};
    fprintf(out, "## ");
    md_text(out, report_word(r, W_METHODS));
    fputs("\n\n", out);
    header(out, r, cols, sizeof cols / sizeof cols[0]);
    for (size_t k = 0; k < r->ninputs; k++) {
        const ind_load_info *in = r->inputs[k].info;
        char rows[32] = "", values[32] = "", missing[32] = "";
        if (in) {
            snprintf(rows, sizeof rows, "%zu", in->rows);
            snprintf(values, sizeof values, "%zu", in->values);
            snprintf(missing, sizeof missing, "%zu", in->missing);
        }
        const char *cells[] = {r->inputs[k].path, in ? ind_shape_name(in->shape) : "",
                               in ? in->encoding : "", rows, values, missing};
        row(out, cells, sizeof cells / sizeof cells[0]);
    }
    fputc('\n', out);
    for (rword f = W_FORMULA_YOY; f <= W_FORMULA_PMEET; f++) {
        fputs("- ", out);
        md_text(out, report_word(r, f));
        fputc('\n', out);
    }
    fputc('\n', out);
    if (r->opt.forecast) {
        md_para(out, report_word(r, W_BACKTEST_RULE));
        fputs("\n\n", out);
    }
    md_textf(out, "%s %s", report_word(r, W_MADE_BY), IND_VERSION);
    if (r->date)
        md_textf(out, " · %s", r->date);
    fputc('\n', out);
}

ind_status report_write_md(const ind_report *r, FILE *out, ind_error *err)
{
    fputs("# ", out);
    md_text(out, r->title ? r->title : report_word(r, W_TITLE));
    fputs("\n\n", out);
    for (size_t k = 0; k < r->ninputs; k++) {
        if (k)
            fputs(", ", out);
        (k ? md_text : md_para)(out, r->inputs[k].path);
    }
    if (r->date)
        md_textf(out, " · %s %s", report_word(r, W_DATE), r->date);
    fputs("\n\n", out);
    headline(out, r);
    for (size_t i = 0; i < r->nsections; i++)
        section(out, r, i);
    appendix(out, r);
    if (fflush(out) != 0 || ferror(out))
        return ind_error_set(err, IND_E_IO, NULL, 0, 0, "writing the Markdown failed");
    return IND_OK;
}
