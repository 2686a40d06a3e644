/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h - the whole analysis of some data files as one document: a
 * headline table (per series: latest value, year-on-year change, CAGR, the
 * targets and their verdicts), one section per series (the trend chart with
 * forecast and target, the growth figures in words, the forecast table, the
 * target assessments with their notes, a backtest of the forecast method on
 * the series' own values) and a methods and data appendix; in English or
 * Chinese, as HTML (self-contained: inline CSS and SVG, nothing loaded from
 * outside) or Markdown (charts as PNG files beside it).
 *
 * The report composes what the other modules compute and computes nothing
 * of its own: growth figures by ind_growth_summarize, forecasts by
 * ind_forecast_series, targets by ind_target_assess and ind_target_notes,
 * backtests by ind_forecast_backtest, charts by ind_chart_build with the
 * `chart` command's templates; so its figures are those the growth,
 * forecast, target and backtest commands print for the same data. Every
 * text of the HTML goes through the HTML writer (html.h).
 *
 * It never runs gnuplot (the caller renders the scripts of
 * ind_report_chart_script and hands the results back with
 * ind_report_set_chart) and never reads the clock: the same inputs give
 * byte-identical output; a date appears only when given.
 */
#ifndef INDICATORS_REPORT_H
#define INDICATORS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "indicators/chart.h"
#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/forecast.h"
#include "indicators/labels.h"
#include "indicators/load.h"
#include "indicators/target.h"

IND_BEGIN_DECLS

/* One data file of the report. */
typedef struct ind_report_input {
    const char *path;          /* as the user named it: shown in the report */
    ind_dataset *ds;           /* not owned; must outlive the report */
    const ind_load_info *info; /* how it was read (copied); NULL: not shown */
} ind_report_input;

typedef enum ind_report_format {
    IND_REPORT_HTML = 0,
    IND_REPORT_MD,
} ind_report_format;

typedef struct ind_report_options {
    ind_lang lang;                /* language of the report's own words */
    const char *title;            /* NULL: "Indicator report" / "指标报告" */
    const char *date;             /* shown under the title; NULL: none (reproducible) */
    bool forecast;                /* forecasts, P(meet) and backtests (default true) */
    ind_forecast_request request; /* method, horizon (default 5), levels, scale */
    /* which series get a section: NULL selects every series with observations */
    bool (*selected)(const ind_series *s, void *ctx);
    void *selected_ctx;
    size_t open_sections; /* with more sections than this, they start collapsed (default 40) */
} ind_report_options;

/* Defaults: English, no title or date, forecasts by ind_forecast_request_init's request. */
void ind_report_options_init(ind_report_options *opt);

/* Parses "html", "md"/"markdown"; -1 when unknown. */
int ind_report_format_parse(const char *name, ind_report_format *out);

typedef struct ind_report ind_report;

/*
 * Computes the report of inputs[0..ninputs) and targets[0..ntargets) (both
 * copied, the datasets referenced). A section for each selected series with
 * observations and for each series a target names. Each target must name a
 * series of the inputs (ind_target_find_series): IND_E_NOTFOUND otherwise,
 * the message naming the target and, for a targets file, its line. Fails
 * with IND_E_ARG for a bad forecast request, IND_E_UNDEFINED when no series
 * is selected, IND_E_NOMEM. On success *out is the report (free with
 * ind_report_free).
 */
ind_status ind_report_new(const ind_report_input *inputs, size_t ninputs,
                          const ind_target *targets, size_t ntargets,
                          const ind_report_options *opt, ind_report **out, ind_error *err);

/* Frees r (not the datasets). NULL does nothing. */
void ind_report_free(ind_report *r);

/* Sections (one per series), in the order of the inputs and their series. */
size_t ind_report_count(const ind_report *r);
const ind_series *ind_report_series(const ind_report *r, size_t i);

/*
 * The gnuplot script of section i's chart (a trend chart: the history, the
 * forecast with its fan, the first target of the series drawn as a goal),
 * written by ind_chart_build with the templates in template_dir, to draw as
 * format (SVG for HTML, PNG for Markdown) of width x height pixels, to
 * standard output. *script is malloc'd (free it). IND_E_UNDEFINED when the
 * section has nothing to draw (no observations); as ind_chart_build otherwise.
 */
ind_status ind_report_chart_script(const ind_report *r, size_t i, ind_chart_format format,
                                   int width, int height, const char *template_dir,
                                   char **script, ind_error *err);

/*
 * Gives section i its rendered chart: for HTML the SVG document gnuplot
 * wrote (checked now, embedded by the HTML writer's SVG re-writer; not
 * well-formed: IND_E_FORMAT), for Markdown the name of the PNG file the
 * page links to, relative to the page. data[0..len) is copied.
 */
ind_status ind_report_set_chart(ind_report *r, size_t i, ind_report_format fmt, const char *data,
                                size_t len, ind_error *err);

/*
 * Writes the report to out as fmt. IND_E_IO when a write fails, IND_E_ARG
 * when the HTML writer refused something (a bug: the message says what).
 */
ind_status ind_report_write(const ind_report *r, ind_report_format fmt, FILE *out,
                            ind_error *err);

IND_END_DECLS

#endif
