/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv2xlsx.c - writes a CSV file as a one-sheet workbook for the workbook
 * benchmark (scripts/bench/xlsx-load): cells that read fully as numbers are
 * stored as numbers, the others as strings (inline strings: libxlsxwriter's
 * constant-memory mode, so that a 100 MB file is written in bounded memory),
 * empty cells are left out, and a UTF-8 BOM is dropped.
 *
 * Build: cc -O2 -o csv2xlsx csv2xlsx.c $(pkg-config --cflags --libs xlsxwriter) -lcsv
 * Usage: csv2xlsx IN.csv OUT.xlsx
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct state {
    lxw_worksheet *ws;
    lxw_row_t row;
    lxw_col_t col;
} state;

static void on_field(void *s, size_t len, void *data)
{
    state *st = data;
    char buf[256], *text = s;
    if (len > 0 && len < sizeof buf) {
        memcpy(buf, text, len);
        buf[len] = '\0';
        char *end;
        double v = strtod(buf, &end);
        if (*end == '\0')
            worksheet_write_number(st->ws, st->row, st->col, v, NULL);
        else
            worksheet_write_string(st->ws, st->row, st->col, buf, NULL);
    }
    st->col++;
}

static void on_row(int c, void *data)
{
    (void)c;
    state *st = data;
    st->row++;
    st->col = 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: csv2xlsx IN.csv OUT.xlsx\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    state st = {workbook_add_worksheet(wb, "Data"), 0, 0};
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    char buf[1 << 16];
    size_t n, skip = 0;
    if ((n = fread(buf, 1, 3, in)) == 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        skip = 3; /* a UTF-8 BOM */
    if (csv_parse(&p, buf + skip, n - skip, on_field, on_row, &st) != n - skip)
        return 1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &st) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_row, &st);
    csv_free(&p);
    fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
