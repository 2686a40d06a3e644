/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lex.h - the small lexer of the one-line languages a user types: targets
 * ("rd_intensity[Luohe] >= 2.5 by 2025"), claims ("cagr(rd_spending[Luohe],
 * 2020, 2023) > 30%") and derivations ("rd_spending = rd_intensity / 100 *
 * gdp"). Private to the library (target_parse.c, claim.c, derive.c).
 *
 * Errors point at a character column (UTF-8 characters, 1-based) and say
 * what was expected there, quoting the text, because these are typed by hand.
 */
#ifndef INDICATORS_LEX_H
#define INDICATORS_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/error.h"
#include "indicators/period.h"

typedef struct lex {
    const char *text; /* the whole text */
    const char *p;    /* where we are */
    const char *noun; /* "target", "claim", "derivation": named in messages */
} lex;

/* 1-based character column of p in text. */
long lex_column(const char *text, const char *p);

void lex_skip_spaces(lex *c);

/*
 * IND_E_ARG with "NOUN 'TEXT': expected WHAT at column N, found '...'" and
 * err->col set to the column of c->p.
 */
ind_status lex_expected(const lex *c, ind_error *err, const char *what);

/* Whether p starts with word. */
bool lex_starts(const char *p, const char *word);

/* A word (by, in, from) followed by a space or the end, case-insensitive: skipped if there. */
bool lex_keyword(lex *c, const char *word);

/*
 * A number at s: optional sign, digits with optional thousands separators
 * (groups of three after a comma), optional fraction and exponent. Returns
 * the length read (0 when there is no number) and the value; *decimals (may
 * be NULL) receives the digits after the decimal point (-1 when there is an
 * exponent: the precision is not the digits').
 */
size_t lex_number(const char *s, double *value, int *decimals);

/* A year 1..9999 (IND_YEAR_MIN..IND_YEAR_MAX) at c (digits only), skipped; -1 when none. */
int lex_year(lex *c);

/* The length of a rate suffix at p ("%/yr", "%/year", "% a year", "%pa" ...), or 0. */
size_t lex_rate_suffix(const char *p);

/* Where an operator (>, <, =, ≥, ≤) starts in p, or NULL. */
const char *lex_find_operator(const char *p);

/*
 * A series reference SERIES[ENTITY] at c, ending before end (or at '['):
 * spaces around the name and inside the brackets are dropped; a name in
 * double quotes may hold anything but a quote. Fills series
 * (n bytes) and entity ("" without brackets; m bytes), moves c past it.
 */
ind_status lex_series(lex *c, const char *end, char *series, size_t n, char *entity, size_t m,
                      ind_error *err);

#endif
