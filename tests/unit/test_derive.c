/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_derive.c - derived series: parsing (with the column of an error),
 * alignment by entity and period, missing values, units, and the seed's
 * question: R&D spending from intensity and GDP. Reference values by hand
 * (python3): China 2020 2.40 / 100 * 1015986 = 24383.664, Henan 2022
 * 1.86 / 100 * 61345.05 = 1141.01793, Henan 2023 2.05 / 100 * 59132.39 =
 * 1212.213995.
 */
#include "test.h"

#include "indicators/derive.h"
#include "indicators/load.h"

static ind_dataset *load(const char *text)
{
    ind_dataset *ds = NULL;
    ind_error err;
    if (ind_load_buffer(text, strlen(text), "t.csv", NULL, &ds, NULL, &err) != IND_OK)
        fail_msg("%s", err.message);
    return ds;
}

static ind_derivation *parse(const char *text)
{
    ind_derivation *d;
    ind_error err;
    ind_error_clear(&err);
    if (ind_derivation_parse(text, &d, &err) != IND_OK)
        fail_msg("%s", err.message);
    return d;
}

static double at(const ind_dataset *ds, const char *name, const char *entity, int year)
{
    const ind_series *s = ind_dataset_find(ds, name, entity);
    if (!s)
        fail_msg("no %s [%s]", name, entity);
    long i = ind_series_find(s, ind_period_make(IND_FREQ_YEAR, year, 1).ord);
    if (i < 0)
        fail_msg("%s [%s] has no %d", name, entity, year);
    return s->value[i];
}

static const char rd[] = "series,entity,year,value,unit\n"
                         "rd_intensity,China,2020,2.40,%\n"
                         "rd_intensity,China,2024,2.69,%\n"
                         "rd_intensity,Henan,2022,1.86,%\n"
                         "rd_intensity,Henan,2023,2.05,%\n"
                         "rd_intensity,Luohe,2020,1.14,%\n";
static const char gdp[] = "series,entity,year,value,unit\n"
                          "gdp,China,2019,990865,亿元\n"
                          "gdp,China,2020,1015986,亿元\n"
                          "gdp,China,2024,1349084,亿元\n"
                          "gdp,Henan,2020,54997.07,亿元\n"
                          "gdp,Henan,2022,61345.05,亿元\n"
                          "gdp,Henan,2023,59132.39,亿元\n";

static void rd_spending(void **state)
{
    (void)state;
    ind_dataset *ds[2] = {load(rd), load(gdp)};
    ind_derivation *d = parse("rd_spending = rd_intensity / 100 * gdp");
    assert_string_equal(ind_derivation_name(d), "rd_spending");
    ind_derive_info info;
    ind_error err;
    assert_int_equal(ind_derivation_apply(d, ds, 2, ds[0], &info, &err), IND_OK);
    assert_int_equal(info.made, 2); /* China and Henan; Luohe has no GDP */
    assert_int_equal(info.lacking, 1);
    assert_string_equal(info.note, "no rd_spending for Luohe: no series 'gdp' [Luohe] in the data");
    assert_close(at(ds[0], "rd_spending", "China", 2020), 24383.664, 1e-14);
    assert_close(at(ds[0], "rd_spending", "China", 2024), 36290.3596, 1e-14);
    assert_close(at(ds[0], "rd_spending", "Henan", 2022), 1141.01793, 1e-14);
    assert_close(at(ds[0], "rd_spending", "Henan", 2023), 1212.213995, 1e-14);
    const ind_series *h = ind_dataset_find(ds[0], "rd_spending", "Henan");
    assert_int_equal(h->n, 2);
    assert_int_equal(h->n_missing, 1); /* 2020: GDP without intensity */
    assert_string_equal(h->unit, "亿元"); /* % / number * 亿元 */
    assert_false(ind_series_is_percent(h));
    assert_null(ind_dataset_find(ds[0], "rd_spending", "Luohe"));
    assert_int_equal(info.missing, 2); /* China 2019, Henan 2020 */

    /* applied again: the data's series are kept */
    assert_int_equal(ind_derivation_apply(d, ds, 2, ds[0], &info, &err), IND_OK);
    assert_int_equal(info.made, 0);
    assert_int_equal(info.kept, 2);
    ind_derivation_free(d);

    /* a fixed entity for every result, and a unit given with the name */
    d = parse("share (%) = gdp / gdp[China] * 100");
    assert_int_equal(ind_derivation_apply(d, ds, 2, ds[1], &info, &err), IND_OK);
    assert_int_equal(info.made, 2);
    assert_close(at(ds[1], "share", "Henan", 2020), 54997.07 / 1015986 * 100, 1e-14);
    assert_close(at(ds[1], "share", "China", 2024), 100, 1e-15);
    assert_true(ind_series_is_percent(ind_dataset_find(ds[1], "share", "Henan")));
    ind_derivation_free(d);
    ind_dataset_free(ds[0]);
    ind_dataset_free(ds[1]);
}

