/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the CSV loader (src/lib/load.c, number.c, encoding.c).
 *
 * Reference values of the World Bank file were read from it with Python's
 * csv module (utf-8-sig): 248 rows, 1744 non-empty cells of 1960-2015,
 * China 1996 0.56513 ... 2013 2.01466 (18 values), China 2010 1.7272.
 */
#include "test.h"

#include <gsl/gsl_errno.h>
#include <unistd.h>

#include "indicators/load.h"

#define WB_FILE "datasets/worldbank-rd-intensity.csv"

static ind_dataset *load_text(const char *text, size_t len, const ind_load_options *opt,
                              ind_load_info *info)
{
    ind_dataset *ds = NULL;
    ind_error err;
    ind_status st = ind_load_buffer(text, len, "data/test.csv", opt, &ds, info, &err);
    if (st != IND_OK)
        fail_msg("load failed: %s:%ld:%ld: %s", err.path, err.line, err.col, err.message);
    assert_non_null(ds);
    return ds;
}

static ind_dataset *load_str(const char *text, const ind_load_options *opt, ind_load_info *info)
{
    return load_text(text, strlen(text), opt, info);
}

static ind_series *series(ind_dataset *ds, const char *name, const char *entity)
{
    ind_series *s = ind_dataset_find(ds, name, entity);
    if (!s)
        fail_msg("no series '%s' [%s]", name, entity ? entity : "");
    return s;
}

static double value_at(const ind_series *s, ind_period p)
{
    long i = ind_series_find(s, p.ord);
    if (i < 0 || s->freq != p.freq)
        fail_msg("series '%s' has no value at ordinal %d", s->name, (int)p.ord);
    return s->value[i];
}

static ind_period year(int y)
{
    return ind_period_make(IND_FREQ_YEAR, y, 1);
}

/* ------------------------------------------------------------- numbers */

typedef struct good_cell {
    const char *text;
    double value;
    int percent;
} good_cell;

static void parses_numbers(void **state)
{
    (void)state;
    static const good_cell cells[] = {
        {"0", 0, 0},
        {"1.14", 1.14, 0},
        {"-2.5", -2.5, 0},
        {"+3", 3, 0},
        {"9,084", 9084, 0},
        {"1,234,567.5", 1234567.5, 0},
        {"-1,000", -1000, 0},
        {" 42 ", 42, 0},
        {"\xc2\xa0"
         "7\xe3\x80\x80",
         7, 0}, /* NBSP and U+3000 around */
        {"2.5%", 2.5, 1},
        {"2.5 %", 2.5, 1},
        {"2.5\xef\xbc\x85", 2.5, 1}, /* full-width percent sign */
        {".5", 0.5, 0},
        {"5.", 5, 0},
        {"1e3", 1000, 0},
        {"1.5E-2", 0.015, 0},
        {"0.00612598702116020", 0.0061259870211602, 0},
        {"13894817110824.1", 13894817110824.1, 0},
        {"12345678901234567890", 12345678901234567890.0, 0},
        {"0.1234567890123456789", 0.1234567890123456789, 0},
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        double v = -999;
        int pct = -1;
        size_t bad = 0;
        int rc = ind_parse_value(cells[i].text, strlen(cells[i].text), &v, &pct, &bad);
        if (rc != 0 || v != cells[i].value || pct != cells[i].percent)
            fail_msg("'%s': rc %d value %.17g percent %d", cells[i].text, rc, v, pct);
    }
}

static void recognises_missing_markers(void **state)
{
    (void)state;
    static const char *const cells[] = {
        "",     "  ",  "NA",  "na",           "N/A",          "n/a",
        "..",   "...", "-",   "\xe2\x80\x94", "\xe2\x80\x93", "null",
        "NULL", "NaN", "nan", "#N/A",         " NA "};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        double v;
        int pct;
        size_t bad;
        if (ind_parse_value(cells[i], strlen(cells[i]), &v, &pct, &bad) != 1)
            fail_msg("'%s' is not taken as missing", cells[i]);
    }
}

typedef struct bad_cell {
    const char *text;
    size_t bad; /* offset of the offending byte; the length when out of range */
} bad_cell;

static void rejects_non_numbers(void **state)
{
    (void)state;
    static const bad_cell cells[] = {
        {"1.2.3", 3},  {"12abc", 2}, {"inf", 0},      {"infinity", 0}, {"1e999", 5},
        {"-1e999", 6}, {"1,2,3", 3}, {"1234,567", 4}, {",5", 0},       {"1,23", 1},
        {"1,", 1},     {"0x10", 1},  {"--5", 1},      {"5%%", 2},      {"12e", 2},
        {"1 000", 2},  {"abc", 0},   {"+", 1},        {"1e-400", 6},
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        double v;
        int pct;
        size_t bad = 99;
        int rc = ind_parse_value(cells[i].text, strlen(cells[i].text), &v, &pct, &bad);
        if (rc != -1 || bad != cells[i].bad)
            fail_msg("'%s': rc %d, bad offset %zu (expected -1, %zu)", cells[i].text, rc, bad,
                     cells[i].bad);
    }
}

/* The fast path must give strtod's result bit for bit. */
static void fast_path_equals_strtod(void **state)
{
    (void)state;
    unsigned long x = 88172645463325252ul; /* xorshift, fixed seed */
    char text[64];
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int digits = 1 + (int)(x % 17), point = (int)((x >> 8) % (unsigned long)(digits + 1));
        size_t k = 0;
        if ((x >> 20) & 1)
            text[k++] = '-';
        unsigned long y = x >> 24;
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0)
                text[k++] = '.';
            text[k++] = (char)('0' + (d == 0 && (x >> 22) % 3 ? 0 : y % 10));
            y = y / 10 ? y / 10 : x * 2654435761ul + (unsigned long)d;
        }
        text[k] = '\0';
        double v, want = strtod(text, NULL);
        int pct;
        size_t bad;
        if (ind_parse_value(text, k, &v, &pct, &bad) != 0 || memcmp(&v, &want, sizeof v) != 0)
            fail_msg("'%s': %.17g, strtod %.17g", text, v, want);
    }
}

/* -------------------------------------------------------------- shapes */

static void loads_long_file(void **state)
{
    (void)state;
    const char *text = "series,entity,period,value,unit,note\n"
                       "rd_intensity,Luohe,2019,1.02,%,estimate\n"
                       "rd_intensity,Luohe,2020,1.14,%,\n"
                       "gdp,Luohe,2020,\"1,573.9\",亿元,\n"
                       "gdp,Luohe,2021,NA,亿元,not yet published\n"
                       "rd_intensity,Henan,2020,1.64,%,\n";
    ind_load_info info;
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_LONG);
    assert_string_equal(info.encoding, "UTF-8");
    assert_int_equal(info.delimiter, ',');
    assert_int_equal(info.header_line, 1);
    assert_int_equal(info.rows, 5);
    assert_int_equal(info.values, 4);
    assert_int_equal(info.missing, 1);
    assert_int_equal(ind_dataset_count(ds), 3);
    ind_series *rd = series(ds, "rd_intensity", "Luohe");
    assert_int_equal(rd->n, 2);
    assert_true(value_at(rd, year(2020)) == 1.14);
    assert_string_equal(rd->unit, "%");
    assert_true(ind_series_is_percent(rd));
    ind_series *gdp = series(ds, "gdp", "Luohe");
    assert_true(value_at(gdp, year(2020)) == 1573.9);
    assert_int_equal(gdp->n_missing, 1);
    assert_string_equal(gdp->unit, "亿元");
    ind_dataset_free(ds);
}

/* 600 distinct months, more than the loader's memo of period texts holds: each row's period
   is its own (ord 1950 * 12 + i for the i-th month, the value i), with two spellings. */
static void reads_many_distinct_periods(void **state)
{
    (void)state;
    size_t cap = 64 * 1200, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "series,entity,period,value\n");
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 600; i++)
            len += (size_t)snprintf(text + len, cap - len,
                                    k ? "b,X,%dM%02d,%d\n" : "a,X,%d-%02d,%d\n", 1950 + i / 12,
                                    i % 12 + 1, i + 1000 * k);
    ind_dataset *ds = load_text(text, len, NULL, NULL);
    for (int k = 0; k < 2; k++) {
        ind_series *s = series(ds, k ? "b" : "a", "X");
        assert_int_equal(s->n, 600);
        for (int i = 0; i < 600; i++) {
            assert_int_equal(s->ord[i], 1950 * 12 + i);
            assert_true(s->value[i] == i + 1000 * k);
        }
    }
    ind_dataset_free(ds);
    free(text);
}

