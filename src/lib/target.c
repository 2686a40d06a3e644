/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * target.c - assessing a series against a target (see
 * include/indicators/target.h): the Eurostat growth ratio, the Destatis
 * linear-trend weather, the UN ESCAP anticipated progress, a forecast with
 * the probability of meeting the goal, and one verdict. Definitions follow
 * docs/METHODS.md; parsing is in target_parse.c.
 *
 * "Now" is the latest observation. A growth target is assessed as the level
 * it implies at the target year; a year-total target on sub-annual data by
 * the pace of the year so far.
 */
#include "indicators/target.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EUROSTAT_ZERO 0.001   /* Eurostat replaces zero values by this in the ratios */
#define MEETS_LOOKAHEAD 10    /* years after the target year searched for "first meets" */

void ind_target_options_init(ind_target_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->forecast = true;
    ind_forecast_request_init(&opt->request);
}

/* ---- names ---- */

const char *ind_verdict_name(ind_verdict v)
{
    static const char *const names[] = {"cannot assess", "achieved", "on track", "at risk",
                                        "off track"};
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "cannot assess";
}

ind_mark ind_verdict_mark(ind_verdict v)
{
    switch (v) {
    case IND_VERDICT_ACHIEVED:
    case IND_VERDICT_ON_TRACK:
        return IND_MARK_GOOD;
    case IND_VERDICT_AT_RISK:
        return IND_MARK_WARN;
    case IND_VERDICT_OFF_TRACK:
        return IND_MARK_BAD;
    default:
        return IND_MARK_DIM;
    }
}

const char *ind_eurostat_name(ind_eurostat c)
{
    static const char *const names[] = {"", "on track", "needs acceleration", "limited progress",
                                        "moving away"};
    return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "";
}

const char *ind_weather_name(ind_weather w)
{
    static const char *const names[] = {"", "sun", "slightly cloudy", "cloudy", "storm"};
    return (unsigned)w < sizeof names / sizeof names[0] ? names[w] : "";
}

const char *ind_escap_name(ind_escap c)
{
    static const char *const names[] = {"", "on track", "acceleration needed",
                                        "stagnation or regression"};
    return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "";
}

/* ---- categories ---- */

ind_eurostat ind_eurostat_category(double r)
{
    if (r >= 0.95)
        return IND_EUROSTAT_ON_TRACK;
    if (r >= 0.60)
        return IND_EUROSTAT_ACCELERATE;
    if (r >= 0)
        return IND_EUROSTAT_LIMITED;
    return IND_EUROSTAT_AWAY;
}

ind_escap ind_escap_category(double ap)
{
    if (ap >= 0.95)
        return IND_ESCAP_ON_TRACK;
    if (ap >= 0.10)
        return IND_ESCAP_ACCELERATE;
    return IND_ESCAP_REGRESS;
}

ind_verdict ind_verdict_of_ratio(double r)
{
    if (r >= 0.95)
        return IND_VERDICT_ON_TRACK;
    if (r >= 0.60)
        return IND_VERDICT_AT_RISK;
    return IND_VERDICT_OFF_TRACK;
}

/* ---- small helpers ---- */

static ind_figure fig(double v)
{
    ind_figure f = {true, v, NULL};
    if (!isfinite(v)) {
        f.defined = false;
        f.value = 0;
        f.why = "not finite";
    }
    return f;
}

static ind_figure no_fig(const char *why)
{
    ind_figure f = {false, 0, why};
    return f;
}

static int direction(const ind_target *t)
{
    return t->op == IND_TARGET_AT_MOST ? -1 : 1;
}

static bool meets(double x, double goal, int d)
{
    return d * (x - goal) >= 0;
}

/* The last period of year y at frequency freq. */
static ind_period year_end(ind_freq freq, int y)
{
    return ind_period_make(freq, y, (int)freq);
}

static const char *fmt_value(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.6g", v);
    return buf;
}

/* ---- Eurostat growth ratio ---- */

typedef struct growth_case {
    double x0, xt, goal; /* base, latest, goal level */
    double ya, yr;       /* years base -> latest, base -> target */
    int d;               /* +1 increase target, -1 decrease */
} growth_case;

/* The sign of x: -1, 0 or 1. */
static int sign_of(double x)
{
    return (x > 0) - (x < 0);
}

/*
 * Why the growth ratio of g cannot be computed, or NULL; *x0 receives the
 * base to use. Eurostat replaces zero values by 0.001 so that the rates
 * exist, but only a zero base needs it: a zero goal or latest value gives
 * the exact rate -100 %/yr, whatever the unit (with 0.001 a cap of 0 on a
 * series starting at 0.0005 would read as an increase target). The base
 * replacement takes the goal's sign and is refused when it changes the
 * direction of the goal or of the movement seen.
 */
