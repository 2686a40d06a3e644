/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart.h - charts of indicator series as gnuplot scripts.
 *
 * The library builds the text of a self-contained gnuplot script: a
 * generated part (terminal parameters, escaped titles, period tick labels,
 * the data as inline `$name << EOD` blocks written with C-locale numbers)
 * followed by the text of the templates scripts/chart-common.gp and
 * scripts/chart-KIND.gp, which do the drawing and which users may edit. It
 * also locates the template directory. It never runs gnuplot: the CLI
 * writes the script and spawns gnuplot on it.
 *
 * Kinds (a table of descriptors, ind_chart_kinds):
 *   trend    history as lines and points, optional forecasts as dashed
 *            lines with interval bands (a fan of the two widest levels for
 *            one series, the first level for several), optional targets as
 *            a marker and a goal line (a growth target: its path), the
 *            latest value labelled;
 *   growth   year-on-year change in % as bars, the CAGR as a reference line;
 *   index    several series rebased to 100 in a common base period;
 *   compare  several series (entities of one indicator) drawn as trend
 *            draws them, latest values labelled in a column on the right.
 *
 * Quality rules every script follows: period axes get ticks only at whole
 * periods, labelled as periods (2020, 2024H1, 2023Q3, 2023-06); titles and
 * labels, whatever they hold, are written by one writer (src/lib/gpscript.c)
 * that makes them inert gnuplot strings, and drawn by noenhanced terminals,
 * so that "R&D", "x_1", "{a}" and quotes print literally and no name can run
 * a command; the font is a CJK font (Noto Sans CJK SC) so Chinese renders;
 * decimals are dots whatever the locale; numbers in labels are never in
 * scientific notation and carry the unit (34213亿元, 2.1%); the palette is
 * Okabe-Ito; the legend sits below the plot; a gap in a series is a dashed
 * segment between the known points (or a gap, with no_bridge). With
 * IND_CHART_ZH the chart's own words, periods (2023年一季度, 2024年上半年)
 * and method names are Chinese.
 */
#ifndef INDICATORS_CHART_H
#define INDICATORS_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/forecast.h"
#include "indicators/period.h"
#include "indicators/target.h"

IND_BEGIN_DECLS

typedef enum ind_chart_kind {
    IND_CHART_TREND = 0,
    IND_CHART_GROWTH,
    IND_CHART_INDEX,
    IND_CHART_COMPARE,
} ind_chart_kind;

typedef enum ind_chart_format {
    IND_CHART_PNG = 0, /* pngcairo */
    IND_CHART_SVG,     /* svg */
    IND_CHART_PDF,     /* pdfcairo */
} ind_chart_format;

typedef enum ind_chart_lang {
    IND_CHART_EN = 0,
    IND_CHART_ZH,
} ind_chart_lang;

/* One row of the kind table. */
typedef struct ind_chart_kind_info {
    ind_chart_kind kind;
    const char *name;          /* "trend" */
    const char *template_file; /* "chart-trend.gp" */
    const char *summary;       /* one line for --help */
} ind_chart_kind_info;

/*
 * A goal drawn on a trend or compare chart. A level target is a horizontal
 * dotted line at the goal and a star at its due period; a growth target
 * (base.freq set) is its path, base_value (1 + rate)^k for the k-th year
 * after the base, a dotted curve from the base period to the star.
 */
typedef struct ind_chart_target {
    double goal;       /* finite */
    ind_period period; /* when the goal is due; freq IND_FREQ_UNKNOWN: no marker, line only */
    const char *label; /* legend text; NULL: "Target GOAL by PERIOD" in the chart's language */
    bool at_most;      /* a cap (<=): only in the default label */
    /* a growth target: the year the rate runs from (freq IND_FREQ_UNKNOWN: a level target),
       the level there and the rate a year (0.07 for 7 %/yr); goal is the level it gives */
    ind_period base;
    double base_value, rate;
    bool shared;   /* one line for every charted series (drawn in black on several) */
    size_t series; /* otherwise: the index of the charted series it belongs to (its colour) */
} ind_chart_target;

typedef struct ind_chart_options {
    ind_chart_kind kind;
    ind_chart_format format;
    ind_chart_lang lang;
    const char *output; /* file gnuplot writes (`set output`); NULL: standard output */
    int width, height;  /* pixels, 200..10000 (PDF: 160 pixels an inch) */
    const char *title;  /* NULL: from the indicator's label (or name) and entity */
    const char *ylabel; /* NULL: the series' unit */
    const char *font;   /* NULL: "Noto Sans CJK SC" */
    const char *label;  /* the indicator's name in titles, over the series' own label or name */
    const char *source; /* a line under the plot ("数据来源：国家统计局"); NULL: none */
    ind_period base;    /* index: base period; freq IND_FREQ_UNKNOWN: first period all share */
    bool no_bridge;     /* trend, compare: leave a gap in a series unjoined (default: the known
                           points either side are joined by a dashed segment) */
    bool pp;            /* growth: change on a year earlier in percentage points (% series) */
    /* trend and compare: forecasts continue the series after their last period */
    const ind_forecast *forecast;          /* series[0]'s (when forecasts is NULL); NULL: none */
    const ind_forecast *const *forecasts;  /* NULL, or one per series (entries may be NULL) */
    const ind_chart_target *target;        /* one target (when targets is NULL); NULL: none */
    const ind_chart_target *targets;       /* ntargets targets (at most 64) */
    size_t ntargets;
    const char *command; /* the command line, quoted in the script's first comment; may be NULL */
} ind_chart_options;

