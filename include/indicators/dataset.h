/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dataset.h - the data model every module reads: a dataset is a set of
 * series, each identified by (name, entity), holding observations sorted by
 * period, all of one frequency.
 *
 * Ownership: a dataset owns its series and every string and array in them.
 * Pointers returned by ind_dataset_series / ind_dataset_find stay valid until
 * the next ind_dataset_series call that creates a series, or ind_dataset_free.
 * Observations hold only present values; a row marked missing ("", NA, ..)
 * is counted in n_missing, not stored.
 */
#ifndef INDICATORS_DATASET_H
#define INDICATORS_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "indicators/error.h"
#include "indicators/export.h"
#include "indicators/period.h"

IND_BEGIN_DECLS

enum {
    IND_SERIES_PERCENT = 1u << 0,    /* a ratio indicator in %: changes are also given in pp */
    IND_SERIES_CUMULATIVE = 1u << 1, /* values are year-to-date totals */
};

typedef struct ind_series {
    char *name;   /* indicator; never NULL */
    char *entity; /* region, country; "" when the file has none */
    char *unit;   /* "%", "亿元", "% of GDP"; "" when unknown */
    char *label;  /* longer description (World Bank "Indicator Name"), or "" */
    ind_freq freq;     /* IND_FREQ_UNKNOWN until the first observation */
    unsigned flags;    /* IND_SERIES_* */
    size_t n;          /* observations */
    int32_t *ord;      /* period ordinals, strictly ascending */
    double *value;     /* finite values, parallel to ord */
    size_t n_missing;  /* rows present in the file but marked missing */
    size_t cap;        /* capacity of ord and value (private) */
} ind_series;

typedef struct ind_dataset ind_dataset; /* opaque: series plus a (name, entity) index */

/* A new empty dataset, or NULL when out of memory. */
ind_dataset *ind_dataset_new(void);

/* Frees the dataset and all its series. NULL does nothing. */
void ind_dataset_free(ind_dataset *ds);

/*
 * Frees every series, leaving ds empty (the count of renamed series stays):
 * the streaming loader empties its dataset each time it has handed over the
 * series it held.
 */
void ind_dataset_clear(ind_dataset *ds);

size_t ind_dataset_count(const ind_dataset *ds);

/* The i-th series in order of first appearance (i < count). */
ind_series *ind_dataset_at(const ind_dataset *ds, size_t i);

/*
 * The series (name, entity), created empty when absent. name and entity are
 * copied (entity may be NULL for ""), each run of control characters (line
 * breaks, tabs, ESC, C1 controls) made one space, so that no name can carry a
 * command to gnuplot or a terminal: "GDP\n(%)" and "GDP (%)" are one series.
 * Returns NULL only when out of memory.
 */
ind_series *ind_dataset_series(ind_dataset *ds, const char *name, const char *entity);

/* The series (name, entity) or NULL; entity NULL matches "". Normalised as above. */
ind_series *ind_dataset_find(const ind_dataset *ds, const char *name, const char *entity);

/* The index of s, a series of ds, in order of first appearance (ind_dataset_at's i). */
size_t ind_dataset_index(const ind_dataset *ds, const ind_series *s);

/* How many series were created with control characters in their name or entity. */
size_t ind_dataset_renamed(const ind_dataset *ds);

/*
 * Adds an observation. Keeps ord ascending (appending in order is O(1)).
 * Returns IND_OK, IND_E_FREQUENCY when p's frequency differs from the
 * series', IND_E_DUPLICATE when the period is already present, or
 * IND_E_NOMEM. The error message names the series and period; the caller
 * adds the file position (see ind_error_set). err may be NULL.
 */
ind_status ind_series_add(ind_series *s, ind_period p, double value, ind_error *err);

/*
 * Makes room for at least n observations in all, so that a caller that knows
 * how many are coming (a World Bank row) allocates once. IND_E_NOMEM on failure.
 */
ind_status ind_series_reserve(ind_series *s, size_t n);

/*
 * Replaces a string field (unit, label...) with a copy of text, control
 * characters made spaces as in ind_dataset_series. IND_E_NOMEM on failure.
 */
ind_status ind_series_set_text(char **field, const char *text);

/*
 * Moves the contents of s (a series of a dataset, or one handed over by
 * ind_load_each) into a new series that the caller owns and frees with
 * ind_series_free; s is left empty and stays where it was. NULL when out of
 * memory (s unchanged).
 */
ind_series *ind_series_take(ind_series *s);

/* Frees a series made by ind_series_take. NULL does nothing. */
void ind_series_free(ind_series *s);

/* Index of the observation at ordinal ord, or -1 when absent (binary search). */
long ind_series_find(const ind_series *s, int32_t ord);

/* The period of observation i. */
ind_period ind_series_period(const ind_series *s, size_t i);

/* Periods between first and last observation with no value (0 for n < 2). */
size_t ind_series_gaps(const ind_series *s);

/* Whether the series is a ratio in percent (flag set or unit starting with "%"). */
bool ind_series_is_percent(const ind_series *s);

/*
 * The name of an indicator's series at a second frequency, "NAME (half-yearly)"
 * (the loader splits an indicator given at two frequencies so, see load.h):
 * writes at most n bytes with the NUL into buf and returns the full length.
 */
size_t ind_series_freq_name(const char *name, ind_freq freq, char *buf, size_t n);

/*
 * The series of indicator name for entity at frequency freq: name itself when
 * it has that frequency, else its "NAME (FREQUENCY)" series; NULL when neither.
 */
ind_series *ind_dataset_find_freq(const ind_dataset *ds, const char *name, const char *entity,
                                  ind_freq freq);

/* What a name given by a user (--series, --entity) is matched against. */
typedef enum ind_name_kind {
    IND_NAME_SERIES = 0, /* a series' name, or its label */
    IND_NAME_ENTITY,     /* a series' entity */
} ind_name_kind;

/* Whether some series of ds has this name (or label) or this entity. */
bool ind_dataset_has_name(const ind_dataset *ds, ind_name_kind kind, const char *name);

/*
 * The distinct series names or entities of ds, sorted (bytewise): *out is a
 * malloc'd array (free() it) of pointers into ds; returns its length (0 and
 * NULL when ds is empty or out of memory).
 */
size_t ind_dataset_names(const ind_dataset *ds, ind_name_kind kind, const char ***out);

/*
 * The names of ds near name, for "did you mean": within a third of name's
 * length in edits (at least 1; ASCII case ignored), or containing it or
 * contained in it. Writes up to max of them, nearest first, into near
 * (pointers into ds) and returns how many were found (at most max).
 */
size_t ind_dataset_near_names(const ind_dataset *ds, ind_name_kind kind, const char *name,
                              const char **near, size_t max);

IND_END_DECLS

#endif
