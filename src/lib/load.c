/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load.c - reading indicator files into a dataset, or series by series (see
 * include/indicators/load.h): the CSV reader (csvread.c: file, encodings,
 * libcsv, limits, two threads for large inputs) or the workbook reader
 * (workbook/: .xlsx and .xls, told by the first bytes) hands rows to rows.c,
 * which finds the header and the shape, converts every row into
 * observations and hands complete series to a sink (ind_load_each) or keeps
 * them (ind_load_file). A streamed file that turns out not to be grouped is
 * read again here, as a whole.
 */
#include "indicators/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "rows.h"
#include "workbook/wb.h"

/* One load: the conversion and where its results go. */
typedef struct loading {
    ld_rows rows;
    int begun; /* rows initialised (by a first start) */
    const char *name;
    const ind_load_options *opt;
    const ind_series_sink *sink; /* NULL: keep the dataset */
    ld_mode mode;
    int can_restart;
    ind_load_info *info;
    ind_error *err;
} loading;

/* The encoding and delimiter are known: (re)start the conversion. */
static ind_status on_start(void *ctx, const csvr_info *ci)
{
    loading *L = ctx;
    if (L->begun) {
        /* read again (in another encoding, or a workbook's sheet with its merged
           ranges known): start over, and the series handed over are void */
        ld_rows_release(&L->rows);
        L->begun = 0;
        if (L->sink && L->mode != LD_HOLD && L->sink->restart) {
            ind_status st = L->sink->restart(L->sink->ctx, L->err);
            if (st != IND_OK)
                return st;
        }
    }
    char note[sizeof L->info->stream_note]; /* why an earlier reading stopped */
    memcpy(note, L->info->stream_note, sizeof note);
    memset(L->info, 0, sizeof *L->info);
    memcpy(L->info->stream_note, note, sizeof note);
    snprintf(L->info->encoding, sizeof L->info->encoding, "%s", ci->encoding);
    L->info->delimiter = ci->delimiter;
    if (ci->sheet)
        snprintf(L->info->sheet, sizeof L->info->sheet, "%s", ci->sheet);
    L->begun = 1;
    ind_status st = ld_rows_init(&L->rows, L->name, L->opt, L->info, L->err);
    ld_rows_stream(&L->rows, L->sink, L->mode, L->can_restart);
    return st;
}

static ind_status on_row(void *ctx, csvr_row *row)
{
    loading *L = ctx;
    return ld_rows_add(&L->rows, row->text, row->f, row->n, row->line);
}

/* Reads src (a path in name, a stream or a buffer): a text with opt, a workbook with wo. */
typedef ind_status (*read_fn)(const void *src, size_t len, const char *name,
                              const wb_options *wo, const csvr_options *opt,
                              const csvr_sink *sink, ind_error *err);

static ind_status read_file(const void *src, size_t len, const char *name,
                            const wb_options *wo, const csvr_options *opt,
                            const csvr_sink *sink, ind_error *err)
{
    (void)src;
    (void)len;
    if (ind_is_workbook(name))
        return wb_read_file(name, wo, sink, err);
    return csvr_read_file(name, opt, sink, err);
}

/* Standard input: a workbook when its first bytes say so (wb_read_stream), else text. */
static ind_status read_stream(const void *src, size_t len, const char *name,
                              const wb_options *wo, const csvr_options *opt,
                              const csvr_sink *sink, ind_error *err)
{
    (void)len;
    FILE *fp = (FILE *)src;
    unsigned char head[8];
    size_t n = fread(head, 1, sizeof head, fp);
    if (wb_sniff(head, n) != WB_NONE)
        return wb_read_stream(fp, head, n, name, wo, sink, err);
    if (n && fseek(fp, 0, SEEK_SET) == 0) /* a file: read it from its start, and again if need be */
        return csvr_read_stream(fp, name, opt, sink, err);
    return csvr_read_stream_head(fp, head, n, name, opt, sink, err);
}

