/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * claim.h - figures a report asserts, checked against the data: "R&D
 * spending grew over 30 % a year", "high-level talent is 3.65 times last
 * year's", "R&D intensity rose to 2.1 %", "first above the provincial
 * average". The target syntax extended to the past (the lexer is shared):
 *
 *   CLAIM = SIDE OP SIDE         OP: > < >= <= = (also ≥ ≤ ≈)
 *   SIDE  = NUMBER[%] | STAT(SERIES[ENTITY], PERIOD[, PERIOD])
 *
 *   value(x, p)        the value at p
 *   cagr(x, a, b)      average annual growth a -> b, % a year
 *   growth(x, a, b)    growth a -> b, % (x_b / x_a - 1)
 *   multiple(x, a, b)  x_b / x_a (times, 倍)
 *   change(x, a, b)    x_b - x_a (in the series' unit)
 *   pp(x, a, b)        the same for a % series: percentage points
 *   yoy(x, p)          growth on the same period a year earlier, %
 *
 * Precision: a claim that a statistic "=" a number holds within half a unit
 * of the number's last digit ("2.1" holds for 2.05..2.15, "3.65" for
 * 3.645..3.655, "9,084" for 9083.5..9084.5), as reports round; > < >= <=
 * are exact ("over 30%" means > 30). Comparing two statistics is exact.
 *
 * Each claim holds, does not hold (with the computed figure), or cannot be
 * checked (saying what is missing); when a statistic of two periods lacks
 * one value and the other side is a number, the claim's implication for the
 * missing value is given ("3.65 times 1,859 implies 509 in 2022").
 *
 * Claims files are CSV or workbooks (.xlsx, .xls; read as data files are:
 * encodings, limits, FILE:LINE:COL or FILE:SHEET!C3 errors) with the header
 * claim[,label] (in Chinese 表述[,说明]); a row whose claim is a derivation
 * "NAME = EXPRESSION" (derive.h) defines a series first.
 */
#ifndef INDICATORS_CLAIM_H
#define INDICATORS_CLAIM_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/derive.h"
#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/output.h"
#include "indicators/period.h"

IND_BEGIN_DECLS

#define IND_CLAIM_TEXT_MAX 512
#define IND_CLAIM_NAME_MAX 256

typedef enum ind_stat {
    IND_STAT_NUMBER = 0, /* a number written in the claim */
    IND_STAT_VALUE,
    IND_STAT_CAGR,
    IND_STAT_GROWTH,
    IND_STAT_MULTIPLE,
    IND_STAT_CHANGE,
    IND_STAT_PP,
    IND_STAT_YOY,
} ind_stat;

typedef enum ind_claim_op {
    IND_CLAIM_GT = 0, /* > */
    IND_CLAIM_GE,     /* >= */
    IND_CLAIM_LT,     /* < */
    IND_CLAIM_LE,     /* <= */
    IND_CLAIM_EQ,     /* = within the stated precision */
} ind_claim_op;

typedef struct ind_claim_side {
    ind_stat stat;
    double number;    /* IND_STAT_NUMBER */
    int decimals;     /* digits after the point as written (-1: an exponent) */
    bool percent;     /* written with % (or %/yr) */
    char series[IND_CLAIM_NAME_MAX];
    char entity[IND_CLAIM_NAME_MAX]; /* "" when none given */
    bool has_from;
    ind_period from;  /* the first period of a two-period statistic (yoy: a year before) */
    ind_period to;    /* the (last) period */
} ind_claim_side;

typedef struct ind_claim {
    ind_claim_side left, right;
    ind_claim_op op;
    char text[IND_CLAIM_TEXT_MAX];  /* as written */
    char label[IND_CLAIM_NAME_MAX]; /* "" when none */
    long line;                      /* line in the claims file; 0 for --claim */
} ind_claim;

/*
 * Parses one claim. IND_OK and *out filled (label empty, line 0), or
 * IND_E_ARG with err->col the character column and a message quoting the
 * claim and saying what was expected there.
 */
ind_status ind_claim_parse(const char *text, ind_claim *out, ind_error *err);

/* Claims and derivations of a claims file, in file order each. */
typedef struct ind_claims_file {
    ind_claim *claims;
    size_t n;
    ind_derivation **derive;
    size_t nderive;
} ind_claims_file;

/*
 * Loads a claims file (see above). On failure returns IND_E_IO,
 * IND_E_FORMAT, IND_E_ENCODING, IND_E_ARG (a claim or derivation that does
 * not parse: err names path, line and the field), IND_E_NOMEM; *out is then
 * empty. Free with ind_claims_file_clear.
 */
ind_status ind_claims_load(const char *path, ind_claims_file *out, ind_error *err);
/* Same on sheet (by name or 1-based number; NULL: the default sheet) of a workbook;
   IND_E_NOTFOUND when the workbook has no such sheet. */
ind_status ind_claims_load_sheet(const char *path, const char *sheet, ind_claims_file *out,
                                 ind_error *err);
/* Same on data[0..len) in memory; name stands for the path in messages. */
ind_status ind_claims_load_buffer(const char *data, size_t len, const char *name,
                                  ind_claims_file *out, ind_error *err);
void ind_claims_file_clear(ind_claims_file *f);

typedef enum ind_claim_verdict {
    IND_CLAIM_UNCHECKED = 0, /* cannot be checked: reason says what is missing */
    IND_CLAIM_HOLDS,
    IND_CLAIM_FAILS,         /* does not hold */
} ind_claim_verdict;

typedef struct ind_claim_result {
    ind_claim_verdict verdict;
    double left, right;      /* the two sides, when computed */
    bool has_left, has_right;
    double lo, hi;           /* "=" with a number: the range the stated precision allows */
    char reason[512];        /* why this verdict, with the computed figures */
    /* what the claim implies for a value it lacks */
    bool has_implied;
    const char *implied_series, *implied_entity; /* the series (in the data) */
    ind_period implied_period;
    ind_claim_op implied_op; /* the value OP implied_value; EQ: within implied_lo..hi */
    double implied_value, implied_lo, implied_hi;
} ind_claim_result;

/*
 * Checks c against the series of ds[0..nds) (looked up in order, the first
 * found counts; a side without [ENTITY] needs a series whose name only one
 * entity has). Always fills *out and returns IND_OK: what the data lacks is
 * a verdict IND_CLAIM_UNCHECKED with the reason, not an error.
 */
ind_status ind_claim_check(const ind_claim *c, ind_dataset *const *ds, size_t nds,
                           ind_claim_result *out);

/* "holds", "does not hold", "cannot be checked". */
const char *ind_claim_verdict_name(ind_claim_verdict v);
/* The colour of a claim's verdict, as a target's (ind_verdict_mark): green holds, red does
   not hold, grey cannot be checked. */
ind_mark ind_claim_verdict_mark(ind_claim_verdict v);
/* ">", ">=", "<", "<=", "=". */
const char *ind_claim_op_name(ind_claim_op op);
/* "value", "cagr", ... ("" for a number). */
const char *ind_stat_name(ind_stat s);

IND_END_DECLS

#endif
