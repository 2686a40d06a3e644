/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book.c - the parts of a workbook that describe it, not its cells: where
 * the workbook part is (_rels/.rels), its sheets and date system
 * (xl/workbook.xml), where each sheet, the styles and the shared strings are
 * (xl/_rels/workbook.xml.rels), the number format of each cell format
 * (styles.xml) and the shared strings (sharedStrings.xml), kept in one
 * block of text.
 */
#include "wb.h"

#include <stdlib.h>
#include <string.h>

#define SHEETS_MAX 4096
#define TEXT_MAX ((size_t)32767 * 4) /* a cell holds at most 32,767 characters */

static char *dup_s(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

/* --------------------------------------------------------- relationships */

typedef struct rel {
    char *id, *target, *type;
} rel;

typedef struct rels_state {
    wb_xml X; /* first: expat's user data */
    rel *r;
    size_t n, cap;
} rels_state;

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rels_state *S = ud;
    if (strcmp(wbx_local(name), "Relationship") != 0)
        return;
    const char *id = wbx_attr(atts, "Id"), *target = wbx_attr(atts, "Target");
    const char *type = wbx_attr(atts, "Type");
    if (!id || !target || !type)
        return;
    if (S->n == S->cap) {
        if (S->cap >= SHEETS_MAX * 4) {
            wbx_fail(&S->X, IND_E_FORMAT, "too many relationships");
            return;
        }
        size_t cap = S->cap ? S->cap * 2 : 16;
        rel *grown = realloc(S->r, cap * sizeof *grown);
        if (!grown) {
            wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
            return;
        }
        S->r = grown;
        S->cap = cap;
    }
    rel *r = &S->r[S->n];
    r->id = dup_s(id);
    r->target = dup_s(target);
    r->type = dup_s(type);
    S->n++;
    if (!r->id || !r->target || !r->type)
        wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
}

static void rels_free(rels_state *S)
{
    for (size_t i = 0; i < S->n; i++) {
        free(S->r[i].id);
        free(S->r[i].target);
        free(S->r[i].type);
    }
    free(S->r);
    wbx_release(&S->X);
}

/* Reads the relationships of part rels_part (absent: none). */
static ind_status read_rels(wb_book *B, const char *rels_part, rels_state *S, ind_error *err)
{
    memset(S, 0, sizeof *S);
    ind_status st = wbx_init(&S->X, B->path, err);
    if (st != IND_OK || !wbz_has(&B->Z, rels_part))
        return st;
    XML_SetUserData(S->X.p, S);
    XML_SetStartElementHandler(S->X.p, rels_start);
    return wbx_parse(&S->X, &B->Z, rels_part, WB_SMALL_MAX);
}

/* The relationship's type ends with "/kind" (the namespaces vary: strict, transitional). */
static int rel_is(const rel *r, const char *kind)
{
    size_t n = strlen(r->type), k = strlen(kind);
    return n > k && r->type[n - k - 1] == '/' && strcmp(r->type + n - k, kind) == 0;
}

/* The part a target names, relative to the folder of the part holding it (dir ends in '/'). */
static char *resolve(const char *dir, const char *target)
{
    if (target[0] == '/')
        return dup_s(target + 1);
    size_t dn = strlen(dir);
    while (strncmp(target, "../", 3) == 0) {
        target += 3;
        while (dn > 0 && dir[dn - 1] == '/')
            dn--;
        while (dn > 0 && dir[dn - 1] != '/')
            dn--;
    }
    size_t tn = strlen(target);
    char *path = malloc(dn + tn + 1);
    if (path) {
        memcpy(path, dir, dn);
        memcpy(path + dn, target, tn + 1);
    }
    return path;
}

/* ------------------------------------------------------------- workbook */

typedef struct book_state {
    wb_xml X;
    wb_book *B;
    char **ids; /* each sheet's relationship id */
} book_state;

static int truthy(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    book_state *S = ud;
    wb_book *B = S->B;
    const char *local = wbx_local(name);
    if (strcmp(local, "workbookPr") == 0) {
        B->date1904 = truthy(wbx_attr(atts, "date1904"));
        return;
    }
    if (strcmp(local, "sheet") != 0)
        return;
    const char *sheet = wbx_attr(atts, "name"), *id = wbx_attr(atts, "id");
    const char *state = wbx_attr(atts, "state");
    if (!sheet || !id)
        return;
    if (B->nsheets == SHEETS_MAX) {
        wbx_fail(&S->X, IND_E_FORMAT, "more than %d sheets", SHEETS_MAX);
        return;
    }
    wb_sheet *grown = realloc(B->sheets, (B->nsheets + 1) * sizeof *grown);
    char **ids = realloc(S->ids, (B->nsheets + 1) * sizeof *ids);
    if (grown)
        B->sheets = grown;
    if (ids)
        S->ids = ids;
    if (!grown || !ids) {
        wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
        return;
    }
    wb_sheet *sh = &B->sheets[B->nsheets];
    memset(sh, 0, sizeof *sh);
    sh->name = dup_s(sheet);
    sh->hidden = state && strcmp(state, "visible") != 0;
    S->ids[B->nsheets] = dup_s(id);
    B->nsheets++;
    if (!sh->name || !S->ids[B->nsheets - 1])
        wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
}