static void loads_chinese_long_header(void **state)
{
    (void)state;
    const char *text = "指标名称,地区,时间,数值,单位,备注\n"
                       "研发投入强度,漯河,2023年,1.52,%,\n"
                       "研发投入强度,漯河,2024年上半年,0.7,%,半年\n";
    ind_load_info info;
    /* a half-year after a year in one indicator: two series (frequencies_split tests it) */
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_true(value_at(series(ds, "研发投入强度 (half-yearly)", "漯河"),
                         ind_period_make(IND_FREQ_HALF, 2024, 1)) == 0.7);
    ind_dataset_free(ds);
    text = "指标名称,地区,年份,数值,单位\n"
           "研发投入强度,漯河,2022年,1.38,%\n"
           "研发投入强度,漯河,2023年,1.52,%\n";
    ds = load_str(text, NULL, &info);
    ind_series *s = series(ds, "研发投入强度", "漯河");
    assert_int_equal(s->n, 2);
    assert_true(value_at(s, year(2023)) == 1.52);
    assert_string_equal(s->label, "");
    ind_dataset_free(ds);
    /* a label column names the indicator for charts (its first non-empty cell) */
    text = "series,entity,year,value,unit,label\n"
           "rd_intensity,Luohe,2020,1.14,%,\n"
           "rd_intensity,Luohe,2023,2.1,%,R&D经费投入强度\n"
           "rd_intensity,Henan,2023,2.05,%,研发投入强度\n";
    ds = load_str(text, NULL, &info);
    assert_string_equal(series(ds, "rd_intensity", "Luohe")->label, "R&D经费投入强度");
    assert_string_equal(series(ds, "rd_intensity", "Henan")->label, "研发投入强度");
    ind_dataset_free(ds);
}

static void names_series_after_file_without_series_column(void **state)
{
    (void)state;
    ind_load_info info;
    ind_dataset *ds = load_str("地区,年份,数值\n漯河,2020,1.14\n", NULL, &info);
    assert_non_null(ind_dataset_find(ds, "test", "漯河"));
    ind_dataset_free(ds);
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.value_col = "rd";
    opt.period_col = "when";
    ds = load_str("when,rd,other\n2020,1.5,x\n2021,1.6,y\n", &opt, &info);
    assert_int_equal(info.shape, IND_SHAPE_LONG);
    ind_series *s = series(ds, "rd", NULL);
    assert_true(value_at(s, year(2021)) == 1.6);
    ind_dataset_free(ds);
}

/*
 * One indicator at two frequencies ("2023年9,084人; 上半年4,804人") is two
 * series: the lowest frequency keeps the name, whatever the order of the
 * rows, and the others are "NAME (half-yearly)" ..., with unit, missing
 * markers and a note; in every shape.
 */
static void frequencies_split(void **state)
{
    (void)state;
    static const char *const orders[] = {
        "series,entity,period,value,unit\n"
        "talent,Luohe,2023,\"9,084\",人\n"
        "talent,Luohe,2023H2,NA,人\n"
        "talent,Luohe,2024H1,\"4,804\",人\n"
        "talent,Luohe,2024Q1,2000,人\n",
        "series,entity,period,value,unit\n" /* halves first: moved when the year comes */
        "talent,Luohe,2023H2,NA,人\n"
        "talent,Luohe,2024H1,\"4,804\",人\n"
        "talent,Luohe,2024Q1,2000,人\n"
        "talent,Luohe,2023,\"9,084\",人\n",
    };
    ind_period h1 = ind_period_make(IND_FREQ_HALF, 2024, 1);
    for (size_t k = 0; k < 2; k++) {
        ind_load_info info;
        ind_dataset *ds = load_str(orders[k], NULL, &info);
        assert_int_equal(ind_dataset_count(ds), 3);
        ind_series *year_s = series(ds, "talent", "Luohe");
        ind_series *half = series(ds, "talent (half-yearly)", "Luohe");
        ind_series *quarter = series(ds, "talent (quarterly)", "Luohe");
        assert_int_equal(year_s->freq, IND_FREQ_YEAR);
        assert_int_equal(year_s->n, 1);
        assert_true(value_at(year_s, year(2023)) == 9084);
        assert_int_equal(year_s->n_missing, 0);
        assert_int_equal(half->freq, IND_FREQ_HALF);
        assert_true(value_at(half, h1) == 4804);
        assert_int_equal(half->n_missing, 1);
        assert_string_equal(half->unit, "人");
        assert_true(value_at(quarter, ind_period_make(IND_FREQ_QUARTER, 2024, 1)) == 2000);
        assert_int_equal(info.split_by_frequency, 2);
        /* the note names the first split: the half at 2023H2, or the quarter after the halves */
        assert_string_equal(info.note, k == 0 ? "series 'talent' [Luohe] has annual and half-yearly "
                                                "values: the half-yearly ones are series 'talent "
                                                "(half-yearly)'"
                                              : "series 'talent' [Luohe] has half-yearly and "
                                                "quarterly values: the quarterly ones are series "
                                                "'talent (quarterly)'");
        ind_dataset_free(ds);
    }
    /* a period given as missing at a half, then with a value there, is still a duplicate */
    const char *dup = "series,period,value\nx,2023,1\nx,2024H1,NA\nx,2024H1,2\n";
    ind_dataset *ds = NULL;
    ind_error err;
    ind_load_info info;
    assert_int_equal(ind_load_buffer(dup, strlen(dup), "d.csv", NULL, &ds, &info, &err),
                     IND_E_DUPLICATE);
    assert_int_equal(err.line, 4);
    /* wide by series: every column splits, the cached column series follow the move */
    ds = load_str("year,talent (人),projects\n2023,9084,211\n2024H1,4804,50\n2024H2,5000,60\n", NULL,
                  &info);
    assert_true(value_at(series(ds, "talent", NULL), year(2023)) == 9084);
    assert_true(value_at(series(ds, "talent (half-yearly)", NULL), h1) == 4804);
    assert_string_equal(series(ds, "talent (half-yearly)", NULL)->unit, "人");
    assert_true(value_at(series(ds, "projects (half-yearly)", NULL),
                         ind_period_make(IND_FREQ_HALF, 2024, 2)) == 60);
    ind_dataset_free(ds);
}

static void loads_wide_series(void **state)
{
    (void)state;
    ind_load_info info;
    ind_dataset *ds = load_str("year,rd_intensity\n2019,1.02\n2020,1.14\n", NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_SERIES);
    assert_true(value_at(series(ds, "rd_intensity", NULL), year(2020)) == 1.14);
    ind_dataset_free(ds);

    const char *text = "region,year,rd_intensity (%),R&D支出（亿元）,note\n"
                       "Luohe,2019,1.02,12.5,a\n"
                       "Luohe,2020,1.14,..,b\n"
                       "Henan,2020,1.64,1000.1,\n";
    ds = load_str(text, NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_SERIES);
    assert_int_equal(ind_dataset_count(ds), 4);
    assert_int_equal(info.values, 5);
    assert_int_equal(info.missing, 1);
    ind_series *rd = series(ds, "rd_intensity", "Luohe");
    assert_string_equal(rd->unit, "%");
    assert_string_equal(rd->label, "rd_intensity (%)");
    assert_true(ind_series_is_percent(rd));
    ind_series *sp = series(ds, "R&D支出", "Luohe");
    assert_string_equal(sp->unit, "亿元");
    assert_int_equal(sp->n, 1);
    assert_int_equal(sp->n_missing, 1);
    assert_true(value_at(series(ds, "R&D支出", "Henan"), year(2020)) == 1000.1);
    ind_dataset_free(ds);
}

static void loads_wide_period(void **state)
{
    (void)state;
    ind_load_info info;
    const char *text = "地区,指标,单位,2019年,2020年,2021年\n"
                       "漯河,研发投入强度,%,1.02,1.14,\n"
                       "河南,研发投入强度,%,1.46,1.64,1.73\n";
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_PERIOD);
    ind_series *s = series(ds, "研发投入强度", "漯河");
    assert_int_equal(s->n, 2);
    assert_int_equal(s->n_missing, 1);
    assert_string_equal(s->unit, "%");
    assert_true(value_at(series(ds, "研发投入强度", "河南"), year(2021)) == 1.73);
    ind_dataset_free(ds);

    /* quarters, no series column: the file stem names the series */
    ds = load_str("region,2023Q3,2023Q4,2024Q1\nA,1,2,3\n", NULL, &info);
    s = series(ds, "test", "A");
    assert_int_equal(s->freq, IND_FREQ_QUARTER);
    assert_true(value_at(s, ind_period_make(IND_FREQ_QUARTER, 2024, 1)) == 3);
    ind_dataset_free(ds);
}

