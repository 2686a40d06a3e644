/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.h - writing result tables as an aligned text table, CSV, JSON or
 * Markdown.
 *
 * A caller declares the columns once, then adds rows cell by cell. CSV and
 * JSON rows are written as soon as they end (constant memory for large
 * outputs); table and Markdown rows are kept until ind_table_finish because
 * column widths depend on every row. Widths count display columns, so
 * Chinese text (two columns a character) lines up.
 *
 * Numbers: CSV and JSON carry 15 significant digits (0.96, not the float
 * noise of 0.9600000000000002), or with ind_table_options.exact the shortest
 * text that reads back to the same double; table and Markdown round to the
 * column's digits, or to ind_table_options.digits significant digits. A cell
 * that is undefined is added with ind_table_note: the table shows the note
 * text (or, with notes_below, a number "[1]" and the reasons listed under
 * the table), CSV an empty cell, JSON null. The writer never prints nan or
 * inf.
 *
 * An .xlsx table is one worksheet: numbers are stored as numbers with every
 * digit, shown through a number format chosen by the column's unit (a
 * percent column holds 0.226 shown as 22.6%, a count 12,345); an undefined
 * figure is an empty cell whose reason goes to the row's notes column, so
 * that no number cell ever holds a sentence. Text from data is always a
 * string cell, never a formula.
 */
#ifndef INDICATORS_OUTPUT_H
#define INDICATORS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "indicators/error.h"
#include "indicators/export.h"

IND_BEGIN_DECLS

typedef enum ind_format {
    IND_FORMAT_TABLE = 0,
    IND_FORMAT_CSV,
    IND_FORMAT_JSON,
    IND_FORMAT_MD,
    IND_FORMAT_XLSX,
} ind_format;

typedef enum ind_col_kind {
    IND_COL_TEXT = 0,
    IND_COL_NUMBER,
    IND_COL_NOTES, /* text: the reasons of the row's undefined figures, written by the caller */
} ind_col_kind;

/*
 * What a number column's values are, for the number format of a workbook
 * (the other formats write the value as it is given).
 */
typedef enum ind_col_unit {
    IND_UNIT_PLAIN = 0, /* as is: the column's decimals, or General (digits -1) */
    IND_UNIT_PERCENT,   /* given in percent (22.6): stored as 0.226, shown 22.6% */
    IND_UNIT_PP,        /* percentage points: 0.96 shown 0.96 pp */
    IND_UNIT_COUNT,     /* a whole count: 12,345 */
    IND_UNIT_MULTIPLE,  /* a ratio: 1.84 shown 1.84× */
    IND_UNIT_YEAR,      /* a calendar year or a step number: 2025, no separator */
} ind_col_unit;

typedef struct ind_column {
    const char *name;  /* header; also the JSON key */
    ind_col_kind kind;
    int digits;        /* decimals shown in table/md for numbers; -1: up to 6 significant */
    ind_col_unit unit; /* number columns: the workbook's number format (0: plain) */
} ind_column;

/*
 * How a cell is marked: the workbook fills it in the colour (the table's
 * verdicts use the same colours on a terminal); the text formats ignore it.
 */
typedef enum ind_mark {
    IND_MARK_NONE = 0,
    IND_MARK_GOOD, /* green: met, on track */
    IND_MARK_WARN, /* yellow: at risk */
    IND_MARK_BAD,  /* red: off track */
    IND_MARK_DIM,  /* grey: not assessed */
} ind_mark;

typedef struct ind_table ind_table;

/* How a table writes numbers and notes; ind_table_options_init gives the defaults. */
typedef struct ind_table_options {
    int digits;        /* table/md: significant digits of every number (1..17); 0: each
                          column's own digits */
    bool exact;        /* csv/json: round-trip text instead of 15 significant digits */
    bool bom;          /* csv: a UTF-8 byte order mark first, so that Excel reads UTF-8 */
    bool notes_below;  /* table/md: an undefined cell shows [k]; the reasons are numbered
                          below the table instead of standing in the cells */
    const char *notes_title; /* the heading of those notes (NULL: "Notes:") */
    const char *sheet;       /* xlsx: the worksheet's name (NULL: "results"); characters
                                Excel refuses ([]:*?/\) become '_', cut to 31 */
    const char *notes_header; /* xlsx: the header of the notes column added to a table
                                 without an IND_COL_NOTES column (NULL: "notes") */
    const char *notes_header_taken; /* xlsx: that header when a column of the table already
                                       has the name (NULL: "notes (empty cells)") */
    const char *pp_word;      /* xlsx: the word after a percentage-point number in its
                                 number format (NULL: "pp"; --lang zh: "百分点") */
} ind_table_options;