/* The workbook part, from the package relationships (xl/workbook.xml by default). */
static ind_status find_workbook(wb_book *B, char **part, ind_error *err)
{
    rels_state R;
    ind_status st = read_rels(B, "_rels/.rels", &R, err);
    *part = NULL;
    for (size_t i = 0; st == IND_OK && i < R.n && !*part; i++)
        if (rel_is(&R.r[i], "officeDocument"))
            *part = resolve("", R.r[i].target);
    rels_free(&R);
    if (st == IND_OK && !*part)
        *part = dup_s("xl/workbook.xml");
    if (st == IND_OK && !*part)
        st = ind_error_set(err, IND_E_NOMEM, B->path, 0, 0, "out of memory");
    if (st == IND_OK && !wbz_has(&B->Z, *part))
        st = ind_error_set(err, IND_E_FORMAT, B->path, 0, 0,
                           "a zip file but not an .xlsx workbook (no %s)", *part);
    return st;
}

/* Links each sheet to its part, and finds the styles and shared strings. */
static ind_status link_parts(wb_book *B, const char *book_part, char **ids, ind_error *err)
{
    const char *slash = strrchr(book_part, '/');
    size_t dn = slash ? (size_t)(slash - book_part) + 1 : 0;
    char dir[256], rels_part[300];
    snprintf(dir, sizeof dir, "%.*s", (int)dn, book_part);
    snprintf(rels_part, sizeof rels_part, "%s_rels/%s.rels", dir, book_part + dn);
    rels_state R;
    ind_status st = read_rels(B, rels_part, &R, err);
    for (size_t i = 0; st == IND_OK && i < R.n; i++) {
        rel *r = &R.r[i];
        if (rel_is(r, "styles") && !B->styles_part)
            B->styles_part = resolve(dir, r->target);
        else if (rel_is(r, "sharedStrings") && !B->strings_part)
            B->strings_part = resolve(dir, r->target);
        for (size_t k = 0; k < B->nsheets; k++)
            if (strcmp(ids[k], r->id) == 0 && !B->sheets[k].part) {
                B->sheets[k].chart = rel_is(r, "chartsheet");
                B->sheets[k].part = resolve(dir, r->target);
                if (!B->sheets[k].part)
                    st = ind_error_set(err, IND_E_NOMEM, B->path, 0, 0, "out of memory");
            }
    }
    rels_free(&R);
    return st;
}

ind_status wb_book_open(wb_book *B, const char *path, const void *data, size_t len,
                        ind_error *err)
{
    memset(B, 0, sizeof *B);
    B->path = path;
    ind_status st = data ? wbz_open_buffer(&B->Z, data, len, path, err)
                         : wbz_open_file(&B->Z, path, err);
    if (st != IND_OK)
        return st;
    char *part = NULL;
    book_state S;
    memset(&S, 0, sizeof S);
    S.B = B;
    st = find_workbook(B, &part, err);
    if (st == IND_OK)
        st = wbx_init(&S.X, path, err);
    if (st == IND_OK) {
        XML_SetUserData(S.X.p, &S);
        XML_SetStartElementHandler(S.X.p, book_start);
        st = wbx_parse(&S.X, &B->Z, part, WB_SMALL_MAX);
    }
    if (st == IND_OK)
        st = link_parts(B, part, S.ids, err);
    if (st == IND_OK && B->nsheets == 0)
        st = ind_error_set(err, IND_E_FORMAT, path, 0, 0, "the workbook has no sheets");
    for (size_t i = 0; i < B->nsheets; i++)
        free(S.ids ? S.ids[i] : NULL);
    free(S.ids);
    wbx_release(&S.X);
    free(part);
    if (st != IND_OK)
        wb_book_close(B);
    return st;
}

/* ---------------------------------------------------------------- styles */

typedef struct fmt_code {
    unsigned id;
    wb_numfmt kind;
} fmt_code;

typedef struct styles_state {
    wb_xml X;
    wb_book *B;
    fmt_code *codes;
    size_t ncodes;
    int in_cell_xfs;
} styles_state;

