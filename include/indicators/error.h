/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.h - the one error type every fallible libindicators call fills in.
 *
 * The library never prints and never exits: a failing call returns a non-zero
 * ind_status and, when the caller passed an ind_error, records where the
 * problem is (path, 1-based line and column, 0 when unknown) and a message in
 * plain words. The CLI prints it as "path:line:col: error: message".
 */
#ifndef INDICATORS_ERROR_H
#define INDICATORS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "indicators/export.h"

IND_BEGIN_DECLS

typedef enum ind_status {
    IND_OK = 0,
    IND_E_IO,        /* file cannot be opened or read */
    IND_E_FORMAT,    /* malformed file: CSV syntax, ragged row, no header, no data */
    IND_E_VALUE,     /* a value that is neither a number nor a missing marker */
    IND_E_PERIOD,    /* a period that cannot be parsed */
    IND_E_DUPLICATE, /* the same (series, entity, period) twice */
    IND_E_FREQUENCY, /* one series mixing years, halves, quarters or months */
    IND_E_ENCODING,  /* bytes that are not valid in the (detected) encoding */
    IND_E_NOMEM,     /* allocation failed */
    IND_E_ARG,       /* the caller's arguments are invalid (a usage error) */
    IND_E_NUMERIC,   /* a numerical routine failed (GSL status, no convergence) */
    IND_E_UNDEFINED, /* the figure asked for is undefined; the message says why */
    IND_E_NOTFOUND,  /* a named series, entity, column or file is not there */
} ind_status;

#define IND_ERROR_PATH_MAX 512
#define IND_ERROR_MSG_MAX 512

typedef struct ind_error {
    ind_status code;
    char path[IND_ERROR_PATH_MAX]; /* "" when the error concerns no file */
    long line;                     /* 1-based; 0 when unknown */
    long col;                      /* 1-based; 0 when unknown */
    char message[IND_ERROR_MSG_MAX];
} ind_error;

/* Resets err to IND_OK with empty path and message. err may be NULL. */
void ind_error_clear(ind_error *err);

/*
 * Records an error and returns code, so that callers can write
 * `return ind_error_set(err, IND_E_VALUE, path, line, col, "...", ...);`.
 * err may be NULL (the status is still returned); path may be NULL.
 * The message is truncated to IND_ERROR_MSG_MAX - 1 bytes.
 */
ind_status ind_error_set(ind_error *err, ind_status code, const char *path, long line, long col,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* ind_error_set with the message's arguments as a va_list (for callers that
   record errors through their own printf-like helper). */
ind_status ind_error_vset(ind_error *err, ind_status code, const char *path, long line, long col,
                          const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

/*
 * Writes "path:line:col: error: message" (omitting the parts that are unknown)
 * into buf of size n, always NUL-terminated; returns the length it wanted.
 */
size_t ind_error_format(const ind_error *err, char *buf, size_t n);

/* A short stable name for a status: "io", "format", "value", ... */
const char *ind_status_name(ind_status code);

IND_END_DECLS

#endif
