/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * target.h - targets ("R&D intensity 2.5% by 2025", "R&D spending grows at
 * least 7% a year over 2021-2025", "recruit 9,084 people in 2024") and the
 * published methods that say whether a series is on its way to one.
 *
 * A target names a series (and entity), a direction (>= or <=), a goal and a
 * target year. Three kinds:
 *   level   the value reaches the goal by the target year;
 *   growth  the average annual growth (CAGR) from the base year to the target
 *           year reaches the goal (in % a year); assessed as the level target
 *           it implies, base value * (1 + goal)^(T - base);
 *   total   the year's total of a half-yearly, quarterly or monthly flow (or
 *           the year's value of an annual one) reaches the goal: assessed by
 *           the pace of the year so far.
 *
 * Assessment (definitions in docs/METHODS.md, sources in the CLI
 * help): latest value, gap, growth required from now, actual CAGR since the
 * base, the Eurostat growth ratio, the Destatis linear-trend "weather", the
 * UN ESCAP anticipated progress, a forecast at the target year with its
 * intervals and the probability of meeting the goal, the first period the
 * forecast meets it, and one verdict from the growth ratio. "Now" is the
 * latest period in the data, never the clock, so results are reproducible.
 *
 * Nothing here prints; undefined figures carry a reason, never NaN.
 */
#ifndef INDICATORS_TARGET_H
#define INDICATORS_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/forecast.h"
#include "indicators/growth.h"
#include "indicators/labels.h"
#include "indicators/output.h"
#include "indicators/period.h"

IND_BEGIN_DECLS

#define IND_TARGET_TEXT_MAX 256

typedef enum ind_target_op {
    IND_TARGET_AT_LEAST = 0, /* ">=": an increase target */
    IND_TARGET_AT_MOST,      /* "<=": a decrease target */
} ind_target_op;

typedef enum ind_target_kind {
    IND_TARGET_LEVEL = 0,
    IND_TARGET_GROWTH,
    IND_TARGET_TOTAL,
} ind_target_kind;

typedef struct ind_target {
    char series[IND_TARGET_TEXT_MAX];
    char entity[IND_TARGET_TEXT_MAX]; /* "" when none */
    ind_target_op op;
    ind_target_kind kind;
    double goal;        /* level or year total; for growth: percent a year (7 = 7 %/yr) */
    int year;           /* target year T */
    bool has_base;
    int base_year;      /* when has_base; growth "2021-2025" means base 2020 */
    char label[IND_TARGET_TEXT_MAX]; /* a description, "" when none */
    char text[IND_TARGET_TEXT_MAX];  /* the target as written, for messages */
    long line;          /* line in the targets file; 0 for a parsed --target */
    char place[IND_ERROR_PATH_MAX]; /* where the file gives it, for messages: "t.csv:3", or
                                       its series cell "t.xlsx:Sheet1!A3"; "" for --target */
} ind_target;

/*
 * Parses one target written as
 *   SERIES[ENTITY] OP GOAL by YEAR [from YEAR]     level (GOAL may end in %); the
 *                                                  plan starts at the beginning of
 *                                                  the 'from' year
 *   SERIES[ENTITY] OP RATE%/yr A-B                 growth over the years A..B,
 *                                                  i.e. CAGR from A-1 to B
 *   SERIES[ENTITY] OP RATE%/yr by YEAR [from YEAR] growth from the base year
 *   SERIES[ENTITY] OP GOAL in YEAR                 the year's total
 * OP is >= or <= (also ≥ ≤); [ENTITY] is optional; numbers may have
 * thousands separators (9,084). On success returns IND_OK and fills *out
 * (label empty). On failure returns IND_E_ARG and fills err with col (1-based
 * character column in text) and a message quoting the text and saying what
 * was expected there.
 */
ind_status ind_target_parse(const char *text, ind_target *out, ind_error *err);

/*
 * Loads targets from a CSV file or a workbook (.xlsx, .xls: its default
 * sheet, as for data) whose header names the columns
 *   series,entity,op,goal,year,base_year,start,kind,label
 * or in Chinese 指标,地区,比较,目标值,目标年份,基期,起始年份,类型,说明
 * (any order, ASCII case ignored; series, op, goal and year are required;
 * kind is level, growth or total, default level; goal may end in % and, for
 * growth, in %/yr; start is the plan's first year, as 'from YEAR': for a
 * level target the base year, for a growth target the year after it; given
 * with base_year the two must agree). Blank rows are skipped.
 * The file is read as data files are (see load.h): UTF-8, UTF-16 or GBK,
 * detected; ',' ';' or tab; a regular file, no NUL bytes, limited field
 * lengths. On success returns IND_OK, sets *out to a malloc'ed array (free()
 * it) and *n to its length. On failure returns IND_E_IO, IND_E_FORMAT,
 * IND_E_VALUE, IND_E_ENCODING or IND_E_NOMEM with err naming path, line and
 * column (the 1-based field index), or for a workbook the cell
 * ("t.xlsx:Sheet1!C3" in err->path).
 */
ind_status ind_targets_load(const char *path, ind_target **out, size_t *n, ind_error *err);

/* Same on sheet (by name or 1-based number; NULL: the default sheet) of a workbook;
   IND_E_NOTFOUND when the workbook has no such sheet. */
ind_status ind_targets_load_sheet(const char *path, const char *sheet, ind_target **out,
                                  size_t *n, ind_error *err);

/*
 * Same as ind_targets_load on data[0..len) already in memory (CSV or .xlsx);
 * name is used in error messages as the path. Used by tests and the fuzz target.
 */
ind_status ind_targets_load_buffer(const char *data, size_t len, const char *name,
                                   ind_target **out, size_t *n, ind_error *err);

/* Verdict: one word per target. */
typedef enum ind_verdict {
    IND_VERDICT_CANNOT_ASSESS = 0,
    IND_VERDICT_ACHIEVED,  /* the latest value already meets the goal */
    IND_VERDICT_ON_TRACK,  /* growth ratio R >= 0.95 */
    IND_VERDICT_AT_RISK,   /* 0.60 <= R < 0.95 */
    IND_VERDICT_OFF_TRACK, /* R < 0.60, moving away included */
} ind_verdict;

/* Eurostat growth-ratio categories (EU SDG monitoring report). */
typedef enum ind_eurostat {
    IND_EUROSTAT_NONE = 0,     /* not assessed (why in the figure) */
    IND_EUROSTAT_ON_TRACK,     /* R >= 0.95: significant progress */
    IND_EUROSTAT_ACCELERATE,   /* 0.60 <= R < 0.95: moderate progress, needs acceleration */
    IND_EUROSTAT_LIMITED,      /* 0 <= R < 0.60: limited progress */
    IND_EUROSTAT_AWAY,         /* R < 0: moving away from the target */
} ind_eurostat;

/* Destatis weather symbols (German Sustainable Development Strategy). */
typedef enum ind_weather {
    IND_WEATHER_NONE = 0,
    IND_WEATHER_SUN,             /* met, or missed by < 5 % of the distance */
    IND_WEATHER_SLIGHTLY_CLOUDY, /* missed by 5-20 % */
    IND_WEATHER_CLOUDY,          /* missed by > 20 %, right direction */
    IND_WEATHER_STORM,           /* wrong direction */
} ind_weather;

/* UN ESCAP anticipated-progress categories (Asia-Pacific SDG progress report). */
typedef enum ind_escap {
    IND_ESCAP_NONE = 0,
    IND_ESCAP_ON_TRACK,   /* anticipated progress >= 0.95 */
    IND_ESCAP_ACCELERATE, /* 0.10 .. 0.95: acceleration needed */
    IND_ESCAP_REGRESS,    /* < 0.10: stagnation or regression */
} ind_escap;

typedef struct ind_target_options {
    bool forecast;                /* run the forecast (default true) */
    ind_forecast_request request; /* method, levels, scale, seed of the forecast, made by
                                     ind_forecast_series like every forecast; its horizon is
                                     ignored: the target period sets it */
} ind_target_options;

/* Defaults: forecast on, ind_forecast_request_init's request (auto, 80 and 95). */
void ind_target_options_init(ind_target_options *opt);

typedef struct ind_assessment {
    ind_target_kind kind;
    ind_period latest;      /* "now": the latest observation */
    double latest_value;    /* for total targets: the year-to-date total */
    bool has_base;
    ind_period base;
    double base_value;
    bool has_goal_level;    /* false when a growth target's level cannot be derived */
    double goal_level;      /* the level compared with values (growth: implied by the rate) */
    ind_period target;      /* the last period of the target year */
    double years_left;      /* target - latest, in years (may be <= 0) */

    ind_figure gap;             /* goal_level - latest (signed) */
    ind_figure required_growth; /* CAGR needed from the latest value to the goal */
    ind_figure required_change; /* change a year needed (total: per remaining period) */
    ind_figure actual_growth;   /* CAGR since the base (total: year-to-date growth) */

    ind_figure base_required_growth; /* CAGR from the base that just meets the goal */
    ind_figure growth_ratio;    /* Eurostat R = actual_growth / base_required_growth (total: pace / goal) */
    ind_eurostat eurostat;
    ind_figure trend_change;    /* Destatis: mean annual change of the last 5 years */
    ind_figure trend_value;     /* ... extended linearly to the target year */
    ind_figure trend_miss;      /* shortfall in share of |goal - latest| (<= 0: met) */
    ind_weather weather;
    ind_figure escap_value;     /* x_T = x_t (1 + CAGR)^(T - t) */
    ind_figure anticipated;     /* (x_T - x_t0) / (goal - x_t0) */
    ind_escap escap;

    /*
     * Plan completion against elapsed time (完成率 against 序时进度). For level
     * targets with a start ('from YEAR': the plan runs from the beginning of
     * YEAR to the end of the target year) and for year totals (the plan is
     * the year).
     */
    ind_figure completion;      /* x_t / G (>= targets, G > 0, x_t >= 0) */
    ind_figure progress;        /* (x_t - x_0) / (G - x_0), from the base observation */
    ind_figure elapsed;         /* share of the plan's time gone: of the year for a total;
                                   for a level target from the base observation when
                                   progress is defined, else from the start of the plan */
    ind_figure schedule_gap;    /* share done - share of time gone (progress when
                                   defined, else completion); < 0: behind schedule */
    bool schedule_progress;     /* schedule_gap measured progress from the base */

    /* total targets */
    ind_figure pace;            /* year-to-date / elapsed share */
    ind_figure seasonal;        /* last year's total * year-to-date growth */

    /* forecast at the target year */
    bool has_forecast;
    char method[32];
    char model[192];
    char forecast_note[256];    /* why there is no forecast or caveats; "" when none */
    ind_figure forecast;        /* point forecast (total: YTD + remaining periods) */
    ind_figure forecast_growth; /* growth targets: CAGR base -> forecast */
    size_t nlevels;
    double levels[IND_FORECAST_MAX_LEVELS];
    bool has_intervals;
    double lo[IND_FORECAST_MAX_LEVELS], hi[IND_FORECAST_MAX_LEVELS];
    ind_figure probability;     /* P(meeting the goal), 0..1 */
    ind_figure meets;           /* value: ordinal of the first period the forecast meets it */

    ind_verdict verdict;
    char reason[256];           /* why this verdict (always set) */
    char disagree[256];         /* methods that disagree with the verdict, "" when none */
} ind_assessment;

/*
 * Assesses series s (values sorted by period, as in a dataset) against t.
 * Fills *out completely, with reasons for every undefined figure, and
 * returns IND_OK; cases the methods cannot judge (too few points, mixed
 * signs, target year past) are a verdict of IND_VERDICT_CANNOT_ASSESS with
 * the reason, not an error; so is a forecast that fails (forecast_note says
 * why), and so is a series without observations (latest has frequency
 * IND_FREQ_UNKNOWN then). Fails only with IND_E_ARG for a bad forecast
 * request (ind_forecast_request_check), or IND_E_NOMEM (err says which).
 */
ind_status ind_target_assess(const ind_series *s, const ind_target *t,
                             const ind_target_options *opt, ind_assessment *out, ind_error *err);

/* Eurostat category of a growth ratio; defined R only. */
ind_eurostat ind_eurostat_category(double r);
/* ESCAP category of an anticipated-progress ratio. */
ind_escap ind_escap_category(double ap);
/* Verdict of a growth ratio (achieved is decided before). */
ind_verdict ind_verdict_of_ratio(double r);

/* "achieved", "on track", "at risk", "off track", "cannot assess". */
const char *ind_verdict_name(ind_verdict v);
/*
 * The colour of a verdict, the same wherever one is shown (a terminal table,
 * a workbook's cell): green achieved and on track, yellow at risk, red off
 * track, grey cannot assess.
 */
ind_mark ind_verdict_mark(ind_verdict v);
/* "on track", "needs acceleration", "limited progress", "moving away", "" for none. */
const char *ind_eurostat_name(ind_eurostat c);
/* "sun", "slightly cloudy", "cloudy", "storm", "". */
const char *ind_weather_name(ind_weather w);
/* "on track", "acceleration needed", "stagnation or regression", "". */
const char *ind_escap_name(ind_escap c);
/* The Destatis weather and the ESCAP category of an assessment in lang (labels.h): "cloudy" /
   多云, "acceleration needed" / 需加快; "n/a" / 无 when the method gives none. */
const char *ind_target_weather_text(const ind_assessment *a, ind_lang lang);
const char *ind_target_escap_text(const ind_assessment *a, ind_lang lang);
/* "level", "growth", "total". */
const char *ind_target_kind_name(ind_target_kind k);
/* Parses a kind name; -1 when unknown. */
int ind_target_kind_parse(const char *name, ind_target_kind *out);

/* Writes the target in the command-line syntax ("rd_intensity[Luohe] >= 2.5 by 2025"). */
size_t ind_target_format(const ind_target *t, char *buf, size_t n);

/* ---- targets in words (the `target` table and notes, the report) ---- */

/*
 * A value as the target table shows it, into buf[0..n) (48 bytes are
 * enough): with digits 0, 4 significant digits from 1e6 or below 1e-3, whole
 * numbers from 1000, else 3 significant (36327, 2.69, 9084); else `digits`
 * significant digits, whole-number digits kept (--digits, as
 * ind_format_significant). Returns the length written (as snprintf).
 */
size_t ind_target_value_text(double v, int digits, char *buf, size_t n);

/* A rate (a fraction) as "+22.6%" ("0.0%" for zero; digits > 0: that many significant,
   "+22.59%" for 4); "n/a" (static) when undefined. */
const char *ind_target_rate_text(const ind_figure *f, int digits, char *buf, size_t n);

/* The goal: ">= 2.5", "<= 9084", ">= 7%/yr" (a rate as written). Returns buf. */
const char *ind_target_goal_text(const ind_target *t, int digits, char *buf, size_t n);

/* The forecast at the target year with its first interval, "2.75 [2.67, 2.84]"; "n/a". */
const char *ind_target_forecast_text(const ind_assessment *a, int digits, char *buf, size_t n);

/* The latest value and its period, "2.1 (2023)", "4804 (2024H1 YTD)"; "n/a" when s has none. */
const char *ind_target_latest_text(const ind_series *s, const ind_assessment *a, int digits,
                                   char *buf, size_t n);

/* Receives one line of notes (no line break), valid during the call. */
typedef void (*ind_target_note_fn)(void *ctx, const char *line);

/*
 * The notes on an assessment of t against s (NULL or empty: only the first
 * lines), one call of fn per line: the verdict and its reason, the methods
 * that disagree, the base actually used, the level a growth goal means, what
 * a year total still needs, why Destatis or ESCAP gave no reading, the
 * forecast's model, when it meets the goal and why it has no probability,
 * and the forecast's caveats. lang IND_LANG_ZH writes the plan-completion
 * note as a Chinese report does (完成率, 序时进度) and the others through
 * ind_label_text (labels.h): a line it has no words for stays English.
 */
void ind_target_notes(const ind_target *t, const ind_series *s, const ind_assessment *a,
                      ind_lang lang, ind_target_note_fn fn, void *ctx);

/*
 * The series t names in ds[0..nds), looked up in order: (series, entity)
 * when t has an entity, else the first series of that name whatever its
 * entity (ind_targets_expand first, where several entities have it); for a
 * year-total target whose annual series has no value in the target year,
 * the sub-annual series of that indicator with the year's periods so far
 * (a file giving "2023 9,084" and "2024H1 4,804"). NULL when there is none,
 * with the reason in why[0..n).
 */
const ind_series *ind_target_find_series(ind_dataset *const *ds, size_t nds, const ind_target *t,
                                         char *why, size_t n);

/*
 * Targets as they apply to data ds[0..nds): a target without [ENTITY] whose
 * series several entities have ('rd_intensity >= 2.5 by 2025' over Luohe,
 * Henan and China) stands for one target per entity, in the order the data
 * has them; the others are kept as written. *out is malloc'd (free it), of
 * *nout targets. IND_E_NOMEM only.
 */
ind_status ind_targets_expand(ind_dataset *const *ds, size_t nds, const ind_target *in, size_t n,
                              ind_target **out, size_t *nout, ind_error *err);

IND_END_DECLS

#endif
