/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gen-xlsxwriter.c - writes tests/data/xlsx/xlsxwriter-quarterly.xlsx with
 * libxlsxwriter, the second of the three writers the workbook tests use
 * (tests/xlsx/make-fixtures builds and runs it). In constant-memory mode, so
 * strings are inline strings (<is>), not shared ones; a Chinese sheet name
 * after an empty first sheet; a title merged across the table; an indicator
 * name merged down over its rows; formulas with their cached results; a
 * percent format; error values; and an Excel date column.
 *
 * usage: gen-xlsxwriter OUT.xlsx
 */
#include <stdio.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen-xlsxwriter OUT.xlsx\n");
        return 2;
    }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[1], &options);
    workbook_add_worksheet(wb, "封面"); /* empty: the default sheet is the next one */
    lxw_worksheet *ws = workbook_add_worksheet(wb, "季度数据");
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.0%");
    lxw_format *month = workbook_add_format(wb);
    format_set_num_format(month, "yyyy\"年\"m\"月\"");

    worksheet_merge_range(ws, 0, 0, 0, 6, "表3 分季度研发经费（亿元）", NULL);
    const char *header[] = {"指标", "地区", "2023Q1", "2023Q2", "2023Q3", "2023Q4", "备注"};
    for (int c = 0; c < 7; c++)
        worksheet_write_string(ws, 1, (lxw_col_t)c, header[c], NULL);
    /* the indicator merged down over its two rows, as statistical tables have it */
    worksheet_merge_range(ws, 2, 0, 3, 0, "研发经费", NULL);
    /* 甲市: numbers, the last one a formula with its cached value */
    worksheet_write_string(ws, 2, 1, "甲市", NULL);
    worksheet_write_number(ws, 2, 2, 10.5, NULL);
    worksheet_write_number(ws, 2, 3, 11.25, NULL);
    worksheet_write_number(ws, 2, 4, 12, NULL);
    worksheet_write_formula_num(ws, 2, 5, "=E3+1.5", NULL, 13.5);
    worksheet_write_string(ws, 2, 6, "=合计", NULL); /* a note that looks like a formula */
    /* 乙市: an error value (missing), a formula's cached value */
    worksheet_write_string(ws, 3, 1, "乙市", NULL);
    worksheet_write_number(ws, 3, 2, 5, NULL);
    worksheet_write_formula_str(ws, 3, 3, "=NA()", NULL, "#N/A");
    worksheet_write_formula_num(ws, 3, 4, "=C4*2", NULL, 10);
    worksheet_write_number(ws, 3, 5, 10.75, NULL);
    worksheet_write_string(ws, 4, 0, "注：乙市第二季度数据暂缺。", NULL);

    /* a long sheet: dates as Excel serials with a year-month format, percent values */
    lxw_worksheet *ls = workbook_add_worksheet(wb, "月度");
    worksheet_write_string(ls, 0, 0, "指标", NULL);
    worksheet_write_string(ls, 0, 1, "月份", NULL);
    worksheet_write_string(ls, 0, 2, "数值", NULL);
    double rates[] = {0.021, 0.0185, 0.0, 0.0215};
    for (int i = 0; i < 4; i++) {
        lxw_datetime dt = {2024, i + 1, 1, 0, 0, 0};
        worksheet_write_string(ls, (lxw_row_t)(i + 1), 0, "增长率", NULL);
        worksheet_write_datetime(ls, (lxw_row_t)(i + 1), 1, &dt, month);
        if (i == 2)
            worksheet_write_formula_str(ls, (lxw_row_t)(i + 1), 2, "=1/0", NULL, "#DIV/0!");
        else
            worksheet_write_number(ls, (lxw_row_t)(i + 1), 2, rates[i], pct);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