static void loads_world_bank_layouts(void **state)
{
    (void)state;
    /* as served: BOM, CRLF, a trailing comma, quoted empties */
    const char *text =
        "\xef\xbb\xbf\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\","
        "\"2014\",\"2015\",\r\n"
        "\"China\",\"CHN\",\"Research and development expenditure (% of GDP)\","
        "\"GB.XPD.RSDV.GD.ZS\",\"2.02\",\"\",\r\n"
        "\"Aruba\",\"ABW\",\"Research and development expenditure (% of GDP)\","
        "\"GB.XPD.RSDV.GD.ZS\",\"\",\"\",\r\n";
    ind_load_info info;
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_PERIOD);
    assert_string_equal(info.encoding, "UTF-8 (BOM)");
    assert_int_equal(info.rows, 2);
    assert_int_equal(info.values, 1);
    assert_int_equal(info.missing, 3);
    ind_series *s = series(ds, "GB.XPD.RSDV.GD.ZS", "China");
    assert_string_equal(s->label, "Research and development expenditure (% of GDP)");
    assert_string_equal(s->unit, "% of GDP");
    assert_true(ind_series_is_percent(s));
    assert_true(value_at(s, year(2014)) == 2.02);
    ind_dataset_free(ds);

    /* the newer layout with a metadata preamble */
    text = "\xef\xbb\xbf\"Data Source\",\"World Development Indicators\",\r\n"
           "\r\n"
           "\"Last Updated Date\",\"2024-06-28\",\r\n"
           "\r\n"
           "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2022\","
           "\"2023\",\r\n"
           "\"China\",\"CHN\",\"GDP growth (annual %)\",\"NY.GDP.MKTP.KD.ZG\",\"3\",\"5.2\",\r\n";
    ds = load_str(text, NULL, &info);
    assert_int_equal(info.header_line, 5);
    assert_int_equal(info.preamble_lines, 4);
    s = series(ds, "NY.GDP.MKTP.KD.ZG", "China");
    assert_true(value_at(s, year(2023)) == 5.2);
    assert_string_equal(s->unit, "annual %");
    ind_dataset_free(ds);
}

/* Two countries of one name: the later code is keyed "NAME (CODE)", in every series. */
static void keys_shared_country_names_by_code(void **state)
{
    (void)state;
    const char *text = "Country Name,Country Code,Indicator Name,Indicator Code,2020,2021\n"
                       "Congo,COG,GDP,NY.GDP,1,2\n"
                       "Congo,COD,GDP,NY.GDP,3,4\n"
                       "Congo,COD,Pop,SP.POP,5,6\n"
                       "Congo,COG,Pop,SP.POP,7,8\n"
                       "Chad,TCD,Pop,SP.POP,9,10\n";
    ind_load_info info;
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_int_equal(ind_dataset_count(ds), 5);
    assert_true(value_at(series(ds, "NY.GDP", "Congo"), year(2020)) == 1);
    assert_true(value_at(series(ds, "NY.GDP", "Congo (COD)"), year(2021)) == 4);
    /* the name goes with the code seen first in the file, whatever the row order after */
    assert_true(value_at(series(ds, "SP.POP", "Congo (COD)"), year(2020)) == 5);
    assert_true(value_at(series(ds, "SP.POP", "Congo"), year(2020)) == 7);
    assert_true(value_at(series(ds, "SP.POP", "Chad"), year(2021)) == 10);
    assert_int_equal(info.keyed_by_code, 2);
    assert_string_equal(info.note, "country name 'Congo' has two codes (COG, COD): the rows of "
                                   "COD are entity 'Congo (COD)'");
    ind_dataset_free(ds);

    /* the same code twice is still a row given twice */
    text = "Country Name,Country Code,Indicator Code,2020\n"
           "Congo,COG,NY.GDP,1\n"
           "Congo,COG,NY.GDP,2\n";
    ind_error err;
    assert_int_equal(ind_load_buffer(text, strlen(text), "d.csv", NULL, &ds, &info, &err),
                     IND_E_DUPLICATE);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "on an earlier row too"));
    /* without a code column the name is the key, and a second row is an error */
    text = "Country Name,Indicator Code,2020\n"
           "Congo,NY.GDP,1\n"
           "Congo,NY.GDP,2\n";
    assert_int_equal(ind_load_buffer(text, strlen(text), "d.csv", NULL, &ds, &info, &err),
                     IND_E_DUPLICATE);
    assert_int_equal(info.keyed_by_code, 0);
    assert_string_equal(info.note, "");
}

static void loads_real_world_bank_file(void **state)
{
    (void)state;
    ind_dataset *ds = NULL;
    ind_load_info info;
    ind_error err;
    ind_status st = ind_load_file(WB_FILE, NULL, &ds, &info, &err);
    if (st != IND_OK)
        fail_msg("%s:%ld:%ld: %s", err.path, err.line, err.col, err.message);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_PERIOD);
    assert_string_equal(info.encoding, "UTF-8 (BOM)");
    assert_int_equal(info.rows, 248);
    assert_int_equal(ind_dataset_count(ds), 248);
    assert_int_equal(info.values, 1744);
    assert_int_equal(info.missing, 248 * 56 - 1744);
    ind_series *chn = series(ds, "GB.XPD.RSDV.GD.ZS", "China");
    assert_int_equal(chn->n, 18);
    assert_true(value_at(chn, year(1996)) == 0.56513);
    assert_true(value_at(chn, year(2010)) == 1.7272);
    assert_true(value_at(chn, year(2013)) == 2.01466);
    assert_int_equal(ind_series_find(chn, year(2015).ord), -1);
    assert_string_equal(chn->unit, "% of GDP");
    ind_series *usa = series(ds, "GB.XPD.RSDV.GD.ZS", "United States");
    assert_true(value_at(usa, year(2012)) == 2.80604);
    ind_dataset_free(ds);
}

static void reads_statistics_office_layouts(void **state)
{
    (void)state;
    /* 国家统计局 export: one-cell preamble lines, years as 2023年, units in the names,
       footnotes after the data */
    const char *text = "数据库：年度数据\n"
                       "时间：最近3年\n"
                       "指标,2023年,2022年,2021年\n"
                       "R&D经费支出(亿元),1211.7,1143.3,1018.8\n"
                       "R&D经费投入强度（%）,2.05,1.86,1.73\n"
                       "注：2023年数据为快报数。\n"
                       "数据来源：国家统计局\n";
    ind_load_info info;
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_PERIOD);
    assert_int_equal(info.header_line, 3);
    assert_int_equal(info.notes, 2);
    assert_int_equal(info.rows, 2);
    ind_series *s = series(ds, "R&D经费支出", NULL);
    assert_string_equal(s->unit, "亿元");
    assert_string_equal(s->label, "R&D经费支出(亿元)");
    assert_true(value_at(s, year(2021)) == 1018.8);
    s = series(ds, "R&D经费投入强度", NULL);
    assert_true(ind_series_is_percent(s));
    ind_dataset_free(ds);

    /* World Bank DataBank: "2019 [YR2019]" headers, ".." for missing */
    text = "Series Name,Series Code,Country Name,Country Code,2019 [YR2019],2020 [YR2020]\n"
           "GDP growth (annual %),NY.GDP.MKTP.KD.ZG,China,CHN,5.95,..\n";
    ds = load_str(text, NULL, &info);
    s = series(ds, "NY.GDP.MKTP.KD.ZG", "China");
    assert_true(value_at(s, year(2019)) == 5.95);
    assert_int_equal(s->n_missing, 1);
    assert_string_equal(s->label, "GDP growth (annual %)");
    ind_dataset_free(ds);

    /* pandas to_csv: an unnamed index column is ignored */
    ds = load_str(",year,value\n0,2020,1.5\n1,2021,1.7\n", NULL, &info);
    assert_true(value_at(series(ds, "test", NULL), year(2021)) == 1.7);
    ind_dataset_free(ds);
}

