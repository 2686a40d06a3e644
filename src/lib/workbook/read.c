/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read.c - which reader a workbook needs, told by its first bytes: a zip is
 * an .xlsx (sheet.c); an OLE compound file (CFB) is a legacy .xls (xls.c),
 * unless it holds an "EncryptionInfo" stream: Excel saves a password-
 * protected .xlsx as a CFB with the encrypted package inside, which is
 * refused with a message rather than reported as a damaged .xls.
 */
#include "wb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indicators/workbook.h"

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char zip_empty[4] = {'P', 'K', 5, 6};
static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

wb_kind wb_sniff(const void *head, size_t n)
{
    if (n >= 4 && (memcmp(head, zip_magic, 4) == 0 || memcmp(head, zip_empty, 4) == 0))
        return WB_XLSX;
    if (n >= 8 && memcmp(head, cfb_magic, 8) == 0)
        return WB_CFB;
    return WB_NONE;
}

/* Looks at a regular file only: opening a FIFO would block (the CSV reader refuses it). */
static wb_kind sniff_file(const char *path)
{
    unsigned char head[8];
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat sb;
    if (fd < 0)
        return WB_NONE; /* the CSV reader reports why */
    ssize_t n = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? read(fd, head, sizeof head) : -1;
    close(fd);
    return n > 0 ? wb_sniff(head, (size_t)n) : WB_NONE;
}

/*
 * Whether a CFB directory entry (128 bytes, at a multiple of 128 after the
 * 512-byte header, as directory sectors of 512 or 4096 bytes place them) is
 * the stream "EncryptionInfo": its UTF-16LE name, then the name's byte
 * length with its NUL (30) at 0x40 and the type 2 (stream) at 0x42.
 */
static int is_encryption_entry(const unsigned char *e)
{
    static const char name[] = "EncryptionInfo";
    for (size_t i = 0; i < sizeof name; i++)
        if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
            return 0;
    return e[0x40] == 30 && e[0x41] == 0 && e[0x42] == 2;
}

static int cfb_encrypted(const unsigned char *data, size_t len)
{
    for (size_t off = 512; off + 128 <= len; off += 128)
        if (is_encryption_entry(data + off))
            return 1;
    return 0;
}

static int cfb_file_encrypted(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    static const size_t block = 64 * 1024; /* a multiple of 128 */
    unsigned char *buf = malloc(block);
    int found = 0;
    size_t got, at = 0;
    while (buf && !found && (got = fread(buf, 1, block, fp)) > 0) {
        for (size_t off = at == 0 ? 512 : 0; off + 128 <= got && !found; off += 128)
            found = is_encryption_entry(buf + off);
        at += got;
    }
    free(buf);
    fclose(fp);
    return found;
}

static ind_status encrypted(const char *path, ind_error *err)
{
    return ind_error_set(err, IND_E_FORMAT, path, 0, 0,
                         "the workbook is encrypted (password-protected): open it in Excel or "
                         "LibreOffice and save it without a password");
}

ind_status wb_read_file(const char *path, const wb_options *opt, const csvr_sink *sink,
                        ind_error *err)
{
    if (sniff_file(path) == WB_CFB)
        return cfb_file_encrypted(path) ? encrypted(path, err) : wb_read_xls(path, opt, sink, err);
    return wb_read_xlsx(path, NULL, 0, opt, sink, err);
}

ind_status wb_read_buffer(const void *data, size_t len, const char *name, const wb_options *opt,
                          const csvr_sink *sink, ind_error *err)
{
    if (wb_sniff(data, len) == WB_CFB) {
        if (cfb_encrypted(data, len))
            return encrypted(name, err);
        return ind_error_set(err, IND_E_ARG, name, 0, 0,
                             "a legacy .xls workbook is read from a file only");
    }
    return wb_read_xlsx(name, data, len, opt, sink, err);
}

/* Copies head and the rest of fp into the open file fd; -1 with err filled. */
static int spool(FILE *fp, const void *head, size_t nhead, int fd, const char *name,
                 uint64_t *size, ind_error *err)
{
    static const size_t block = 1 << 20;
    char *buf = malloc(block);
    size_t got = nhead;
    int rc = 0;
    if (!buf) {
        ind_error_set(err, IND_E_NOMEM, name, 0, 0, "out of memory");
        return -1;
    }
    memcpy(buf, head, nhead);
    *size = 0;
    do {
        if (*size + got > WB_STREAM_MAX) {
            ind_error_set(err, IND_E_FORMAT, name, 0, 0,
                          "a workbook of more than %llu MiB on standard input: give it as a file",
                          (unsigned long long)(WB_STREAM_MAX >> 20));
            rc = -1;
            break;
        }
        for (size_t off = 0; off < got;) {
            ssize_t w = write(fd, buf + off, got - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                ind_error_set(err, IND_E_IO, name, 0, 0,
                              "cannot keep the workbook in a temporary file: %s", strerror(errno));
                free(buf);
                return -1;
            }
            off += (size_t)w;
        }
        *size += got;
    } while ((got = fread(buf, 1, block, fp)) > 0);
    if (rc == 0 && ferror(fp)) {
        ind_error_set(err, IND_E_IO, name, 0, 0, "cannot read: %s", strerror(errno));
        rc = -1;
    }
    free(buf);
    return rc;
}

ind_status wb_read_stream(FILE *fp, const void *head, size_t nhead, const char *name,
                          const wb_options *opt, const csvr_sink *sink, ind_error *err)
{
    if (wb_sniff(head, nhead) == WB_CFB)
        return ind_error_set(err, IND_E_ARG, name, 0, 0,
                             "a legacy .xls workbook cannot be read from standard input: save it "
                             "to a file and give its name (indicators growth FILE.xls)");
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/indicators-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return ind_error_set(err, IND_E_IO, name, 0, 0,
                             "cannot make a temporary file for the workbook (%s): %s", path,
                             strerror(errno));
    unlink(path); /* gone when closed, whatever happens */
    uint64_t size = 0;
    ind_status st = IND_OK;
    void *map = MAP_FAILED;
    if (spool(fp, head, nhead, fd, name, &size, err) != 0)
        st = err->code;
    else if ((map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
        st = ind_error_set(err, IND_E_IO, name, 0, 0, "cannot map the temporary file: %s",
                           strerror(errno));
    if (st == IND_OK)
        st = wb_read_buffer(map, (size_t)size, name, opt, sink, err);
    if (map != MAP_FAILED)
        munmap(map, (size_t)size);
    close(fd);
    return st;
}

ind_status wb_list_file(const char *path, ind_sheet_info **out, size_t *n, ind_error *err)
{
    *out = NULL;
    *n = 0;
    switch (sniff_file(path)) {
    case WB_CFB:
        return cfb_file_encrypted(path) ? encrypted(path, err) : wb_list_xls(path, out, n, err);
    case WB_XLSX:
        return wb_list_xlsx(path, out, n, err);
    default:
        return ind_error_set(err, IND_E_FORMAT, path, 0, 0, "not a workbook (.xlsx or .xls)");
    }
}

/* ------------------------------------------------------------- interface */

int ind_is_workbook(const char *path)
{
    return sniff_file(path) != WB_NONE;
}

ind_status ind_workbook_sheets(const char *path, ind_sheet_info **out, size_t *n, ind_error *err)
{
    return wb_list_file(path, out, n, err);
}
