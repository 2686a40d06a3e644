/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.c - filling and formatting ind_error (see include/indicators/error.h).
 */
#include "indicators/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ind_error_clear(ind_error *err)
{
    if (!err)
        return;
    err->code = IND_OK;
    err->path[0] = '\0';
    err->line = 0;
    err->col = 0;
    err->message[0] = '\0';
}

ind_status ind_error_vset(ind_error *err, ind_status code, const char *path, long line, long col,
                          const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->line = line;
    err->col = col;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

ind_status ind_error_set(ind_error *err, ind_status code, const char *path, long line, long col,
                         const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ind_error_vset(err, code, path, line, col, fmt, ap);
    va_end(ap);
    return code;
}

size_t ind_error_format(const ind_error *err, char *buf, size_t n)
{
    char where[IND_ERROR_PATH_MAX + 48] = "";
    if (err->path[0] && err->line > 0 && err->col > 0)
        snprintf(where, sizeof where, "%s:%ld:%ld: ", err->path, err->line, err->col);
    else if (err->path[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%ld: ", err->path, err->line);
    else if (err->path[0])
        snprintf(where, sizeof where, "%s: ", err->path);
    int len = snprintf(buf, n, "%serror: %s", where, err->message);
    return len < 0 ? 0 : (size_t)len;
}

const char *ind_status_name(ind_status code)
{
    static const char *const names[] = {
        [IND_OK] = "ok",
        [IND_E_IO] = "io",
        [IND_E_FORMAT] = "format",
        [IND_E_VALUE] = "value",
        [IND_E_PERIOD] = "period",
        [IND_E_DUPLICATE] = "duplicate",
        [IND_E_FREQUENCY] = "frequency",
        [IND_E_ENCODING] = "encoding",
        [IND_E_NOMEM] = "nomem",
        [IND_E_ARG] = "arg",
        [IND_E_NUMERIC] = "numeric",
        [IND_E_UNDEFINED] = "undefined",
        [IND_E_NOTFOUND] = "notfound",
    };
    if ((unsigned)code < sizeof names / sizeof names[0] && names[code])
        return names[code];
    return "unknown";
}
