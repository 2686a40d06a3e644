/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wb.h - private: spreadsheet workbooks (.xlsx, and legacy .xls) as a
 * second row source beside csvread.c. A sheet's rows go to the same
 * csvr_sink as a CSV file's, one csvr_row per spreadsheet row with one field
 * per column from A (empty cells are empty fields), so rows.c detects the
 * shape, header, notes rows and numbers of both alike.
 *
 * The row's line is the sheet row number and a field's index is its column
 * number, so rows.c's "line L, column C" is cell (C, L); when a sink callback
 * fails, the reader rewrites err's place into the cell form
 * "FILE:SHEET!C7" (path "FILE:SHEET!C7", line and column 0), or
 * "FILE:SHEET!7:7" for a whole row.
 *
 * Cells become text as a CSV export would hold them:
 *   - shared and inline strings as they are (rich-text runs joined);
 *   - numbers (also formulas' cached values) as stored, which read back to
 *     the same double; with a percent format, 100 times the value and "%";
 *     with a date format, the date as a period: "2024" (a year-only format),
 *     "2024-01" (year and month), else "2024-01-31" (Excel serials of the
 *     1900 or 1904 system, or ISO dates of t="d" cells);
 *   - booleans TRUE/FALSE, error cells as their text (#N/A, #DIV/0! ...,
 *     which the loader counts as missing);
 *   - a merged range: the value of its top-left cell in every cell.
 *
 * Reading is streamed: the zip container by libzip, each XML part by expat
 * fed in 256 KiB pieces (no DOM), once; only the shared strings, the styles,
 * the merged ranges and up to 8 MiB of a sheet's rows (until its merged
 * ranges, listed after them, are known: see sheet.c) are kept. Refused, with a message: a file that is not a zip
 * or is damaged, encrypted parts or an encrypted (CFB/OLE) workbook, a part
 * that inflates past its declared size, past 4 GiB or more than 250 times
 * its compressed size beyond 16 MiB (a zip bomb), XML with a DOCTYPE (no
 * entities, so no XXE or billion laughs), a cell outside XFD1048576.
 */
#ifndef INDICATORS_WB_H
#define INDICATORS_WB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <expat.h>
#include <stdio.h>
#include <zip.h>

#include "indicators/error.h"
#include "indicators/workbook.h"

#include "../csvread.h"

/* What a file's first bytes say it is. */
typedef enum wb_kind {
    WB_NONE = 0, /* not a workbook: text for csvread.c */
    WB_XLSX,     /* a zip (Office Open XML) */
    WB_CFB,      /* an OLE compound file: legacy .xls, or an encrypted .xlsx */
} wb_kind;

wb_kind wb_sniff(const void *head, size_t n);

/* The sheet's name and the first sheet holding data: see ind_load_options.sheet. */
typedef struct wb_options {
    const char *sheet; /* NULL: the first visible sheet holding data */
    /* The sink cannot be started again once rows went to it (a series sink without
       restart): a sheet's rows are then held to its end however big (see sheet.c). */
    bool start_once;
    size_t hold_max; /* tests: the rows' bytes held before they go unmerged (0: 32 MiB) */
} wb_options;

/*
 * Reads one sheet of the workbook at path (or data[0..len)) into sink: start
 * is called before the first row with info->sheet set to the sheet's name
 * (valid until the call returns). Returns IND_OK, a sink callback's status
 * (err's place rewritten to the cell, see above), or the reader's own error
 * (IND_E_IO, IND_E_FORMAT, IND_E_NOTFOUND for a --sheet not in the book,
 * IND_E_NOMEM) with err naming the file, part or cell.
 */
ind_status wb_read_file(const char *path, const wb_options *opt, const csvr_sink *sink,
                        ind_error *err);
ind_status wb_read_buffer(const void *data, size_t len, const char *name, const wb_options *opt,
                          const csvr_sink *sink, ind_error *err);

