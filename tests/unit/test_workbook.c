/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the workbook reader (src/lib/workbook/): cell references and
 * places, number formats, Excel serial dates of both date systems, and
 * loading workbooks by path, from memory and by sheet.
 *
 * Reference dates from Python: datetime.date(1899, 12, 30) + timedelta(n) for
 * serials from 61 on (1900 system), date(1904, 1, 1) + timedelta(n) (1904
 * system); serial 60 is Excel's 1900-02-29 and 1 is 1900-01-01.
 */
#include "test.h"

#include "indicators/load.h"
#include "indicators/workbook.h"
#include "workbook/wb.h"

#define QUARTERLY "tests/data/xlsx/xlsxwriter-quarterly.xlsx"

/* ------------------------------------------------------------ references */

static void parses_cell_references(void **state)
{
    (void)state;
    static const struct {
        const char *ref;
        size_t col, row; /* 0: refused */
    } cases[] = {
        {"A1", 1, 1},       {"C7", 3, 7},           {"AA10", 27, 10},  {"xfd1048576", 16384, 1048576},
        {"XFE1", 0, 0},     {"A1048577", 0, 0},     {"A0", 0, 0},      {"1A", 0, 0},
        {"A", 0, 0},        {"A1B", 0, 0},          {"", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t col = 0, row = 0;
        int rc = wb_parse_ref(cases[i].ref, &col, &row);
        if (cases[i].col == 0) {
            if (rc == 0)
                fail_msg("'%s' accepted", cases[i].ref);
            continue;
        }
        if (rc != 0 || col != cases[i].col || row != cases[i].row)
            fail_msg("'%s': rc %d, col %zu row %zu", cases[i].ref, rc, col, row);
    }
    char buf[8];
    wb_col_name(1, buf);
    assert_string_equal(buf, "A");
    wb_col_name(26, buf);
    assert_string_equal(buf, "Z");
    wb_col_name(27, buf);
    assert_string_equal(buf, "AA");
    wb_col_name(16384, buf);
    assert_string_equal(buf, "XFD");
}

static void names_cells_as_excel_does(void **state)
{
    (void)state;
    char buf[256];
    wb_cell_place("f.xlsx", "Sheet1", 7, 3, buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:Sheet1!C7");
    wb_cell_place("f.xlsx", "My Sheet", 7, 3, buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:'My Sheet'!C7");
    wb_cell_place("f.xlsx", "O'Neil", 1, 1, buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:'O''Neil'!A1");
    wb_cell_place("f.xlsx", "2023", 2, 28, buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:'2023'!AB2");
    wb_cell_place("f.xlsx", "研发", 7, 0, buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:研发!7:7");
    wb_cell_place("f.xlsx", "研发", 0, 0, buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:研发");
}

/* ------------------------------------------------------ formats and dates */

static void classifies_number_formats(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        wb_numfmt kind;
    } cases[] = {
        {"General", WB_FMT_GENERAL},
        {"0.00", WB_FMT_GENERAL},
        {"#,##0", WB_FMT_GENERAL},
        {"0.0%", WB_FMT_PERCENT},
        {"[Red]0.00%;[Blue]-0.00%", WB_FMT_PERCENT},
        {"0.0\"%\"", WB_FMT_GENERAL}, /* a quoted % is text, not a percent format */
        {"yyyy", WB_FMT_YEAR},
        {"yyyy\"年\"", WB_FMT_YEAR},
        {"yyyy-mm", WB_FMT_MONTH},
        {"yyyy\"年\"m\"月\"", WB_FMT_MONTH},
        {"mmm-yy", WB_FMT_MONTH},
        {"yyyy-mm;@", WB_FMT_MONTH},
        {"m/d/yyyy h:mm", WB_FMT_DATE},
        {"[$-804]yyyy\"年\"m\"月\"d\"日\"", WB_FMT_DATE},
        {"dd/mm/yy", WB_FMT_DATE},
        {"h:mm", WB_FMT_GENERAL},
        {"mm:ss", WB_FMT_GENERAL},
        {"[h]:mm:ss", WB_FMT_GENERAL},
        {"\"Year \"0", WB_FMT_GENERAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (wb_format_code(cases[i].code) != cases[i].kind)
            fail_msg("'%s': kind %d, expected %d", cases[i].code, wb_format_code(cases[i].code),
                     cases[i].kind);
    assert_int_equal(wb_builtin_format(0), WB_FMT_GENERAL);
    assert_int_equal(wb_builtin_format(9), WB_FMT_PERCENT);
    assert_int_equal(wb_builtin_format(14), WB_FMT_DATE);
    assert_int_equal(wb_builtin_format(17), WB_FMT_MONTH);
    assert_int_equal(wb_builtin_format(20), WB_FMT_GENERAL); /* h:mm */
    assert_int_equal(wb_builtin_format(31), WB_FMT_DATE);     /* yyyy"年"m"月"d"日" */
}

static void shows_numbers_by_format(void **state)
{
    (void)state;
    static const struct {
        const char *stored;
        wb_numfmt fmt;
        bool date1904;
        const char *shown; /* NULL: not a number */
    } cases[] = {
        {"45292", WB_FMT_DATE, false, "2024-01-01"},
        {"45292.75", WB_FMT_DATE, false, "2024-01-01"},
        {"45351", WB_FMT_DATE, false, "2024-02-29"},
        {"45292", WB_FMT_MONTH, false, "2024-01"},
        {"45657", WB_FMT_YEAR, false, "2024"},
        {"43830", WB_FMT_DATE, true, "2024-01-01"},
        {"0", WB_FMT_DATE, true, "1904-01-01"},
        {"1", WB_FMT_DATE, false, "1900-01-01"},
        {"59", WB_FMT_DATE, false, "1900-02-28"},
        {"60", WB_FMT_DATE, false, "1900-02-29"},
        {"61", WB_FMT_DATE, false, "1900-03-01"},
        {"2958465", WB_FMT_DATE, false, "9999-12-31"},
        {"2958466", WB_FMT_DATE, false, "2958466"}, /* past 9999: the number as stored */
        {"-1", WB_FMT_DATE, false, "-1"},
        {"0.0114", WB_FMT_PERCENT, false, "1.14%"},
        {"0.021", WB_FMT_PERCENT, false, "2.1%"},
        {"1.1399999999999999", WB_FMT_GENERAL, false, "1.1399999999999999"},
        {"2023", WB_FMT_GENERAL, false, "2023"},
        {"abc", WB_FMT_GENERAL, false, NULL},
        {"1e400", WB_FMT_GENERAL, false, NULL},
        {"", WB_FMT_GENERAL, false, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        int rc = wb_number_text(cases[i].stored, cases[i].fmt, cases[i].date1904, buf, sizeof buf);
        if (!cases[i].shown) {
            if (rc == 0)
                fail_msg("'%s' shown as '%s'", cases[i].stored, buf);
        } else if (rc != 0 || strcmp(buf, cases[i].shown) != 0) {
            fail_msg("'%s' (format %d, 1904 %d): '%s', expected '%s'", cases[i].stored,
                     cases[i].fmt, cases[i].date1904, rc == 0 ? buf : "(refused)",
                     cases[i].shown);
        }
    }
    char buf[32];
    assert_int_equal(wb_iso_date_text("2024-03-31T00:00:00", WB_FMT_MONTH, buf, sizeof buf), 0);
    assert_string_equal(buf, "2024-03");
    assert_int_equal(wb_iso_date_text("2024-03-31T00:00:00", WB_FMT_GENERAL, buf, sizeof buf), 0);
    assert_string_equal(buf, "2024-03-31");
    assert_int_equal(wb_iso_date_text("31/03/2024", WB_FMT_DATE, buf, sizeof buf), -1);
}

/* --------------------------------------------------------------- loading */

static ind_series *must_find(ind_dataset *ds, const char *name, const char *entity)
{
    ind_series *s = ind_dataset_find(ds, name, entity);
    if (!s)
        fail_msg("no series '%s' [%s]", name, entity);
    return s;
}

static double value_at(const ind_series *s, ind_period p)
{
    long i = ind_series_find(s, p.ord);
    if (i < 0)
        fail_msg("series '%s' has no value at ordinal %d", s->name, (int)p.ord);
    return s->value[i];
}

static char *read_whole(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    char *data = malloc(*len);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, *len, fp), *len);
    fclose(fp);
    return data;
}

/* The libxlsxwriter fixture from memory: formulas' cached values, #N/A missing,
   the indicator merged down over two rows. */
static void loads_a_workbook_from_memory(void **state)
{
    (void)state;
    size_t len;
    char *data = read_whole(QUARTERLY, &len);
    ind_dataset *ds = NULL;
    ind_load_info info;
    ind_error err;
    ind_status st = ind_load_buffer(data, len, "q.xlsx", NULL, &ds, &info, &err);
    if (st != IND_OK)
        fail_msg("%s: %s", err.path, err.message);
    assert_string_equal(info.sheet, "季度数据");
    assert_int_equal(info.header_line, 2);
    assert_int_equal(info.notes, 1);
    ind_series *a = must_find(ds, "研发经费", "甲市");
    ind_series *b = must_find(ds, "研发经费", "乙市");
    assert_int_equal(a->freq, IND_FREQ_QUARTER);
    assert_close(value_at(a, ind_period_make(IND_FREQ_QUARTER, 2023, 4)), 13.5, 0); /* =E3+1.5 */
    assert_close(value_at(b, ind_period_make(IND_FREQ_QUARTER, 2023, 3)), 10, 0);   /* =C4*2 */
    assert_int_equal(b->n, 3);
    assert_int_equal(b->n_missing, 1); /* =NA() */
    ind_dataset_free(ds);
    free(data);
}

/* --sheet by name and by number; a sheet not in the book names the sheets. */
static void reads_the_sheet_named(void **state)
{
    (void)state;
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.sheet = "月度";
    ind_dataset *ds = NULL;
    ind_load_info info;
    ind_error err;
    ind_status st = ind_load_file(QUARTERLY, &opt, &ds, &info, &err);
    if (st != IND_OK)
        fail_msg("%s: %s", err.path, err.message);
    ind_series *s = must_find(ds, "增长率", "");
    assert_int_equal(s->freq, IND_FREQ_MONTH);
    assert_string_equal(s->unit, "%");
    assert_close(value_at(s, ind_period_make(IND_FREQ_MONTH, 2024, 1)), 2.1, 1e-15);
    assert_close(value_at(s, ind_period_make(IND_FREQ_MONTH, 2024, 2)), 1.85, 1e-15);
    assert_int_equal(s->n_missing, 1); /* #DIV/0! */
    ind_dataset_free(ds);

    opt.sheet = "3";
    assert_int_equal(ind_load_file(QUARTERLY, &opt, &ds, &info, &err), IND_OK);
    assert_string_equal(info.sheet, "月度");
    ind_dataset_free(ds);

    opt.sheet = "4";
    assert_int_equal(ind_load_file(QUARTERLY, &opt, &ds, &info, &err), IND_E_NOTFOUND);
    assert_null(ds);
    assert_non_null(strstr(err.message, "'封面', '季度数据', '月度'"));

    opt.sheet = "封面";
    assert_int_equal(ind_load_file(QUARTERLY, &opt, &ds, &info, &err), IND_E_FORMAT);
    assert_string_equal(err.path, QUARTERLY ":封面");
    assert_string_equal(err.message, "the sheet holds no data");
}

static void names_the_bad_cell(void **state)
{
    (void)state;
    ind_dataset *ds = NULL;
    ind_error err;
    assert_int_equal(ind_load_file("tests/bad/xlsx-bad-cell.xlsx", NULL, &ds, NULL, &err),
                     IND_E_PERIOD);
    assert_string_equal(err.path, "tests/bad/xlsx-bad-cell.xlsx:Sheet1!C7");
    assert_int_equal(err.line, 0);
    char text[1024];
    ind_error_format(&err, text, sizeof text);
    assert_non_null(strstr(text, "tests/bad/xlsx-bad-cell.xlsx:Sheet1!C7: error: '20x3'"));
}

/* An encrypted workbook from memory is refused by its CFB directory. */
static void refuses_an_encrypted_buffer(void **state)
{
    (void)state;
    size_t len;
    char *data = read_whole("tests/bad/xlsx-encrypted.xlsx", &len);
    ind_dataset *ds = NULL;
    ind_error err;
    assert_int_equal(ind_load_buffer(data, len, "e.xlsx", NULL, &ds, NULL, &err), IND_E_FORMAT);
    assert_non_null(strstr(err.message, "encrypted"));
    /* without its EncryptionInfo entry it would be a legacy .xls: from a file only */
    data[512 + 512 + 128] = 'X'; /* sector 1, the directory: entry 1 */
    assert_int_equal(ind_load_buffer(data, len, "e.xls", NULL, &ds, NULL, &err), IND_E_ARG);
    free(data);
}

static void lists_sheets_with_used_ranges(void **state)
{
    (void)state;
    ind_sheet_info *sheets = NULL;
    size_t n = 0;
    ind_error err;
    assert_int_equal(ind_workbook_sheets("tests/data/xlsx/openpyxl-sheets.xlsx", &sheets, &n, &err),
                     IND_OK);
    assert_int_equal(n, 4);
    assert_string_equal(sheets[0].name, "目录");
    assert_string_equal(sheets[0].range, "A1:B2");
    assert_true(sheets[1].hidden);
    assert_string_equal(sheets[2].name, "研发强度 (%)");
    assert_string_equal(sheets[2].range, "A1:E5");
    assert_false(sheets[2].hidden);
    free(sheets);
    assert_int_equal(ind_workbook_sheets(QUARTERLY, &sheets, &n, &err), IND_OK);
    assert_int_equal(n, 3);
    assert_string_equal(sheets[0].range, ""); /* empty */
    free(sheets);
    assert_true(ind_is_workbook(QUARTERLY));
    assert_true(ind_is_workbook("tests/data/xlsx/lo-rd.xls"));
    assert_false(ind_is_workbook("datasets/rd.csv"));
    assert_int_equal(ind_workbook_sheets("datasets/rd.csv", &sheets, &n, &err), IND_E_FORMAT);
}

/* ------------------------------------------- merged ranges after the rows */

/* What a row sink saw after its last start, one "LINE:F1|F2|...|" line a row, and how
   many starts; strict > 0 refuses a row whose field number strict is empty, as the
   loader refuses a row without its series name. */
typedef struct seen {
    char text[4096];
    size_t len;
    int starts;
    size_t strict;
    ind_error *err;
} seen;

static ind_status seen_start(void *ctx, const csvr_info *info)
{
    seen *S = ctx;
    (void)info;
    S->starts++;
    S->len = 0;
    S->text[0] = '\0';
    return IND_OK;
}

static ind_status seen_row(void *ctx, csvr_row *row)
{
    seen *S = ctx;
    if (S->strict && (row->n < S->strict || row->f[S->strict - 1].len == 0))
        return ind_error_set(S->err, IND_E_FORMAT, QUARTERLY, (long)row->line, (long)S->strict,
                             "empty");
    S->len += (size_t)snprintf(S->text + S->len, sizeof S->text - S->len, "%zu:", row->line);
    for (size_t i = 0; i < row->n; i++)
        S->len += (size_t)snprintf(S->text + S->len, sizeof S->text - S->len, "%.*s|",
                                   (int)row->f[i].len, row->text + row->f[i].off);
    S->len += (size_t)snprintf(S->text + S->len, sizeof S->text - S->len, "\n");
    assert_true(S->len < sizeof S->text - 1);
    return IND_OK;
}

/*
 * The merged ranges come after the rows in a sheet: rows held to the end get them at
 * once; rows handed over before (hold_max 1 byte) are read again with them, the sink
 * started a second time, and a sink's failure for want of a merged value is void then.
 */
static void merges_ranges_listed_after_the_rows(void **state)
{
    (void)state;
    ind_error err;
    wb_options opt = {"季度数据", false, 0};
    seen held = {.err = &err}, streamed = {.err = &err}, once = {.err = &err};
    csvr_sink sink = {seen_start, seen_row, &held};
    assert_int_equal(wb_read_file(QUARTERLY, &opt, &sink, &err), IND_OK);
    assert_int_equal(held.starts, 1);
    /* A3:A4 gives 研发经费 to row 4; A1:G1 (a title alone in its row) stays one cell */
    assert_string_equal(held.text, "1:表3 分季度研发经费（亿元）|||||||\n"
                                   "2:指标|地区|2023Q1|2023Q2|2023Q3|2023Q4|备注|\n"
                                   "3:研发经费|甲市|10.5|11.25|12|13.5|=合计|\n"
                                   "4:研发经费|乙市|5|#N/A|10|10.75||\n"
                                   "5:注：乙市第二季度数据暂缺。|||||||\n");
    opt.hold_max = 1;
    sink.ctx = &streamed;
    assert_int_equal(wb_read_file(QUARTERLY, &opt, &sink, &err), IND_OK);
    assert_int_equal(streamed.starts, 2);
    assert_string_equal(streamed.text, held.text);
    opt.start_once = true; /* a sink that cannot start again: every row held */
    sink.ctx = &once;
    assert_int_equal(wb_read_file(QUARTERLY, &opt, &sink, &err), IND_OK);
    assert_int_equal(once.starts, 1);
    assert_string_equal(once.text, held.text);

    opt.start_once = false;
    seen strict = {.err = &err, .strict = 1}; /* row 4's A is empty until A3:A4 is known */
    sink.ctx = &strict;
    assert_int_equal(wb_read_file(QUARTERLY, &opt, &sink, &err), IND_OK);
    assert_int_equal(strict.starts, 2);
    assert_string_equal(strict.text, held.text);
    strict = (seen){.err = &err, .strict = 2}; /* B1 is empty either way */
    assert_int_equal(wb_read_file(QUARTERLY, &opt, &sink, &err), IND_E_FORMAT);
    assert_string_equal(err.path, QUARTERLY ":季度数据!B1");
    assert_string_equal(err.message, "empty");
    opt.hold_max = 0;
    strict = (seen){.err = &err, .strict = 2};
    assert_int_equal(wb_read_file(QUARTERLY, &opt, &sink, &err), IND_E_FORMAT);
    assert_string_equal(err.path, QUARTERLY ":季度数据!B1");
    assert_int_equal(strict.starts, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_cell_references),
        cmocka_unit_test(names_cells_as_excel_does),
        cmocka_unit_test(classifies_number_formats),
        cmocka_unit_test(shows_numbers_by_format),
        cmocka_unit_test(loads_a_workbook_from_memory),
        cmocka_unit_test(reads_the_sheet_named),
        cmocka_unit_test(names_the_bad_cell),
        cmocka_unit_test(refuses_an_encrypted_buffer),
        cmocka_unit_test(lists_sheets_with_used_ranges),
        cmocka_unit_test(merges_ranges_listed_after_the_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
