/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inspect.c - `indicators inspect FILE`: how a file was read (shape,
 * encoding, delimiter, rows) and, per series, its name, entity, unit,
 * frequency, first and last period, observations, gaps and missing values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

static const char about[] =
    "Show how FILE is read: the detected shape, encoding, delimiter and header\n"
    "line, how many rows were used or skipped, and for each series its name,\n"
    "entity, unit, frequency, first and last period, observations, gaps (periods\n"
    "with no value between the first and last) and missing values (cells present\n"
    "but empty or marked NA, N/A, .., -, null, NaN, #N/A).\n"
    "\n"
    "How a file is read (override with the input options below):\n"
    "  layout     several header cells are periods (1960, 2023Q1 ...) -> wide-period\n"
    "             (World Bank downloads, with or without their metadata lines);\n"
    "             a period and a value column -> long; a period column and other\n"
    "             columns -> wide-series, one series per column\n"
    "  units      a unit column, a trailing \"(%)\" or \"（亿元）\" in a header or\n"
    "             indicator name, or a % sign after the values\n"
    "  values     1234.5, 1,234.5 (thousands separators), -3, 2.5%, 1e6\n"
    "  encoding   UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030\n"
    "  skipped    blank rows, metadata lines before the header, footnotes after\n"
    "             the data (注：..., 数据来源：..., Source: ...)\n"
    "  errors     a bad cell stops the load with FILE:LINE:COLUMN and the reason\n";

typedef struct inspect_args {
    cli_common c; /* --format (of the series list) and the input options */
} inspect_args;

static const cli_group inspect_options = {"Options:", NULL, 0, NULL, NULL};
static const cli_command_spec inspect_spec = {
    .name = "inspect",
    .usage = "[OPTIONS] FILE",
    .about = about,
    .groups = (const cli_group *const[]){
        &inspect_options, &cli_format_option, &cli_output_option, &cli_input_options, NULL,
    },
    .one_file = true,
};

static const ind_column columns[] = {
    {"series", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"entity", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"unit", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"frequency", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"first", IND_COL_TEXT, 0, IND_UNIT_PLAIN},          {"last", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"observations", IND_COL_NUMBER, 0, IND_UNIT_COUNT},
    {"gaps", IND_COL_NUMBER, 0, IND_UNIT_COUNT},
    {"missing", IND_COL_NUMBER, 0, IND_UNIT_COUNT},
};

/* A workbook's sheets, each with its used range: "'Data' A1:F20 (read), 'Notes' empty". */
static void print_sheets(const char *path, const char *read)
{
    ind_sheet_info *sheets = NULL;
    size_t n = 0;
    ind_error err;
    if (ind_workbook_sheets(path, &sheets, &n, &err) != IND_OK)
        return; /* it was just read: nothing new to say */
    printf("sheets:     ");
    for (size_t i = 0; i < n; i++) {
        cli_fprintf(stdout, "%s'%s' %s%s%s", i ? ", " : "", sheets[i].name,
                   sheets[i].chart ? "chart" : sheets[i].range[0] ? sheets[i].range : "empty",
                   sheets[i].hidden ? " hidden" : "",
                   strcmp(sheets[i].name, read) == 0 ? " (read)" : "");
    }
    printf("\n");
    free(sheets);
}

/* Whether growth, forecast and backtest can hold one series at a time, or why not. */
static void print_streaming(const char *path, const ind_load_info *info)
{
    if (!info->grouped)
        cli_fprintf(stdout,
                    "streaming:  no: %s: growth, forecast and backtest read it as a whole\n",
                    info->stream_note);
    else if (strcmp(path, "-") == 0 && info->shape != IND_SHAPE_WIDE_PERIOD)
        printf("streaming:  with --sorted only (standard input cannot be read twice)\n");
    else
        printf("streaming:  yes: the rows of each series are together, so growth, forecast and "
               "backtest hold one series at a time\n");
}

static void print_summary(const char *path, const ind_load_info *info, size_t nseries)
{
    char delim[8];
    const char *line = info->sheet[0] ? "row" : "line";
    if (info->delimiter == '\t')
        strcpy(delim, "tab");
    else
        snprintf(delim, sizeof delim, "'%c'", info->delimiter);
    cli_fprintf(stdout, "file:       %s\n", path);
    if (info->sheet[0]) {
        cli_fprintf(stdout, "sheet:      %s\n", info->sheet);
        print_sheets(path, info->sheet);
    }
    printf("shape:      %s\n", ind_shape_name(info->shape));
    if (!info->sheet[0]) {
        printf("encoding:   %s\n", info->encoding);
        printf("delimiter:  %s\n", delim);
    }
    if (info->header_rows > 1) /* a row of groups above a row of periods or labels */
        printf("header:     %ss %zu-%zu", line, info->header_line,
               info->header_line + info->header_rows - 1);
    else
        printf("header:     %s %zu", line, info->header_line);
    if (info->preamble_lines)
        printf(" (%zu preamble %ss skipped)", info->preamble_lines, line);
    printf("\nrows:       %zu (%zu blank skipped", info->rows, info->blank_rows);
    if (info->notes)
        printf(", %zu footnotes skipped", info->notes);
    printf(")\n");
    printf("values:     %zu used, %zu missing\n", info->values, info->missing);
    printf("series:     %zu", nseries);
    if (info->renamed)
        printf(" (%zu with control characters in the name or entity, made spaces)",
               info->renamed);
    if (info->split_by_frequency)
        printf(" (%zu for an indicator's values at a second frequency: NAME (half-yearly) ...)",
               info->split_by_frequency);
    printf("\n");
    print_streaming(path, info);
    printf("\n");
}

static ind_status series_row(ind_table *t, const ind_series *s, ind_lang lang)
{
    char first[IND_PERIOD_TEXT_MAX] = "", last[IND_PERIOD_TEXT_MAX] = "";
    if (s->n) {
        ind_period_format(ind_series_period(s, 0), first, sizeof first);
        ind_period_format(ind_series_period(s, s->n - 1), last, sizeof last);
    }
    ind_table_text(t, s->name);
    ind_table_text(t, s->entity);
    ind_table_text(t, s->unit);
    ind_table_text(t, ind_label(ind_freq_name(s->freq), lang));
    ind_table_text(t, first);
    ind_table_text(t, last);
    ind_table_number(t, (double)s->n);
    ind_table_number(t, (double)ind_series_gaps(s));
    ind_table_number(t, (double)s->n_missing);
    return ind_table_end_row(t);
}

int cli_inspect(int argc, char **argv)
{
    inspect_args a;
    cli_common_init(&a.c);
    int status = cli_parse(&inspect_spec, argc, argv, &a);
    if (status != CLI_RUN)
        return status;

    const char *path = a.c.files[0];
    ind_format fmt = a.c.fmt;
    ind_dataset *ds = NULL;
    ind_load_info info;
    status = cli_load(path, &a.c.load, NULL, &ds, &info);
    if (status != EXIT_OK)
        return status;
    if (fmt == IND_FORMAT_TABLE)
        print_summary(path, &info, ind_dataset_count(ds));
    ind_table *t = cli_table_new(&a.c, columns, sizeof columns / sizeof columns[0], stdout, "inspect");
    for (size_t i = 0; t && i < ind_dataset_count(ds); i++)
        series_row(t, ind_dataset_at(ds, i), (ind_lang)a.c.lang);
    status = t ? cli_table_finish(t, stdout) : EXIT_DATA;
    ind_dataset_free(ds);
    return status;
}