static void reads_two_header_rows(void **state)
{
    (void)state;
    ind_load_info info;
    /* a year over 全年 / 上半年 (a group label followed by an empty cell, as a CSV export
       writes a merged cell), below a title and a unit line */
    const char *text = "漯河市人才引进情况\n"
                       "单位：人\n"
                       "指标名称,2023年,,2024年,\n"
                       ",全年,上半年,全年,上半年\n"
                       "各类人才引进,9084,…,…,4804\n"
                       "注：2024年全年数据尚未发布。\n";
    ind_dataset *ds = load_str(text, NULL, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_PERIOD);
    assert_int_equal(info.header_line, 3);
    assert_int_equal(info.header_rows, 2);
    assert_int_equal(info.preamble_lines, 2);
    assert_int_equal(info.notes, 1);
    assert_int_equal(info.unread_columns, 0);
    assert_int_equal(ind_dataset_count(ds), 2);
    ind_series *s = series(ds, "各类人才引进", NULL);
    assert_int_equal(s->n, 1);
    assert_true(value_at(s, year(2023)) == 9084);
    s = series(ds, "各类人才引进 (half-yearly)", NULL);
    assert_int_equal(s->n, 1);
    assert_true(value_at(s, ind_period_make(IND_FREQ_HALF, 2024, 1)) == 4804);
    ind_dataset_free(ds);

    /* indicators over periods, the key column merged down (repeated below) */
    text = "地区,研发经费(亿元),研发经费(亿元),研发强度(%),研发强度(%)\n"
           "地区,2022,2023,2022,2023\n"
           "全国,30782.9,33357.1,2.54,2.65\n"
           "河南省,1143.3,1211.7,1.86,2.05\n";
    ds = load_str(text, NULL, &info);
    assert_int_equal(info.header_rows, 2);
    assert_int_equal(ind_dataset_count(ds), 4);
    s = series(ds, "研发经费", "河南省");
    assert_string_equal(s->unit, "亿元");
    assert_string_equal(s->label, "研发经费(亿元)");
    assert_true(value_at(s, year(2022)) == 1143.3);
    s = series(ds, "研发强度", "全国");
    assert_true(ind_series_is_percent(s));
    assert_true(value_at(s, year(2023)) == 2.65);
    ind_dataset_free(ds);

    /* a period over measures: each measure is a series after the row's indicator; a
       column whose two cells make no period is not read, and said */
    text = "指标,2023年,,其他,\n"
           ",绝对数,增速(%),甲,乙\n"
           "GDP,1000,5.2,x,y\n";
    ds = load_str(text, NULL, &info);
    assert_true(value_at(series(ds, "GDP 绝对数", NULL), year(2023)) == 1000);
    s = series(ds, "GDP 增速", NULL);
    assert_string_equal(s->unit, "%");
    assert_true(value_at(s, year(2023)) == 5.2);
    assert_int_equal(info.unread_columns, 2);
    assert_string_equal(info.columns_note, "not read, as neither a period nor a series, entity "
                                           "or unit column: column 4 '其他 甲', column 5 '其他 乙'");
    ind_dataset_free(ds);

    /* not two header rows: a row of data below (numbers, or a row label under 指标) */
    ds = load_str("Country Name,Country Code,1960,1961,\nAruba,ABW,,,\nChad,TCD,1,2,\n", NULL,
                  &info);
    assert_int_equal(info.header_rows, 1);
    assert_int_equal(info.header_line, 1);
    assert_int_equal(ind_dataset_count(ds), 2);
    ind_dataset_free(ds);
    ds = load_str("指标,2023年,\nGDP,1,\n", NULL, &info);
    assert_int_equal(info.header_rows, 1);
    ind_dataset_free(ds);

    /* years and quarters in one header: two series, not an error */
    ds = load_str("region,2019,2020Q1\nA,1,2\n", NULL, &info);
    assert_true(value_at(series(ds, "test", "A"), year(2019)) == 1);
    assert_int_equal(info.split_by_frequency, 1);
    ind_dataset_free(ds);
}

static void takes_the_unit_of_a_preamble_line(void **state)
{
    (void)state;
    ind_load_info info;
    ind_dataset *ds = load_str("表3\n单位：亿元\n地区,2022年,2023年\n全国,1,2\n", NULL, &info);
    assert_string_equal(series(ds, "test", "全国")->unit, "亿元");
    ind_dataset_free(ds);
    /* a unit of its own wins; a % unit line makes a ratio series */
    ds = load_str("Unit: %\n指标,2022年\nR&D经费(亿元),1\n强度,2\n", NULL, &info);
    assert_string_equal(series(ds, "R&D经费", NULL)->unit, "亿元");
    assert_string_equal(series(ds, "强度", NULL)->unit, "%");
    assert_true(ind_series_is_percent(series(ds, "强度", NULL)));
    ind_dataset_free(ds);
    /* several units, or a line that only starts like one: no unit */
    ds = load_str("单位：人、个\n单位换算说明\n指标,2023年\na,1\n", NULL, &info);
    assert_string_equal(series(ds, "a", NULL)->unit, "");
    ind_dataset_free(ds);
}

static void detects_delimiters(void **state)
{
    (void)state;
    ind_load_info info;
    ind_dataset *ds = load_str("year;value;note\n2020;1.5;a,b\n", NULL, &info);
    assert_int_equal(info.delimiter, ';');
    assert_true(value_at(series(ds, "test", NULL), year(2020)) == 1.5);
    ind_dataset_free(ds);
    /* with ';' a comma in a number may be a decimal comma: refused, not guessed */
    ind_error err;
    const char *text = "year;value\n2020;1,234\n";
    ds = NULL;
    assert_int_equal(ind_load_buffer(text, strlen(text), "e.csv", NULL, &ds, &info, &err),
                     IND_E_VALUE);
    assert_string_equal(
        err.message,
        "'1,234' has a comma in a ';'-separated file: a decimal "
        "comma or a thousands separator? (write numbers with a decimal point and no separators)");
    ds = load_str("year\tvalue\n2020\t1.5\n2021\t 2 \n", NULL, &info);
    assert_int_equal(info.delimiter, '\t');
    assert_true(value_at(series(ds, "test", NULL), year(2021)) == 2);
    ind_dataset_free(ds);
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.delimiter = '|';
    ds = load_str("year|value\n2020|1,234\n", &opt, &info);
    assert_true(value_at(series(ds, "test", NULL), year(2020)) == 1234);
    ind_dataset_free(ds);
}

static void reads_gbk(void **state)
{
    (void)state;
    /* printf '地区,年份,数值\n漯河,2020,1.14\n' | iconv -f UTF-8 -t GBK */
    static const char gbk[] = "\xb5\xd8\xc7\xf8,\xc4\xea\xb7\xdd,\xca\xfd\xd6\xb5\n"
                              "\xe4\xf0\xba\xd3,2020,1.14\n";
    ind_load_info info;
    ind_dataset *ds = load_text(gbk, sizeof gbk - 1, NULL, &info);
    assert_string_equal(info.encoding, "GB18030");
    assert_true(value_at(series(ds, "test", "漯河"), year(2020)) == 1.14);
    ind_dataset_free(ds);
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.encoding = "gbk";
    ds = load_text(gbk, sizeof gbk - 1, &opt, &info);
    assert_string_equal(info.encoding, "GBK");
    assert_non_null(ind_dataset_find(ds, "test", "漯河"));
    ind_dataset_free(ds);
}

static void reads_utf16_with_bom(void **state)
{
    (void)state;
    const char *text = "年份,数值\n2020,1.5\n";
    for (int big = 0; big < 2; big++) {
        /* UTF-16 by hand: every character here is in the BMP */
        char buf[128];
        size_t n = 0;
        buf[n++] = big ? '\xfe' : '\xff';
        buf[n++] = big ? '\xff' : '\xfe';
        for (const unsigned char *p = (const unsigned char *)text; *p;) {
            unsigned cp;
            if (*p < 0x80)
                cp = *p++;
            else { /* three-byte sequences only */
                cp = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
                p += 3;
            }
            buf[n++] = (char)(big ? cp >> 8 : cp & 0xFF);
            buf[n++] = (char)(big ? cp & 0xFF : cp >> 8);
        }
        ind_load_info info;
        ind_dataset *ds = load_text(buf, n, NULL, &info);
        assert_string_equal(info.encoding, "UTF-16");
        assert_true(value_at(series(ds, "test", NULL), year(2020)) == 1.5);
        ind_dataset_free(ds);
    }
}

/* A multibyte character across the 1 MiB chunk boundary, and GBK found only after it. */
static void handles_chunk_boundaries(void **state)
{
    (void)state;
    size_t n = (1u << 20) + 4096, len = 0;
    char *buf = malloc(n + 64);
    assert_non_null(buf);
    len += (size_t)sprintf(buf, "region,year,value\n");
    int y = 0;
    while (len < (1u << 20) - 40)
        len += (size_t)sprintf(buf + len, "E%d,2000,%d\n", y, y), y++;
    /* pad so that the next 3-byte character straddles the boundary */
    while (len < (1u << 20) - 1)
        buf[len++] = ' ';
    buf[len - 1] = '\n';
    len += (size_t)sprintf(buf + len, "漯河,2020,1\n");
    ind_load_info info;
    ind_dataset *ds = load_text(buf, len, NULL, &info);
    assert_string_equal(info.encoding, "UTF-8");
    assert_non_null(ind_dataset_find(ds, "test", "漯河"));
    ind_dataset_free(ds);
    /* the same, with a GBK character after the first chunk: read again as GB18030 */
    len -= strlen("漯河,2020,1\n");
    memcpy(buf + len, "\xe4\xf0\xba\xd3,2020,1\n", 12);
    len += 12;
    ds = load_text(buf, len, NULL, &info);
    assert_string_equal(info.encoding, "GB18030");
    assert_non_null(ind_dataset_find(ds, "test", "漯河"));
    ind_dataset_free(ds);
    free(buf);
}

