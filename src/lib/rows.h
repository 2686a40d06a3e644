/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rows.h - private to the loader: from the rows of a CSV file to a dataset.
 *
 * csvread.c turns bytes into rows (decoding, libcsv) and load.c hands them
 * over one by one, possibly on another thread; rows.c finds the header among the
 * first rows, picks the shape (a table of descriptors) and converts every
 * data row into observations, or stops at the first bad cell with its line
 * and column.
 */
#ifndef INDICATORS_ROWS_H
#define INDICATORS_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "indicators/dataset.h"
#include "indicators/load.h"

#include "csvread.h"

typedef struct ld_column {
    int role;           /* what the column holds (rows.c's enum role) */
    char *header;       /* the header cell, trimmed */
    ind_period period;  /* wide-period: the column's period */
    char *name;         /* wide-series: the series name */
    char *unit;         /* wide-series: unit from the header */
    char *label;        /* wide-series: the full header when a unit was split off */
    ind_series *series; /* wide-series: the column's series for the current entity */
} ld_column;

struct ld_shape;

/* Periods of one series given as missing, ascending: a period given twice is an error
   even when one of the two is a missing marker. */
typedef struct ld_missing {
    int32_t *ord;
    size_t n, cap;
} ld_missing;

/* The state of the conversion; the fields are private to rows.c. */
typedef struct ld_rows {
    const char *path;
    const ind_load_options *opt;
    ind_load_info *info;
    ind_error *err;
    ind_status status; /* the first error; rows are ignored once it is set */
    ind_dataset *ds;
    /* the current row */
    char *text; /* fields' text, at field offsets */
    const csvr_field *f;
    size_t n;    /* fields */
    size_t line; /* line where the row ends */
    /* the header */
    const struct ld_shape *shape; /* NULL until the header is found */
    ld_column *cols;
    size_t ncols;
    size_t width; /* columns up to the last one with a header */
    size_t c_series, c_entity, c_period, c_value, c_unit, c_label;
    size_t candidate_line; /* the first row that looked like a header but was not */
    char candidate_why[IND_ERROR_MSG_MAX];
    size_t preamble_rows;
    char *stem; /* series name when the file has no series column */
    /* caches */
    ind_series *last; /* long: the series of the previous row */
    char *entity;     /* wide-series: the entity the column series belong to */
    char *namebuf;    /* wide-period: a series name with its unit cut off */
    size_t c_code;    /* wide-period: the country code column beside a country name, or NONE */
    char *keybuf;     /* wide-period: "NAME (CODE)" for a country name given twice */
    ind_dataset *codes; /* wide-period: the first country code of each country name */
    int have_entity;
    ld_missing *missing; /* by series index; long and wide-series files only */
    size_t nmissing;
} ld_rows;

/* Starts a conversion into a new dataset; IND_E_NOMEM (err filled) on failure. */
ind_status ld_rows_init(ld_rows *R, const char *path, const ind_load_options *opt,
                        ind_load_info *info, ind_error *err);

/*
 * Handles the next row: fields f[0..n) with their text in text (which the
 * call may modify), ending on line. Returns R->status.
 */
ind_status ld_rows_add(ld_rows *R, char *text, const csvr_field *f, size_t n, size_t line);

/* After the last row: reports a file with no header or no data rows. Returns R->status. */
ind_status ld_rows_finish(ld_rows *R);

/* Hands over the dataset (NULL after an error); the caller frees it. */
ind_dataset *ld_rows_take(ld_rows *R);

/* Frees everything R still owns. */
void ld_rows_release(ld_rows *R);

#endif