static wb_numfmt format_kind(const styles_state *S, unsigned id)
{
    for (size_t i = 0; i < S->ncodes; i++)
        if (S->codes[i].id == id)
            return S->codes[i].kind;
    return id < 164 ? wb_builtin_format(id) : WB_FMT_GENERAL;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    styles_state *S = ud;
    const char *local = wbx_local(name);
    if (strcmp(local, "cellXfs") == 0) {
        S->in_cell_xfs = 1;
    } else if (strcmp(local, "numFmt") == 0) {
        const char *id = wbx_attr(atts, "numFmtId"), *code = wbx_attr(atts, "formatCode");
        if (!id || !code || S->ncodes >= 65536)
            return;
        fmt_code *grown = realloc(S->codes, (S->ncodes + 1) * sizeof *grown);
        if (!grown) {
            wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
            return;
        }
        S->codes = grown;
        S->codes[S->ncodes].id = (unsigned)strtoul(id, NULL, 10);
        S->codes[S->ncodes].kind = wb_format_code(code);
        S->ncodes++;
    } else if (strcmp(local, "xf") == 0 && S->in_cell_xfs) {
        wb_book *B = S->B;
        if (B->nxf >= 65536) {
            wbx_fail(&S->X, IND_E_FORMAT, "more than 65,536 cell formats");
            return;
        }
        unsigned char *grown = realloc(B->xf, B->nxf + 1);
        if (!grown) {
            wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
            return;
        }
        B->xf = grown;
        const char *id = wbx_attr(atts, "numFmtId");
        B->xf[B->nxf++] = (unsigned char)format_kind(S, id ? (unsigned)strtoul(id, NULL, 10) : 0);
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    styles_state *S = ud;
    if (strcmp(wbx_local(name), "cellXfs") == 0)
        S->in_cell_xfs = 0;
}

static ind_status read_styles(wb_book *B, ind_error *err)
{
    if (!B->styles_part || !wbz_has(&B->Z, B->styles_part))
        return IND_OK; /* every cell General */
    styles_state S;
    memset(&S, 0, sizeof S);
    S.B = B;
    ind_status st = wbx_init(&S.X, B->path, err);
    if (st == IND_OK) {
        XML_SetUserData(S.X.p, &S);
        XML_SetElementHandler(S.X.p, styles_start, styles_end);
        st = wbx_parse(&S.X, &B->Z, B->styles_part, WB_SMALL_MAX);
    }
    free(S.codes);
    wbx_release(&S.X);
    return st;
}

/* -------------------------------------------------------- shared strings */

typedef struct strings_state {
    wb_xml X;
    wb_book *B;
    wb_buf text; /* every string so far, each with its NUL */
    size_t cap_off;
    int in_si, in_t, in_phonetic;
} strings_state;

static void XMLCALL strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    strings_state *S = ud;
    const char *local = wbx_local(name);
    if (strcmp(local, "si") == 0) {
        S->in_si = 1;
        wb_book *B = S->B;
        if (B->nsst == S->cap_off) {
            size_t cap = S->cap_off ? S->cap_off * 2 : 1024;
            size_t *grown = realloc(B->sst_off, cap * sizeof *grown);
            if (!grown) {
                wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
                return;
            }
            B->sst_off = grown;
            S->cap_off = cap;
        }
        B->sst_off[B->nsst] = S->text.len;
    } else if (strcmp(local, "t") == 0) {
        S->in_t = S->in_si && !S->in_phonetic;
    } else if (strcmp(local, "rPh") == 0) {
        S->in_phonetic = 1; /* a reading of the text, not the text */
    }
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
    strings_state *S = ud;
    const char *local = wbx_local(name);
    if (strcmp(local, "si") == 0 && S->in_si) {
        S->in_si = 0;
        if (wb_buf_add(&S->text, "", 1, WB_STRINGS_MAX) != 0)
            wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
        else
            S->B->nsst++;
    } else if (strcmp(local, "t") == 0) {
        S->in_t = 0;
    } else if (strcmp(local, "rPh") == 0) {
        S->in_phonetic = 0;
    }
}

static void XMLCALL strings_text(void *ud, const XML_Char *s, int len)
{
    strings_state *S = ud;
    if (S->in_t && wb_buf_add(&S->text, s, (size_t)len, WB_STRINGS_MAX) != 0)
        wbx_fail(&S->X, IND_E_NOMEM, "out of memory");
}

static ind_status read_strings(wb_book *B, ind_error *err)
{
    if (!B->strings_part || !wbz_has(&B->Z, B->strings_part))
        return IND_OK;
    strings_state S;
    memset(&S, 0, sizeof S);
    S.B = B;
    ind_status st = wbx_init(&S.X, B->path, err);
    if (st == IND_OK) {
        XML_SetUserData(S.X.p, &S);
        XML_SetElementHandler(S.X.p, strings_start, strings_end);
        XML_SetCharacterDataHandler(S.X.p, strings_text);
        st = wbx_parse(&S.X, &B->Z, B->strings_part, WB_STRINGS_MAX);
    }
    B->sst = S.text.s;
    wbx_release(&S.X);
    return st;
}

ind_status wb_book_load_cells(wb_book *B, ind_error *err)
{
    ind_status st = read_styles(B, err);
    return st == IND_OK ? read_strings(B, err) : st;
}

void wb_book_close(wb_book *B)
{
    for (size_t i = 0; i < B->nsheets; i++) {
        free(B->sheets[i].name);
        free(B->sheets[i].part);
    }
    free(B->sheets);
    free(B->xf);
    free(B->sst);
    free(B->sst_off);
    free(B->strings_part);
    free(B->styles_part);
    wbz_close(&B->Z);
    memset(B, 0, sizeof *B);
}
