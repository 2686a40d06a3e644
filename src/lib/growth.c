/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * growth.c - growth statistics of one series (see include/indicators/growth.h).
 *
 * Every figure goes through defined()/undefined()/checked() so that no NaN or
 * inf can leave this file: a result that is not finite becomes an undefined
 * figure with a reason.
 */
#include "indicators/growth.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static ind_figure undefined(const char *why)
{
    ind_figure f = {false, 0.0, why};
    return f;
}

static ind_figure defined(double value)
{
    ind_figure f = {true, value, NULL};
    return f;
}

/* value, or undefined when it overflowed to inf or became NaN. */
static ind_figure checked(double value)
{
    return isfinite(value) ? defined(value) : undefined("out of range of doubles");
}

ind_figure ind_growth_cagr(double x0, double x1, double years)
{
    if (!(years > 0))
        return undefined("needs two different periods");
    if (!(x0 > 0) || !(x1 > 0))
        return undefined("CAGR needs positive values");
    /* exp(log1p) keeps precision for rates near zero */
    return checked(expm1(log(x1 / x0) / years));
}

ind_figure ind_growth_doubling_time(double g)
{
    if (!(g > 0))
        return undefined("not growing");
    return checked(log(2.0) / log1p(g));
}

ind_figure ind_growth_rate(double x0, double x1)
{
    if (x0 == 0)
        return undefined("zero base");
    if (x0 < 0)
        return undefined("negative base");
    return checked(x1 / x0 - 1.0);
}

ind_figure ind_growth_two_year(double g1, double g2)
{
    double product = (1.0 + g1) * (1.0 + g2);
    if (!(product >= 0))
        return undefined("values change sign");
    return checked(sqrt(product) - 1.0);
}

