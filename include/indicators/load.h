/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load.h - reading indicator CSV files and workbooks into a dataset.
 *
 * A workbook (.xlsx, or a legacy .xls, told by the file's first bytes) is
 * read like the CSV file its sheet would export to: one row per sheet row,
 * one field per column from A, so everything below applies to it too;
 * errors name the cell ("figures.xlsx:Sheet1!C7: error: ..."). See
 * src/lib/workbook/wb.h for how cells become text (dates, percent formats,
 * merged ranges, error cells) and what is refused.
 *
 * Streams the file through libcsv's callback API in 1 MiB chunks, so memory
 * grows with the values kept, not with the file size. Detects (each
 * overridable through ind_load_options):
 *   - encoding: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (a
 *     superset of GBK), converted with iconv; a UTF-8 file with a few
 *     invalid bytes is an error at the first, not read as GB18030;
 *   - delimiter: ',' ';' or tab, counted outside quotes on the first line
 *     that has any (comma wins ties);
 *   - the header: the first row that fits a shape; before it, rows with at
 *     most one non-empty cell and "key","value" metadata rows (World Bank
 *     "Data Source", "Last Updated Date") are skipped as preamble;
 *   - shape: wide by period when several header cells are periods (World
 *     Bank: id columns then 1960, 1961 ...), long when a period column and a
 *     value column are named, wide by series when only a period column is.
 * Header cells are matched case-insensitively after trimming:
 *   series  indicator, series, name, 指标, 指标名称 ... (World Bank: "Indicator
 *           Code" names the series and "Indicator Name" becomes its label)
 *   entity  region, country, entity, area, 地区, 国家, 城市 ... ("Country Name";
 *           a name that two codes of "Country Code" share keys the later
 *           row as "NAME (CODE)", said in info->note)
 *   period  year, period, date, time, 年份, 时间, 年, 期间, 日期 ...
 *   value   value, obs_value, 数值, 值 ...
 *   unit    unit, 单位
 * Other columns (note, 备注, Country Code ...) and columns with an empty
 * header are ignored; cells after the last named column must be empty. In a
 * file wide by period, any other column with a header is not read either, and
 * is counted in info->unread_columns and named in info->columns_note.
 *
 * Two header rows: a row of groups above a row of periods or labels (a
 * statistics office's table) is read as one header when the lower row has
 * no numbers, its cells under the upper row's key columns (指标, 地区) are
 * empty or repeat them, and at least one group spans two columns - a
 * merged cell (a workbook gives its value to the whole range) or, in a CSV
 * file, a group label followed by empty cells. Each column's meaning is its
 * group and sub-label together:
 *   period over half or year   "2023年" over "上半年" / "全年" -> 2023H1 / 2023
 *   indicator over period      "研发强度(%)" over "2021" -> series 研发强度 in %,
 *                              period 2021 (the rows name entities or series)
 *   period over another label  "2023年" over "增速(%)" -> series "ROW 增速", 2023
 * and a file wide by period may mix frequencies (years and halves: the
 * indicator's half-yearly values become "NAME (half-yearly)", see below). A
 * column whose two cells make no period is not read, and reported as above.
 * Without a series column a long or wide-period file names its series after
 * the value column (when its name is not a generic one) or the file's stem.
 * Units come from a unit column, else from a trailing "(...)" or "（...）"
 * of a wide-series header, a wide-period series name or a World Bank
 * indicator name ("rd (%)" -> "%", "... (% of GDP)" -> "% of GDP"), else
 * "%" when the values carry a % sign, else from a preamble line naming one
 * unit for the table ("单位：亿元", "计量单位：%", "Unit: %"; not "单位：人、个"). A unit cut off a header or series name
 * leaves the series named without it and labelled with the full text.
 *
 * Values: decimals, thousands separators (9,084), a percent sign (marks the
 * series unit "%"), surrounding spaces; missing markers "", NA, N/A, .., -,
 * —, null, NaN, #N/A are counted per series as missing. In a ';'-separated
 * file a comma inside a number is an error (a decimal comma is likely).
 *
 * Footnote rows after the data (a single first cell starting "注：", "数据来源：",
 * "Note:", "Source:" ..., as statistics offices append) are skipped and counted.
 *
 * Every data row is either used, counted as missing or blank, or reported as
 * an error with file, line and column (the column is the 1-based field
 * index): a malformed file, an unparseable value or period, a duplicate
 * (series, entity, period) - also when one of the two cells is a missing
 * marker -, or a header naming a role column twice ("value,value") stops
 * the load with that error, the first one in file order. An indicator with
 * values at two frequencies ("2023 9,084; 2024H1 4,804") is two series: the
 * lowest frequency keeps the name, the others are "NAME (half-yearly)",
 * "NAME (quarterly)", "NAME (monthly)" (same entity, unit and label), counted
 * in info->split_by_frequency and named in info->note. A path that is not a regular file (a FIFO, device, directory) is
 * refused without reading it.
 *
 * Inputs of 8 MiB and more are converted on a second thread (started and
 * joined within the call) while the calling thread parses; the result and
 * the error reported are the same as on one thread.
 */
#ifndef INDICATORS_LOAD_H
#define INDICATORS_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/period.h"
#include "indicators/export.h"

IND_BEGIN_DECLS

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
    ind_freq freq;          /* what dates (2024-01-31) in periods are read as: the period
                               of this frequency they fall in; 0: the frequency the period
                               column's header names (月份, quarter ...), else a date is an
                               error */
    const char *sheet;      /* a workbook's sheet, by name or 1-based number (NULL: the
                               first visible sheet holding data) */
    bool sorted;            /* ind_load_each: the rows of each series are together; a series
                               that comes back after another began is an error */
} ind_load_options;

typedef struct ind_load_info {
    ind_shape shape;
    char encoding[32]; /* "UTF-8", "UTF-8 (BOM)", "GB18030" ... */
    char delimiter;
    size_t header_line;    /* 1-based line of the header row */
    size_t preamble_lines; /* lines skipped before the header (World Bank metadata) */
    size_t rows;           /* data rows read */
    size_t values;         /* observations stored */
    size_t missing;        /* cells or rows marked missing */
    size_t blank_rows;     /* entirely empty rows skipped */
    size_t notes;          /* footnote rows skipped ("注：...", "Source: ...") */
    size_t keyed_by_code;  /* wide-period rows whose country name an earlier row has with
                              another country code: their entity is "NAME (CODE)" */
    size_t split_by_frequency; /* series made for an indicator's values at a second frequency
                                  ("NAME (half-yearly)" beside the annual NAME) */
    char note[256];        /* how the file was read where it matters, "" when nothing */
    size_t renamed;        /* series whose name or entity held control characters (made spaces) */
    char sheet[128];       /* a workbook: the sheet read (header_line is its row); else "" */
    bool grouped;          /* every series' rows were together (a wide-period file always) */
    bool streamed;         /* ind_load_each handed each series over as soon as it was complete */
    char stream_note[256]; /* why the series were not streamed, "" when they were or when the
                              load held them all (ind_load_file) and they were grouped */
    size_t header_rows;    /* rows the header spans: 2 when a row of groups (merged cells)
                              stands above a row of periods or labels, else 1 */
    size_t unread_columns; /* columns with a header the shape does not read (wide by period:
                              not a period, series, entity, unit, label or note column) */
    char columns_note[256]; /* names them, "" when there are none */
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

/*
 * Same as ind_load_file on an open stream (standard input), read to its end
 * in chunks, so memory holds the values and not the text; fp is not closed.
 * A pipe cannot be read twice: a text that is not UTF-8 after an ASCII first
 * megabyte is an error asking for opt->encoding, where a file would be read
 * again as GB18030.
 */
ind_status ind_load_stream(FILE *fp, const char *name, const ind_load_options *opt,
                           ind_dataset **out, ind_load_info *info, ind_error *err);

/*
 * Series at a time: what ind_load_each hands each series to. series is
 * called once per series, in order of first appearance in the file, when
 * every row of it has been read and checked; s belongs to the loader and is
 * valid during the call only, unless the callback takes it
 * (ind_series_take). restart is called when the file turned out not to be
 * grouped after series were handed over: they are void, and every series
 * comes again (NULL: the loader never needs to restart, see below). Each
 * returns IND_OK to go on, or a status, with err filled, that stops the load.
 */
typedef struct ind_series_sink {
    ind_status (*series)(void *ctx, ind_series *s, ind_error *err);
    ind_status (*restart)(void *ctx, ind_error *err);
    void *ctx;
} ind_series_sink;

/*
 * Loads path as ind_load_file does - same detection, same errors - and hands
 * every series to sink instead of keeping them. When the file lets a series
 * finish before the next starts, each is handed over as soon as it is
 * complete and then freed, so that memory holds one series (long), one row
 * (wide-period) or one entity's series (wide-series) at a time, plus a
 * 64-bit hash of each series key (keyset.h) to see that no series comes back:
 *   - wide-period: every row is a whole series, always;
 *   - long: the rows of each (series, entity) are together (sorted by
 *     series and entity, or any order that keeps them together);
 *   - wide-series: the rows of each entity are together.
 * A series that comes back after another began (a long file sorted by year)
 * is, with opt->sorted, an error at its row (IND_E_FORMAT, FILE:LINE:COL).
 * Without it, the file is read again from its start as a whole: sink->restart
 * is called, and every series comes again at the end, held in memory as
 * ind_load_file holds them; info->stream_note says why. A stream cannot be
 * read again, so a long or wide-series stream (or any file when
 * sink->restart is NULL) is held whole from the start unless opt->sorted.
 * info->grouped and info->streamed say what happened.
 *
 * An error stops the load after the series before it were handed over:
 * with the same status and message as ind_load_file, which hands over none.
 * ind_load_file is this loader holding every series to the end.
 */
ind_status ind_load_each(const char *path, const ind_load_options *opt,
                         const ind_series_sink *sink, ind_load_info *info, ind_error *err);

/* Same on an open stream (standard input; see ind_load_stream). */
ind_status ind_load_each_stream(FILE *fp, const char *name, const ind_load_options *opt,
                                const ind_series_sink *sink, ind_load_info *info,
                                ind_error *err);

/* Same on data[0..len) in memory. */
ind_status ind_load_each_buffer(const char *data, size_t len, const char *name,
                                const ind_load_options *opt, const ind_series_sink *sink,
                                ind_load_info *info, ind_error *err);

/* "long", "wide-period", "wide-series", "auto". */
const char *ind_shape_name(ind_shape shape);
/* Parses a shape name; returns -1 when unknown. */
int ind_shape_parse(const char *name, ind_shape *out);

/*
 * Parses one value cell s[0..len) (UTF-8, not NUL-terminated; reads only
 * those bytes). Returns 0 and sets *value and *percent (1 when a % sign was
 * present), 1 when the cell is empty or a missing marker, or -1 when it is
 * not a number; *bad_col then receives the 0-based offset of the first
 * offending byte, or len when the text is a number out of the range of
 * doubles ("1e999"). The value equals strtod's in the C locale.
 */
int ind_parse_value(const char *s, size_t len, double *value, int *percent, size_t *bad_col);

IND_END_DECLS

#endif
