/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the workbook writer (src/lib/xlsx.c): the number format and
 * display width of each unit, the value stored, sheet names Excel accepts,
 * cell texts cleaned for XML and cut at Excel's 32,767 characters, and a
 * whole table written through ind_table (a zip that starts "PK").
 */
#include "test.h"

#include "indicators/output.h"
#include "xlsx.h"

static ind_column col(ind_col_unit unit, int digits)
{
    return (ind_column){"c", IND_COL_NUMBER, digits, unit};
}

static void formats_follow_the_unit(void **state)
{
    (void)state;
    static const struct {
        ind_col_unit unit;
        int digits;
        const char *format;
    } cases[] = {
        {IND_UNIT_PLAIN, -1, ""},       /* General */
        {IND_UNIT_PLAIN, 0, "0"},
        {IND_UNIT_PLAIN, 3, "0.000"},
        {IND_UNIT_PERCENT, 1, "0.0%"},  /* the table's 22.6 shows as 22.6% */
        {IND_UNIT_PERCENT, -1, "0.00%"},
        {IND_UNIT_PERCENT, 0, "0%"},
        {IND_UNIT_PP, 2, "0.00\" pp\""},
        {IND_UNIT_COUNT, 0, "#,##0"},
        {IND_UNIT_MULTIPLE, 2, "0.00\"\xc3\x97\""},
        {IND_UNIT_YEAR, 0, "0"},        /* 2025, not 2,025 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        ind_column c = col(cases[i].unit, cases[i].digits);
        xlsx_number_format(&c, NULL, buf, sizeof buf);
        assert_string_equal(buf, cases[i].format);
    }
    char buf[64];
    ind_column pp = col(IND_UNIT_PP, 2);
    xlsx_number_format(&pp, "百分点", buf, sizeof buf); /* --lang zh */
    assert_string_equal(buf, "0.00\" 百分点\"");
    xlsx_number_format(&pp, "a\"b", buf, sizeof buf); /* a quote would end the format's text */
    assert_string_equal(buf, "0.00\" pp\"");
}

static void percent_columns_store_the_fraction(void **state)
{
    (void)state;
    ind_column pct = col(IND_UNIT_PERCENT, 1), plain = col(IND_UNIT_PLAIN, 1);
    /* (2.1 / 1.14)^(1/3) - 1 in percent, as growth gives it; the cell keeps every digit */
    double cagr = 22.585230441425357;
    assert_true(xlsx_stored_value(&pct, cagr) == cagr / 100);
    assert_true(xlsx_stored_value(&plain, cagr) == cagr);
}

static void widths_are_those_of_the_shown_text(void **state)
{
    (void)state;
    ind_column pct = col(IND_UNIT_PERCENT, 1), count = col(IND_UNIT_COUNT, 0),
               pp = col(IND_UNIT_PP, 2), general = col(IND_UNIT_PLAIN, -1),
               year = col(IND_UNIT_YEAR, 0);
    assert_int_equal(xlsx_number_width(&pct, NULL, 22.585), 5);       /* "22.6%" */
    assert_int_equal(xlsx_number_width(&count, NULL, 1234567), 9);     /* "1,234,567" */
    assert_int_equal(xlsx_number_width(&count, NULL, -1234), 6);       /* "-1,234" */
    assert_int_equal(xlsx_number_width(&count, NULL, 999), 3);
    assert_int_equal(xlsx_number_width(&pp, NULL, 0.96), 7);           /* "0.96 pp" */
    assert_int_equal(xlsx_number_width(&general, NULL, 0.96), 4);      /* "0.96" */
    assert_int_equal(xlsx_number_width(&general, NULL, 1.0 / 3), 11);  /* General: at most 11 */
    assert_int_equal(xlsx_number_width(&year, NULL, 2025), 4);
    assert_int_equal(xlsx_number_width(&pp, "百分点", 0.96), 11); /* "0.96 百分点" */
}

static void sheet_names_are_ones_excel_accepts(void **state)
{
    (void)state;
    char buf[XLSX_SHEET_NAME_MAX * 4 + 1];
    xlsx_sheet_name("growth", buf, sizeof buf);
    assert_string_equal(buf, "growth");
    xlsx_sheet_name("a[b]:c*d?e/f\\g'h", buf, sizeof buf);
    assert_string_equal(buf, "a_b__c_d_e_f_g_h");
    xlsx_sheet_name("", buf, sizeof buf);
    assert_string_equal(buf, "results");
    xlsx_sheet_name(NULL, buf, sizeof buf);
    assert_string_equal(buf, "results");
    /* 31 characters, counted as characters (Chinese ones are 3 bytes each) */
    xlsx_sheet_name("增长增长增长增长增长增长增长增长增长增长增长增长增长增长增长增长增长", buf,
                    sizeof buf);
    assert_int_equal(strlen(buf), 31 * 3);
    xlsx_sheet_name("0123456789012345678901234567890123456789", buf, sizeof buf);
    assert_string_equal(buf, "0123456789012345678901234567890");
}

static void cell_texts_are_cleaned(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"=1+1", "=1+1"}, /* a string cell: kept as written, never a formula */
        {"bad\xff" "byte", "bad\xef\xbf\xbd" "byte"},
        {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* a surrogate is not UTF-8 */
        {"non\xef\xbf\xbe" "char", "non\xef\xbf\xbd" "char"},      /* U+FFFE: not in XML 1.0 */
        {"_x0041_", "_x005F_x0041_"}, /* Excel would read "A" */
        {"_x00G1_", "_x00G1_"},
        {"增长 12%", "增长 12%"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool cut = true;
        char *got = xlsx_cell_text(cases[i].in, &cut);
        assert_non_null(got);
        assert_string_equal(got, cases[i].out);
        assert_false(cut);
        free(got);
    }
}

static void long_texts_are_cut_at_excels_limit(void **state)
{
    (void)state;
    size_t n = 40000;
    char *big = malloc(n * 3 + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 3 * i, "\xe5\xa2\x9e", 3); /* 增 */
    big[3 * n] = '\0';
    bool cut = false;
    char *got = xlsx_cell_text(big, &cut);
    assert_true(cut);
    assert_int_equal(strlen(got), (size_t)XLSX_MAX_CHARS * 3); /* whole characters */
    free(got);
    big[3 * XLSX_MAX_CHARS] = '\0';
    got = xlsx_cell_text(big, &cut);
    assert_false(cut);
    free(got);
    free(big);
}

static void a_table_becomes_a_workbook(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    const ind_column cols[] = {
        {"series", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
        {"cagr_pct", IND_COL_NUMBER, 1, IND_UNIT_PERCENT},
    };
    ind_table *t = ind_table_new(cols, 2, IND_FORMAT_XLSX, out);
    assert_non_null(t);
    ind_table_text(t, "=cmd|' /C calc'!A0");
    ind_table_number(t, 22.6);
    ind_table_end_row(t);
    ind_table_marked(t, "on track", IND_MARK_GOOD);
    ind_table_note(t, "CAGR needs positive values");
    ind_table_end_row(t);
    assert_int_equal(ind_table_finish(t), IND_OK);
    fclose(out);
    assert_true(len > 1000);
    assert_memory_equal(buf, "PK\x03\x04", 4);
    free(buf);
}

/* Rows past the sheet's last (lowered here from Excel's 1,048,576 to 4, the header's
   included) are refused, and the workbook is then not written at all. */
static void rows_past_the_sheet_are_refused(void **state)
{
    (void)state;
    const ind_column cols[] = {{"series", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
                               {"value", IND_COL_NUMBER, -1, IND_UNIT_PLAIN}};
    for (int rows = 3; rows <= 4; rows++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        assert_non_null(out);
        xlsx_book *b = xlsx_book_new(cols, 2, NULL);
        assert_non_null(b);
        xlsx_book_limit_rows(b, 4);
        ind_status st = IND_OK;
        for (int i = 0; i < rows && st == IND_OK; i++) {
            xlsx_cell row[] = {{XLSX_TEXT, "s", 0, IND_MARK_NONE},
                               {XLSX_NUMBER, NULL, i, IND_MARK_NONE}};
            st = xlsx_book_row(b, row);
        }
        assert_int_equal(st, rows == 3 ? IND_OK : IND_E_ARG);
        assert_int_equal(xlsx_book_finish(b, out), rows == 3 ? IND_OK : IND_E_ARG);
        fclose(out);
        if (rows == 3)
            assert_memory_equal(buf, "PK\x03\x04", 4); /* header and 3 rows: a workbook */
        else
            assert_int_equal(len, 0); /* one too many: no workbook */
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_follow_the_unit),
        cmocka_unit_test(percent_columns_store_the_fraction),
        cmocka_unit_test(widths_are_those_of_the_shown_text),
        cmocka_unit_test(sheet_names_are_ones_excel_accepts),
        cmocka_unit_test(cell_texts_are_cleaned),
        cmocka_unit_test(long_texts_are_cut_at_excels_limit),
        cmocka_unit_test(a_table_becomes_a_workbook),
        cmocka_unit_test(rows_past_the_sheet_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