void ind_growth_options_init(ind_growth_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

static bool is_cumulative(const ind_series *s, const ind_growth_options *opt)
{
    return (opt && opt->cumulative) || (s->flags & IND_SERIES_CUMULATIVE);
}

/* The value of observation i: the derived single-period value when cumulative. */
static ind_figure obs_value(const ind_series *s, bool cumulative, size_t i)
{
    if (!cumulative || ind_period_sub(ind_series_period(s, i)) == 1)
        return defined(s->value[i]);
    if (i > 0 && s->ord[i - 1] == s->ord[i] - 1)
        return checked(s->value[i] - s->value[i - 1]);
    return undefined("previous YTD value missing: single period unknown");
}

/* The value at ordinal ord (single-period when cumulative), or why_missing. */
static ind_figure value_at(const ind_series *s, bool cumulative, int32_t ord,
                           const char *why_missing)
{
    long i = ind_series_find(s, ord);
    return i < 0 ? undefined(why_missing) : obs_value(s, cumulative, (size_t)i);
}

/* 100 x1 / x0 (an index on base x0) when both are defined, else the first reason. */
static ind_figure index_of(ind_figure x0, ind_figure x1)
{
    if (!x1.defined)
        return x1;
    if (!x0.defined)
        return x0;
    if (x0.value == 0)
        return undefined("zero base");
    if (x0.value < 0)
        return undefined("negative base");
    return checked(100.0 * x1.value / x0.value);
}

/* x1 / x0 - 1 when both figures are defined, else the first reason. */
static ind_figure rate_of(ind_figure x0, ind_figure x1)
{
    if (!x1.defined)
        return x1;
    if (!x0.defined)
        return x0;
    return ind_growth_rate(x0.value, x1.value);
}

/* "what (period)" into buf, e.g. "no value a year earlier (2022)". */
static const char *format_why(char *buf, size_t n, const char *what, ind_period p)
{
    char when[IND_PERIOD_TEXT_MAX];
    ind_period_format(p, when, sizeof when);
    snprintf(buf, n, "%s (%s)", what, when);
    return buf;
}

/* ---- summary ---- */

static void set_all(ind_growth_summary *out, const char *why)
{
    ind_figure u = undefined(why);
    out->first = out->latest = out->ytd = out->years = u;
    out->yoy = out->pop = out->ytd_growth = out->two_year = u;
    out->cagr = out->change = out->change_per_year = out->pp = u;
    out->growth = out->multiple = out->doublings = out->doubling_time = out->index = u;
    if (!out->percent)
        out->pp = undefined("not a % indicator");
}

static void set_window(ind_growth_summary *out, const char *why)
{
    ind_figure u = undefined(why);
    out->first = out->years = u;
    out->cagr = out->change = out->change_per_year = out->pp = u;
    out->growth = out->multiple = out->doublings = out->doubling_time = u;
    if (!out->percent)
        out->pp = undefined("not a % indicator");
}

static const char *title(const ind_series *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s%s%s", s->name, s->entity[0] ? " [" : "", s->entity,
             s->entity[0] ? "]" : "");
    return buf;
}

/*
 * Finds the observation at the period asked for (or the default index when
 * none is asked); fills why and returns -1 when there is none.
 */
static long locate(const ind_series *s, ind_period asked, size_t dflt, const char *role, char *why,
                   size_t n)
{
    char when[IND_PERIOD_TEXT_MAX];
    if (asked.freq == IND_FREQ_UNKNOWN)
        return (long)dflt;
    ind_period_format(asked, when, sizeof when);
    if (asked.freq != s->freq) {
        snprintf(why, n, "%s period %s is %s but the series is %s", role, when,
                 ind_freq_name(asked.freq), ind_freq_name(s->freq));
        return -1;
    }
    long i = ind_series_find(s, asked.ord);
    if (i < 0)
        snprintf(why, n, "%s period %s has no value", role, when);
    return i;
}

/*
 * The value at period p (single-period when cumulative); when absent, the
 * reason "what (p)" written into buf. Formats only on absence: this runs for
 * every series of a 400,000-series file.
 */
static ind_figure value_in(const ind_series *s, bool cumulative, ind_period p, const char *what,
                           char *buf, size_t n)
{
    long i = ind_series_find(s, p.ord);
    if (i >= 0)
        return obs_value(s, cumulative, (size_t)i);
    return undefined(format_why(buf, n, what, p));
}

static void point_figures(const ind_series *s, size_t e, ind_growth_summary *out)
{
    bool cum = out->cumulative;
    int32_t freq = (int32_t)s->freq;
    ind_period p = ind_series_period(s, e);
    ind_figure x = out->latest = obs_value(s, cum, e);

    out->yoy = rate_of(value_in(s, cum, ind_period_add(p, -freq), "no value a year earlier",
                                out->why_yoy, sizeof out->why_yoy),
                       x);
    if (s->freq == IND_FREQ_YEAR)
        out->pop = undefined("annual series: see yoy");
    else
        out->pop =
            rate_of(value_in(s, cum, ind_period_add(p, -1), "no value in the previous period",
                             out->why_pop, sizeof out->why_pop),
                    x);

    ind_figure x2 = value_in(s, cum, ind_period_add(p, -2 * freq), "no value two years earlier",
                             out->why_two, sizeof out->why_two);
    ind_figure ratio = index_of(x2, x); /* 100 x / x2 */
    if (ratio.defined && ratio.value < 0)
        out->two_year = undefined("values change sign");
    else
        out->two_year = ratio.defined ? checked(sqrt(ratio.value / 100.0) - 1.0) : ratio;

    if (!cum) {
        out->ytd = out->ytd_growth = undefined("not a cumulative (YTD) series");
        return;
    }
    out->ytd = defined(s->value[e]);
    ind_period year_ago = ind_period_add(p, -freq);
    long y = ind_series_find(s, year_ago.ord);
    if (y < 0)
        out->ytd_growth = undefined(
            format_why(out->why_ytd, sizeof out->why_ytd, "no YTD value a year earlier", year_ago));
    else
        out->ytd_growth = ind_growth_rate(s->value[y], s->value[e]);
}

static void window_figures(const ind_series *s, size_t b, size_t e, ind_growth_summary *out)
{
    out->has_window = true;
    out->start = ind_series_period(s, b);
    out->end = ind_series_period(s, e);
    out->first = obs_value(s, out->cumulative, b);
    double n = ind_period_years_between(out->start, out->end);
    out->years = defined(n);
    if (b == e) {
        set_window(out, s->n == 1 ? "only one observation" : "from and to are the same period");
        out->first = obs_value(s, out->cumulative, b);
        out->years = defined(0.0);
        return;
    }
    ind_figure x0 = out->first, x1 = out->latest;
    if (!x0.defined || !x1.defined) {
        ind_figure first = out->first;
        set_window(out, x1.defined ? x0.why : x1.why);
        out->first = first;
        out->years = defined(n);
        return;
    }
    out->change = checked(x1.value - x0.value);
    out->change_per_year = out->change.defined ? checked(out->change.value / n) : out->change;
    out->pp = out->percent ? out->change : undefined("not a % indicator");
    out->growth = ind_growth_rate(x0.value, x1.value);
    out->multiple = out->growth.defined ? checked(x1.value / x0.value) : out->growth;
    out->doublings = x0.value > 0 && x1.value > 0 ? checked(log2(x1.value / x0.value))
                                                  : undefined("needs positive values");
    out->cagr = ind_growth_cagr(x0.value, x1.value, n);
    out->doubling_time = out->cagr.defined ? ind_growth_doubling_time(out->cagr.value) : out->cagr;
}

static void index_figure(const ind_series *s, ind_period base, ind_growth_summary *out)
{
    if (base.freq == IND_FREQ_UNKNOWN) {
        out->index = undefined("no base period given");
        return;
    }
    long i = locate(s, base, 0, "base", out->why_base, sizeof out->why_base);
    if (i < 0) {
        out->index = undefined(out->why_base);
        return;
    }
    out->has_base = true;
    out->index = index_of(obs_value(s, out->cumulative, (size_t)i), out->latest);
}

ind_status ind_growth_summarize(const ind_series *s, const ind_growth_options *opt,
                                ind_growth_summary *out, ind_error *err)
{
    ind_growth_options dflt;
    char name[256];
    if (!opt) {
        ind_growth_options_init(&dflt);
        opt = &dflt;
    }
    /* every figure is set on every path below; the why buffers only when used */
    out->has_window = out->has_base = out->has_end = false;
    out->start = out->end = (ind_period){IND_FREQ_UNKNOWN, 0};
    out->percent = ind_series_is_percent(s);
    out->cumulative = is_cumulative(s, opt);
    if (s->n == 0) {
        set_all(out, "no observations");
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "%s has no values",
                             title(s, name, sizeof name));
    }
    if (opt->from.freq != IND_FREQ_UNKNOWN && opt->from.freq == opt->to.freq &&
        opt->from.ord > opt->to.ord) {
        set_all(out, "from is after to");
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "from period is after to period");
    }
    long e = locate(s, opt->to, s->n - 1, "to", out->why_window, sizeof out->why_window);
    if (e < 0) {
        set_all(out, out->why_window);
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "%s: %s",
                             title(s, name, sizeof name), out->why_window);
    }
    out->has_end = true;
    out->end = ind_series_period(s, (size_t)e);
    point_figures(s, (size_t)e, out);
    index_figure(s, opt->base, out);
    long b = locate(s, opt->from, 0, "from", out->why_window, sizeof out->why_window);
    if (b < 0) {
        set_window(out, out->why_window);
        return ind_error_set(err, IND_E_UNDEFINED, NULL, 0, 0, "%s: %s",
                             title(s, name, sizeof name), out->why_window);
    }
    /* b <= e here: both are of the series' frequency and from <= to was checked */
    window_figures(s, (size_t)b, (size_t)e, out);
    return IND_OK;
}