static const char *eurostat_base(const growth_case *g, double *x0)
{
    *x0 = g->x0 == 0 ? copysign(EUROSTAT_ZERO, g->goal) : g->x0;
    int s = sign_of(*x0);
    if (sign_of(g->xt) == -s || sign_of(g->goal) == -s)
        return "values of mixed sign: no growth rate";
    if (g->x0 == 0 && (sign_of(g->goal - *x0) != g->d || sign_of(g->xt - *x0) != sign_of(g->xt)))
        return "the base is 0 and the values are within 0.001 of it: no growth rate";
    return NULL;
}

/*
 * R = CAGR_actual / CAGR_required on Eurostat's terms (zero base replaced,
 * mixed signs not assessed). A base that already met the goal has no
 * required growth: the category then says whether the goal is still met.
 * Without a ratio, a value that moved away from the goal is still "moving
 * away": a cap is never on track while the value rises.
 */
static ind_eurostat eurostat(const growth_case *g, ind_figure *r)
{
    if (!(g->ya > 0)) {
        *r = no_fig("needs a base and a later observation");
        return IND_EUROSTAT_NONE;
    }
    if (!(g->yr > 0)) {
        *r = no_fig("target year is not after the base");
        return IND_EUROSTAT_NONE;
    }
    if (g->d * (g->goal - g->x0) <= 0) {
        *r = no_fig(g->goal == g->x0 ? "base value equals the goal" : "base value already met the goal");
        return meets(g->xt, g->goal, g->d) ? IND_EUROSTAT_ON_TRACK : IND_EUROSTAT_AWAY;
    }
    if (g->xt == g->x0) {
        *r = fig(0); /* no growth, whatever the signs */
        return ind_eurostat_category(0);
    }
    ind_eurostat away = g->d * (g->xt - g->x0) < 0 ? IND_EUROSTAT_AWAY : IND_EUROSTAT_NONE;
    double x0;
    const char *why = eurostat_base(g, &x0);
    if (why) {
        *r = no_fig(why);
        return away;
    }
    double actual = pow(g->xt / x0, 1.0 / g->ya) - 1, required = pow(g->goal / x0, 1.0 / g->yr) - 1;
    if (required == 0 || !isfinite(actual) || !isfinite(required)) {
        *r = no_fig(required == 0 ? "the required growth rounds to zero" : "growth rates out of range");
        return away;
    }
    *r = fig(actual / required);
    return ind_eurostat_category(r->value);
}

/* ---- Destatis weather ---- */

/*
 * Mean of the annual changes into the last 5 years (at least 4 of them),
 * extended linearly to the target year; the shortfall is measured in shares
 * of the distance |goal - latest|.
 */
static ind_weather destatis(const ind_series *s, double goal, int d, double years_left,
                            ind_assessment *a)
{
    a->trend_change = a->trend_value = a->trend_miss = no_fig("");
    if (s->freq != IND_FREQ_YEAR) {
        a->trend_change = a->trend_value = a->trend_miss = no_fig("needs annual data");
        return IND_WEATHER_NONE;
    }
    if (!(years_left > 0)) {
        a->trend_change = a->trend_value = a->trend_miss = no_fig("target year reached");
        return IND_WEATHER_NONE;
    }
    int32_t last = s->ord[s->n - 1];
    double sum = 0;
    int k = 0;
    for (size_t i = s->n - 1; i >= 1 && s->ord[i] >= last - 4; i--)
        if (s->ord[i] - s->ord[i - 1] == 1) {
            sum += s->value[i] - s->value[i - 1];
            k++;
        }
    if (k < 4) {
        a->trend_change = a->trend_value = a->trend_miss =
            no_fig("needs at least 4 of the last 5 annual changes");
        return IND_WEATHER_NONE;
    }
    double xt = s->value[s->n - 1], m = sum / k, proj = xt + m * years_left;
    a->trend_change = fig(m);
    a->trend_value = fig(proj);
    if (meets(xt, goal, d)) {
        a->trend_miss = no_fig("already met");
        return meets(proj, goal, d) ? IND_WEATHER_SUN : IND_WEATHER_STORM;
    }
    double miss = d * (goal - proj) / fabs(goal - xt);
    a->trend_miss = fig(miss);
    if (d * m < 0)
        return IND_WEATHER_STORM;
    if (miss < 0.05)
        return IND_WEATHER_SUN;
    if (miss <= 0.20)
        return IND_WEATHER_SLIGHTLY_CLOUDY;
    return IND_WEATHER_CLOUDY;
}

/* ---- UN ESCAP anticipated progress ---- */

