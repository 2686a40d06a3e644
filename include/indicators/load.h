/*
 * load.h - reading indicator CSV files into a dataset.
 *
 * Streams the file through libcsv's callback API, so memory grows with the
 * values kept, not with the file size. Detects (each overridable):
 *   - encoding: UTF-8 with or without BOM, else GBK/GB18030 (converted with iconv);
 *   - delimiter: ',' ';' or tab;
 *   - shape: long/tidy (series, entity, period, value, unit columns), wide by
 *     period (World Bank: id columns then one column per period, with or
 *     without the "Data Source"/"Last Updated Date" preamble), or wide by
 *     series (a period column, optional entity column, one column per series).
 * Values: decimals, thousands separators (9,084), a percent sign (marks the
 * series unit "%"), surrounding spaces; missing markers "", NA, N/A, .., -,
 * —, null, NaN are counted per series as missing.
 *
 * Every data row is either used, counted as missing, or reported as an error
 * with file, line and column: a malformed file, an unparseable value or
 * period, a duplicate (series, entity, period) or a series mixing
 * frequencies stops the load with that error.
 */
#ifndef INDICATORS_LOAD_H
#define INDICATORS_LOAD_H

#include <stddef.h>

#include "indicators/dataset.h"
#include "indicators/error.h"

typedef enum ind_shape {
    IND_SHAPE_AUTO = 0,
    IND_SHAPE_LONG,        /* one row per observation */
    IND_SHAPE_WIDE_PERIOD, /* one column per period (World Bank) */
    IND_SHAPE_WIDE_SERIES, /* one column per series */
} ind_shape;

typedef struct ind_load_options {
    ind_shape shape;        /* IND_SHAPE_AUTO to detect */
    const char *encoding;   /* NULL to detect; "utf-8", "gbk", "gb18030" or any iconv name */
    char delimiter;         /* 0 to detect */
    const char *series_col; /* column names (NULL: recognise by the usual headers) */
    const char *entity_col;
    const char *period_col;
    const char *value_col;
    const char *unit_col;
} ind_load_options;

typedef struct ind_load_info {
    ind_shape shape;
    char encoding[32];    /* "UTF-8", "UTF-8 (BOM)", "GB18030" ... */
    char delimiter;
    size_t header_line;   /* 1-based line of the header row */
    size_t preamble_lines;/* lines skipped before the header (World Bank metadata) */
    size_t rows;          /* data rows read */
    size_t values;        /* observations stored */
    size_t missing;       /* cells or rows marked missing */
    size_t blank_rows;    /* entirely empty rows skipped */
} ind_load_info;

/* Defaults: everything detected. */
void ind_load_options_init(ind_load_options *opt);

/*
 * Loads path into a new dataset. On success returns IND_OK and sets *out (the
 * caller frees it with ind_dataset_free); info may be NULL. On failure
 * returns the status, sets *out to NULL and fills err with path, line,
 * column and message.
 */
ind_status ind_load_file(const char *path, const ind_load_options *opt, ind_dataset **out,
                         ind_load_info *info, ind_error *err);

/*
 * Same as ind_load_file on data[0..len) already in memory; name is used in
 * error messages as the path. Used by tests and the fuzz target.
 */
ind_status ind_load_buffer(const char *data, size_t len, const char *name,
                           const ind_load_options *opt, ind_dataset **out, ind_load_info *info,
                           ind_error *err);

/* "long", "wide-period", "wide-series", "auto". */
const char *ind_shape_name(ind_shape shape);
/* Parses a shape name; returns -1 when unknown. */
int ind_shape_parse(const char *name, ind_shape *out);

/*
 * Parses one value cell s[0..len). Returns 0 and sets *value and *percent
 * (1 when a % sign was present), 1 when the cell is a missing marker, or -1
 * when it is not a number; *bad_col receives the 0-based offset of the first
 * offending byte on -1.
 */
int ind_parse_value(const char *s, size_t len, double *value, int *percent, size_t *bad_col);

#endif