/*
 * A workbook on a stream (standard input) whose first bytes head[0..nhead)
 * were read already and are a workbook's signature: the whole stream is
 * copied to a temporary file (removed at once; a zip is read from its end),
 * at most WB_STREAM_MAX bytes, and read as wb_read_buffer reads memory, name
 * standing for it in messages. A legacy .xls is refused: freexl reads files
 * by name.
 */
#define WB_STREAM_MAX ((uint64_t)2 << 30)
ind_status wb_read_stream(FILE *fp, const void *head, size_t nhead, const char *name,
                          const wb_options *opt, const csvr_sink *sink, ind_error *err);

/* The sheets of the workbook at path (see ind_workbook_sheets). */
ind_status wb_list_file(const char *path, ind_sheet_info **out, size_t *n, ind_error *err);

/* The formats behind wb_read_*: sheet.c (.xlsx, path or data) and xls.c (.xls, path). */
ind_status wb_read_xlsx(const char *path, const void *data, size_t len, const wb_options *opt,
                        const csvr_sink *sink, ind_error *err);
ind_status wb_list_xlsx(const char *path, ind_sheet_info **out, size_t *n, ind_error *err);
ind_status wb_read_xls(const char *path, const wb_options *opt, const csvr_sink *sink,
                       ind_error *err);
ind_status wb_list_xls(const char *path, ind_sheet_info **out, size_t *n, ind_error *err);

/* ------------------------------------------------- the container (part.c) */

/* Limits on the bytes a part may inflate to. */
#define WB_PART_MAX ((uint64_t)4 << 30)     /* a sheet */
#define WB_STRINGS_MAX ((uint64_t)1 << 30)  /* the shared strings (kept in memory) */
#define WB_SMALL_MAX ((uint64_t)64 << 20)   /* workbook, relationships, styles */
#define WB_RATIO_FREE ((uint64_t)16 << 20)  /* below this, any compression ratio */
#define WB_RATIO_MAX 250                    /* inflated / compressed beyond it */

typedef struct wb_zip {
    zip_t *z;
    FILE *fp;         /* the file, when opened from a path */
    const char *path; /* for messages */
} wb_zip;

/* Opens the zip container; refuses a damaged one, or one with encrypted or
   too many entries. */
ind_status wbz_open_file(wb_zip *Z, const char *path, ind_error *err);
ind_status wbz_open_buffer(wb_zip *Z, const void *data, size_t len, const char *name,
                           ind_error *err);
void wbz_close(wb_zip *Z);
/* Whether the part exists. */
bool wbz_has(wb_zip *Z, const char *part);

/* One part being inflated, with the checks against zip bombs. */
typedef struct wb_part {
    wb_zip *Z;
    zip_file_t *zf;
    const char *name;
    uint64_t declared, compressed, done, limit;
} wb_part;

ind_status wbz_part_open(wb_zip *Z, const char *name, uint64_t limit, wb_part *P,
                         ind_error *err);
/* Up to cap bytes into buf: the count, 0 at the end, -1 with err filled. */
long wbz_part_read(wb_part *P, void *buf, size_t cap, ind_error *err);
void wbz_part_close(wb_part *P);

/*
 * An expat parser for one part: DOCTYPE refused (no entity is ever
 * declared or expanded), element names with their namespace prefix cut
 * ("x:row" is "row"). Handlers record a failure with wbx_fail or end the
 * reading early with wbx_done; both stop the parser.
 */
typedef struct wb_xml {
    XML_Parser p;
    const char *path, *part;
    ind_error *err;
    ind_status status; /* a handler's failure, err filled */
    bool done;         /* a handler has what it wanted */
    bool lenient;      /* what is left is not needed whole: malformed XML ends it quietly */
} wb_xml;