static ind_escap escap(const growth_case *g, const ind_figure *cagr, double years_left,
                       ind_assessment *a)
{
    a->escap_value = a->anticipated = no_fig("");
    const char *why = NULL;
    if (!cagr->defined)
        why = cagr->why;
    else if (!(years_left > 0))
        why = "target year reached";
    else if (g->d * (g->goal - g->x0) <= 0)
        why = g->goal == g->x0 ? "base value equals the goal" : "base value already met the goal";
    if (why) {
        a->escap_value = a->anticipated = no_fig(why);
        if (cagr->defined && years_left > 0)
            return meets(g->xt, g->goal, g->d) ? IND_ESCAP_ON_TRACK : IND_ESCAP_REGRESS;
        return IND_ESCAP_NONE;
    }
    double xT = g->xt * pow(1 + cagr->value, years_left);
    a->escap_value = fig(xT);
    a->anticipated = fig((xT - g->x0) / (g->goal - g->x0));
    return a->anticipated.defined ? ind_escap_category(a->anticipated.value) : IND_ESCAP_NONE;
}

/* ---- forecast ---- */

/*
 * The forecast of s for horizon steps past its last observation, made as
 * every command makes it (ind_forecast_series). On failure (a series too
 * short for the method ...) a->forecast_note says why and it returns false.
 */
static bool forecast_of(const ind_series *s, const ind_target_options *opt, size_t horizon,
                        ind_forecast *f, ind_assessment *a)
{
    ind_forecast_request req = opt->request;
    req.horizon = horizon;
    ind_error ferr;
    ind_error_clear(&ferr);
    if (ind_forecast_series(s, &req, f, &ferr) == IND_OK) {
        snprintf(a->forecast_note, sizeof a->forecast_note, "%s", f->note);
        return true;
    }
    snprintf(a->forecast_note, sizeof a->forecast_note, "no forecast: %.240s", ferr.message);
    return false;
}

/* The first step from (0-based) from on where f meets the goal, as a period in a->meets. */
static void first_meets(const ind_series *s, const ind_forecast *f, size_t from, double goal, int d,
                        ind_assessment *a)
{
    a->meets = no_fig("the forecast does not reach the goal within 10 years after the target year");
    for (size_t i = from; i < f->h; i++)
        if (meets(f->mean[i], goal, d)) {
            a->meets = fig((double)(s->ord[s->n - 1] + (int32_t)i + 1));
            return;
        }
}

/* Fills the forecast figures from f at 0-based step h of the target period. */
static void take_forecast(const ind_series *s, const ind_forecast *f, size_t h, double goal, int d,
                          ind_assessment *a)
{
    a->has_forecast = true;
    snprintf(a->method, sizeof a->method, "%s", f->method);
    snprintf(a->model, sizeof a->model, "%s", f->model);
    a->forecast = fig(f->mean[h]);
    a->has_intervals = f->has_intervals; /* none from fewer than 3 observations: the note says */
    for (size_t k = 0; a->has_intervals && k < f->nlevels && k < IND_FORECAST_MAX_LEVELS; k++) {
        a->lo[k] = f->lo[h * f->nlevels + k];
        a->hi[k] = f->hi[h * f->nlevels + k];
    }
    double below = ind_forecast_prob_below(f, h, goal);
    if (!f->has_intervals || !isfinite(below))
        a->probability = no_fig("no probability: the forecast has no interval");
    else
        a->probability = fig(d > 0 ? 1 - below : below);
    first_meets(s, f, 0, goal, d, a);
}

/*
 * Forecasts s to the target period, as `forecast --to` that period does (the
 * horizon shapes auto's calibrated intervals, so it must be the same), and
 * when the goal is not met by then MEETS_LOOKAHEAD years beyond it, for the
 * first period that meets the goal. A failure is a note in a.
 */
static ind_status run_forecast(const ind_series *s, const ind_target_options *opt, double goal,
                               int d, ind_assessment *a, ind_error *err)
{
    a->forecast = a->probability = a->meets = a->forecast_growth = no_fig("no forecast");
    if (!opt->forecast)
        return IND_OK;
    if (a->target.ord <= a->latest.ord) {
        a->forecast = a->probability = a->meets = no_fig("target year reached");
        return IND_OK;
    }
    size_t h;
    ind_error herr;
    ind_forecast f;
    if (ind_forecast_horizon_to(s, a->target, &h, &herr) != IND_OK) {
        snprintf(a->forecast_note, sizeof a->forecast_note, "no forecast: %.240s", herr.message);
        a->forecast = a->probability = a->meets = no_fig("no forecast (see the note)");
        return IND_OK;
    }
    if (!forecast_of(s, opt, h, &f, a)) {
        a->forecast = a->probability = a->meets = no_fig("no forecast (see the note)");
        return IND_OK;
    }
    take_forecast(s, &f, h - 1, goal, d, a);
    ind_forecast_clear(&f);
    /* point forecasts do not depend on the horizon: the longer run only extends them */
    size_t further = h + MEETS_LOOKAHEAD * (size_t)s->freq;
    if (further > IND_FORECAST_MAX_HORIZON)
        further = IND_FORECAST_MAX_HORIZON;
    char note[sizeof a->forecast_note];
    memcpy(note, a->forecast_note, sizeof note);
    if (!a->meets.defined && further > h && forecast_of(s, opt, further, &f, a))
        first_meets(s, &f, h, goal, d, a);
    memcpy(a->forecast_note, note, sizeof note);
    ind_forecast_clear(&f);
    return IND_OK;
}

