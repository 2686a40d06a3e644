/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * part.c - the parts of a workbook's zip container, inflated by libzip in
 * pieces and parsed by expat as they come (see wb.h). Everything a hostile
 * file could use to make the reader run out of memory or time is checked
 * here, once: the sizes a part declares and the bytes it really inflates to,
 * the compression ratio, encrypted entries, and DOCTYPE declarations (the
 * way to external entities and entity expansion).
 */
#include "wb.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ENTRIES_MAX 10000 /* parts in one workbook */
#define CHUNK (256 * 1024)

/* ------------------------------------------------------------ container */

static ind_status zip_failed(const char *path, zip_error_t *ze, ind_error *err)
{
    ind_status st = ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                                  "not a readable .xlsx workbook (zip: %s)",
                                  zip_error_strerror(ze));
    zip_error_fini(ze);
    return st;
}

/* Refuses encrypted entries and more entries than a workbook has. */
static ind_status check_entries(wb_zip *Z, ind_error *err)
{
    zip_int64_t n = zip_get_num_entries(Z->z, 0);
    if (n < 0 || n > ENTRIES_MAX)
        return ind_error_set(err, IND_E_FORMAT, Z->path, 0, 0,
                             "not a workbook: the zip holds %lld entries (at most %d)",
                             (long long)n, ENTRIES_MAX);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(Z->z, (zip_uint64_t)i, 0, &st) == 0 &&
            (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            return ind_error_set(err, IND_E_FORMAT, Z->path, 0, 0,
                                 "the workbook is encrypted (%s): save it without a password",
                                 st.name ? st.name : "an entry");
    }
    return IND_OK;
}

static ind_status open_source(wb_zip *Z, zip_source_t *src, ind_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    Z->z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!Z->z) {
        zip_source_free(src);
        return zip_failed(Z->path, &ze, err);
    }
    zip_error_fini(&ze);
    ind_status st = check_entries(Z, err);
    if (st != IND_OK)
        wbz_close(Z);
    return st;
}