/* Defaults: column digits, 15 significant digits, no BOM, notes in the cells. */
void ind_table_options_init(ind_table_options *opt);

/* Parses "table", "csv", "json", "md"/"markdown", "xlsx"; -1 when unknown. */
int ind_format_parse(const char *name, ind_format *out);

/*
 * Whether fmt is made for a reader (table, md: the columns a reader needs,
 * undefined figures numbered below) rather than for programs and
 * spreadsheets (csv, json, xlsx: every column, the reasons in a column).
 */
bool ind_format_for_reader(ind_format fmt);

/* The name of the i-th output format (0, 1, ...), NULL after the last: for help and messages. */
const char *ind_format_name(size_t i);

/*
 * A writer for ncols columns (cols are copied) to stream out in fmt. Returns
 * NULL when out of memory. An xlsx table assembles the workbook in a
 * temporary file ($TMPDIR or /tmp) and copies it to out when finished; out
 * may be any stream, but the CLI writes workbooks only to files.
 */
ind_table *ind_table_new(const ind_column *cols, size_t ncols, ind_format fmt, FILE *out);

/* ind_table_new with options (opt NULL: the defaults; opt is copied, notes_title is kept). */
ind_table *ind_table_new_with(const ind_column *cols, size_t ncols, ind_format fmt,
                              const ind_table_options *opt, FILE *out);

/* Cells, added left to right; a row ends with ind_table_end_row. */
ind_status ind_table_text(ind_table *t, const char *text);
ind_status ind_table_number(ind_table *t, double value); /* non-finite becomes a note "n/a" */
ind_status ind_table_note(ind_table *t, const char *why); /* an undefined figure and why */
ind_status ind_table_empty(ind_table *t);
ind_status ind_table_marked(ind_table *t, const char *text, ind_mark mark); /* a text cell */
ind_status ind_table_end_row(ind_table *t);

/*
 * A batch for t: a table with t's columns and format that keeps its rows
 * instead of writing them, so that rows can be made on other threads (one
 * batch each) and then added to t in order with ind_table_append. Creating
 * batches only reads t. NULL when out of memory.
 */
ind_table *ind_table_new_batch(const ind_table *t);

/*
 * Adds every row of batch to t, in order (CSV and JSON rows are written at
 * once), and frees batch. IND_E_NOMEM when the batch or t ran out of memory.
 */
ind_status ind_table_append(ind_table *t, ind_table *batch);

/*
 * Writes whatever is buffered and the closing text (JSON "]"; the workbook),
 * then frees the table. Returns IND_E_IO when a write failed, IND_E_ARG when
 * an xlsx table has more rows than a worksheet holds (1,048,575 below the
 * header); errno then tells why a workbook could not be made or written
 * (ENOSPC, ENOENT for a missing $TMPDIR, 0 when memory ran out). NULL does
 * nothing.
 */
ind_status ind_table_finish(ind_table *t);

/* Frees without writing (after an error). NULL does nothing. */
void ind_table_free(ind_table *t);

/* Whether text holds a control character (C0, DEL, or a C1 control in UTF-8). */
bool ind_text_has_control(const char *text);

/*
 * Text from data for a terminal (tables, notes, messages quoting a value):
 * control characters written visibly (\n, \t, \r, \x1b, \u009b) and bytes
 * that are not UTF-8 as \xff, so that no name can move the cursor, clear the
 * screen or retitle the window. Into out[0..n); returns the length wanted,
 * like snprintf. The one helper for every such text.
 */
size_t ind_text_escape(const char *text, char *out, size_t n);

/* Display width of UTF-8 text in terminal columns (CJK wide characters count 2). */
size_t ind_display_width(const char *s);

/*
 * Shortest decimal text that reads back exactly as v (C locale; no exponent
 * between 1e-4 and 1e15), so values read from files print as written.
 * n of 32 bytes is always enough.
 */
void ind_format_double(double v, char *buf, size_t n);

/*
 * v with `digits` significant digits (1..17) in plain decimal notation when
 * it fits a line (no exponent between 1e-4 and 1e15), trailing zeros after
 * the point dropped when trim is true; "-0" is written "0". n of 40 bytes is
 * always enough.
 */
void ind_format_significant(double v, int digits, bool trim, char *buf, size_t n);

IND_END_DECLS

#endif