/* ---- plan completion against elapsed time (完成率, 序时进度) ---- */

/*
 * The share done against the share of the time gone, as planning bureaus
 * check a plan ("时间过半、任务过半"): the gap in points, and a verdict from
 * their ratio by the growth-ratio thresholds when nothing better is known
 * (the ratio is the pace so far over the even pace the plan needs, as
 * pace / goal is for a year's total).
 */
static void schedule_gap(ind_assessment *a)
{
    const ind_figure *done = a->schedule_progress ? &a->progress : &a->completion;
    if (!done->defined || !a->elapsed.defined)
        a->schedule_gap = no_fig(!done->defined ? done->why : a->elapsed.why);
    else
        a->schedule_gap = fig(done->value - a->elapsed.value);
}

/* x_t / G: the plan counted from zero (investment completed against the total planned). */
static ind_figure completion_of(double xt, double goal, int d)
{
    if (d < 0)
        return no_fig("a cap has no completion (only progress from a base)");
    if (!(goal > 0) || xt < 0)
        return no_fig("completion needs a positive goal and a value not below 0");
    return fig(xt / goal);
}

/*
 * Level targets. With a base observation before the latest, progress is
 * measured from it and the time from it; otherwise the plan is counted from
 * zero at the beginning of its start year ('from YEAR'), which is all a
 * single observation allows. Without a start year there is no plan period.
 */
static void schedule_level(const ind_target *t, ind_assessment *a, int d)
{
    a->completion = completion_of(a->latest_value, a->goal_level, d);
    bool from_base = a->has_base && a->base.ord < a->latest.ord;
    if (!from_base)
        a->progress = no_fig("needs a base and a later observation");
    else if (a->goal_level == a->base_value)
        a->progress = no_fig("base value equals the goal");
    else
        a->progress = fig((a->latest_value - a->base_value) / (a->goal_level - a->base_value));
    a->schedule_progress = from_base && a->progress.defined;
    if (t->kind != IND_TARGET_LEVEL || !t->has_base) {
        a->elapsed = no_fig(t->kind != IND_TARGET_LEVEL ? "only for level targets and year totals"
                                                        : "needs the plan's start ('from YEAR')");
    } else {
        ind_period start = a->schedule_progress
                               ? a->base
                               : ind_period_add(ind_period_make(a->latest.freq, t->base_year, 1), -1);
        double span = ind_period_years_between(start, a->target);
        a->elapsed = span > 0 ? fig(ind_period_years_between(start, a->latest) / span)
                              : no_fig("the plan period is empty");
        if (a->elapsed.defined && a->elapsed.value < 0)
            a->elapsed = no_fig("the latest observation is before the plan's start");
    }
    schedule_gap(a);
}

/* When the growth ratio cannot judge (one observation): the schedule can. */
static bool verdict_schedule(ind_assessment *a)
{
    const ind_figure *done = a->schedule_progress ? &a->progress : &a->completion;
    if (!a->schedule_gap.defined || !(a->elapsed.value > 0))
        return false;
    double q = done->value / a->elapsed.value;
    a->verdict = ind_verdict_of_ratio(q);
    snprintf(a->reason, sizeof a->reason,
             "%.0f%% done, %.0f%% of the time gone: %.0f points %s schedule (ratio %.2f)",
             100 * done->value, 100 * a->elapsed.value, fabs(100 * a->schedule_gap.value),
             a->schedule_gap.value < 0 ? "behind" : "ahead of", q);
    return true;
}

/* ---- verdict ---- */

/* Whether a method's category is compatible with the verdict. */
static bool weather_agrees(ind_weather w, ind_verdict v)
{
    switch (w) {
    case IND_WEATHER_SUN:
        return v == IND_VERDICT_ACHIEVED || v == IND_VERDICT_ON_TRACK;
    case IND_WEATHER_SLIGHTLY_CLOUDY:
        return v == IND_VERDICT_ON_TRACK || v == IND_VERDICT_AT_RISK;
    case IND_WEATHER_CLOUDY:
        return v == IND_VERDICT_AT_RISK || v == IND_VERDICT_OFF_TRACK;
    case IND_WEATHER_STORM:
        return v == IND_VERDICT_OFF_TRACK;
    default:
        return true;
    }
}

static bool escap_agrees(ind_escap c, ind_verdict v)
{
    switch (c) {
    case IND_ESCAP_ON_TRACK:
        return v == IND_VERDICT_ACHIEVED || v == IND_VERDICT_ON_TRACK;
    case IND_ESCAP_ACCELERATE:
        return v == IND_VERDICT_AT_RISK || v == IND_VERDICT_OFF_TRACK;
    case IND_ESCAP_REGRESS:
        return v == IND_VERDICT_OFF_TRACK;
    default:
        return true;
    }
}