/*
 * A UTF-8 file (Chinese names in its first chunk) with one bad byte after the
 * first chunk: an error at that byte, not a second reading as GB18030 that
 * would garble every name.
 */
static void invalid_utf8_late_is_an_error(void **state)
{
    (void)state;
    size_t n = (1u << 20) + 4096, len = 0, line = 1;
    char *buf = malloc(n + 64);
    assert_non_null(buf);
    len += (size_t)sprintf(buf, "region,year,value\n");
    for (int y = 0; len < (1u << 20) + 100; y++, line++)
        len += (size_t)sprintf(buf + len, "漯河%d,2000,%d\n", y, y);
    len += (size_t)sprintf(buf + len, "郑州\xb0x,2020,1\n");
    line++;
    ind_dataset *ds = NULL;
    ind_load_info info;
    ind_error err;
    assert_int_equal(ind_load_buffer(buf, len, "late.csv", NULL, &ds, &info, &err), IND_E_ENCODING);
    assert_null(ds);
    assert_string_equal(info.encoding, "UTF-8");
    assert_int_equal(err.line, (long)line);
    assert_int_equal(err.col, 1);
    assert_string_equal(err.message, "invalid UTF-8 (byte 0xb0 in a file that is otherwise "
                                     "UTF-8; fix it, or name the file's encoding with --encoding)");
    free(buf);
}

static void counts_blank_rows_and_line_ends(void **state)
{
    (void)state;
    ind_load_info info;
    ind_dataset *ds = load_str("year,value\r2020,1\r\r,\r2021,2\r", NULL, &info);
    assert_int_equal(info.blank_rows, 2);
    assert_int_equal(info.rows, 2);
    ind_dataset_free(ds);
    ds = load_str("\n\nyear,value\r\n\r\n2020,1\r\n2021,2", NULL, &info);
    assert_int_equal(info.header_line, 3);
    assert_int_equal(info.blank_rows, 1);
    assert_int_equal(info.values, 2);
    ind_dataset_free(ds);
}

static void honours_overrides(void **state)
{
    (void)state;
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.shape = IND_SHAPE_WIDE_SERIES;
    opt.period_col = "t";
    opt.entity_col = "who";
    ind_load_info info;
    ind_dataset *ds = load_str("who,t,a,b\nX,2020,1,2\nX,2021,3,4\n", &opt, &info);
    assert_int_equal(info.shape, IND_SHAPE_WIDE_SERIES);
    assert_true(value_at(series(ds, "b", "X"), year(2021)) == 4);
    ind_dataset_free(ds);
    /* a quoted multi-line name still keeps the line numbers right */
    opt.shape = IND_SHAPE_LONG;
    opt.value_col = "v";
    opt.series_col = "s";
    ind_error err;
    const char *text = "s,who,t,v\n\"two\nlines\",X,2020,1\nok,X,2020,x\n";
    ds = NULL;
    assert_int_equal(ind_load_buffer(text, strlen(text), "o.csv", &opt, &ds, &info, &err),
                     IND_E_VALUE);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.col, 4);
    assert_null(ds);
}

static void names_shapes(void **state)
{
    (void)state;
    ind_shape s;
    assert_string_equal(ind_shape_name(IND_SHAPE_LONG), "long");
    assert_string_equal(ind_shape_name(IND_SHAPE_WIDE_PERIOD), "wide-period");
    assert_string_equal(ind_shape_name(IND_SHAPE_WIDE_SERIES), "wide-series");
    assert_string_equal(ind_shape_name(IND_SHAPE_AUTO), "auto");
    assert_int_equal(ind_shape_parse("wide-period", &s), 0);
    assert_int_equal(s, IND_SHAPE_WIDE_PERIOD);
    assert_int_equal(ind_shape_parse("auto", &s), 0);
    assert_int_equal(s, IND_SHAPE_AUTO);
    assert_int_equal(ind_shape_parse("wide", &s), -1);
}

/* -------------------------------------------------------------- errors */

typedef struct bad_file {
    const char *text;
    size_t len; /* 0: strlen */
    ind_status code;
    long line, col;
    const char *message;
} bad_file;

static void reports_bad_files(void **state)
{
    (void)state;
    static const bad_file files[] = {
        {"", 0, IND_E_FORMAT, 0, 0, "empty file"},
        {"\n\n  \n", 0, IND_E_FORMAT, 0, 0, "empty file"},
        {"year,value\n", 0, IND_E_FORMAT, 1, 0, "no data rows after the header"},
        {"year,value\n2020,1\n2021,\"2\n2022,3\n", 0, IND_E_FORMAT, 3, 2,
         "quoted field never closed (the file ends inside it)"},
        {"year,value\n2020,1\n2021,2,3\n", 0, IND_E_FORMAT, 3, 3,
         "row has 3 fields but the header has 2"},
        {"region,year,value\nA,2020\n", 0, IND_E_FORMAT, 2, 3,
         "row has 2 fields but the header has 3 (no 'value')"},
        {"year,value\n2020,1\n2021,1\"2\n", 0, IND_E_FORMAT, 3, 2,
         "a quote inside an unquoted field (quote the whole field)"},
        {"year,value\n2020,\"1\"2\n", 0, IND_E_FORMAT, 2, 2,
         "text after the closing quote of a quoted field (write a quote inside quotes as \"\")"},
        {"year,value\n2020,1\n2021,12abc\n", 0, IND_E_VALUE, 3, 2, "'12abc' is not a number"},
        {"year,value\n2020,1e999\n", 0, IND_E_VALUE, 2, 2,
         "'1e999' is out of the range of numbers"},
        {"year,value\n2020,1\n20x1,2\n", 0, IND_E_PERIOD, 3, 1,
         "'20x1' is not a period (use e.g. 2023, 2023Q3, 2024H1, 2023-06, 2023年, 2023年6月, "
         "2023年第三季度)"},
        {"year,value\n2020,1\n2020,2\n", 0, IND_E_DUPLICATE, 3, 1,
         "duplicate value for series 'bad', period 2020"},
        {"year,value\n2020,1\n20\0"
         "21,2\n",
         22, IND_E_FORMAT, 3, 1, "NUL byte in the text: a binary file?"},
        {"foo,bar\n1,2\n", 0, IND_E_FORMAT, 1, 0, NULL},
        {"region,2019,2019\nA,1,2\n", 0, IND_E_FORMAT, 1, 0, NULL},
        {"地区,研发经费,\n,2021,2021\nA,1,2\n", 0, IND_E_FORMAT, 1, 0,
         "bad header: period '2021' of '研发经费' heads both column 2 and column 3 (header rows 1 "
         "and 2 read as one)"},
        {"series,year,value\n,2020,1\n", 0, IND_E_FORMAT, 2, 1, "empty series name"},
        {"year,value,unit\n2020,1,%\n2021,2,亿元\n", 0, IND_E_VALUE, 3, 3, NULL},
        {"year,value\n\xff\xfe\xfd,1\n\x80\n", 0, IND_E_ENCODING, 2, 1, NULL},
        {"year,value\r\n2020,1\r\n\r\n2021,x\r\n", 0, IND_E_VALUE, 4, 2, "'x' is not a number"},
        {"year,value\r2020,1\r2021,x\r", 0, IND_E_VALUE, 3, 2, "'x' is not a number"},
        {"year,value\r\n\"2020\r\n\",1\r\n2021,x\r\n", 0, IND_E_VALUE, 4, 2, NULL},
        {"year,value\n\"20\n21\",1\n", 0, IND_E_PERIOD, 2, 1, NULL},
        /* a period given twice, once (or twice) as missing; a repeated role column */
        {"year,value\n2020,1\n2020,NA\n", 0, IND_E_DUPLICATE, 3, 1,
         "duplicate value for series 'bad', period 2020 (a value, then a missing marker)"},
        {"year,value\n2020,\n2021,1\n2020,1\n", 0, IND_E_DUPLICATE, 4, 1,
         "duplicate value for series 'bad', period 2020 (a missing marker, then a value)"},
        {"year,value\n2020,..\n2020,\n", 0, IND_E_DUPLICATE, 3, 1,
         "duplicate value for series 'bad', period 2020 (twice as missing)"},
        {"region,year,rd\nA,2020,\nB,2020,1\nA,2020,1\n", 0, IND_E_DUPLICATE, 4, 3,
         "duplicate value for series 'rd' [A], period 2020 (a missing marker, then a value)"},
        {"region,2019,2020\nA,1,\nB,1,2\nA,,2\n", 0, IND_E_DUPLICATE, 4, 1,
         "series 'bad' [A] is on an earlier row too: its periods would be given twice"},
        {"year,value,value\n2020,1,2\n", 0, IND_E_FORMAT, 1, 3,
         "column 3 repeats the header 'value' of column 2: which one to read is unclear "
         "(rename or remove one)"},
        {"region,region,year,value\nA,B,2020,1\n", 0, IND_E_FORMAT, 1, 2, NULL},
        {"year,year,value\n2020,2021,1\n", 0, IND_E_FORMAT, 1, 2, NULL},
        {"year,rd,rd (%)\n2020,1,\n", 0, IND_E_FORMAT, 1, 3,
         "columns 2 and 3 both hold series 'rd': each value would be given twice"},
        {"region,2019,2020,\nA,1,2,3\n", 0, IND_E_FORMAT, 2, 4,
         "a value in column 4, which has no header"},
        {"region,2019,2020,\nA,1,2,,,\nB,1,2,,,4\n", 0, IND_E_FORMAT, 3, 6,
         "row has 6 fields but the header has 4"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const bad_file *b = &files[i];
        ind_dataset *ds = (ind_dataset *)1;
        ind_error err;
        size_t len = b->len ? b->len : strlen(b->text);
        ind_status st = ind_load_buffer(b->text, len, "bad.csv", NULL, &ds, NULL, &err);
        if (st != b->code || err.line != b->line || err.col != b->col || ds != NULL ||
            strcmp(err.path, "bad.csv") != 0 ||
            (b->message && strcmp(err.message, b->message) != 0))
            fail_msg("case %zu: status %d %ld:%ld '%s', expected %d %ld:%ld '%s'", i, st, err.line,
                     err.col, err.message, b->code, b->line, b->col, b->message ? b->message : "");
    }
}

/* OECD.Stat exports pair a code and a label column whose headers differ in case only. */
static void case_differing_headers_are_not_repeats(void **state)
{
    (void)state;
    const char *text = "LOCATION,Country,TIME,Time,Value\nCHN,China,2020,2020,2.4\n"
                       "CHN,China,2021,2021,2.43\n";
    ind_dataset *ds = NULL;
    ind_error err;
    assert_int_equal(ind_load_buffer(text, strlen(text), "oecd.csv", NULL, &ds, NULL, &err), IND_OK);
    assert_int_equal(ind_dataset_count(ds), 1);
    const ind_series *s = ind_dataset_at(ds, 0);
    assert_string_equal(s->entity, "CHN");
    assert_int_equal(s->n, 2);
    assert_true(s->value[1] == 2.43);
    ind_dataset_free(ds);
}

static void rejects_invalid_utf8_when_forced(void **state)
{
    (void)state;
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.encoding = "utf-8";
    const char *text = "year,value\n2020,1\n2021,\xe6\xbc\n";
    ind_dataset *ds = NULL;
    ind_error err;
    assert_int_equal(ind_load_buffer(text, strlen(text), "u.csv", &opt, &ds, NULL, &err),
                     IND_E_ENCODING);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 2);
    opt.encoding = "no-such-encoding";
    assert_int_equal(ind_load_buffer(text, strlen(text), "u.csv", &opt, &ds, NULL, &err),
                     IND_E_ARG);
}

