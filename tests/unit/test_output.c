/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the table, CSV, JSON and Markdown writers (src/lib/output.c). */
#include "test.h"

#include "indicators/output.h"

static const ind_column cols[] = {
    {"entity", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"cagr_pct", IND_COL_NUMBER, 1, IND_UNIT_PLAIN},
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
    static const ind_column name_col[] = {{"name", IND_COL_TEXT, 0, IND_UNIT_PLAIN}};
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

/* Rows with float noise and undefined figures, written with opt (caller frees). */
static char *render_with(ind_format fmt, const ind_table_options *opt)
{
    static const ind_column figures[] = {
        {"entity", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
        {"pp", IND_COL_NUMBER, 2, IND_UNIT_PLAIN},
        {"yoy_pct", IND_COL_NUMBER, 1, IND_UNIT_PLAIN},
        {"h", IND_COL_NUMBER, 0, IND_UNIT_PLAIN},
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ind_table *t = ind_table_new_with(figures, 4, fmt, opt, out);
    ind_table_text(t, "Luohe");
    ind_table_number(t, 2.1 - 1.14); /* 0.9600000000000002 */
    ind_table_note(t, "no value a year earlier (2022)");
    ind_table_number(t, 12);
    ind_table_end_row(t);
    ind_table_text(t, "China");
    ind_table_note(t, "not a % indicator");
    ind_table_number(t, 1.4880952380952381);
    ind_table_number(t, 3);
    ind_table_end_row(t);
    ind_table_text(t, "Henan");
    ind_table_number(t, -0.0001);
    ind_table_note(t, "no value a year earlier (2022)");
    ind_table_number(t, 1234567);
    ind_table_end_row(t);
    assert_int_equal(ind_table_finish(t), IND_OK);
    fclose(out);
    return buf;
}

/* 15 significant digits by default; every digit with exact; a BOM first with bom. */
static void csv_rounds_float_noise_unless_exact(void **state)
{
    (void)state;
    ind_table_options opt;
    ind_table_options_init(&opt);
    char *text = render_with(IND_FORMAT_CSV, &opt);
    assert_string_equal(text, "entity,pp,yoy_pct,h\nLuohe,0.96,,12\nChina,,1.48809523809524,3\n"
                              "Henan,-0.0001,,1234567\n");
    free(text);
    opt.exact = true;
    opt.bom = true;
    text = render_with(IND_FORMAT_CSV, &opt);
    assert_string_equal(text, "\xEF\xBB\xBF" "entity,pp,yoy_pct,h\nLuohe,0.9600000000000002,,12\n"
                              "China,,1.4880952380952381,3\nHenan,-0.0001,,1234567\n");
    free(text);
    opt.exact = false;
    text = render_with(IND_FORMAT_JSON, &opt); /* no BOM in JSON */
    assert_non_null(strstr(text, "[\n  {\"entity\": \"Luohe\", \"pp\": 0.96, \"yoy_pct\": null"));
    free(text);
}

/* notes_below: [k] in the cells, one number per distinct reason, listed under the table. */
static void notes_are_numbered_below(void **state)
{
    (void)state;
    ind_table_options opt;
    ind_table_options_init(&opt);
    opt.notes_below = true;
    opt.digits = 3;
    char *text = render_with(IND_FORMAT_TABLE, &opt);
    assert_string_equal(text, "entity       pp  yoy_pct        h\n"
                              "------  -------  -------  -------\n"
                              "Luohe      0.96      [1]       12\n"
                              "China       [2]     1.49        3\n"
                              "Henan   -0.0001      [1]  1234567\n"
                              "\n"
                              "Notes:\n"
                              "[1] no value a year earlier (2022)\n"
                              "[2] not a % indicator\n");
    free(text);
    opt.notes_title = "注：";
    opt.digits = 0;
    text = render_with(IND_FORMAT_MD, &opt);
    assert_string_equal(text, "| entity | pp | yoy_pct | h |\n|---|---:|---:|---:|\n"
                              "| Luohe | 0.96 | [1] | 12 |\n| China | [2] | 1.5 | 3 |\n"
                              "| Henan | 0.00 | [1] | 1234567 |\n\n注：\n\n"
                              "1. no value a year earlier (2022)\n2. not a % indicator\n");
    free(text);
}

/* Significant digits against Python's '%.{n}g' (rounding, trailing zeros, no exponent). */
static void significant_digits(void **state)
{
    (void)state;
    static const struct {
        double v;
        int digits;
        bool trim;
        const char *want;
    } cases[] = {
        {0.9600000000000002, 15, true, "0.96"},     /* '%.15g' % 0.9600000000000002 */
        {22.585230441425363, 15, true, "22.5852304414254"},
        {0.1 + 0.2, 15, true, "0.3"},
        {9.996, 3, true, "10"},                       /* rounds up a decade */
        {9.996, 3, false, "10.0"},
        {2.1, 3, false, "2.10"},
        {1234567, 3, true, "1234567"},                /* whole-number digits kept */
        {0.000123456, 3, true, "0.000123"},
        {-0.00004, 3, true, "-4e-05"},                /* below 1e-4: '%.3g' */
        {1e20, 15, true, "1e+20"},
        {-0.0004, 1, true, "-0.0004"},
        {-1e-300 * 1e-300, 15, true, "0"},            /* -0.0 */
        {123456789012.5, 15, true, "123456789012.5"},
        {99999.95, 6, true, "99999.9"},               /* 99999.949999999997 */
        {99999.96, 6, true, "100000"},
        {123456789012345.5, 15, true, "123456789012346"}, /* a tie: printf's half to even */
        {123456789012344.5, 15, true, "123456789012344"},
        {999999999999999.9, 15, true, "1000000000000000"}, /* rounds up past 1e15 */
        {0.125, 2, true, "0.12"},                            /* '%.2f' % 0.125 */
        {2.5, 1, true, "2"},
        {0.00012, 15, false, "0.000120000000000000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[40];
        ind_format_significant(cases[i].v, cases[i].digits, cases[i].trim, buf, sizeof buf);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("%.17g with %d digits: '%s', expected '%s'", cases[i].v, cases[i].digits,
                     buf, cases[i].want);
    }
}

/* The rule ind_format_significant follows, by printf alone (as it was before its fast path). */
static void significant_by_printf(double v, int digits, bool trim, char *buf, size_t n)
{
    if (fabs(v) != 0 && (fabs(v) < 1e-4 || fabs(v) >= 1e15)) {
        snprintf(buf, n, "%.*g", digits, v);
        return;
    }
    char e_text[40];
    snprintf(e_text, sizeof e_text, "%.*e", digits - 1, v);
    int e = atoi(strchr(e_text, 'e') + 1);
    snprintf(buf, n, "%.*f", digits - 1 - e > 0 ? digits - 1 - e : 0, v);
    if (trim && strchr(buf, '.')) {
        char *end = buf + strlen(buf);
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            *--end = '\0';
    }
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
}

/* The printf-free path of ind_format_significant gives printf's text, digit for digit. */
static void significant_matches_printf(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 300000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double mantissa = (double)(x >> 11) / 9007199254740992.0;
        int scale = (int)(x % 23) - 6;
        double v = (mantissa + 0.1) * pow(10.0, scale) * (x & 1024 ? -1 : 1);
        if (i % 4 == 1) /* few digits, as read from files */
            v = round(v * 1000) / 1000;
        if (i % 4 == 2) /* halves: ties at the last digit kept */
            v = round(v) + 0.5;
        if (i % 4 == 3) /* next to a power of ten */
            v = nextafter(pow(10.0, scale), x & 2048 ? 0 : 1e300);
        int digits = i % 2 ? 15 : 1 + (int)((x >> 20) % 17);
        bool trim = (x >> 30) & 1;
        char fast[48], slow[48];
        ind_format_significant(v, digits, trim, fast, sizeof fast);
        significant_by_printf(v, digits, trim, slow, sizeof slow);
        if (strcmp(fast, slow) != 0)
            fail_msg("%.17g, %d digits: '%s', printf gives '%s'", v, digits, fast, slow);
    }
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
        cmocka_unit_test(csv_rounds_float_noise_unless_exact),
        cmocka_unit_test(notes_are_numbered_below),
        cmocka_unit_test(significant_digits),
        cmocka_unit_test(significant_matches_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
