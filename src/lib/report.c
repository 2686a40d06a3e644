/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c - composes the report (see report.h) from the library's results:
 * the sections and what each holds, the targets matched to them, the chart
 * scripts, and the dispatch to the HTML and Markdown writers.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indicators/growth.h"
#include "indicators/html.h"
#include "report_int.h"

void ind_report_options_init(ind_report_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->lang = IND_LANG_EN;
    opt->forecast = true;
    ind_forecast_request_init(&opt->request);
    opt->open_sections = 40;
}

int ind_report_format_parse(const char *name, ind_report_format *out)
{
    if (strcasecmp(name, "html") == 0)
        *out = IND_REPORT_HTML;
    else if (strcasecmp(name, "md") == 0 || strcasecmp(name, "markdown") == 0)
        *out = IND_REPORT_MD;
    else
        return -1;
    return 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void ind_report_free(ind_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nsections; i++) {
        rsection *sec = &r->sections[i];
        if (sec->has_forecast)
            ind_forecast_clear(&sec->f);
        free(sec->targets);
        free(sec->chart);
    }
    free(r->sections);
    free(r->targets);
    free(r->inputs);
    free(r->infos);
    free(r->title);
    free(r->date);
    free(r);
}

size_t ind_report_count(const ind_report *r)
{
    return r->nsections;
}

const ind_series *ind_report_series(const ind_report *r, size_t i)
{
    return r->sections[i].s;
}

/* ---- sections ---- */

static bool selected(const ind_report *r, const ind_series *s)
{
    return r->opt.selected ? r->opt.selected(s, r->opt.selected_ctx) : true;
}

/* Whether some target names s. */
static bool targeted(const ind_report *r, const ind_series *s)
{
    for (size_t k = 0; k < r->ntargets; k++)
        if (r->targets[k].s == s)
            return true;
    return false;
}

/* Adds the sections of the inputs' series, in order; counts the empty ones left out. */
static ind_status make_sections(ind_report *r, ind_error *err)
{
    size_t cap = 0;
    for (size_t k = 0; k < r->ninputs; k++)
        cap += ind_dataset_count(r->inputs[k].ds);
    r->sections = calloc(cap ? cap : 1, sizeof *r->sections);
    if (!r->sections)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < r->ninputs; k++)
        for (size_t i = 0; i < ind_dataset_count(r->inputs[k].ds); i++) {
            const ind_series *s = ind_dataset_at(r->inputs[k].ds, i);
            bool wanted = targeted(r, s) || (selected(r, s) && s->n > 0);
            if (!wanted) {
                r->empty += selected(r, s) && s->n == 0;
                continue;
            }
            rsection *sec = &r->sections[r->nsections++];
            sec->s = s;
            sec->input = k;
        }
    if (r->nsections == 0)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0,
                             "no selected series has observations: nothing to report");
    return IND_OK;
}

/*
 * Values held out to backtest a series of n observations: a quarter of
 * them, at most the horizon, leaving at least three to fit; 0 when too short.
 */
static size_t holdout_of(size_t n, size_t horizon)
{
    size_t h = n / 4 < horizon ? n / 4 : horizon;
    return h >= 1 && n - h >= 3 ? h : 0;
}

