/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xlsx.c - libFuzzer target for the workbook reader: any bytes must give
 * a dataset or an error naming the file, part or cell, never a crash, hang,
 * leak or undefined behaviour.
 *
 * An input starting with "PK" is loaded as the workbook file itself (the zip
 * container and everything in it). Any other input is the XML of a sheet,
 * optionally followed by a NUL byte and the XML of the shared strings and by
 * another NUL and the styles: it is packed with a fixed workbook part into a
 * well-formed zip, so that the mutations reach the XML and cell handling
 * instead of stopping at the zip's checksums. Each workbook is loaded with
 * the default sheet and with --sheet 1.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined
 *        -Db_lundef=false && ninja -C build-fuzz tests/fuzz_xlsx
 * Run:   build-fuzz/tests/fuzz_xlsx -max_total_time=600 tests/fuzz/corpus-xlsx
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "indicators/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char content_types[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char root_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook[] =
    "<?xml version=\"1.0\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Sheet 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char book_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://x/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static int add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    if (!src)
        return -1;
    if (zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(src);
        return -1;
    }
    return 0;
}

/* The parts in data (sheet, NUL, strings, NUL, styles) in a zip in memory. */
static void *pack(const uint8_t *data, size_t size, size_t *out_len)
{
    const uint8_t *part[3] = {data, NULL, NULL};
    size_t len[3] = {size, 0, 0};
    for (int k = 0; k < 2 && part[k]; k++) {
        const uint8_t *nul = memchr(part[k], 0, len[k]);
        if (nul) {
            part[k + 1] = nul + 1;
            len[k + 1] = len[k] - (size_t)(nul + 1 - part[k]);
            len[k] = (size_t)(nul - part[k]);
        }
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
    void *bytes = NULL;
    *out_len = 0;
    if (!z) {
        if (mem)
            zip_source_free(mem);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_source_keep(mem); /* read back after zip_close */
    int bad = add(z, "[Content_Types].xml", content_types, sizeof content_types - 1) ||
              add(z, "_rels/.rels", root_rels, sizeof root_rels - 1) ||
              add(z, "xl/workbook.xml", workbook, sizeof workbook - 1) ||
              add(z, "xl/_rels/workbook.xml.rels", book_rels, sizeof book_rels - 1) ||
              add(z, "xl/worksheets/sheet1.xml", part[0], len[0]) ||
              (part[1] && add(z, "xl/sharedStrings.xml", part[1], len[1])) ||
              (part[2] && add(z, "xl/styles.xml", part[2], len[2]));
    if (bad || zip_close(z) != 0) {
        if (bad)
            zip_discard(z);
        zip_source_free(mem);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_stat_t st;
    if (zip_source_stat(mem, &st) == 0 && zip_source_open(mem) == 0) {
        bytes = malloc(st.size ? st.size : 1);
        zip_int64_t got = bytes ? zip_source_read(mem, bytes, st.size) : -1;
        if (got < 0 || (zip_uint64_t)got != st.size) {
            free(bytes);
            bytes = NULL;
        } else {
            *out_len = (size_t)got;
        }
        zip_source_close(mem);
    }
    zip_source_free(mem);
    zip_error_fini(&ze);
    return bytes;
}

static void load(const void *data, size_t size, const char *sheet)
{
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.sheet = sheet;
    ind_dataset *ds = NULL;
    ind_error err;
    if (ind_load_buffer(data, size, "fuzz.xlsx", &opt, &ds, NULL, &err) == IND_OK) {
        for (size_t i = 0; i < ind_dataset_count(ds); i++) {
            const ind_series *s = ind_dataset_at(ds, i);
            for (size_t k = 1; k < s->n; k++)
                if (s->ord[k - 1] >= s->ord[k])
                    __builtin_trap();
        }
    } else if (!err.path[0] || !err.message[0]) {
        __builtin_trap(); /* every error names where and why */
    }
    ind_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        load(data, size, NULL);
        return 0;
    }
    size_t len;
    void *book = pack(data, size, &len);
    if (book) {
        load(book, len, NULL);
        load(book, len, "1");
        free(book);
    }
    return 0;
}