ind_status wbx_init(wb_xml *X, const char *path, ind_error *err);
void wbx_release(wb_xml *X);
/* Streams part through X's parser (handlers and user data set by the caller). */
ind_status wbx_parse(wb_xml *X, wb_zip *Z, const char *part, uint64_t limit);
/* Records an error at the parser's place in the part (first one wins). */
void wbx_fail(wb_xml *X, ind_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void wbx_done(wb_xml *X);
/* A name without its namespace prefix (inline: a sheet has millions of elements). */
static inline const char *wbx_local(const char *name)
{
    const char *local = name;
    for (const char *p = name; *p; p++)
        if (*p == ':')
            local = p + 1;
    return local;
}
/* The value of attribute local name in atts, or NULL. */
const char *wbx_attr(const char **atts, const char *name);

/* ------------------------------------------- the workbook parts (book.c) */

/* Number formats: how a cell with that format is shown as text. */
typedef enum wb_numfmt {
    WB_FMT_GENERAL = 0,
    WB_FMT_PERCENT,
    WB_FMT_YEAR,  /* a date shown as its year only */
    WB_FMT_MONTH, /* year and month */
    WB_FMT_DATE,  /* a full date (with or without a time) */
} wb_numfmt;

typedef struct wb_sheet {
    char *name;
    char *part; /* "xl/worksheets/sheet1.xml"; NULL when its relationship is missing */
    bool hidden, chart;
} wb_sheet;

/* An open workbook: its sheets, date system, cell formats and shared strings. */
typedef struct wb_book {
    wb_zip Z;
    const char *path;
    bool date1904;
    wb_sheet *sheets;
    size_t nsheets;
    unsigned char *xf; /* wb_numfmt of each cell format (cellXfs), by index */
    size_t nxf;
    char *sst;         /* the shared strings, each NUL-terminated */
    size_t *sst_off;   /* string i at sst + sst_off[i] */
    size_t nsst;
    char *strings_part, *styles_part;
} wb_book;

/* Opens the container and reads the workbook part and its relationships. */
ind_status wb_book_open(wb_book *B, const char *path, const void *data, size_t len,
                        ind_error *err);
/* Reads the styles and shared strings (needed for cells, not for listing). */
ind_status wb_book_load_cells(wb_book *B, ind_error *err);
void wb_book_close(wb_book *B);

/* ------------------------------------------------------ shared helpers */

/* A growing text buffer; s is NUL-terminated once anything was added. */
typedef struct wb_buf {
    char *s;
    size_t len, cap;
} wb_buf;

/* Appends s[0..n); -1 when out of memory or past max bytes. */
int wb_buf_add(wb_buf *b, const char *s, size_t n, size_t max);

/*
 * Writes the place of a cell, "FILE:SHEET!C7" (the sheet name quoted as Excel
 * does when it holds spaces or punctuation), into buf: col 0 gives the row
 * "7:7", row 0 only "FILE:SHEET".
 */
void wb_cell_place(const char *path, const char *sheet, size_t row, size_t col, char *buf,
                   size_t n);

/* Moves a sink error's "path:line:col" to the cell form (see above). */
void wb_locate_error(ind_error *err, const char *path, const char *sheet);

/* Column letters of col (1-based) into buf (at least 4 bytes). */
void wb_col_name(size_t col, char *buf);

/* Parses "C7" (or "C" when row_opt): returns 0 and the 1-based column and row. */
int wb_parse_ref(const char *s, size_t *col, size_t *row);

/* The kind of a built-in format id (0..163). */
wb_numfmt wb_builtin_format(unsigned id);
/* The kind of a custom format code ("yyyy\"年\"m\"月\"", "0.0%", "#,##0" ...). */
wb_numfmt wb_format_code(const char *code);

/*
 * A number stored in a cell as text for the loader: s (the stored number
 * text) shown with the format kind, date1904 for the workbook's date system.
 * Writes into buf (at least 32 bytes); returns 0, or -1 when s is not a
 * number (the caller then passes it on as it is, for the loader to report).
 */
int wb_number_text(const char *s, wb_numfmt fmt, bool date1904, char *buf, size_t n);

/* An ISO date-time of a t="d" cell ("2024-01-31T00:00:00") shown with fmt. */
int wb_iso_date_text(const char *s, wb_numfmt fmt, char *buf, size_t n);

#endif
