/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pgind.h - what the files of the PostgreSQL extension share: the state of
 * the aggregates (observations collected row by row, merged across parallel
 * workers), library errors as ereport(ERROR), and the step from collected
 * observations to an ind_series of a library dataset.
 *
 * Memory: everything the extension keeps is palloc'ed. The library mallocs
 * (a dataset, a forecast's arrays); each call that makes such memory frees it
 * in a PG_FINALLY block, so an ERROR raised on the way (ours, or a palloc
 * failure) cannot leak it. No library call runs PostgreSQL code, so no
 * longjmp ever crosses the library.
 */
#ifndef PGIND_H
#define PGIND_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "fmgr.h"
#include "utils/array.h"

#include "indicators/indicators.h"

/* One observation as collected: period and value. */
typedef struct pgind_obs {
    ind_period p;
    double v;
} pgind_obs;

/*
 * Options an aggregate takes besides (period, value): the same in every row
 * of a group (checked), kept in the state so that partial states merged from
 * parallel workers carry them. Fixed size, so that it is serialised as is.
 */
typedef struct pgind_opts {
    bool set;            /* the first row has been seen */
    int32 horizon;       /* forecast: periods ahead */
    char method[32];     /* forecast, target: a method name */
    char unit[64];       /* "%..." makes a percent series; longer units are cut */
    char target[IND_TARGET_TEXT_MAX]; /* target: the target as written */
} pgind_opts;

/* The transition state of every aggregate of the extension. */
typedef struct pgind_state {
    pgind_opts opts;
    int32 n, cap;
    pgind_obs *obs; /* in the aggregate's memory context */
} pgind_state;

/* ereport(ERROR) with the SQLSTATE of st and the library's message. */
pg_attribute_noreturn() void pgind_raise(ind_status st, const ind_error *err);

/* Parses a period as the library does (ind_period_parse); ERROR 22007 when it is none. */
ind_period pgind_period_of_text(text *t);

/* The period of a year given as an integer (the same rules as the text "2023"). */
ind_period pgind_period_of_year(int32 year);

/* The period argument argno (text or integer year) of the current call. */
ind_period pgind_period_arg(FunctionCallInfo fcinfo, int argno);

/* A string argument as a C string copied into buf (ERROR when longer than n - 1). */
void pgind_text_arg(FunctionCallInfo fcinfo, int argno, const char *what, char *buf, size_t n);

/* The aggregate's state for this call (created empty in the aggregate context). */
pgind_state *pgind_state_get(FunctionCallInfo fcinfo, const char *fname);

/* Adds one observation to the state (NULL value: skipped, as a missing value is). */
void pgind_state_add(pgind_state *st, ind_period p, double v);

/* Sets the state's options on the first row; ERROR when a later row's differ. */
void pgind_state_opts(pgind_state *st, const pgind_opts *o, const char *fname);

/* A new library dataset (ERROR when out of memory); the caller frees it in PG_FINALLY. */
ind_dataset *pgind_dataset_new(void);

/*
 * Fills series s (a new series of dataset ds called name) with the
 * observations, sorted by period, and the unit; the library's rules apply
 * (one frequency, no period twice: ERROR with its message). Values must be
 * finite (ERROR otherwise).
 */
ind_series *pgind_series(ind_dataset *ds, const char *name, pgind_obs *obs, size_t n,
                         const char *unit);

/* The elements of a one-dimensional array argument of element type type. */
int pgind_array_arg(ArrayType *a, Oid type, const char *what, Datum **d, bool **nulls);

/*
 * Observations (palloc'ed, *out) of the arguments values float8[] (0) at
 * periods text[] (1), or at start text (1), start + 1, ...; NULL values are
 * skipped (gaps), a NULL period is an ERROR. Returns how many.
 */
size_t pgind_array_observations(FunctionCallInfo fcinfo, pgind_obs **out);

/* A text datum of a C string (palloc'ed). */
Datum pgind_text_datum(const char *s);

/* The row type the calling function returns (ERROR naming fname when it has none). */
TupleDesc pgind_result_desc(FunctionCallInfo fcinfo, const char *fname);

/* Column col of a row: the text of period p when ok, else NULL. */
void pgind_period_column(Datum *v, bool *null, int col, bool ok, ind_period p);

/* Column col of a row: text s, NULL when s is NULL or "". */
void pgind_text_column(Datum *v, bool *null, int col, const char *s);

#endif
