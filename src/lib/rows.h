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
#include "keyset.h"

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

/* A period cell's text and what it reads as (parse_period's memo). */
typedef struct ld_period_memo {
    char text[15];
    unsigned char len; /* 0: empty slot */
    size_t col;
    ind_period p;
} ld_period_memo;

#define LD_PERIOD_MEMO 256 /* slots, a power of two */

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
    /* two header rows (rows.c, "two header rows") */
    char *held_text;     /* a copy of the row before, which may be the upper header row */
    csvr_field *held_f;  /* its fields (NULL: no row held) */
    size_t held_n, held_line;
    char **colname;      /* per column of a two-row header: the series its group or sub-label
                            names ("研发强度" over 2021), NULL when none; ncolname entries */
    size_t ncolname;
    int named;           /* wide-period: some period column names its series */
    char *joinbuf;       /* wide-period: "ROW NAME" of a row's series and a column's name */
    char *stem; /* series name when the file has no series column */
    char file_unit[48]; /* a preamble line's "单位：亿元": the unit of series without one */
    /* caches */
    ind_series *last; /* long: the series of the previous row (NULL after the array moved) */
    size_t group;     /* long: its index + 1, 0 when none */
    char *entity;     /* wide-series: the entity the column series belong to */
    char *namebuf;    /* wide-period: a series name with its unit cut off */
    size_t c_code;    /* wide-period: the country code column beside a country name, or NONE */
    char *keybuf;     /* wide-period: "NAME (CODE)" for a country name given twice */
    ind_dataset *codes; /* wide-period: the first country code of each country name */
    int have_entity;
    ld_period_memo periods[LD_PERIOD_MEMO]; /* long and wide-series: period texts read */
    ld_missing *missing; /* by series index; long and wide-series files only */
    size_t nmissing;
    /* series at a time (ld_rows_stream) */
    int mode;                    /* ld_mode */
    int can_restart;             /* the source can be read again from its start */
    const ind_series_sink *sink; /* NULL: keep the dataset (ld_rows_take) */
    keyset done;                 /* keys of the series handed over */
    int regroup;                 /* stopped: not grouped, to be read again as a whole */
} ld_rows;

/* How series leave the conversion. */
typedef enum ld_mode {
    LD_HOLD = 0, /* kept in the dataset to the end (ind_load_file) */
    LD_STREAM,   /* handed over when complete while the file is grouped; else read again */
    LD_SORTED,   /* handed over when complete; a series that comes back is an error */
} ld_mode;

/* Starts a conversion into a new dataset; IND_E_NOMEM (err filled) on failure. */
ind_status ld_rows_init(ld_rows *R, const char *path, const ind_load_options *opt,
                        ind_load_info *info, ind_error *err);

/*
 * After ld_rows_init: hand the series to sink (ind_load_each) - when complete
 * in modes LD_STREAM and LD_SORTED, all at the end in LD_HOLD. can_restart:
 * the source can be read again, so LD_STREAM may stop at a series that
 * comes back (R->regroup set, R->status non-zero, err untouched); without
 * it LD_STREAM holds long and wide-series files whole.
 */
void ld_rows_stream(ld_rows *R, const ind_series_sink *sink, ld_mode mode, int can_restart);

/*
 * Handles the next row: fields f[0..n) with their text in text (which the
 * call may modify), ending on line. Returns R->status.
 */
ind_status ld_rows_add(ld_rows *R, char *text, const csvr_field *f, size_t n, size_t line);

/* After the last row: reports a file with no header or no data rows, and
   hands the series still held to the sink. Returns R->status. */
ind_status ld_rows_finish(ld_rows *R);

/* Hands over the dataset (NULL after an error); the caller frees it. */
ind_dataset *ld_rows_take(ld_rows *R);

/* Frees everything R still owns. */
void ld_rows_release(ld_rows *R);

#endif