/* ---- per-period rows ---- */

void ind_growth_detail_row(const ind_series *s, const ind_growth_options *opt, size_t i,
                           ind_growth_row *row)
{
    bool cum = is_cumulative(s, opt);
    int32_t ord = s->ord[i], freq = (int32_t)s->freq;
    row->period = ind_series_period(s, i);
    row->value = s->value[i];
    row->single = obs_value(s, cum, i);

    ind_figure year_ago = value_at(s, cum, ord - freq, "no value a year earlier");
    row->yoy = rate_of(year_ago, row->single);
    if (!row->single.defined)
        row->change = row->single;
    else if (!year_ago.defined)
        row->change = year_ago;
    else
        row->change = checked(row->single.value - year_ago.value);

    if (s->freq == IND_FREQ_YEAR)
        row->pop = undefined("annual series: see yoy");
    else
        row->pop =
            rate_of(value_at(s, cum, ord - 1, "no value in the previous period"), row->single);

    if (!opt || opt->base.freq == IND_FREQ_UNKNOWN)
        row->index = undefined("no base period given");
    else if (opt->base.freq != s->freq)
        row->index = undefined("base period of another frequency");
    else
        row->index =
            index_of(value_at(s, cum, opt->base.ord, "base period has no value"), row->single);

    if (!cum) {
        row->ytd_growth = undefined("not a cumulative (YTD) series");
    } else {
        long y = ind_series_find(s, ord - freq);
        row->ytd_growth = y < 0 ? undefined("no YTD value a year earlier")
                                : ind_growth_rate(s->value[y], s->value[i]);
    }
}