static bool forecast_agrees(const ind_assessment *a, int d)
{
    if (a->verdict == IND_VERDICT_AT_RISK)
        return true;
    bool likely;
    if (a->probability.defined)
        likely = a->probability.value >= 0.5;
    else if (a->forecast.defined)
        likely = meets(a->forecast.value, a->goal_level, d);
    else
        return true;
    return likely == (a->verdict != IND_VERDICT_OFF_TRACK);
}

static void append(char *buf, size_t n, const char *text)
{
    size_t len = strlen(buf);
    snprintf(buf + len, n - len, "%s%s", len ? "; " : "", text);
}

static void note_disagreement(ind_assessment *a, int d)
{
    char part[160];
    a->disagree[0] = '\0';
    if (a->verdict == IND_VERDICT_CANNOT_ASSESS)
        return;
    if (!weather_agrees(a->weather, a->verdict)) {
        snprintf(part, sizeof part, "Destatis trend: %s", ind_weather_name(a->weather));
        append(a->disagree, sizeof a->disagree, part);
    }
    if (!escap_agrees(a->escap, a->verdict)) {
        snprintf(part, sizeof part, "ESCAP: %s", ind_escap_name(a->escap));
        append(a->disagree, sizeof a->disagree, part);
    }
    if (!forecast_agrees(a, d)) {
        char v[32];
        if (a->probability.defined)
            snprintf(part, sizeof part, "forecast: %.0f%% probability of meeting the goal",
                     100 * a->probability.value);
        else
            snprintf(part, sizeof part, "forecast: %s at the target year",
                     fmt_value(a->forecast.value, v, sizeof v));
        append(a->disagree, sizeof a->disagree, part);
    }
}

/* The value at the target period when observed; false otherwise. */
static bool value_at(const ind_series *s, int32_t ord, double *v)
{
    long i = ind_series_find(s, ord);
    if (i < 0)
        return false;
    *v = s->value[i];
    return true;
}

/* Target year reached or past: judged by the value observed then. */
static void verdict_past(const ind_series *s, const ind_target *t, ind_assessment *a, int d)
{
    char v[32], g[32];
    double x;
    fmt_value(a->goal_level, g, sizeof g);
    if (!value_at(s, a->target.ord, &x)) {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason, "target year %d is past and has no value", t->year);
    } else if (meets(x, a->goal_level, d)) {
        a->verdict = IND_VERDICT_ACHIEVED;
        snprintf(a->reason, sizeof a->reason, "met in %d: %s %s %s", t->year,
                 fmt_value(x, v, sizeof v), d > 0 ? ">=" : "<=", g);
    } else {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        int len = snprintf(a->reason, sizeof a->reason, "target year %d is past: missed (%s, goal %s)",
                           t->year, fmt_value(x, v, sizeof v), g);
        for (size_t i = 0; i < s->n && len > 0 && (size_t)len < sizeof a->reason; i++)
            if (s->ord[i] > a->target.ord && meets(s->value[i], a->goal_level, d)) {
                char p[IND_PERIOD_TEXT_MAX];
                ind_period_format(ind_series_period(s, i), p, sizeof p);
                snprintf(a->reason + len, sizeof a->reason - (size_t)len, "; met later, in %s", p);
                break;
            }
    }
}

static void verdict_level(const ind_series *s, const ind_target *t, ind_assessment *a, int d)
{
    char v[32], g[32];
    fmt_value(a->goal_level, g, sizeof g);
    if (!(a->years_left > 0)) {
        verdict_past(s, t, a, d);
    } else if (meets(a->latest_value, a->goal_level, d) && t->kind != IND_TARGET_TOTAL) {
        a->verdict = IND_VERDICT_ACHIEVED;
        snprintf(a->reason, sizeof a->reason,
                 t->kind == IND_TARGET_GROWTH
                     ? "latest value %s already meets the level the rate gives for the target year (%s)"
                     : "latest value %s already meets the goal %s",
                 fmt_value(a->latest_value, v, sizeof v), g);
    } else if (a->growth_ratio.defined) {
        a->verdict = ind_verdict_of_ratio(a->growth_ratio.value);
        int len = snprintf(a->reason, sizeof a->reason, "growth ratio R = %.2f (%s)",
                           a->growth_ratio.value,
                           a->growth_ratio.value >= 0.95   ? ">= 0.95"
                           : a->growth_ratio.value >= 0.60 ? "0.60 to 0.95"
                           : a->growth_ratio.value >= 0    ? "below 0.60"
                                                           : "negative: moving away");
        if (a->actual_growth.defined && a->base_required_growth.defined && len > 0 &&
            (size_t)len < sizeof a->reason)
            snprintf(a->reason + len, sizeof a->reason - (size_t)len,
                     ": %+.1f%%/yr since %d against %+.1f%%/yr required", 100 * a->actual_growth.value,
                     ind_period_year(a->base), 100 * a->base_required_growth.value);
    } else if (a->eurostat == IND_EUROSTAT_AWAY || a->eurostat == IND_EUROSTAT_ON_TRACK) {
        a->verdict = a->eurostat == IND_EUROSTAT_AWAY ? IND_VERDICT_OFF_TRACK : IND_VERDICT_ON_TRACK;
        snprintf(a->reason, sizeof a->reason, "%s; the latest value %s it",
                 a->growth_ratio.why, a->eurostat == IND_EUROSTAT_AWAY ? "has moved away from" : "meets");
    } else if (!verdict_schedule(a)) {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason, "%s", a->growth_ratio.why);
    }
}

