/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table_read.h - private: a small table of named columns, as the targets
 * file (target_parse.c) and the claims file (claim.c) are, read from a CSV
 * file by csvread.c or from a workbook (.xlsx, .xls: workbook/wb.h, told by
 * the file's first bytes, its default sheet) through the same rows. So both
 * readers accept the same encodings, limits, workbooks and headers, and
 * report errors the same way: FILE:LINE:COL for CSV, FILE:SHEET!C3 for a cell
 * of a workbook.
 *
 * The first row that is not blank is the header: each cell names a column
 * of the table by its English name or an alias (Chinese headers, as
 * analysts type them), ASCII case and surrounding spaces ignored. An unknown
 * or repeated name, or a required column missing, is an error; in a
 * workbook an empty header cell leaves its column out (cells under it must
 * be empty). Every later row that is not blank (every cell empty) goes to
 * the row callback with its cells by the table's columns.
 *
 * CSV rows must have as many fields as the header: another count is a
 * quoting mistake (a comma in an unquoted label). A workbook's rows are
 * padded to the sheet's width, so they may be longer or shorter; a value
 * outside the header's columns is an error there.
 */
#ifndef INDICATORS_TABLE_READ_H
#define INDICATORS_TABLE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/error.h"

#define TBL_COLS_MAX 12

/* One column of the table. */
typedef struct tbl_column {
    const char *name;    /* the English name, as messages say it */
    const char *aliases; /* other header names, '|'-separated ("指标|指标名称"); NULL: none */
    bool required;
} tbl_column;

/* A data row, its cells by the table's columns (index into tbl_spec.cols). */
typedef struct tbl_row {
    const char *cell[TBL_COLS_MAX]; /* the text, trimmed of nothing; "" when the column is absent */
    size_t len[TBL_COLS_MAX];
    size_t col[TBL_COLS_MAX];   /* its 1-based column in the file; 0: the header has none */
    size_t line[TBL_COLS_MAX];  /* the line where it starts (a workbook: the sheet row) */
    size_t first_line;          /* the line where the row starts */
    const char *sheet;          /* a workbook: the sheet's name; NULL for a CSV file */
    /* for tbl_fail */
    const char *path;
    ind_error *err;
    ind_status status;
} tbl_row;

/* The table's columns and where its rows go. */
typedef struct tbl_spec {
    const tbl_column *cols;
    size_t ncols;
    const char *rows_name; /* "targets": "no targets after the header" */
    /* a new reading from the file's start (another encoding): drop what rows built; may be NULL */
    void (*start)(void *ctx);
    /* a data row: IND_OK to go on, or the status of tbl_fail to stop */
    ind_status (*row)(void *ctx, tbl_row *r);
    void *ctx;
} tbl_spec;

/*
 * Reads the table at path (CSV or workbook) into spec; sheet names a
 * workbook's sheet by name or 1-based number (NULL: its first sheet holding
 * data; ignored for a CSV file, as for data files). IND_OK after the last
 * row; else IND_E_IO, IND_E_FORMAT (syntax, header, an empty file, no data
 * rows), IND_E_ENCODING, IND_E_NOTFOUND (no such sheet), IND_E_NOMEM, or the
 * status a row callback stopped with, err naming the place.
 */
ind_status tbl_read_file(const char *path, const char *sheet, const tbl_spec *spec,
                         ind_error *err);

/* The place of column c of row r for a message: "t.xlsx:Sheet1!A3" (a workbook's
   cell), "t.csv:3" (a CSV file's line) into buf. */
void tbl_place(const tbl_row *r, size_t c, char *buf, size_t n);

/* Same on data[0..len) in memory (CSV or .xlsx); name stands for the path. */
ind_status tbl_read_buffer(const char *data, size_t len, const char *name, const tbl_spec *spec,
                           ind_error *err);

/*
 * Records an error at the cell of column c of row r (the row's start when
 * the file has no such column), unless the row already has one: the first
 * error of a row wins. Returns r->status.
 */
ind_status tbl_fail(tbl_row *r, size_t c, ind_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
