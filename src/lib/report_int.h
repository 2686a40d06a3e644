/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_int.h - what the report's modules share (private): the computed
 * report (report.c), its words (report_words.c, from the table of words in labels.c),
 * and the writers that lay it out (report_html.c, report_md.c).
 */
#ifndef INDICATORS_REPORT_INT_H
#define INDICATORS_REPORT_INT_H

#include "indicators/growth.h"
#include "indicators/report.h"

/* One target and its assessment. */
typedef struct rtarget {
    ind_target t;
    const ind_series *s;
    size_t section;
    ind_assessment a;
} rtarget;

/* One series and everything the report says about it. */
typedef struct rsection {
    const ind_series *s;
    size_t input;
    ind_growth_summary g;     /* used in place: its reasons point into it */
    bool has_forecast;
    ind_forecast f;
    char forecast_why[IND_ERROR_MSG_MAX]; /* no forecast: why */
    bool has_backtest;
    size_t holdout;
    ind_forecast_accuracy acc;
    bool backtest_intervals; /* the backtest's forecast had intervals */
    char backtest_method[32];
    char backtest_why[IND_ERROR_MSG_MAX];
    size_t *targets; /* indices into the report's targets */
    size_t ntargets;
    char *chart; /* SVG text (HTML) or PNG file name (Markdown); NULL: none */
    size_t chart_len;
} rsection;

struct ind_report {
    ind_report_options opt;
    char *title, *date;
    ind_report_input *inputs;
    ind_load_info *infos;
    size_t ninputs;
    rtarget *targets;
    size_t ntargets;
    rsection *sections;
    size_t nsections;
    size_t empty; /* selected series without observations (and no target): listed only */
};

/* ---- words (report_words.c) ---- */

typedef enum rword {
    W_TITLE, W_CONTENTS, W_HEADLINE, W_METHODS, W_INDICATOR, W_ENTITY, W_LATEST, W_PERIOD,
    W_YOY, W_CAGR, W_TARGET, W_PMEET, W_VERDICT, W_GROWTH, W_FORECAST, W_TARGETS, W_BACKTEST,
    W_FIRST, W_CHANGE, W_PP, W_MULTIPLE, W_DOUBLING, W_YEARS, W_GOAL, W_ACTUAL_YR, W_NEED_YR,
    W_RATIO, W_DESTATIS, W_ESCAP, W_NOTES, W_METHOD, W_FILES, W_FILE, W_SHAPE, W_ENCODING,
    W_ROWS, W_VALUES, W_MISSING, W_SKIPPED, W_SERIES, W_FORMULAS, W_NO_OBS, W_MADE_BY,
    W_WINDOW, W_UNIT, W_NO_FORECAST, W_NO_TARGET, W_EMPTY_SERIES, W_LEVELS, W_HORIZON,
    W_BACKTEST_RULE, W_DATE, W_CHART_OF,
    /* the formulas of the appendix, a line each, in this order */
    W_FORMULA_YOY, W_FORMULA_CAGR, W_FORMULA_EUROSTAT, W_FORMULA_DESTATIS, W_FORMULA_ESCAP,
    W_FORMULA_PMEET, W_NCOUNT
} rword;

const char *report_word(const ind_report *r, rword w);

/* A reason the library gives (a figure's why) in the report's language, into buf when translated. */
const char *report_reason(const ind_report *r, const char *why, char *buf, size_t n);

/* A text of the target module or a figure's "n/a" in the report's language (无). */
const char *report_text(const ind_report *r, const char *text);

/* A verdict's name in the report's language and its CSS class ("v-on-track"). */
const char *report_verdict(const ind_report *r, ind_verdict v);
const char *report_verdict_class(ind_verdict v);
const char *report_verdict_mark(ind_verdict v);

/* A period in words: "2023" / "2023年"; into buf. */
const char *report_period(const ind_report *r, ind_period p, char *buf, size_t n);

/* A value with the series' unit: "1.14 %", "36327 亿元"; into buf. */
const char *report_value(const ind_report *r, const ind_series *s, double v, char *buf, size_t n);

/* A rate (fraction) in percent with one decimal and a sign, "+22.6 %" ("n/a" when undefined). */
const char *report_rate(const ind_report *r, const ind_figure *f, char *buf, size_t n);

/* The growth of a section in a sentence (empty when the series has no window). */
void report_growth_sentence(const ind_report *r, const rsection *sec, char *buf, size_t n);

/* The backtest of a section in a sentence. */
void report_backtest_sentence(const ind_report *r, const rsection *sec, char *buf, size_t n);

/* "name (entity)" or the label, for headings. */
const char *report_series_title(const ind_series *s, char *buf, size_t n);

/* ---- writers ---- */

ind_status report_write_html(const ind_report *r, FILE *out, ind_error *err);
ind_status report_write_md(const ind_report *r, FILE *out, ind_error *err);

#endif