/* ---- level and growth targets ---- */

/* Index of the base observation: the first on or after the base year, else the first. */
static long base_index(const ind_series *s, const ind_target *t)
{
    if (!t->has_base)
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if (ind_period_year(ind_series_period(s, i)) >= t->base_year)
            return (long)i;
    return -1;
}

/* Sets the level the target asks for; returns why it cannot be derived, or NULL. */
static const char *goal_level(const ind_target *t, ind_assessment *a)
{
    if (t->kind != IND_TARGET_GROWTH) {
        a->goal_level = t->goal;
        a->has_goal_level = true;
        return NULL;
    }
    const char *why = NULL;
    if (!a->has_base)
        why = "no observation in or after the base year";
    else if (!(a->base_value > 0))
        why = "a growth target needs a positive base value";
    else if (!(t->goal > -100))
        why = "a growth rate must be above -100%";
    else if (!(ind_period_years_between(a->base, a->target) > 0))
        why = "the target year is not after the base";
    a->has_goal_level = !why;
    if (!why)
        a->goal_level =
            a->base_value * pow(1 + t->goal / 100, ind_period_years_between(a->base, a->target));
    return why;
}

static void level_figures(const ind_series *s, const ind_target *t, ind_assessment *a, int d)
{
    double xt = a->latest_value, left = a->years_left;
    a->gap = fig(a->goal_level - xt);
    if (left > 0) {
        a->required_growth = ind_growth_cagr(xt, a->goal_level, left);
        a->required_change = fig((a->goal_level - xt) / left);
    } else {
        a->required_growth = a->required_change = no_fig("target year reached");
    }
    double ya = a->has_base ? ind_period_years_between(a->base, a->latest) : 0;
    a->actual_growth = ya > 0 ? ind_growth_cagr(a->base_value, xt, ya)
                              : no_fig("needs two observations from the base year on");
    growth_case g = {a->has_base ? a->base_value : xt, xt, a->goal_level, ya,
                     a->has_base ? ind_period_years_between(a->base, a->target) : 0, d};
    a->eurostat = eurostat(&g, &a->growth_ratio);
    a->base_required_growth = a->has_base && g.yr > 0
                                  ? ind_growth_cagr(a->base_value, a->goal_level, g.yr)
                                  : no_fig("needs a base before the target year");
    a->weather = destatis(s, a->goal_level, d, left, a);
    a->escap = escap(&g, &a->actual_growth, left, a);
}

static ind_status assess_level(const ind_series *s, const ind_target *t,
                               const ind_target_options *opt, ind_assessment *a, ind_error *err)
{
    int d = direction(t);
    long b = base_index(s, t);
    a->has_base = b >= 0;
    if (a->has_base) {
        a->base = ind_series_period(s, (size_t)b);
        a->base_value = s->value[b];
    }
    const char *why = goal_level(t, a);
    if (why) {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason, "%s", why);
        a->gap = a->required_growth = a->required_change = a->actual_growth = a->growth_ratio =
            a->base_required_growth =
            a->trend_change = a->trend_value = a->trend_miss = a->escap_value = a->anticipated =
                a->forecast = a->forecast_growth = a->probability = a->meets = a->completion =
                    a->progress = a->elapsed = a->schedule_gap = no_fig(why);
        return IND_OK;
    }
    level_figures(s, t, a, d);
    schedule_level(t, a, d);
    ind_status st = run_forecast(s, opt, a->goal_level, d, a, err);
    if (st != IND_OK)
        return st;
    if (t->kind == IND_TARGET_GROWTH && a->forecast.defined && a->has_base)
        a->forecast_growth = ind_growth_cagr(a->base_value, a->forecast.value,
                                             ind_period_years_between(a->base, a->target));
    verdict_level(s, t, a, d);
    note_disagreement(a, d);
    return IND_OK;
}

/* ---- year-total targets on sub-annual data ---- */

/* Sum of periods 1..k of year y (or the year-to-date value of a cumulative series). */
static bool year_to_date(const ind_series *s, int y, int k, double *sum)
{
    ind_period first = ind_period_make(s->freq, y, 1);
    if (s->flags & IND_SERIES_CUMULATIVE)
        return value_at(s, first.ord + k - 1, sum);
    *sum = 0;
    for (int i = 0; i < k; i++) {
        double v;
        if (!value_at(s, first.ord + i, &v))
            return false;
        *sum += v;
    }
    return true;
}