static ind_status read_buffer(const void *src, size_t len, const char *name,
                              const wb_options *wo, const csvr_options *opt,
                              const csvr_sink *sink, ind_error *err)
{
    if (wb_sniff(src, len) != WB_NONE)
        return wb_read_buffer(src, len, name, wo, sink, err);
    return csvr_read_buffer(src, len, name, opt, sink, err);
}

/*
 * Reads src into sink (or into *out when sink is NULL). A streamed source
 * that turns out not to be grouped is read again from its start, holding
 * every series, after sink->restart.
 */
static ind_status load(read_fn read, const void *src, size_t len, const char *name,
                       const ind_load_options *opt, const ind_series_sink *sink,
                       ind_dataset **out, ind_load_info *info, ind_error *err)
{
    ind_load_options defaults;
    ind_load_info scratch;
    ind_error scratch_err;
    if (!opt) {
        ind_load_options_init(&defaults);
        opt = &defaults;
    }
    if (out)
        *out = NULL;
    loading L;
    memset(&L, 0, sizeof L);
    L.name = name;
    L.opt = opt;
    L.sink = sink;
    L.mode = !sink ? LD_HOLD : opt->sorted ? LD_SORTED : LD_STREAM;
    L.can_restart = read != read_stream && sink && sink->restart;
    L.info = info ? info : &scratch;
    L.err = err ? err : &scratch_err;
    memset(L.info, 0, sizeof *L.info);
    csvr_options ro = {opt->encoding, opt->delimiter, true};
    csvr_sink rows = {on_start, on_row, &L};
    /* a series sink that cannot restart gets a workbook's rows once (held if need be) */
    wb_options wo = {opt->sheet, sink && !sink->restart, 0};
    ind_status status = read(src, len, name, &wo, &ro, &rows, L.err);
    if (status != IND_OK && L.begun && L.rows.regroup) {
        ld_rows_release(&L.rows); /* not grouped: start over, holding every series */
        L.begun = 0;
        L.mode = LD_HOLD;
        status = sink->restart(sink->ctx, L.err);
        if (status == IND_OK)
            status = read(src, len, name, &wo, &ro, &rows, L.err);
    }
    if (status == IND_OK)
        status = ld_rows_finish(&L.rows);
    if (status == IND_OK && out)
        *out = ld_rows_take(&L.rows);
    if (L.begun)
        ld_rows_release(&L.rows);
    return status;
}

/* ------------------------------------------------------------- interface */

void ind_load_options_init(ind_load_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

ind_status ind_load_file(const char *path, const ind_load_options *opt, ind_dataset **out,
                         ind_load_info *info, ind_error *err)
{
    return load(read_file, NULL, 0, path, opt, NULL, out, info, err);
}

ind_status ind_load_stream(FILE *fp, const char *name, const ind_load_options *opt,
                           ind_dataset **out, ind_load_info *info, ind_error *err)
{
    return load(read_stream, fp, 0, name ? name : "<stream>", opt, NULL, out, info, err);
}

ind_status ind_load_buffer(const char *data, size_t len, const char *name,
                           const ind_load_options *opt, ind_dataset **out, ind_load_info *info,
                           ind_error *err)
{
    return load(read_buffer, data, len, name ? name : "<buffer>", opt, NULL, out, info, err);
}

ind_status ind_load_each(const char *path, const ind_load_options *opt,
                         const ind_series_sink *sink, ind_load_info *info, ind_error *err)
{
    return load(read_file, NULL, 0, path, opt, sink, NULL, info, err);
}

ind_status ind_load_each_stream(FILE *fp, const char *name, const ind_load_options *opt,
                                const ind_series_sink *sink, ind_load_info *info, ind_error *err)
{
    return load(read_stream, fp, 0, name ? name : "<stream>", opt, sink, NULL, info, err);
}

ind_status ind_load_each_buffer(const char *data, size_t len, const char *name,
                                const ind_load_options *opt, const ind_series_sink *sink,
                                ind_load_info *info, ind_error *err)
{
    return load(read_buffer, data, len, name ? name : "<buffer>", opt, sink, NULL, info, err);
}