static ind_status compute_section(const ind_report *r, rsection *sec, ind_error *err)
{
    ind_error e;
    ind_error_clear(&e);
    ind_growth_summarize(sec->s, NULL, &sec->g, &e); /* undefined figures carry their reasons */
    if (!r->opt.forecast || sec->s->n == 0)
        return IND_OK;
    ind_status st = ind_forecast_series(sec->s, &r->opt.request, &sec->f, &e);
    sec->has_forecast = st == IND_OK;
    if (st == IND_E_NOMEM || st == IND_E_ARG)
        return ind_error_set(err, st, NULL, 0, 0, "%s", e.message);
    if (st != IND_OK)
        snprintf(sec->forecast_why, sizeof sec->forecast_why, "%s", e.message);
    sec->holdout = holdout_of(sec->s->n, r->opt.request.horizon);
    if (sec->holdout == 0) {
        snprintf(sec->backtest_why, sizeof sec->backtest_why, "%zu", sec->s->n);
        return IND_OK;
    }
    ind_error_clear(&e);
    ind_forecast bf;
    st = ind_forecast_backtest(sec->s, sec->holdout, &r->opt.request, &sec->acc, &bf, &e);
    sec->has_backtest = st == IND_OK;
    if (st == IND_OK) {
        sec->backtest_intervals = bf.has_intervals;
        snprintf(sec->backtest_method, sizeof sec->backtest_method, "%s", bf.method);
        ind_forecast_clear(&bf);
    }
    if (st == IND_E_NOMEM)
        return ind_error_set(err, st, NULL, 0, 0, "%s", e.message);
    if (st != IND_OK)
        snprintf(sec->backtest_why, sizeof sec->backtest_why, "%s", e.message);
    return IND_OK;
}

/* ---- targets ---- */

/* Expands the targets to one per entity where they name none, and finds their series. */
static ind_status find_targets(ind_report *r, const ind_target *targets, size_t n,
                               ind_error *err)
{
    ind_dataset **ds = calloc(r->ninputs ? r->ninputs : 1, sizeof *ds);
    ind_target *all = NULL;
    if (!ds)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < r->ninputs; k++)
        ds[k] = r->inputs[k].ds;
    ind_status st = ind_targets_expand(ds, r->ninputs, targets, n, &all, &r->ntargets, err);
    if (st == IND_OK && !(r->targets = calloc(r->ntargets ? r->ntargets : 1, sizeof *r->targets)))
        st = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < r->ntargets && st == IND_OK; i++) {
        char why[256];
        rtarget *rt = &r->targets[i];
        rt->t = all[i];
        rt->s = ind_target_find_series(ds, r->ninputs, &rt->t, why, sizeof why);
        if (!rt->s)
            st = rt->t.line ? ind_error_set(err, IND_E_NOTFOUND, rt->t.place, 0, 0, "%s", why)
                            : ind_error_set(err, IND_E_NOTFOUND, NULL, 0, 0, "target '%s': %s",
                                            rt->t.text, why);
    }
    free(all);
    free(ds);
    return st;
}

static ind_status assess_targets(ind_report *r, ind_error *err)
{
    ind_target_options to;
    ind_target_options_init(&to);
    to.forecast = r->opt.forecast;
    to.request = r->opt.request;
    for (size_t i = 0; i < r->ntargets; i++) {
        rtarget *rt = &r->targets[i];
        ind_error e;
        ind_error_clear(&e);
        if (ind_target_assess(rt->s, &rt->t, &to, &rt->a, &e) != IND_OK)
            return ind_error_set(err, e.code, rt->t.line ? rt->t.place : NULL, 0, 0,
                                 "target '%s': %s", rt->t.text,
                                 e.message);
        for (size_t k = 0; k < r->nsections; k++)
            if (r->sections[k].s == rt->s) {
                rsection *sec = &r->sections[k];
                size_t *grown = realloc(sec->targets, (sec->ntargets + 1) * sizeof *grown);
                if (!grown)
                    return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
                sec->targets = grown;
                sec->targets[sec->ntargets++] = i;
                rt->section = k;
            }
    }
    return IND_OK;
}

static ind_status copy_inputs(ind_report *r, const ind_report_input *inputs, size_t n,
                              const ind_target *targets, size_t ntargets, ind_error *err)
{
    r->inputs = calloc(n ? n : 1, sizeof *r->inputs);
    r->infos = calloc(n ? n : 1, sizeof *r->infos);
    if (!r->inputs || !r->infos ||
        (r->opt.title && !r->title) || (r->opt.date && !r->date))
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < n; k++) {
        r->inputs[k] = inputs[k];
        if (inputs[k].info) {
            r->infos[k] = *inputs[k].info;
            r->inputs[k].info = &r->infos[k];
        }
    }
    r->ninputs = n;
    return find_targets(r, targets, ntargets, err);
}

