/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * derive.h - series computed from others, so that a question about a
 * quantity the files do not hold can be answered from ones they do:
 *
 *   rd_spending = rd_intensity / 100 * gdp
 *
 * An expression of series (SERIES or SERIES[ENTITY]; a name with spaces or
 * operators in double quotes), numbers, + - * / and parentheses. Series
 * without [ENTITY] are aligned by entity: the result has one series per
 * entity that has all of them (Luohe, Henan, China), and one with [ENTITY]
 * is that entity's for every result (gdp / gdp[China] * 100). Values are
 * aligned by period (all inputs of one frequency); a period where an input
 * has no value, or where the expression is not finite (a division by 0), is
 * missing in the result (counted, not stored).
 *
 * Units are carried: a number or a series without unit is a pure number, %
 * times a unit is that unit (% × 亿元 → 亿元: "/ 100" is the user's to write),
 * a unit over itself is a pure number, units otherwise combine as "A·B" and
 * "A/B", and adding two different units is an error. A unit may be given
 * with the name: "intensity (%) = rd_spending / gdp * 100".
 */
#ifndef INDICATORS_DERIVE_H
#define INDICATORS_DERIVE_H

#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/export.h"

IND_BEGIN_DECLS

typedef struct ind_derivation ind_derivation; /* opaque: a name and an expression */

/*
 * Parses "NAME = EXPRESSION" (or "NAME (UNIT) = ..."). On success returns
 * IND_OK and sets *out (free with ind_derivation_free). On failure returns
 * IND_E_ARG (err->col the character column, the message quoting the text
 * and saying what was expected there) or IND_E_NOMEM.
 */
ind_status ind_derivation_parse(const char *text, ind_derivation **out, ind_error *err);

void ind_derivation_free(ind_derivation *d);

/* The derived series' name, and the text as written. */
const char *ind_derivation_name(const ind_derivation *d);
const char *ind_derivation_text(const ind_derivation *d);

/* What ind_derivation_apply did. */
typedef struct ind_derive_info {
    size_t made;     /* series added */
    size_t kept;     /* entities whose series of that name the data already has (kept) */
    size_t missing;  /* periods left missing because an input had no value there */
    size_t lacking;  /* entities with some of the inputs only: no result */
    char note[320];  /* the first of them and what it lacks, "" when none */
} ind_derive_info;

/*
 * Computes d from the series of ds[0..nds) (each looked up in that order,
 * the first found counts) and adds the results to out (which may be one of
 * ds): one series per entity, unit and percent flag set. An entity whose
 * series of d's name is already in one of ds keeps the data's (info->kept).
 * Fails with IND_E_VALUE (err says which) when a series with [ENTITY] is
 * not in the data, when no entity has every series without one, when the
 * inputs of an entity differ in frequency, or when units are added that
 * differ; IND_E_NOMEM. info may be NULL.
 */
ind_status ind_derivation_apply(const ind_derivation *d, ind_dataset *const *ds, size_t nds,
                                ind_dataset *out, ind_derive_info *info, ind_error *err);

IND_END_DECLS

#endif