static void stops_at_huge_field(void **state)
{
    (void)state;
    size_t n = 10u << 20;
    char *buf = malloc(n + 64);
    assert_non_null(buf);
    size_t len = (size_t)sprintf(buf, "year,value\n2020,\"");
    memset(buf + len, 'x', n);
    len += n;
    len += (size_t)sprintf(buf + len, "\"\n");
    ind_dataset *ds = NULL;
    ind_error err;
    assert_int_equal(ind_load_buffer(buf, len, "big.csv", NULL, &ds, NULL, &err), IND_E_FORMAT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.message, "field longer than 1 MiB"));
    free(buf);
}

/* The same through a file (chunked reads): written to a temporary file, not stored. */
static void stops_at_huge_field_in_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_load_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    fputs("region,year,value\nLuohe,2020,1.14\nLuohe,2021,", f);
    for (int i = 0; i < 10 * 1024; i++)
        for (int j = 0; j < 1024; j++)
            putc('7', f);
    fputs("\n", f);
    assert_int_equal(fclose(f), 0);
    ind_dataset *ds = NULL;
    ind_error err;
    ind_status st = ind_load_file(path, NULL, &ds, NULL, &err);
    remove(path);
    assert_int_equal(st, IND_E_FORMAT);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 3);
    assert_string_equal(err.message, "field longer than 1 MiB");
    assert_null(ds);
}

/* A long file of about 10 MiB (converted on a second thread): rows "s<k>,E<k % 50>,<year>,<v>". */
static char *big_long_file(size_t *len, size_t *rows)
{
    size_t cap = 11u << 20, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    n += (size_t)sprintf(buf, "series,entity,year,value\n");
    *rows = 0;
    for (int k = 0; n < (10u << 20); k++)
        for (int y = 1990; y < 2020; y++, (*rows)++)
            n += (size_t)sprintf(buf + n, "s%d,E%d,%d,%d.%02d\n", k, k % 50, y, k % 1000, y % 100);
    *len = n;
    return buf;
}

/* Line (1-based) of the row for series k, year y in big_long_file. */
static long big_line(int k, int y)
{
    return 2 + (long)k * 30 + (y - 1990);
}

/* Replaces the value of row (k, y) in place with text of the same length. */
static void big_patch(char *buf, int k, int y, const char *text)
{
    char key[64];
    snprintf(key, sizeof key, "\ns%d,E%d,%d,", k, k % 50, y);
    char *at = strstr(buf, key);
    if (!at)
        fail_msg("no row '%s'", key + 1);
    at += strlen(key);
    memcpy(at, text, strlen(text));
}

static void converts_big_files_on_two_threads(void **state)
{
    (void)state;
    size_t len, rows;
    char *buf = big_long_file(&len, &rows);
    ind_load_info info;
    ind_dataset *ds = load_text(buf, len, NULL, &info);
    assert_int_equal(info.rows, rows);
    assert_int_equal(info.values, rows);
    assert_int_equal(ind_dataset_count(ds), rows / 30);
    ind_series *s = series(ds, "s12345", "E45");
    assert_int_equal(s->n, 30);
    assert_true(value_at(s, year(2001)) == 345.01);
    ind_dataset_free(ds);

    /* a bad value late in the file: its own line and column */
    ind_error err;
    big_patch(buf, 15000, 2005, "x");
    assert_int_equal(ind_load_buffer(buf, len, "big.csv", NULL, &ds, &info, &err), IND_E_VALUE);
    assert_int_equal(err.line, big_line(15000, 2005));
    assert_int_equal(err.col, 4);
    /* a broken quote after it, in the same batch: the earlier bad value still wins */
    big_patch(buf, 15001, 1990, "\"");
    assert_int_equal(ind_load_buffer(buf, len, "big.csv", NULL, &ds, &info, &err), IND_E_VALUE);
    assert_int_equal(err.line, big_line(15000, 2005));
    /* a broken quote before it: the quote is reported */
    big_patch(buf, 14999, 2019, "1\"");
    assert_int_equal(ind_load_buffer(buf, len, "big.csv", NULL, &ds, &info, &err), IND_E_FORMAT);
    assert_int_equal(err.line, big_line(14999, 2019));
    assert_int_equal(err.col, 4);
    assert_null(ds);
    /* GBK bytes late in a big UTF-8-looking file: read again as GB18030 */
    free(buf);
    buf = big_long_file(&len, &rows);
    big_patch(buf, 15500, 1995, "\xe4\xf0");
    assert_int_equal(ind_load_buffer(buf, len, "big.csv", NULL, &ds, &info, &err), IND_E_VALUE);
    assert_string_equal(info.encoding, "GB18030");
    assert_int_equal(err.line, big_line(15500, 1995));
    assert_string_equal(err.message, "'漯0.95' is not a number");
    free(buf);
}

static void reports_missing_file(void **state)
{
    (void)state;
    /* err and info may be NULL: only the status comes back */
    ind_dataset *none = NULL;
    const char *broken = "year,value\n2020,\"1\n";
    assert_int_equal(ind_load_buffer(broken, strlen(broken), "n.csv", NULL, &none, NULL, NULL),
                     IND_E_FORMAT);
    assert_int_equal(ind_load_buffer("year,value\n2020,x\n", 18, NULL, NULL, &none, NULL, NULL),
                     IND_E_VALUE);
    assert_null(none);
    ind_dataset *ds = NULL;
    ind_error err;
    assert_int_equal(ind_load_file("no/such/file.csv", NULL, &ds, NULL, &err), IND_E_IO);
    assert_string_equal(err.path, "no/such/file.csv");
    assert_null(ds);
}

