/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * labels.h - the words of every output in English and Chinese: column
 * headers keyed by column id ("cagr_pct" -> "年均增长(%)"), the words around
 * tables ("Notes:" -> "注："), the report's and the charts' own words
 * ("report.headline" -> "Headline figures" / "主要指标一览"), the forecasting
 * methods' names ("drift" -> "漂移法"), and the reasons the library
 * gives for a figure it cannot compute ("no value a year earlier (2022)" ->
 * "无上年同期数据(2022)"). One table for every output that shows them
 * (terminal tables, Markdown, CSV and workbook headers, charts, the report),
 * so that a translation is fixed once.
 */
#ifndef INDICATORS_LABELS_H
#define INDICATORS_LABELS_H

#include <stddef.h>

#include "indicators/export.h"

IND_BEGIN_DECLS

typedef enum ind_lang {
    IND_LANG_EN = 0,
    IND_LANG_ZH,
} ind_lang;

/* "en" or "zh"; 0, or -1 when unknown. */
int ind_lang_parse(const char *name, ind_lang *out);

/*
 * The label of a column or word in lang. A command may qualify an id that
 * means something else in its table ("inspect.first": the first period) or
 * that it words otherwise ("report.series": "Indicator"); the qualified id
 * is tried first, then the part after the dot. Returns id (unqualified)
 * itself when the table has no label: most English labels are the ids.
 */
const char *ind_label(const char *id, ind_lang lang);

/*
 * text, one of the library's English reasons (figure.why, notes), in lang,
 * into buf[0..n): the reasons are patterns whose %s parts (periods, names)
 * are carried over. Text without a translation is copied unchanged. Returns
 * buf.
 */
const char *ind_label_text(const char *text, ind_lang lang, char *buf, size_t n);

IND_END_DECLS

#endif