/*
 * What target t, assessed on series `series` of a chart as *as (by
 * ind_target_assess, as `indicators target` does), draws: its goal level and
 * due year, and for a growth target the base level it grows from at its
 * rate. out->label points into t's label when it has one of at most 40
 * characters (a CJK character counts two; a longer description would crowd
 * the legend), else is NULL: the chart's own words.
 * IND_E_UNDEFINED, with the assessment's reason, when it gives no level.
 */
ind_status ind_chart_target_from(const ind_target *t, const ind_assessment *as, size_t series,
                                 ind_chart_target *out, ind_error *err);

/*
 * The horizon of each series' forecast on one chart, so that all end in one
 * period: horizon periods after the latest observation of any of
 * series[0..n) (Luohe, ending in 2023, is forecast a year further than
 * China, ending in 2024), at most IND_FORECAST_MAX_HORIZON. Into h[0..n).
 */
void ind_chart_horizons(const ind_series *const *series, size_t n, size_t horizon, size_t *h);

/* Defaults: trend, PNG, English, 1600 x 900, everything else NULL / unset. */
void ind_chart_options_init(ind_chart_options *opt);

/* The kind table (n receives its length). */
const ind_chart_kind_info *ind_chart_kinds(size_t *n);

/* Parses a kind name; returns 0 and sets *out, or -1 when unknown. */
int ind_chart_kind_parse(const char *name, ind_chart_kind *out);

/*
 * The output format from a file name's extension (.png, .svg, .pdf, any
 * case). Returns 0 and sets *out, or -1 when the extension is none of them.
 */
int ind_chart_format_from_path(const char *path, ind_chart_format *out);

/* Parses "en" or "zh"; returns -1 when unknown. */
int ind_chart_lang_parse(const char *name, ind_chart_lang *out);

/*
 * Finds the directory holding the templates (chart-common.gp and one file
 * per kind). Candidates, in order: env_dir (the INDICATORS_SCRIPTS variable,
 * which the caller reads; may be NULL), then relative to the directory of
 * exe_path (the running program; may be NULL): ../share/indicators (an
 * installed bin/), ../scripts, ../../scripts and ../../../scripts (the
 * source's scripts/ seen from a build directory: build/indicators,
 * build/src/cli/indicators), then each directory of install_dir, a
 * ':'-separated list of compiled-in places (the configured source tree's
 * scripts/, the install datadir; may be NULL). Writes the first candidate holding
 * chart-common.gp into dir[0..n). Returns IND_E_NOTFOUND, with a message
 * listing what was tried, when none does, and IND_E_NOTFOUND too when
 * env_dir is given but lacks the templates (an explicit override must work).
 */
ind_status ind_chart_find_templates(const char *env_dir, const char *exe_path,
                                    const char *install_dir, char *dir, size_t n, ind_error *err);

/*
 * Builds the script for series[0..nseries) (all of one frequency, each with
 * at least one observation) into *script (NUL-terminated, malloc'd; the
 * caller frees it), reading the templates from template_dir.
 *
 * Fails with IND_E_ARG for no series, mixed frequencies, a forecast or target
 * on a growth or index chart, pp on a series not in %, or a bad option; IND_E_UNDEFINED when
 * the kind has nothing to draw (no year-on-year change, no common base
 * period, a zero or negative base value); IND_E_IO or IND_E_NOTFOUND when a
 * template cannot be read; IND_E_NOMEM. *script is NULL on failure.
 */
ind_status ind_chart_build(const ind_series *const *series, size_t nseries,
                           const ind_chart_options *opt, const char *template_dir, char **script,
                           ind_error *err);

/*
 * Writes text as the script writes every text: a gnuplot string expression
 * that is only ever a string, into buf[0..n). Single-quoted; a quote in the
 * text is joined as "'" ('it'."'".'s'), control characters become spaces,
 * bytes that are not UTF-8 '?', and text beyond 400 bytes is cut with "...".
 * Returns the length it wanted (like snprintf).
 */
size_t ind_chart_quote_label(const char *text, char *buf, size_t n);

/*
 * Whether a chart file ends as a complete one of its format: tail is its
 * last n bytes (the last 1024 are enough). PNG: the IEND chunk; SVG: the
 * closing </svg> tag; PDF: the %%EOF trailer (trailing line ends allowed).
 * A chart cut short by a full disk or a dying gnuplot fails this.
 */
bool ind_chart_output_complete(ind_chart_format format, const unsigned char *tail, size_t n);

IND_END_DECLS


#endif
