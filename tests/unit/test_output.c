/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the table, CSV, JSON and Markdown writers (src/lib/output.c). */
#include "test.h"

#include "indicators/output.h"

static const ind_column cols[] = {
    {"entity", IND_COL_TEXT, 0},
    {"cagr_pct", IND_COL_NUMBER, 1},
};

/* Writes two rows in fmt into a memory buffer (caller frees). */
static char *render(ind_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ind_table *t = ind_table_new(cols, 2, fmt, out);
    ind_table_text(t, "漯河市");
    ind_table_number(t, 22.6041);
    ind_table_end_row(t);
    ind_table_text(t, "China, \"all\"");
    ind_table_note(t, "needs positive values");
    ind_table_end_row(t);
    assert_int_equal(ind_table_finish(t), IND_OK);
    fclose(out);
    return buf;
}

static void table_aligns_by_display_width(void **state)
{
    (void)state;
    char *text = render(IND_FORMAT_TABLE);
    assert_string_equal(text, "entity                     cagr_pct\n"
                              "------------  ---------------------\n"
                              "漯河市                         22.6\n"
                              "China, \"all\"  needs positive values\n");
    free(text);
}

static void csv_quotes_and_keeps_precision(void **state)
{
    (void)state;
    char *text = render(IND_FORMAT_CSV);
    assert_string_equal(text, "entity,cagr_pct\n漯河市,22.6041\n\"China, \"\"all\"\"\",\n");
    free(text);
}

static void json_has_null_for_notes(void **state)
{
    (void)state;
    char *text = render(IND_FORMAT_JSON);
    assert_string_equal(text, "[\n  {\"entity\": \"漯河市\", \"cagr_pct\": 22.6041},\n"
                              "  {\"entity\": \"China, \\\"all\\\"\", \"cagr_pct\": null}\n]\n");
    free(text);
}

static void markdown_right_aligns_numbers(void **state)
{
    (void)state;
    char *text = render(IND_FORMAT_MD);
    assert_string_equal(text, "| entity | cagr_pct |\n|---|---:|\n| 漯河市 | 22.6 |\n"
                              "| China, \"all\" | needs positive values |\n");
    free(text);
}

static void display_width_counts_cjk_twice(void **state)
{
    (void)state;
    assert_int_equal(ind_display_width("R&D"), 3);
    assert_int_equal(ind_display_width("亿元"), 4);
    assert_int_equal(ind_display_width("—"), 1);
}

static void doubles_round_trip(void **state)
{
    (void)state;
    char buf[32];
    double values[] = {0.1, 1.0 / 3.0, 2.1, 1e-300, 22143.6, -0.0000123};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        ind_format_double(values[i], buf, sizeof buf);
        assert_true(strtod(buf, NULL) == values[i]);
    }
    ind_format_double(2.1, buf, sizeof buf);
    assert_string_equal(buf, "2.1");
    int fmt;
    assert_int_equal(ind_format_parse("markdown", (ind_format *)&fmt), 0);
    assert_int_equal(ind_format_parse("xml", (ind_format *)&fmt), -1);
}

/* The printf-free fast path must agree with the plain "shortest of %.15g..%.17g" rule. */
static void fast_formatting_matches_printf(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ull; /* xorshift64: a fixed, portable sequence */
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double mantissa = (double)(x >> 11) / 9007199254740992.0;
        int scale = (int)(x % 27) - 8;
        double v = (mantissa + 0.1) * pow(10.0, scale) * (x & 1024 ? -1 : 1);
        if (i % 3 == 0) /* values with few digits, as read from files */
            v = round(v * 1000) / 1000;
        char fast[32], slow[32];
        ind_format_double(v, fast, sizeof fast);
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(slow, sizeof slow, "%.*g", prec, v);
            if (strtod(slow, NULL) == v)
                break;
        }
        if (strtod(fast, NULL) != v)
            fail_msg("%.17g printed as %s", v, fast);
        if (strtod(fast, NULL) != strtod(slow, NULL) || strlen(fast) > strlen(slow) + 1)
            fail_msg("%.17g printed as %s, printf gives %s", v, fast, slow);
    }
}

