/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * target_text.c - targets in words: the figures of an assessment as the
 * target table shows them (values, rates, goal, forecast), the notes under
 * it, and the lookup of a target's series among data files. The `target`
 * command and the report both use these, so they say the same.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/target.h"

#include "indicators/labels.h"
#include "indicators/output.h"

size_t ind_target_value_text(double v, int digits, char *buf, size_t n)
{
    int len;
    if (digits > 0) {
        ind_format_significant(v, digits, true, buf, n);
        return strlen(buf);
    }
    if (fabs(v) >= 1e6 || (fabs(v) < 1e-3 && v != 0))
        len = snprintf(buf, n, "%.4g", v);
    else if (fabs(v) >= 1000)
        len = snprintf(buf, n, "%.0f", v);
    else
        len = snprintf(buf, n, "%.3g", v);
    return len < 0 ? 0 : (size_t)len;
}

const char *ind_target_rate_text(const ind_figure *f, int digits, char *buf, size_t n)
{
    char v[48];
    if (!f->defined)
        return "n/a";
    if (digits > 0)
        ind_format_significant(100 * f->value, digits, true, v, sizeof v);
    else
        snprintf(v, sizeof v, "%.1f", 100 * f->value);
    if (strcmp(v, "0.0") == 0 || strcmp(v, "-0.0") == 0 || strcmp(v, "0") == 0)
        snprintf(buf, n, "%s%%", digits > 0 ? "0" : "0.0");
    else
        snprintf(buf, n, "%s%s%%", v[0] == '-' ? "" : "+", v);
    return buf;
}

const char *ind_target_goal_text(const ind_target *t, int digits, char *buf, size_t n)
{
    char v[48];
    const char *op = t->op == IND_TARGET_AT_MOST ? "<=" : ">=";
    if (t->kind == IND_TARGET_GROWTH) {
        snprintf(buf, n, "%s %.15g%%/yr", op, t->goal);
    } else {
        ind_target_value_text(t->goal, digits, v, sizeof v);
        snprintf(buf, n, "%s %s", op, v);
    }
    return buf;
}

const char *ind_target_forecast_text(const ind_assessment *a, int digits, char *buf, size_t n)
{
    char m[48], lo[48], hi[48];
    if (!a->forecast.defined)
        return "n/a";
    ind_target_value_text(a->forecast.value, digits, m, sizeof m);
    if (a->has_intervals && a->nlevels > 0) {
        ind_target_value_text(a->lo[0], digits, lo, sizeof lo);
        ind_target_value_text(a->hi[0], digits, hi, sizeof hi);
        snprintf(buf, n, "%s [%s, %s]", m, lo, hi);
    } else {
        snprintf(buf, n, "%s", m);
    }
    return buf;
}

const char *ind_target_weather_text(const ind_assessment *a, ind_lang lang)
{
    return ind_label(a->weather ? ind_weather_name(a->weather) : "n/a", lang);
}

const char *ind_target_escap_text(const ind_assessment *a, ind_lang lang)
{
    return ind_label(a->escap ? ind_escap_name(a->escap) : "n/a", lang);
}

const char *ind_target_latest_text(const ind_series *s, const ind_assessment *a, int digits,
                                   char *buf, size_t n)
{
    char v[48], p[IND_PERIOD_TEXT_MAX];
    if (!s || s->n == 0)
        return "n/a";
    ind_target_value_text(a->latest_value, digits, v, sizeof v);
    ind_period_format(a->latest, p, sizeof p);
    snprintf(buf, n, "%s (%s%s)", v, p,
             a->kind == IND_TARGET_TOTAL && a->elapsed.defined ? " YTD" : "");
    return buf;
}

/* A line of notes built piece by piece. */
typedef struct line {
    char text[1024];
    size_t len;
} line;