/* Dates in the period column: with --freq, or a header that names the frequency (月份). */
static void reads_dates_as_periods(void **state)
{
    (void)state;
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.freq = IND_FREQ_QUARTER;
    ind_dataset *ds = load_str("series,region,date,value\n"
                               "gdp,Luohe,2023-12-31,5\ngdp,Luohe,2024/3/31,6\n"
                               "gdp,Luohe,2024年6月30日,7\n",
                               &opt, NULL);
    ind_series *s = series(ds, "gdp", "Luohe");
    assert_int_equal(s->freq, IND_FREQ_QUARTER);
    assert_close(value_at(s, ind_period_make(IND_FREQ_QUARTER, 2023, 4)), 5, 0);
    assert_close(value_at(s, ind_period_make(IND_FREQ_QUARTER, 2024, 2)), 7, 0);
    ind_dataset_free(ds);

    ind_load_options_init(&opt); /* the header names the frequency */
    ds = load_str("指标,月份,数值\n销售额,2024年1月31日,10\n销售额,2024-02-29 00:00:00,12\n", &opt,
                  NULL);
    s = series(ds, "销售额", "");
    assert_int_equal(s->freq, IND_FREQ_MONTH);
    assert_close(value_at(s, ind_period_make(IND_FREQ_MONTH, 2024, 2)), 12, 0);
    ind_dataset_free(ds);

    /* a header of years over quarters keeps the quarters: only dates take its frequency */
    ds = load_str("series,year,value\nx,2023Q1,1\nx,2023Q2,2\n", &opt, NULL);
    assert_int_equal(series(ds, "x", "")->freq, IND_FREQ_QUARTER);
    ind_dataset_free(ds);

    /* wide by period: dates as headers, with --freq */
    opt.freq = IND_FREQ_MONTH;
    ds = load_str("indicator,2024-01-31,2024-02-29,2024-03-31\nsales,1,2,3\n", &opt, NULL);
    s = series(ds, "sales", "");
    assert_int_equal(s->n, 3);
    assert_close(value_at(s, ind_period_make(IND_FREQ_MONTH, 2024, 3)), 3, 0);
    ind_dataset_free(ds);
}

static void refuses_dates_without_a_frequency(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        ind_freq freq;
        const char *message;
    } cases[] = {
        {"series,date,value\nx,2024-01-31,1\n", IND_FREQ_UNKNOWN,
         "'2024-01-31' is a date: give --freq month, quarter, half or year to read dates as the "
         "period they fall in"},
        {"series,date,value\nx,2024,1\n", IND_FREQ_MONTH,
         "'2024' is annual, coarser than the monthly periods asked for (--freq)"},
        {"series,date,value\nx,2023-02-29,1\n", IND_FREQ_MONTH,
         "'2023-02-29' is not a period (use e.g. 2023, 2023Q3, 2024H1, 2023-06, 2023年, "
         "2023年6月, 2023年第三季度)"},
        {"series,month,value\nx,2024-01-31,1\nx,2024-01-15,2\n", IND_FREQ_UNKNOWN,
         "duplicate value for series 'x', period 2024-01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ind_load_options opt;
        ind_load_options_init(&opt);
        opt.freq = cases[i].freq;
        ind_dataset *ds = NULL;
        ind_error err;
        ind_error_clear(&err);
        assert_int_not_equal(ind_load_buffer(cases[i].text, strlen(cases[i].text), "d.csv", &opt,
                                             &ds, NULL, &err),
                             IND_OK);
        assert_null(ds);
        if (!strstr(err.message, cases[i].message))
            fail_msg("case %zu: '%s', expected '%s'", i, err.message, cases[i].message);
        assert_int_equal(err.col, 2);
    }
}

/* ------------------------------------------------------ series at a time */

/* What a sink saw: each series as "name[entity]:n:first..last@rows" (rows read when it came). */
typedef struct seen {
    char log[2048];
    size_t len;
    int restarts;
    const ind_load_info *info;
} seen;

static ind_status see_series(void *ctx, ind_series *s, ind_error *err)
{
    (void)err;
    seen *w = ctx;
    w->len += (size_t)snprintf(w->log + w->len, sizeof w->log - w->len, "%s[%s]:%zu:%g..%g@%zu ",
                               s->name, s->entity, s->n, s->n ? s->value[0] : 0,
                               s->n ? s->value[s->n - 1] : 0, w->info->rows);
    return IND_OK;
}

static ind_status see_restart(void *ctx, ind_error *err)
{
    (void)err;
    seen *w = ctx;
    w->restarts++;
    w->len += (size_t)snprintf(w->log + w->len, sizeof w->log - w->len, "| ");
    return IND_OK;
}

static ind_status load_each_str(const char *text, const ind_load_options *opt, seen *w,
                                ind_load_info *info, ind_error *err, bool can_restart)
{
    memset(w, 0, sizeof *w);
    w->info = info;
    ind_series_sink sink = {see_series, can_restart ? see_restart : NULL, w};
    return ind_load_each_buffer(text, strlen(text), "t.csv", opt, &sink, info, err);
}

static void streams_grouped_files(void **state)
{
    (void)state;
    seen w;
    ind_load_info info;
    ind_error err;
    /* long: a series is handed over when the next one starts (the row count says when) */
    const char *lng = "series,entity,year,value\na,X,2020,1\na,X,2021,2\nb,X,2020,3\n"
                      "b,Y,2020,4\nb,Y,2022,5\n";
    assert_int_equal(load_each_str(lng, NULL, &w, &info, &err, true), IND_OK);
    assert_string_equal(w.log, "a[X]:2:1..2@3 b[X]:1:3..3@4 b[Y]:2:4..5@5 ");
    assert_true(info.grouped);
    assert_true(info.streamed);
    assert_string_equal(info.stream_note, "");
    assert_int_equal(info.values, 5);
    /* wide-period: each row is a whole series */
    const char *wide = "indicator,region,2020,2021\na,A,1,2\nb,A,,4\n";
    assert_int_equal(load_each_str(wide, NULL, &w, &info, &err, true), IND_OK);
    assert_string_equal(w.log, "a[A]:2:1..2@1 b[A]:1:4..4@2 ");
    assert_true(info.streamed);
    assert_int_equal(info.missing, 1);
    /* wide-series: an entity's series when the next entity starts */
    const char *ws = "region,year,x,y (%)\nA,2020,1,2\nA,2021,3,4\nB,2020,5,6\n";
    assert_int_equal(load_each_str(ws, NULL, &w, &info, &err, true), IND_OK);
    assert_string_equal(w.log, "x[A]:2:1..3@3 y[A]:2:2..4@3 x[B]:1:5..5@3 y[B]:1:6..6@3 ");
    assert_true(info.streamed);
}

static void reads_ungrouped_files_again(void **state)
{
    (void)state;
    seen w;
    ind_load_info info;
    ind_error err;
    /* sorted by year: a comes back on line 4; everything comes again, held to the end */
    const char *by_year = "series,year,value\na,2020,1\nb,2020,2\na,2021,3\nb,2021,4\n";
    assert_int_equal(load_each_str(by_year, NULL, &w, &info, &err, true), IND_OK);
    assert_string_equal(w.log, "a[]:1:1..1@2 b[]:1:2..2@3 | a[]:2:1..3@4 b[]:2:2..4@4 ");
    assert_int_equal(w.restarts, 1);
    assert_false(info.grouped);
    assert_false(info.streamed);
    assert_string_equal(info.stream_note,
                        "line 4: series 'a' comes back after other series began (the rows of "
                        "each series are not together)");
    assert_int_equal(info.rows, 4);
    assert_int_equal(info.values, 4);
    /* the whole load says the same about grouping */
    ind_dataset *ds = load_str(by_year, NULL, &info);
    assert_false(info.grouped);
    assert_string_equal(info.stream_note,
                        "line 4: series 'a' comes back after other series began (the rows of "
                        "each series are not together)");
    ind_dataset_free(ds);
    ds = load_str("series,year,value\na,2020,1\na,2021,3\nb,2021,4\n", NULL, &info);
    assert_true(info.grouped);
    ind_dataset_free(ds);
    /* without restart: held from the start, every series at the end */
    const char *lng = "series,year,value\na,2020,1\na,2021,2\nb,2020,3\n";
    assert_int_equal(load_each_str(lng, NULL, &w, &info, &err, false), IND_OK);
    assert_string_equal(w.log, "a[]:2:1..2@3 b[]:1:3..3@3 ");
    assert_true(info.grouped);
    assert_false(info.streamed);
    /* wide-series: entity A comes back */
    const char *ws = "region,year,x\nA,2020,1\nB,2020,2\nA,2021,3\n";
    assert_int_equal(load_each_str(ws, NULL, &w, &info, &err, true), IND_OK);
    assert_string_equal(w.log, "x[A]:1:1..1@2 x[B]:1:2..2@3 | x[A]:2:1..3@3 x[B]:1:2..2@3 ");
    assert_false(info.grouped);
}