static void units_and_arithmetic(void **state)
{
    (void)state;
    ind_dataset *ds = load("series,year,value,unit\n"
                           "a,2020,6,亿元\n"
                           "a,2021,8,亿元\n"
                           "b,2020,2,亿元\n"
                           "b,2021,0,亿元\n"
                           "n,2020,3,人\n"
                           "n,2021,4,人\n");
    static const struct {
        const char *text;
        double v2020;
        const char *unit;
        size_t n;
    } cases[] = {
        {"r = a / b", 3, "", 1},              /* 2021: division by 0 is missing */
        {"s = -(a - b) * 2 + 1", -7, "亿元", 2},
        {"p = a / n", 2, "亿元/人", 2},
        {"q = a * n", 18, "亿元\xc2\xb7人", 2},
        {"\"x y\" = a - 1.5e1 * 2", -24, "亿元", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ind_derivation *d = parse(cases[i].text);
        ind_error err;
        ind_derive_info info;
        assert_int_equal(ind_derivation_apply(d, &ds, 1, ds, &info, &err), IND_OK);
        const ind_series *s = ind_dataset_find(ds, ind_derivation_name(d), "");
        assert_non_null(s);
        assert_close(s->value[0], cases[i].v2020, 1e-15);
        assert_string_equal(s->unit, cases[i].unit);
        assert_int_equal(s->n, cases[i].n);
        ind_derivation_free(d);
    }
    ind_derivation *d = parse("bad = a + n");
    ind_error err;
    assert_int_equal(ind_derivation_apply(d, &ds, 1, ds, NULL, &err), IND_E_VALUE);
    assert_string_equal(err.message, "derivation 'bad = a + n' adds 亿元 and 人");
    ind_derivation_free(d);
    d = parse("c = a / zz[X]");
    assert_int_equal(ind_derivation_apply(d, &ds, 1, ds, NULL, &err), IND_E_VALUE);
    assert_string_equal(err.message, "derivation 'c = a / zz[X]': no series 'zz' [X] in the data");
    ind_derivation_free(d);
    ind_dataset_free(ds);
}

/* The parser refuses: no derivation comes back. */
static ind_status derive_parse(const char *text, ind_error *err)
{
    ind_derivation *d = (ind_derivation *)1;
    ind_status st = ind_derivation_parse(text, &d, err);
    assert_null(d);
    return st;
}

static void parse_errors(void **state)
{
    (void)state;
    static const parse_error_case cases[] = {
        {"rd_spending rd_intensity * gdp", 1, "expected NAME = EXPRESSION"},
        {" = a * b", 2, "the derived series' name"},
        {"x = a * ", 9, "a number, a series or '('"},
        {"x = (a * b", 11, "')'"},
        {"x = a b", 7, "an operator"},
        {"x = a[Luohe * b", 7, "an entity closed by ']'"},
        {"two names = a", 4, "one name before '='"},
    };
    check_parse_errors(cases, sizeof cases / sizeof cases[0], derive_parse);
    char deep[300];
    memset(deep, '(', sizeof deep);
    memcpy(deep, "x = ", 4);
    deep[sizeof deep - 1] = '\0';
    ind_derivation *d;
    ind_error err;
    assert_int_equal(ind_derivation_parse(deep, &d, &err), IND_E_ARG);
    assert_non_null(strstr(err.message, "less nesting"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rd_spending),
        cmocka_unit_test(units_and_arithmetic),
        cmocka_unit_test(parse_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