/* Rows made in batches and appended in order give the same text as rows added directly. */
static char *render_in_batches(ind_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ind_table *t = ind_table_new(cols, 2, fmt, out);
    ind_table *first = ind_table_new_batch(t), *second = ind_table_new_batch(t);
    ind_table_text(second, "China, \"all\"");
    ind_table_note(second, "needs positive values");
    ind_table_end_row(second);
    ind_table_text(first, "漯河市");
    ind_table_number(first, 22.6041);
    ind_table_end_row(first);
    assert_int_equal(ind_table_append(t, first), IND_OK);
    assert_int_equal(ind_table_append(t, second), IND_OK);
    assert_int_equal(ind_table_finish(t), IND_OK);
    fclose(out);
    return buf;
}

static void batches_append_in_order(void **state)
{
    (void)state;
    ind_format formats[] = {IND_FORMAT_TABLE, IND_FORMAT_CSV, IND_FORMAT_JSON, IND_FORMAT_MD};
    for (size_t i = 0; i < 4; i++) {
        char *direct = render(formats[i]), *batched = render_in_batches(formats[i]);
        assert_string_equal(batched, direct);
        free(direct);
        free(batched);
    }
}

/* Text for a terminal: control characters and stray bytes visible, everything else as it is. */
static void escapes_text_for_terminals(void **state)
{
    (void)state;
    char buf[128];
    assert_int_equal(ind_text_escape("a\nb\tc\rd", buf, sizeof buf), 10);
    assert_string_equal(buf, "a\\nb\\tc\\rd");
    ind_text_escape("\x1b]0;pwned\x07\x1b[2J\x7f", buf, sizeof buf);
    assert_string_equal(buf, "\\x1b]0;pwned\\x07\\x1b[2J\\x7f");
    ind_text_escape("\xc2\x9b" "2J \xc2\xa0 \xe4\xb8\xad \xff", buf, sizeof buf); /* CSI, NBSP, 中 */
    assert_string_equal(buf, "\\u009b2J \xc2\xa0 \xe4\xb8\xad \\xff");
    assert_false(ind_text_has_control("R&D 研发 \\ x"));
    assert_true(ind_text_has_control("a\xc2\x85"));
    /* like snprintf: cut to fit, the full length returned */
    assert_int_equal(ind_text_escape("\x1b\x1b", buf, 4), 8);
    assert_string_equal(buf, "\\x1");
}

/* Table cells are escaped (a name reaching a terminal), CSV cells are data and stay as they are. */
static void table_cells_escaped_csv_kept(void **state)
{
    (void)state;
    static const ind_column name_col[] = {{"name", IND_COL_TEXT, 0}};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ind_table *t = ind_table_new(name_col, 1, IND_FORMAT_TABLE, f);
    ind_table_text(t, "x\x1b[2Jy");
    ind_table_end_row(t);
    assert_int_equal(ind_table_finish(t), IND_OK);
    fclose(f);
    assert_string_equal(text, "name\n---------\nx\\x1b[2Jy\n");
    free(text);
    f = open_memstream(&text, &len);
    t = ind_table_new(name_col, 1, IND_FORMAT_CSV, f);
    ind_table_text(t, "=1+1");
    ind_table_end_row(t);
    ind_table_text(t, "-2.5");
    ind_table_end_row(t);
    assert_int_equal(ind_table_finish(t), IND_OK);
    fclose(f);
    assert_string_equal(text, "name\n\"'=1+1\"\n-2.5\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_aligns_by_display_width),
        cmocka_unit_test(csv_quotes_and_keeps_precision),
        cmocka_unit_test(json_has_null_for_notes),
        cmocka_unit_test(markdown_right_aligns_numbers),
        cmocka_unit_test(display_width_counts_cjk_twice),
        cmocka_unit_test(doubles_round_trip),
        cmocka_unit_test(fast_formatting_matches_printf),
        cmocka_unit_test(batches_append_in_order),
        cmocka_unit_test(escapes_text_for_terminals),
        cmocka_unit_test(table_cells_escaped_csv_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