ind_status wbz_open_file(wb_zip *Z, const char *path, ind_error *err)
{
    memset(Z, 0, sizeof *Z);
    Z->path = path;
    Z->fp = fopen(path, "rb");
    struct stat sb;
    if (!Z->fp)
        return ind_error_set(err, IND_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    if (fstat(fileno(Z->fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        wbz_close(Z);
        return ind_error_set(err, IND_E_IO, path, 0, 0, "not a regular file");
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_filep_create(Z->fp, 0, -1, &ze);
    if (!src) {
        wbz_close(Z);
        return zip_failed(path, &ze, err);
    }
    zip_error_fini(&ze);
    Z->fp = NULL; /* the source owns and closes it now */
    return open_source(Z, src, err);
}

ind_status wbz_open_buffer(wb_zip *Z, const void *data, size_t len, const char *name,
                           ind_error *err)
{
    memset(Z, 0, sizeof *Z);
    Z->path = name;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src)
        return zip_failed(name, &ze, err);
    zip_error_fini(&ze);
    return open_source(Z, src, err);
}

void wbz_close(wb_zip *Z)
{
    if (Z->z)
        zip_discard(Z->z);
    if (Z->fp)
        fclose(Z->fp);
    Z->z = NULL;
    Z->fp = NULL;
}

bool wbz_has(wb_zip *Z, const char *part)
{
    return zip_name_locate(Z->z, part, 0) >= 0;
}

/* ----------------------------------------------------------------- parts */

static ind_status part_error(wb_part *P, ind_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static ind_status part_error(wb_part *P, ind_error *err, const char *fmt, ...)
{
    char where[IND_ERROR_PATH_MAX];
    snprintf(where, sizeof where, "%s:%s", P->Z->path, P->name);
    va_list ap;
    va_start(ap, fmt);
    ind_status st = ind_error_vset(err, IND_E_FORMAT, where, 0, 0, fmt, ap);
    va_end(ap);
    return st;
}

ind_status wbz_part_open(wb_zip *Z, const char *name, uint64_t limit, wb_part *P,
                         ind_error *err)
{
    memset(P, 0, sizeof *P);
    P->Z = Z;
    P->name = name;
    P->limit = limit;
    zip_int64_t i = zip_name_locate(Z->z, name, 0);
    zip_stat_t st;
    if (i < 0 || zip_stat_index(Z->z, (zip_uint64_t)i, 0, &st) != 0)
        return part_error(P, err, "the workbook has no such part");
    P->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : limit;
    P->compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (P->declared > limit)
        return part_error(P, err,
                          "declares %llu bytes uncompressed, more than the %llu MiB allowed "
                          "(a zip bomb?)",
                          (unsigned long long)P->declared, (unsigned long long)(limit >> 20));
    P->zf = zip_fopen_index(Z->z, (zip_uint64_t)i, 0);
    if (!P->zf)
        return part_error(P, err, "cannot be read (zip: %s)", zip_strerror(Z->z));
    return IND_OK;
}

long wbz_part_read(wb_part *P, void *buf, size_t cap, ind_error *err)
{
    zip_int64_t got = zip_fread(P->zf, buf, cap);
    if (got < 0) {
        part_error(P, err, "is damaged (zip: %s)", zip_file_strerror(P->zf));
        return -1;
    }
    P->done += (uint64_t)got;
    if (P->done > P->declared) {
        part_error(P, err, "inflates past the %llu bytes it declares (a zip bomb?)",
                   (unsigned long long)P->declared);
        return -1;
    }
    if (P->done > WB_RATIO_FREE && P->done / WB_RATIO_MAX > P->compressed) {
        part_error(P, err,
                   "inflates more than %d times its compressed size of %llu bytes (a zip bomb?)",
                   WB_RATIO_MAX, (unsigned long long)P->compressed);
        return -1;
    }
    return (long)got;
}

void wbz_part_close(wb_part *P)
{
    if (P->zf)
        zip_fclose(P->zf);
    P->zf = NULL;
}

/* ------------------------------------------------------------------- XML */

const char *wbx_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(wbx_local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

void wbx_fail(wb_xml *X, ind_status code, const char *fmt, ...)
{
    if (X->status == IND_OK) {
        char where[IND_ERROR_PATH_MAX];
        snprintf(where, sizeof where, "%s:%s", X->path, X->part ? X->part : "");
        va_list ap;
        va_start(ap, fmt);
        X->status = ind_error_vset(X->err, code, where, (long)XML_GetCurrentLineNumber(X->p),
                                   (long)XML_GetCurrentColumnNumber(X->p) + 1, fmt, ap);
        va_end(ap);
    }
    XML_StopParser(X->p, XML_FALSE);
}

void wbx_done(wb_xml *X)
{
    X->done = true;
    XML_StopParser(X->p, XML_FALSE);
}

/* A DOCTYPE is where entities are declared: no workbook part has one. */
static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                   const XML_Char *pubid, int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    wb_xml *X = ud;
    wbx_fail(X, IND_E_FORMAT, "XML with a DOCTYPE is refused (entities are never expanded)");
}

static void XMLCALL refuse_entity(void *ud, const XML_Char *name, int is_parameter_entity,
                                  const XML_Char *value, int value_length, const XML_Char *base,
                                  const XML_Char *sysid, const XML_Char *pubid,
                                  const XML_Char *notation)
{
    (void)name, (void)is_parameter_entity, (void)value, (void)value_length, (void)base;
    (void)sysid, (void)pubid, (void)notation;
    wb_xml *X = ud;
    wbx_fail(X, IND_E_FORMAT, "XML entity declarations are refused");
}

ind_status wbx_init(wb_xml *X, const char *path, ind_error *err)
{
    memset(X, 0, sizeof *X);
    X->path = path;
    X->err = err;
    X->p = XML_ParserCreate(NULL);
    if (!X->p)
        return ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    /* The user data must begin with the wb_xml (handlers cast it back). */
    XML_SetUserData(X->p, X);
    XML_SetStartDoctypeDeclHandler(X->p, refuse_doctype);
    XML_SetEntityDeclHandler(X->p, refuse_entity);
    XML_SetParamEntityParsing(X->p, XML_PARAM_ENTITY_PARSING_NEVER);
    return IND_OK;
}

void wbx_release(wb_xml *X)
{
    if (X->p)
        XML_ParserFree(X->p);
    X->p = NULL;
}

/* The parser stopped with an error: ours (status set), or expat's. */
static ind_status xml_error(wb_xml *X)
{
    if (X->status != IND_OK || X->done)
        return X->status;
    if (X->lenient) {
        X->done = true;
        return IND_OK;
    }
    enum XML_Error code = XML_GetErrorCode(X->p);
    if (code == XML_ERROR_NO_MEMORY)
        return X->status = ind_error_set(X->err, IND_E_NOMEM, X->path, 0, 0, "out of memory");
    wbx_fail(X, IND_E_FORMAT, "malformed XML: %s", XML_ErrorString(code));
    return X->status;
}

ind_status wbx_parse(wb_xml *X, wb_zip *Z, const char *part, uint64_t limit)
{
    wb_part P;
    X->part = part;
    X->status = IND_OK;
    X->done = false;
    X->lenient = false;
    ind_status st = wbz_part_open(Z, part, limit, &P, X->err);
    for (int last = 0; st == IND_OK && !last;) {
        void *buf = XML_GetBuffer(X->p, CHUNK);
        if (!buf) {
            st = ind_error_set(X->err, IND_E_NOMEM, X->path, 0, 0, "out of memory");
            break;
        }
        long got = wbz_part_read(&P, buf, CHUNK, X->err);
        if (got < 0) {
            st = IND_E_FORMAT;
            break;
        }
        last = got == 0;
        if (XML_ParseBuffer(X->p, (int)got, last) != XML_STATUS_OK)
            st = xml_error(X);
        else
            st = X->status;
        if (X->done)
            break;
    }
    wbz_part_close(&P);
    return st;
}