static void pace_figures(const ind_series *s, const ind_target *t, ind_assessment *a, int k, int d)
{
    int freq = (int)s->freq;
    double ytd = a->latest_value, goal = t->goal;
    a->elapsed = fig((double)k / freq);
    a->completion = completion_of(ytd, goal, d);
    a->progress = no_fig("a year's total is counted from zero");
    schedule_gap(a);
    a->pace = fig(ytd * freq / k);
    a->gap = fig(goal - ytd);
    a->required_change = k < freq ? fig((goal - ytd) / (freq - k)) : no_fig("the year is complete");
    a->required_growth = no_fig("not defined for a year's total");
    if (!(goal > 0))
        a->growth_ratio = no_fig("a year-total goal must be positive");
    else if (d > 0)
        a->growth_ratio = fig(a->pace.value / goal);
    else
        a->growth_ratio = a->pace.value > 0 ? fig(goal / a->pace.value) : no_fig("nothing so far");
    double last_ytd, last_total;
    if (year_to_date(s, t->year - 1, k, &last_ytd) && year_to_date(s, t->year - 1, freq, &last_total) &&
        last_ytd > 0) {
        a->actual_growth = fig(ytd / last_ytd - 1);
        a->seasonal = fig(last_total * ytd / last_ytd);
    } else {
        a->actual_growth = a->seasonal = no_fig("needs the same periods of the previous year");
    }
}

/* Forecast of the rest of the year: its total, and a probability when one period remains. */
static ind_status forecast_rest(const ind_series *s, const ind_target *t,
                                const ind_target_options *opt, ind_assessment *a, int remaining,
                                int d, ind_error *err)
{
    a->forecast = a->probability = a->meets = a->forecast_growth = no_fig("no forecast");
    if (!opt->forecast || remaining <= 0)
        return IND_OK;
    if (s->flags & IND_SERIES_CUMULATIVE) {
        a->forecast = a->probability = no_fig("year-to-date series are not forecast");
        return IND_OK;
    }
    ind_forecast f;
    if (forecast_of(s, opt, (size_t)remaining, &f, a)) {
        double rest = 0;
        for (int i = 0; i < remaining; i++)
            rest += f.mean[i];
        take_forecast(s, &f, (size_t)remaining - 1, t->goal - a->latest_value, d, a);
        a->forecast = fig(a->latest_value + rest);
        a->has_intervals = false; /* bounds of one period are not bounds of the total */
        a->meets = no_fig("not defined for a year's total");
        if (remaining > 1)
            a->probability = no_fig("no probability: the forecast gives each period's "
                                    "distribution, not that of their sum");
    } else {
        a->forecast = a->probability = no_fig("no forecast (see the note)");
    }
    ind_forecast_clear(&f);
    return IND_OK;
}

static void verdict_total(const ind_target *t, ind_assessment *a, int k, int d, bool any_negative)
{
    char v[32], g[32];
    fmt_value(t->goal, g, sizeof g);
    fmt_value(a->latest_value, v, sizeof v);
    int freq = (int)a->latest.freq;
    if (k == freq) {
        bool met = meets(a->latest_value, t->goal, d);
        a->verdict = met ? IND_VERDICT_ACHIEVED : IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason, "the year %d is complete: total %s %s the goal %s",
                 t->year, v, met ? "meets" : "missed", g);
    } else if (d > 0 && meets(a->latest_value, t->goal, d)) {
        a->verdict = IND_VERDICT_ACHIEVED;
        snprintf(a->reason, sizeof a->reason, "the year-to-date total %s already meets the goal %s",
                 v, g);
    } else if (d < 0 && !meets(a->latest_value, t->goal, d) && !any_negative) {
        a->verdict = IND_VERDICT_OFF_TRACK;
        snprintf(a->reason, sizeof a->reason, "the year-to-date total %s already exceeds the cap %s",
                 v, g);
    } else if (a->growth_ratio.defined) {
        a->verdict = ind_verdict_of_ratio(a->growth_ratio.value);
        char p[32];
        snprintf(a->reason, sizeof a->reason, "pace %s for the year (%s in %d/%d of it): %.0f%% of the goal",
                 fmt_value(a->pace.value, p, sizeof p), v, k, freq,
                 100 * a->pace.value / t->goal);
    } else if (a->growth_ratio.why && strcmp(a->growth_ratio.why, "nothing so far") == 0) {
        a->verdict = IND_VERDICT_ON_TRACK;
        snprintf(a->reason, sizeof a->reason, "nothing so far this year, the cap is %s", g);
    } else {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason, "%s", a->growth_ratio.why);
    }
}

