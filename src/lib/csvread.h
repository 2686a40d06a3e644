/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csvread.h - private: the one CSV reader of the library. Every tabular
 * input (indicator data in load.c, targets files in target_parse.c, and the
 * readers to come) goes through it, so all accept the same encodings, have
 * the same limits and report bad bytes the same way, as FILE:LINE:COL.
 *
 * Bytes (a regular file, or memory) are decoded to UTF-8, split into lines
 * and parsed by libcsv (strict quoting) one 1 MiB chunk at a time; rows of
 * fields, each field with the line where it starts, go to a callback in file
 * order. The reader handles:
 *   - encodings: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (a
 *     superset of GBK); or one named (any iconv name). A detected UTF-8 file
 *     with a few invalid sequences is an error at the first one, not re-read
 *     as GB18030 (which would garble every name);
 *   - the delimiter: ',' ';' or tab, counted outside quotes on the first line
 *     that has any (comma wins ties), or one named;
 *   - LF, CRLF and CR line ends; quoted fields may span lines;
 *   - limits: a NUL byte (a binary file), a field over 1 MiB (a quote never
 *     closed), a row over 16 MiB or 100,000 fields are errors;
 *   - files must be regular files: a FIFO, device or directory is refused up
 *     front (reading one would block, never end, or fail late).
 * The column of an error is the 1-based field index in its row.
 *
 * Inputs of 8 MiB and more may have their rows handed to the callback on a
 * second thread (csvr_options.threads) while the calling thread parses: the
 * callback sees the same rows in the same order, and the error reported is
 * the same as on one thread (the first bad row wins over a later parser
 * error).
 */
#ifndef INDICATORS_CSVREAD_H
#define INDICATORS_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "indicators/error.h"

/* A field of a row: its text at row->text + off (NUL-terminated, len bytes). */
typedef struct csvr_field {
    size_t off, len;
    size_t line; /* line where the field starts */
} csvr_field;

/* A row: fields f[0..n) (n is 0 for an empty line), ending on line. */
typedef struct csvr_row {
    char *text; /* the fields' text; the callback may modify it (not beyond a field) */
    const csvr_field *f;
    size_t n;
    size_t line;
} csvr_row;

/* What was detected, known before the first row. */
typedef struct csvr_info {
    char encoding[32]; /* "UTF-8", "UTF-8 (BOM)", "UTF-16", "GB18030" or the name given, upper case */
    char delimiter;
    const char *sheet; /* a workbook's rows (workbook/wb.h): the sheet's name; else NULL */
} csvr_info;

typedef struct csvr_options {
    const char *encoding; /* NULL to detect */
    char delimiter;       /* 0 to detect */
    bool threads;         /* large inputs: call `row` on a second thread */
} csvr_options;

/*
 * Where the rows go. Each callback returns IND_OK to go on, or a status
 * (after filling its own error record) to stop the reading.
 */
typedef struct csvr_sink {
    /* Called once the encoding and delimiter are known, before the first row
       (for an empty input: at its end). Called again when the input is read a
       second time from its start in another encoding (a file that turned out
       not to be UTF-8): drop everything the earlier rows built. May be NULL. */
    ind_status (*start)(void *ctx, const csvr_info *info);
    /* Called for every row in file order, blank lines included. */
    ind_status (*row)(void *ctx, csvr_row *row);
    void *ctx;
} csvr_sink;

/*
 * Reads path (a regular file) into sink. Returns IND_OK after the last row;
 * the status of a callback that stopped the reading (err untouched); or the
 * reader's own error - IND_E_IO (cannot open or read, not a regular file),
 * IND_E_FORMAT (CSV syntax, NUL byte, limits), IND_E_ENCODING, IND_E_ARG
 * (unknown encoding, bad delimiter), IND_E_NOMEM - with err naming path,
 * line and column. A reader error is reported only when no row before it
 * failed. opt may be NULL (detect everything, one thread).
 */
ind_status csvr_read_file(const char *path, const csvr_options *opt, const csvr_sink *sink,
                          ind_error *err);

/*
 * Same on an open stream (standard input), read to its end and not closed;
 * name stands for the path in messages. A pipe is read once: a text that
 * turns out not to be UTF-8 after an ASCII start cannot be read again as
 * GB18030, and is an error asking for --encoding.
 */
ind_status csvr_read_stream(FILE *fp, const char *name, const csvr_options *opt,
                            const csvr_sink *sink, ind_error *err);

/*
 * Same on a stream whose first bytes head[0..nhead) were already read from
 * it (standard input looked at for a workbook's signature): they come first.
 */
ind_status csvr_read_stream_head(FILE *fp, const void *head, size_t nhead, const char *name,
                                 const csvr_options *opt, const csvr_sink *sink, ind_error *err);

/* Same on data[0..len) in memory; name stands for the path in messages. */
ind_status csvr_read_buffer(const char *data, size_t len, const char *name,
                            const csvr_options *opt, const csvr_sink *sink, ind_error *err);

#endif