ind_status ind_report_new(const ind_report_input *inputs, size_t ninputs,
                          const ind_target *targets, size_t ntargets,
                          const ind_report_options *opt, ind_report **out, ind_error *err)
{
    *out = NULL;
    ind_report *r = calloc(1, sizeof *r);
    if (!r)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    if (opt)
        r->opt = *opt;
    else
        ind_report_options_init(&r->opt);
    r->title = dup_or_null(r->opt.title);
    r->date = dup_or_null(r->opt.date);
    r->opt.title = r->title;
    r->opt.date = r->date;
    ind_status st = r->opt.forecast ? ind_forecast_request_check(&r->opt.request, err) : IND_OK;
    if (st == IND_OK)
        st = copy_inputs(r, inputs, ninputs, targets, ntargets, err);
    if (st == IND_OK)
        st = make_sections(r, err);
    for (size_t i = 0; st == IND_OK && i < r->nsections; i++)
        st = compute_section(r, &r->sections[i], err);
    if (st == IND_OK)
        st = assess_targets(r, err);
    if (st != IND_OK) {
        ind_report_free(r);
        return st;
    }
    *out = r;
    return IND_OK;
}

/* ---- charts ---- */

ind_status ind_report_chart_script(const ind_report *r, size_t i, ind_chart_format format,
                                   int width, int height, const char *template_dir,
                                   char **script, ind_error *err)
{
    const rsection *sec = &r->sections[i];
    *script = NULL;
    if (sec->s->n == 0)
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "no observations to draw");
    ind_chart_options co;
    ind_chart_options_init(&co);
    co.kind = IND_CHART_TREND;
    co.format = format;
    co.lang = r->opt.lang == IND_LANG_ZH ? IND_CHART_ZH : IND_CHART_EN;
    co.width = width;
    co.height = height;
    co.forecast = sec->has_forecast ? &sec->f : NULL;
    /* the targets of the series that a chart of its periods can draw */
    ind_chart_target ct[64];
    size_t nt = 0;
    for (size_t k = 0; k < sec->ntargets && nt < sizeof ct / sizeof ct[0]; k++) {
        const rtarget *rt = &r->targets[sec->targets[k]];
        if (rt->t.kind == IND_TARGET_TOTAL && sec->s->freq != IND_FREQ_YEAR)
            continue;
        if (ind_chart_target_from(&rt->t, &rt->a, 0, &ct[nt], NULL) == IND_OK)
            ct[nt++].label = NULL; /* the chart's short label: the section has the long one */
    }
    co.targets = nt ? ct : NULL;
    co.ntargets = nt;
    const ind_series *list[1] = {sec->s};
    return ind_chart_build(list, 1, &co, template_dir, script, err);
}

ind_status ind_report_set_chart(ind_report *r, size_t i, ind_report_format fmt, const char *data,
                                size_t len, ind_error *err)
{
    rsection *sec = &r->sections[i];
    if (fmt == IND_REPORT_HTML) {
        /* checked now (a NULL writer only checks), so that a broken chart is reported
           where it was made */
        ind_status st = ind_html_svg(NULL, data, len, "check", NULL, err);
        if (st != IND_OK)
            return st;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    memcpy(copy, data, len);
    copy[len] = '\0';
    free(sec->chart);
    sec->chart = copy;
    sec->chart_len = len;
    return IND_OK;
}

ind_status ind_report_write(const ind_report *r, ind_report_format fmt, FILE *out,
                            ind_error *err)
{
    return fmt == IND_REPORT_MD ? report_write_md(r, out, err) : report_write_html(r, out, err);
}
