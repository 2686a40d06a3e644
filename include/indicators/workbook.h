/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * workbook.h - the sheets of a spreadsheet workbook (.xlsx, legacy .xls).
 *
 * Every loading call (load.h) reads a workbook like a CSV file: the file's
 * first bytes say what it is, and ind_load_options.sheet names the sheet
 * (default: the first visible sheet holding data). This header only lists a
 * workbook's sheets, for `inspect` and for messages naming the choices.
 */
#ifndef INDICATORS_WORKBOOK_H_PUBLIC
#define INDICATORS_WORKBOOK_H_PUBLIC

#include <stdbool.h>
#include <stddef.h>

#include "indicators/error.h"
#include "indicators/export.h"

IND_BEGIN_DECLS

typedef struct ind_sheet_info {
    char name[128];  /* as in the workbook (at most 31 characters) */
    char range[40];  /* the used range, "A1:F20"; "" when the sheet holds no cell */
    bool hidden;     /* hidden or very hidden */
    bool chart;      /* a chart sheet (no cells) */
} ind_sheet_info;

/*
 * Whether the file at path is a workbook (.xlsx or .xls, told by its first
 * bytes, not its name): 1 yes, 0 no (or unreadable: loading it reports why).
 */
int ind_is_workbook(const char *path);

/*
 * The sheets of the workbook at path, in workbook order: on success *out
 * (free it with free()) holds *n entries. The used range is the one the
 * sheet declares (its <dimension>), else found by reading its cells. Errors
 * as for loading (IND_E_IO, IND_E_FORMAT, IND_E_NOMEM) with err filled.
 */
ind_status ind_workbook_sheets(const char *path, ind_sheet_info **out, size_t *n, ind_error *err);

IND_END_DECLS

#endif
