/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_table_read.c - the table of named columns (src/lib/table_read.h)
 * under the targets and claims files: names and aliases, blank rows,
 * errors at FILE:LINE:COL for CSV and at the cell for a workbook
 * (tests/bad/xlsx-targets-bad-op.xlsx, made by tests/xlsx/make-fixtures).
 */
#include "test.h"

#include "table_read.h"

enum { C_NAME, C_AREA, C_GOAL, NCOLS };
static const tbl_column cols[NCOLS] = {
    {"name", "指标|指标名称", true},
    {"area", "地区", false},
    {"goal", NULL, true},
};

/* What the rows gave: "cell|cell|cell@line:col,col,col;" per row. */
typedef struct seen {
    char text[1024];
    int starts;
} seen;

static void on_start(void *ctx)
{
    seen *s = ctx;
    s->text[0] = '\0';
    s->starts++;
}

static ind_status on_row(void *ctx, tbl_row *r)
{
    seen *s = ctx;
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "%s|%s|%s@%zu:%zu,%zu,%zu;", r->cell[0],
             r->cell[1], r->cell[2], r->first_line, r->col[0], r->col[1], r->col[2]);
    if (strcmp(r->cell[C_GOAL], "bad") == 0) {
        tbl_fail(r, C_GOAL, IND_E_VALUE, "goal '%s'", r->cell[C_GOAL]);
        tbl_fail(r, C_NAME, IND_E_VALUE, "a second error is not kept");
    }
    if (strcmp(r->cell[C_GOAL], "noarea") == 0)
        tbl_fail(r, C_AREA, IND_E_VALUE, "no area");
    return IND_OK;
}

static ind_status read_text(const char *text, seen *s, ind_error *err)
{
    memset(s, 0, sizeof *s);
    ind_error_clear(err);
    tbl_spec spec = {cols, NCOLS, "goals", on_start, on_row, s};
    return tbl_read_buffer(text, strlen(text), "t.csv", &spec, err);
}

static void maps_names_and_aliases(void **state)
{
    (void)state;
    seen s;
    ind_error err;
    /* any order, ASCII case and spaces ignored, a Chinese alias; blank rows skipped */
    assert_int_equal(read_text("\n GOAL ,指标名称\n,\n7,gdp\n\n8,\"rd, all\"\n", &s, &err), IND_OK);
    assert_int_equal(s.starts, 1);
    assert_string_equal(s.text, "gdp||7@4:2,0,1;rd, all||8@6:2,0,1;");
    assert_int_equal(read_text("name,地区,goal\ngdp,Luohe,7\n", &s, &err), IND_OK);
    assert_string_equal(s.text, "gdp|Luohe|7@2:1,2,3;");
}

static void reports_errors_where_they_are(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long line, col;
        const char *message;
    } bad[] = {
        {"name,goal,note\n", 1, 3,
         "unknown column 'note'; the columns are name, area, goal"},
        {"name,goal,指标\n", 1, 3, "column '指标' appears twice"},
        {"name,area\n", 1, 0, "the header has no 'goal' column (needs name and goal)"},
        {"", 0, 0, "empty file: expected the header name,area,goal"},
        {"\n,,\n", 0, 0, "empty file: expected the header name,area,goal"},
        {"name,goal\n\n", 1, 0, "no goals after the header"},
        {"name,goal\ngdp\n", 2, 2, "this row has 1 fields, the header 2"},
        {"name,goal\ngdp,7,x\n", 2, 3, "this row has 3 fields, the header 2"},
        {"name,goal\ngdp,7\ngdp,bad\n", 3, 2, "goal 'bad'"},
        {"name,goal\ngdp,noarea\n", 2, 0, "no area"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        seen s;
        ind_error err;
        assert_int_not_equal(read_text(bad[i].text, &s, &err), IND_OK);
        if (err.line != bad[i].line || err.col != bad[i].col ||
            strcmp(err.message, bad[i].message) != 0 || strcmp(err.path, "t.csv") != 0)
            fail_msg("case %zu: %s:%ld:%ld: %s", i, err.path, err.line, err.col, err.message);
    }
}

/* The fixture's header is 指标,地区,比较,目标值,目标年份; C3 holds '>'. */
static const tbl_column target_cols[] = {
    {"series", "指标", true}, {"entity", "地区", false}, {"op", "比较", true},
    {"goal", "目标值", true}, {"year", "目标年份", true},
};

static ind_status check_op(void *ctx, tbl_row *r)
{
    seen *s = ctx;
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "%s %s %s %s;", r->cell[0], r->cell[2],
             r->cell[3], r->cell[4]);
    if (strcmp(r->cell[2], ">=") != 0)
        return tbl_fail(r, 2, IND_E_VALUE, "op '%s'", r->cell[2]);
    return IND_OK;
}

static void names_the_cell_of_a_workbook(void **state)
{
    (void)state;
    static const char path[] = "tests/bad/xlsx-targets-bad-op.xlsx";
    seen s;
    memset(&s, 0, sizeof s);
    ind_error err;
    ind_error_clear(&err);
    tbl_spec spec = {target_cols, 5, "targets", NULL, check_op, &s};
    assert_int_equal(tbl_read_file(path, NULL, &spec, &err), IND_E_VALUE);
    /* the first row read with its numbers as stored, the second stopped at C3 */
    assert_string_equal(s.text, "rd_intensity >= 2.8 2025;rd_intensity > 2.5 2025;");
    assert_string_equal(err.path, "tests/bad/xlsx-targets-bad-op.xlsx:Sheet1!C3");
    assert_string_equal(err.message, "op '>'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(maps_names_and_aliases),
        cmocka_unit_test(reports_errors_where_they_are),
        cmocka_unit_test(names_the_cell_of_a_workbook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
