/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xlsx.h - private: the one writer of Excel workbooks (libxlsxwriter), as
 * html.c is the one writer of HTML. output.c hands it the rows of an
 * IND_FORMAT_XLSX table; nothing else writes a cell.
 *
 * The rules it keeps in one place: every text is a string cell (never a
 * formula, whatever it starts with), cleaned into what XML 1.0 and Excel
 * accept; numbers keep every digit and get the number format of their
 * column's unit; an undefined figure is an empty cell and its reason goes to
 * the row's notes; the header row is bold, frozen and filtered; column
 * widths fit the text, Chinese characters counting two.
 */
#ifndef INDICATORS_XLSX_H
#define INDICATORS_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "indicators/output.h"

/* Excel's limits: characters in a cell, rows of a sheet, characters of a sheet name. */
enum { XLSX_MAX_CHARS = 32767, XLSX_MAX_ROWS = 1048576, XLSX_SHEET_NAME_MAX = 31 };

/* The widest column set, in Excel's character units (long notes wrap past it). */
enum { XLSX_MAX_WIDTH = 80 };

typedef enum xlsx_cell_kind { XLSX_TEXT, XLSX_NUMBER, XLSX_NOTE, XLSX_EMPTY } xlsx_cell_kind;

/* One cell of a row handed to the workbook. */
typedef struct xlsx_cell {
    xlsx_cell_kind kind;
    const char *text; /* XLSX_TEXT: the text; XLSX_NOTE: why the figure is undefined */
    double value;     /* XLSX_NUMBER, in the column's unit as given (22.6 for 22.6 %) */
    ind_mark mark;
} xlsx_cell;

typedef struct xlsx_book xlsx_book;

/*
 * A workbook of one sheet with ncols columns (cols copied, names kept);
 * opt->sheet and opt->notes_header name the sheet and the notes column.
 * NULL when out of memory or no temporary file can be made.
 */
xlsx_book *xlsx_book_new(const ind_column *cols, size_t ncols, const ind_table_options *opt);

/* Adds a row of ncols cells. IND_E_ARG past the last row a sheet holds
   (XLSX_MAX_ROWS with the header: 1,048,575 rows). */
ind_status xlsx_book_row(xlsx_book *b, const xlsx_cell *row);

/*
 * Writes the header, widths, frozen pane and filter, assembles the workbook
 * and copies it to out; frees b. IND_E_IO when assembling or writing failed,
 * IND_E_ARG when rows were refused (too many for a sheet): then nothing is
 * written to out, never a workbook short of rows.
 */
ind_status xlsx_book_finish(xlsx_book *b, FILE *out);

/* Tests: a sheet of rows rows (the header's included) instead of Excel's. */
void xlsx_book_limit_rows(xlsx_book *b, size_t rows);

/* Frees without writing (the temporary file is removed). NULL does nothing. */
void xlsx_book_free(xlsx_book *b);

/* ---- the choices, exposed for the unit test ---- */

/* The number format of col ("0.0%", "#,##0", "0.00\" pp\"" ...); "" for General. pp: the
   word after a percentage-point number (NULL: "pp"; a word holding '"' is left out). */
void xlsx_number_format(const ind_column *col, const char *pp, char *buf, size_t n);

/* The value as stored: percent columns hold the fraction (22.6 -> 0.226). */
double xlsx_stored_value(const ind_column *col, double v);

/* Display width of v as the column's number format shows it. */
size_t xlsx_number_width(const ind_column *col, const char *pp, double v);

/* A sheet name Excel accepts: []:*?/\ become '_', at most 31 characters, not empty. */
void xlsx_sheet_name(const char *name, char *out, size_t n);

/*
 * s as a cell's text: bytes that are not UTF-8 and the characters XML 1.0
 * forbids (U+FFFE, U+FFFF) become U+FFFD, the '_' of a literal _xHHHH_
 * becomes _x005F_ (Excel would decode the escape), and at most
 * XLSX_MAX_CHARS characters are kept. A malloc'd string (NULL when out of
 * memory); *cut tells whether characters were dropped.
 */
char *xlsx_cell_text(const char *s, bool *cut);

#endif