static void add(line *l, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add(line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(l->text + l->len, sizeof l->text - l->len, fmt, ap);
    va_end(ap);
    if (w > 0)
        l->len = l->len + (size_t)w < sizeof l->text ? l->len + (size_t)w : sizeof l->text - 1;
}

/* Hands the line over, in lang (the library's reasons translated: labels.h) unless it
   was written in lang already (IND_LANG_EN). */
static void emit(line *l, ind_lang lang, ind_target_note_fn fn, void *ctx)
{
    char zh[sizeof l->text * 2];
    fn(ctx, lang == IND_LANG_EN ? l->text : ind_label_text(l->text, lang, zh, sizeof zh));
    l->len = 0;
    l->text[0] = '\0';
}

/* Year-total targets: what is left of the year, and the same-period projection. */
static void total_note(const ind_target *t, const ind_assessment *a, line *l)
{
    char v[32], w[32], x[32];
    ind_target_value_text(a->gap.value, 0, w, sizeof w);
    if (a->required_change.defined)
        ind_target_value_text(a->required_change.value, 0, x, sizeof x);
    add(l, "%s %s in the rest of the year (%s a period)", w,
        t->op == IND_TARGET_AT_MOST ? "left under the cap" : "still needed",
        a->required_change.defined ? x : "n/a");
    if (a->seasonal.defined) {
        ind_target_value_text(a->seasonal.value, 0, v, sizeof v);
        add(l, "; year-to-date %s on the same periods of %d, same-period projection %s",
            ind_target_rate_text(&a->actual_growth, 0, w, sizeof w), t->year - 1, v);
    }
}

/*
 * Plan completion against elapsed time: "plan: 40% done (10 of 25), 60% of
 * the time gone (2022 to 2026): 20 points behind schedule".
 */
static void schedule_note(const ind_target *t, const ind_assessment *a, line *l)
{
    char v[32], g[32], b[32];
    const ind_figure *done = a->schedule_progress ? &a->progress : &a->completion;
    ind_target_value_text(a->latest_value, 0, v, sizeof v);
    ind_target_value_text(a->goal_level, 0, g, sizeof g);
    add(l, "plan: %.0f%% done (", 100 * done->value);
    if (a->schedule_progress) {
        ind_target_value_text(a->base_value, 0, b, sizeof b);
        add(l, "from %s to %s of the way to %s", b, v, g);
    } else {
        add(l, "%s of %s", v, g);
    }
    if (a->kind == IND_TARGET_TOTAL)
        add(l, "), %.0f%% of the year gone", 100 * a->elapsed.value);
    else if (a->schedule_progress)
        add(l, "), %.0f%% of the time from %d to %d gone", 100 * a->elapsed.value,
            ind_period_year(a->base), t->year);
    else
        add(l, "), %.0f%% of the time from the start of %d to %d gone", 100 * a->elapsed.value,
            t->base_year, t->year);
    double gap = 100 * a->schedule_gap.value;
    if (fabs(gap) < 0.5)
        add(l, ": on schedule");
    else
        add(l, ": %.0f points %s schedule", fabs(gap), gap < 0 ? "behind" : "ahead of");
}

/* The same in the words of a Chinese report: 完成率 against 序时进度. */
static void schedule_note_zh(const ind_assessment *a, line *l)
{
    char v[32], g[32], b[32];
    const ind_figure *done = a->schedule_progress ? &a->progress : &a->completion;
    double gap = 100 * a->schedule_gap.value;
    ind_target_value_text(a->latest_value, 0, v, sizeof v);
    ind_target_value_text(a->goal_level, 0, g, sizeof g);
    add(l, "完成率 %.0f%%（", 100 * done->value);
    if (a->schedule_progress) {
        ind_target_value_text(a->base_value, 0, b, sizeof b);
        add(l, "由 %s 到 %s，目标 %s", b, v, g);
    } else {
        add(l, "完成 %s，目标 %s", v, g);
    }
    add(l, "），序时进度 %.0f%%", 100 * a->elapsed.value);
    if (fabs(gap) < 0.5)
        add(l, "，与序时进度持平");
    else
        add(l, "，%s序时进度 %.0f 个百分点", gap < 0 ? "落后" : "快于", fabs(gap));
    if (a->elapsed.value >= 0.5)
        add(l, "；时间过半，任务%s过半", done->value >= 0.5 ? "" : "未");
}

void ind_target_notes(const ind_target *t, const ind_series *s, const ind_assessment *a,
                      ind_lang lang, ind_target_note_fn fn, void *ctx)
{
    line l = {{0}, 0};
    char v[32], w[32], p[IND_PERIOD_TEXT_MAX];
    /* the verdict and its reason, translated apart: the reason may hold ": " itself */
    char why[sizeof a->reason * 2];
    add(&l, lang == IND_LANG_EN ? "%s: %s" : "%s：%s", ind_label(ind_verdict_name(a->verdict), lang),
        ind_label_text(a->reason, lang, why, sizeof why));
    emit(&l, IND_LANG_EN, fn, ctx);
    if (a->disagree[0]) {
        add(&l, "* disagreeing: %s", a->disagree);
        emit(&l, lang, fn, ctx);
    }
    if (!s || s->n == 0)
        return;
    bool from_start = a->elapsed.defined && !a->schedule_progress && a->kind != IND_TARGET_TOTAL;
    if (t->has_base && a->has_base && ind_period_year(a->base) != t->base_year && !from_start) {
        ind_period_format(a->base, p, sizeof p);
        add(&l, "no value for the base year %d: measured from %s", t->base_year, p);
        emit(&l, lang, fn, ctx);
    }
    if (strcmp(s->name, t->series) != 0) {
        add(&l, "data: series '%s', the %s values of %s", s->name, ind_freq_name(s->freq),
            t->series);
        emit(&l, lang, fn, ctx);
    }
    if (t->kind == IND_TARGET_GROWTH && a->has_base) {
        ind_target_value_text(a->goal_level, 0, v, sizeof v);
        ind_target_value_text(a->base_value, 0, w, sizeof w);
        ind_period_format(a->base, p, sizeof p);
        add(&l, "the goal means %s in %d (%s in %s grown at %.15g%%/yr)", v, t->year, w, p,
            t->goal);
        emit(&l, lang, fn, ctx);
    }
    if (a->kind == IND_TARGET_TOTAL && a->pace.defined) {
        total_note(t, a, &l);
        emit(&l, lang, fn, ctx);
    }
    if (a->schedule_gap.defined) {
        if (lang == IND_LANG_ZH)
            schedule_note_zh(a, &l);
        else
            schedule_note(t, a, &l);
        emit(&l, lang, fn, ctx);
    }
    if (a->weather == IND_WEATHER_NONE && a->kind != IND_TARGET_TOTAL && a->trend_value.why) {
        add(&l, "Destatis: %s", a->trend_value.why);
        emit(&l, lang, fn, ctx);
    }
    if (a->escap == IND_ESCAP_NONE && a->kind != IND_TARGET_TOTAL && a->anticipated.why) {
        add(&l, "ESCAP: %s", a->anticipated.why);
        emit(&l, lang, fn, ctx);
    }
    if (a->has_forecast) {
        add(&l, "forecast: %s (%s)", ind_label(a->method, lang), a->model);
        if (a->meets.defined) {
            ind_period m = {s->freq, (int32_t)a->meets.value};
            ind_period_format(m, p, sizeof p);
            add(&l, ", meets the goal in %s", p);
        }
        if (!a->probability.defined && a->probability.why)
            add(&l, "; %s", a->probability.why);
        emit(&l, lang, fn, ctx);
    }
    if (a->forecast_note[0]) {
        add(&l, "%s", a->forecast_note);
        emit(&l, lang, fn, ctx);
    }
}

/*
 * A year's total of an indicator a file gives at two frequencies ("2023
 * 9,084" and "2024H1 4,804", loaded as NAME and "NAME (half-yearly)"): when
 * the annual series has no value for the target year, the sub-annual one
 * with the year's periods so far is meant.
 */
static const ind_series *total_series(const ind_dataset *ds, const ind_series *s,
                                      const ind_target *t)
{
    if (t->kind != IND_TARGET_TOTAL || s->freq != IND_FREQ_YEAR ||
        (s->n && ind_period_year(ind_series_period(s, s->n - 1)) >= t->year))
        return s;
    static const ind_freq finer[] = {IND_FREQ_MONTH, IND_FREQ_QUARTER, IND_FREQ_HALF};
    for (size_t i = 0; i < sizeof finer / sizeof finer[0]; i++) {
        const ind_series *sub = ind_dataset_find_freq(ds, s->name, s->entity, finer[i]);
        if (sub && sub->n && ind_period_year(ind_series_period(sub, sub->n - 1)) == t->year)
            return sub;
    }
    return s;
}

const ind_series *ind_target_find_series(ind_dataset *const *ds, size_t nds, const ind_target *t,
                                         char *why, size_t n)
{
    for (size_t k = 0; k < nds; k++) {
        const ind_series *s = ind_dataset_find(ds[k], t->series, t->entity);
        if (s)
            return total_series(ds[k], s, t);
    }
    if (t->entity[0]) {
        snprintf(why, n, "no series '%.100s' with entity '%.100s' in the data", t->series,
                 t->entity);
        return NULL;
    }
    /* no entity given: the first series of that name (ind_targets_expand made one target
       per entity where there are several) */
    for (size_t k = 0; k < nds; k++)
        for (size_t i = 0; i < ind_dataset_count(ds[k]); i++) {
            const ind_series *s = ind_dataset_at(ds[k], i);
            if (strcmp(s->name, t->series) == 0)
                return total_series(ds[k], s, t);
        }
    snprintf(why, n, "no series '%.100s' in the data", t->series);
    return NULL;
}

/* Whether out[0..n) ends with a target expanded from t for this entity. */
static bool already_added(const ind_target *out, size_t n, const ind_target *t, const char *entity)
{
    for (size_t i = n; i-- > 0;) {
        if (strcmp(out[i].series, t->series) != 0 || out[i].line != t->line ||
            out[i].year != t->year)
            break;
        if (strcmp(out[i].entity, entity) == 0)
            return true;
    }
    return false;
}

static bool push(ind_target **out, size_t *n, size_t *cap, const ind_target *t)
{
    if (*n == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 16;
        ind_target *grown = realloc(*out, grown_cap * sizeof *grown);
        if (!grown)
            return false;
        *out = grown;
        *cap = grown_cap;
    }
    (*out)[(*n)++] = *t;
    return true;
}

ind_status ind_targets_expand(ind_dataset *const *ds, size_t nds, const ind_target *in, size_t n,
                              ind_target **out, size_t *nout, ind_error *err)
{
    ind_target *all = NULL;
    size_t len = 0, cap = 0;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        size_t added = 0;
        for (size_t k = 0; !in[i].entity[0] && k < nds && ok; k++)
            for (size_t j = 0; j < ind_dataset_count(ds[k]) && ok; j++) {
                const ind_series *s = ind_dataset_at(ds[k], j);
                if (strcmp(s->name, in[i].series) != 0 || !s->entity[0] ||
                    strlen(s->entity) >= sizeof in[i].entity ||
                    already_added(all, len, &in[i], s->entity))
                    continue;
                ind_target t = in[i];
                strcpy(t.entity, s->entity);
                ind_target_format(&t, t.text, sizeof t.text);
                ok = push(&all, &len, &cap, &t);
                added++;
            }
        if (added < 2 && ok) { /* one entity, or none: the target as written */
            len -= added;
            ok = push(&all, &len, &cap, &in[i]);
        }
    }
    if (!ok) {
        free(all);
        *out = NULL;
        *nout = 0;
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    *out = all;
    *nout = len;
    return IND_OK;
}