static void sorted_refuses_a_series_that_comes_back(void **state)
{
    (void)state;
    seen w;
    ind_load_info info;
    ind_error err;
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.sorted = true;
    const char *by_year = "series,entity,year,value\na,X,2020,1\nb,X,2020,2\na,X,2021,3\n";
    assert_int_equal(load_each_str(by_year, &opt, &w, &info, &err, true), IND_E_FORMAT);
    assert_string_equal(w.log, "a[X]:1:1..1@2 b[X]:1:2..2@3 "); /* b was complete */
    assert_int_equal(w.restarts, 0);
    assert_string_equal(err.path, "t.csv");
    assert_int_equal(err.line, 4);
    assert_int_equal(err.col, 1);
    assert_string_equal(err.message,
                        "series 'a' [X] comes back after other series began: --sorted needs the "
                        "rows of each series together (sort the file by series and entity, or "
                        "leave out --sorted to read it as a whole)");
    /* a wide-period series on two rows is the error of the whole load, streamed or not */
    const char *twice = "indicator,region,2020\na,A,1\nb,A,2\na,A,3\n";
    ind_error whole;
    ind_dataset *ds = NULL;
    assert_int_equal(ind_load_buffer(twice, strlen(twice), "t.csv", NULL, &ds, NULL, &whole),
                     IND_E_DUPLICATE);
    assert_int_equal(load_each_str(twice, &opt, &w, &info, &err, true), IND_E_DUPLICATE);
    assert_string_equal(err.message, whole.message);
    assert_int_equal(err.line, 4);
    assert_int_equal(load_each_str(twice, NULL, &w, &info, &err, true), IND_E_DUPLICATE);
    assert_string_equal(w.log, "a[A]:1:1..1@1 b[A]:1:2..2@2 | ");
    assert_string_equal(err.message, whole.message);
    assert_int_equal(err.line, 4);
    /* a bad cell after some series: those came, then the error of the whole load */
    const char *bad = "series,year,value\na,2020,1\nb,2020,x\n";
    assert_int_equal(load_each_str(bad, NULL, &w, &info, &err, true), IND_E_VALUE);
    assert_string_equal(w.log, "a[]:1:1..1@2 ");
    assert_int_equal(err.line, 3);
}

/* A sink that stops the load at the second series. */
static ind_status stop_second(void *ctx, ind_series *s, ind_error *err)
{
    (void)s;
    int *calls = ctx;
    if (++*calls == 2)
        return ind_error_set(err, IND_E_IO, NULL, 0, 0, "cannot write");
    return IND_OK;
}

static void sink_can_stop_the_load(void **state)
{
    (void)state;
    int calls = 0;
    ind_series_sink sink = {stop_second, NULL, &calls};
    ind_error err;
    const char *text = "series,year,value\na,2020,1\nb,2020,2\nc,2020,3\n";
    assert_int_equal(ind_load_each_buffer(text, strlen(text), "t.csv", NULL, &sink, NULL, &err),
                     IND_E_IO);
    assert_int_equal(calls, 2);
    assert_string_equal(err.message, "cannot write");
}

/* Many series: the big file on two threads streams them all, in order. */
static ind_status count_series(void *ctx, ind_series *s, ind_error *err)
{
    (void)err;
    size_t *n = ctx;
    char want[32];
    snprintf(want, sizeof want, "s%zu", *n);
    if (strcmp(s->name, want) != 0)
        return ind_error_set(err, IND_E_FORMAT, NULL, 0, 0, "got %s, expected %s", s->name, want);
    ++*n;
    return IND_OK;
}

static ind_status no_restart(void *ctx, ind_error *err)
{
    (void)ctx;
    return ind_error_set(err, IND_E_FORMAT, NULL, 0, 0, "restarted");
}

static void streams_big_files_in_order(void **state)
{
    (void)state;
    size_t cap = 12u << 20, len = 0, want = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    len += (size_t)snprintf(buf, cap, "series,year,value\n");
    for (; len + 64 < cap - 64; want++)
        for (int y = 2000; y < 2010; y++)
            len += (size_t)snprintf(buf + len, cap - len, "s%zu,%d,%d\n", want, y, y);
    size_t n = 0;
    ind_series_sink sink = {count_series, no_restart, &n};
    ind_load_info info;
    ind_error err;
    assert_int_equal(ind_load_each_buffer(buf, len, "big.csv", NULL, &sink, &info, &err), IND_OK);
    assert_int_equal(n, want);
    assert_true(info.streamed);
    free(buf);
}

/* Counts series since the last restart, and restarts; notes whether 漯河 came. */
typedef struct tally {
    size_t series;
    int restarts;
    bool luohe;
} tally;

static ind_status tally_series(void *ctx, ind_series *s, ind_error *err)
{
    (void)err;
    tally *t = ctx;
    t->series++;
    t->luohe |= strcmp(s->entity, "漯河") == 0;
    return IND_OK;
}

static ind_status tally_restart(void *ctx, ind_error *err)
{
    (void)err;
    tally *t = ctx;
    t->restarts++;
    t->series = 0;
    t->luohe = false;
    return IND_OK;
}

/* A source read a second time from its start (here: GBK after 1.5 MB of ASCII, read
   again as GB18030) voids the series streamed before: the sink restarts, and every
   series comes once after it. */
static void restarts_the_sink_when_read_again(void **state)
{
    (void)state;
    size_t cap = 2u << 20, len = 0, rows = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    len += (size_t)snprintf(buf, cap, "indicator,region,2020,2021\n");
    for (; len < (3u << 19); rows++)
        len += (size_t)snprintf(buf + len, cap - len, "i%zu,A,1,2\n", rows);
    /* 漯河 in GBK */
    len += (size_t)snprintf(buf + len, cap - len, "i%zu,\xe4\xf0\xba\xd3,3,4\n", rows++);
    tally t = {0, 0, false};
    ind_series_sink sink = {tally_series, tally_restart, &t};
    ind_load_info info;
    ind_error err;
    assert_int_equal(ind_load_each_buffer(buf, len, "late.csv", NULL, &sink, &info, &err), IND_OK);
    assert_string_equal(info.encoding, "GB18030");
    assert_int_equal(t.restarts, 1);
    assert_int_equal(t.series, rows);
    assert_true(t.luohe);
    free(buf);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(streams_grouped_files),
        cmocka_unit_test(reads_ungrouped_files_again),
        cmocka_unit_test(sorted_refuses_a_series_that_comes_back),
        cmocka_unit_test(sink_can_stop_the_load),
        cmocka_unit_test(streams_big_files_in_order),
        cmocka_unit_test(restarts_the_sink_when_read_again),
        cmocka_unit_test(parses_numbers),
        cmocka_unit_test(recognises_missing_markers),
        cmocka_unit_test(rejects_non_numbers),
        cmocka_unit_test(fast_path_equals_strtod),
        cmocka_unit_test(loads_long_file),
        cmocka_unit_test(reads_many_distinct_periods),
        cmocka_unit_test(loads_chinese_long_header),
        cmocka_unit_test(names_series_after_file_without_series_column),
        cmocka_unit_test(frequencies_split),
        cmocka_unit_test(loads_wide_series),
        cmocka_unit_test(loads_wide_period),
        cmocka_unit_test(loads_world_bank_layouts),
        cmocka_unit_test(keys_shared_country_names_by_code),
        cmocka_unit_test(loads_real_world_bank_file),
        cmocka_unit_test(reads_statistics_office_layouts),
        cmocka_unit_test(detects_delimiters),
        cmocka_unit_test(reads_gbk),
        cmocka_unit_test(reads_utf16_with_bom),
        cmocka_unit_test(handles_chunk_boundaries),
        cmocka_unit_test(counts_blank_rows_and_line_ends),
        cmocka_unit_test(honours_overrides),
        cmocka_unit_test(names_shapes),
        cmocka_unit_test(reports_bad_files),
        cmocka_unit_test(invalid_utf8_late_is_an_error),
        cmocka_unit_test(case_differing_headers_are_not_repeats),
        cmocka_unit_test(rejects_invalid_utf8_when_forced),
        cmocka_unit_test(stops_at_huge_field),
        cmocka_unit_test(stops_at_huge_field_in_file),
        cmocka_unit_test(converts_big_files_on_two_threads),
        cmocka_unit_test(reports_missing_file),
        cmocka_unit_test(reads_dates_as_periods),
        cmocka_unit_test(reads_two_header_rows),
        cmocka_unit_test(takes_the_unit_of_a_preamble_line),
        cmocka_unit_test(refuses_dates_without_a_frequency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