static void pace_disagreement(ind_assessment *a, int d, double goal)
{
    char part[160], v[32];
    a->disagree[0] = '\0';
    if (a->verdict == IND_VERDICT_CANNOT_ASSESS || a->verdict == IND_VERDICT_AT_RISK)
        return;
    bool good = a->verdict != IND_VERDICT_OFF_TRACK;
    if (a->seasonal.defined && meets(a->seasonal.value, goal, d) != good) {
        snprintf(part, sizeof part, "same-period projection: %s",
                 fmt_value(a->seasonal.value, v, sizeof v));
        append(a->disagree, sizeof a->disagree, part);
    }
    if (a->probability.defined && (a->probability.value >= 0.5) != good) {
        snprintf(part, sizeof part, "forecast: %.0f%% probability of meeting the goal",
                 100 * a->probability.value);
        append(a->disagree, sizeof a->disagree, part);
    } else if (!a->probability.defined && a->forecast.defined &&
               meets(a->forecast.value, goal, d) != good) {
        snprintf(part, sizeof part, "forecast total: %s", fmt_value(a->forecast.value, v, sizeof v));
        append(a->disagree, sizeof a->disagree, part);
    }
}

static ind_status assess_total(const ind_series *s, const ind_target *t,
                               const ind_target_options *opt, ind_assessment *a, ind_error *err)
{
    int d = direction(t), freq = (int)s->freq;
    int year = ind_period_year(a->latest), k = ind_period_sub(a->latest);
    a->goal_level = t->goal;
    a->has_goal_level = true;
    a->escap_value = a->anticipated = a->trend_change = a->trend_value = a->trend_miss =
        no_fig("not defined for a year's total");
    a->forecast = a->probability = a->meets = a->forecast_growth = no_fig("no forecast");
    if (year != t->year) {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason, "%s: the latest data is for %d",
                 year < t->year ? "no data for the target year yet" : "target year is past", year);
        a->gap = a->pace = a->elapsed = a->growth_ratio = a->required_change = a->required_growth =
            a->actual_growth = a->seasonal = a->completion = a->progress = a->schedule_gap =
                no_fig("no data for the target year");
        return IND_OK;
    }
    if (!year_to_date(s, year, k, &a->latest_value)) {
        a->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(a->reason, sizeof a->reason,
                 "a period of %d before the latest is missing: no year-to-date total", year);
        a->gap = a->pace = a->elapsed = a->growth_ratio = a->required_change = a->required_growth =
            a->actual_growth = a->seasonal = a->completion = a->progress = a->schedule_gap =
                no_fig("a period of the year is missing");
        return IND_OK;
    }
    pace_figures(s, t, a, k, d);
    ind_status st = forecast_rest(s, t, opt, a, freq - k, d, err);
    if (st != IND_OK)
        return st;
    bool any_negative = false;
    for (size_t i = 0; i < s->n; i++)
        any_negative = any_negative || s->value[i] < 0;
    verdict_total(t, a, k, d, any_negative);
    pace_disagreement(a, d, t->goal);
    return IND_OK;
}

ind_status ind_target_assess(const ind_series *s, const ind_target *t,
                             const ind_target_options *opt, ind_assessment *out, ind_error *err)
{
    ind_target_options defaults;
    if (!opt) {
        ind_target_options_init(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof *out);
    ind_forecast_request req = opt->request;
    req.horizon = 1; /* ignored: the target period sets it */
    ind_status st;
    if (opt->forecast && (st = ind_forecast_request_check(&req, err)) != IND_OK)
        return st;
    out->kind = t->kind;
    out->nlevels = opt->request.nlevels;
    memcpy(out->levels, opt->request.levels, sizeof out->levels);
    const char *why = s->n ? "not computed" : "no observations";
    out->gap = out->required_growth = out->required_change = out->actual_growth =
        out->base_required_growth =
        out->growth_ratio = out->trend_change = out->trend_value = out->trend_miss =
            out->escap_value = out->anticipated = out->elapsed = out->pace = out->seasonal =
                out->completion = out->progress = out->schedule_gap =
                out->forecast = out->forecast_growth = out->probability = out->meets =
                    no_fig(why);
    if (s->n == 0) { /* a country without data in a World Bank download: a row, not a failure */
        out->verdict = IND_VERDICT_CANNOT_ASSESS;
        snprintf(out->reason, sizeof out->reason, "the series has no observations");
        return IND_OK;
    }
    out->latest = ind_series_period(s, s->n - 1);
    out->latest_value = s->value[s->n - 1];
    out->target = year_end(s->freq, t->year);
    out->years_left = ind_period_years_between(out->latest, out->target);
    if (t->kind == IND_TARGET_TOTAL && s->freq != IND_FREQ_YEAR)
        return assess_total(s, t, opt, out, err);
    out->pace = out->seasonal = no_fig("only for a year's total of sub-annual data");
    return assess_level(s, t, opt, out, err);
}
