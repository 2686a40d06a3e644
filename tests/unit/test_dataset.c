/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the series store (src/lib/dataset.c). */
#include "test.h"

#include "indicators/dataset.h"

static ind_period year(int y)
{
    return ind_period_make(IND_FREQ_YEAR, y, 1);
}

static void finds_series_by_name_and_entity(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *a = ind_dataset_series(ds, "rd", "Luohe");
    ind_series *b = ind_dataset_series(ds, "rd", "Henan");
    ind_series *c = ind_dataset_series(ds, "rd", NULL);
    assert_non_null(a);
    assert_ptr_not_equal(a, b);
    assert_string_equal(c->entity, "");
    assert_int_equal(ind_dataset_count(ds), 3);
    assert_ptr_equal(ind_dataset_find(ds, "rd", "Henan"), ind_dataset_at(ds, 1));
    assert_ptr_equal(ind_dataset_find(ds, "rd", NULL), ind_dataset_at(ds, 2));
    assert_null(ind_dataset_find(ds, "rd", "China"));
    ind_dataset_free(ds);
    ind_dataset_free(NULL);
}

static void index_survives_growth(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    char name[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "s%d", i);
        ind_series *s = ind_dataset_series(ds, name, i % 2 ? "odd" : "even");
        assert_int_equal(ind_series_add(s, year(2000), i, NULL), IND_OK);
    }
    assert_int_equal(ind_dataset_count(ds), 5000);
    for (int i = 0; i < 5000; i += 97) {
        snprintf(name, sizeof name, "s%d", i);
        ind_series *s = ind_dataset_find(ds, name, i % 2 ? "odd" : "even");
        assert_non_null(s);
        assert_true(s->value[0] == i);
    }
    ind_dataset_free(ds);
}

static void keeps_periods_sorted_and_unique(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = ind_dataset_series(ds, "x", "");
    int years[] = {2021, 2019, 2023, 2020, 2015};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(ind_series_add(s, year(years[i]), years[i] - 2000, NULL), IND_OK);
    for (size_t i = 1; i < s->n; i++)
        assert_true(s->ord[i - 1] < s->ord[i]);
    assert_true(s->value[0] == 15);
    assert_int_equal(ind_series_gaps(s), 4); /* 2016, 2017, 2018 and 2022 */
    ind_error err;
    assert_int_equal(ind_series_add(s, year(2020), 1, &err), IND_E_DUPLICATE);
    assert_non_null(strstr(err.message, "2020"));
    assert_int_equal(ind_series_add(s, ind_period_make(IND_FREQ_QUARTER, 2024, 1), 1, &err),
                     IND_E_FREQUENCY);
    assert_non_null(strstr(err.message, "quarterly"));
    assert_int_equal(ind_series_find(s, year(2021).ord), 3);
    assert_int_equal(ind_series_find(s, year(2022).ord), -1);
    ind_dataset_free(ds);
}

/*
 * Names for --series / --entity: present or not, and the near ones.
 * Distances by hand: luohe -> Luohe 0 (case), Xuchan -> Xuchang 1,
 * Hena -> Henan 1, China -> Chian 2 (over the limit 5/3 = 1).
 */
static void finds_names_and_near_names(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    const char *entities[] = {"Luohe", "Henan", "China", "Xuchang", "Luohe City", "Henan"};
    for (size_t i = 0; i < 6; i++)
        assert_non_null(ind_dataset_series(ds, i < 5 ? "rd" : "gdp", entities[i]));
    ind_series_set_text(&ind_dataset_find(ds, "gdp", "Henan")->label, "GDP (current)");
    assert_true(ind_dataset_has_name(ds, IND_NAME_ENTITY, "Xuchang"));
    assert_false(ind_dataset_has_name(ds, IND_NAME_ENTITY, "xuchang"));
    assert_true(ind_dataset_has_name(ds, IND_NAME_SERIES, "gdp"));
    assert_true(ind_dataset_has_name(ds, IND_NAME_SERIES, "GDP (current)"));
    assert_false(ind_dataset_has_name(ds, IND_NAME_SERIES, "Henan"));

    const char **all;
    size_t n = ind_dataset_names(ds, IND_NAME_ENTITY, &all);
    assert_int_equal(n, 5);
    const char *sorted[] = {"China", "Henan", "Luohe", "Luohe City", "Xuchang"};
    for (size_t i = 0; i < n; i++)
        assert_string_equal(all[i], sorted[i]);
    free(all);

    const char *near[4];
    /* a typo first, then the name containing it */
    assert_int_equal(ind_dataset_near_names(ds, IND_NAME_ENTITY, "luohe", near, 4), 2);
    assert_string_equal(near[0], "Luohe");
    assert_string_equal(near[1], "Luohe City");
    assert_int_equal(ind_dataset_near_names(ds, IND_NAME_ENTITY, "Xuchan", near, 4), 1);
    assert_string_equal(near[0], "Xuchang");
    assert_int_equal(ind_dataset_near_names(ds, IND_NAME_ENTITY, "Chian", near, 4), 0);
    /* at most max, the nearest kept */
    assert_int_equal(ind_dataset_near_names(ds, IND_NAME_ENTITY, "Luohe Cit", near, 1), 1);
    assert_string_equal(near[0], "Luohe City");
    assert_int_equal(ind_dataset_near_names(ds, IND_NAME_SERIES, "GDPP", near, 4), 1);
    assert_string_equal(near[0], "gdp");
    ind_dataset_free(ds);
}

/* Names are normalised where they are stored: each run of control characters is one space. */
static void control_characters_become_spaces(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *a = ind_dataset_series(ds, "GDP\r\n(%)", "Aru\x1b]0;x\x07" "ba");
    assert_string_equal(a->name, "GDP (%)");
    assert_string_equal(a->entity, "Aru ]0;x ba");
    /* the same key written with a space, or with a C1 control (U+009B, CSI) */
    assert_ptr_equal(ind_dataset_series(ds, "GDP (%)", "Aru ]0;x ba"), a);
    assert_ptr_equal(ind_dataset_find(ds, "GDP\n(%)", "Aru\xc2\x9b]0;x\tba"), a);
    ind_series *b = ind_dataset_series(ds, "plain", "\xe4\xb8\xad"); /* 中: not a control */
    assert_string_equal(b->entity, "\xe4\xb8\xad");
    assert_int_equal(ind_dataset_renamed(ds), 1);
    assert_int_equal(ind_series_set_text(&b->unit, "\x7f%\x1b[2J"), IND_OK);
    assert_string_equal(b->unit, " % [2J");
    ind_dataset_free(ds);
}

static void percent_from_flag_or_unit(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = ind_dataset_series(ds, "x", "");
    assert_false(ind_series_is_percent(s));
    assert_int_equal(ind_series_set_text(&s->unit, "% of GDP"), IND_OK);
    assert_true(ind_series_is_percent(s));
    ind_dataset_free(ds);
}

static void takes_series_and_clears(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = ind_dataset_series(ds, "gdp", "A");
    ind_period p = {IND_FREQ_YEAR, 2020};
    assert_int_equal(ind_series_add(s, p, 1.5, NULL), IND_OK);
    assert_int_equal(ind_series_set_text(&s->unit, "%"), IND_OK);
    ind_series *own = ind_series_take(s);
    assert_non_null(own);
    assert_string_equal(own->name, "gdp");
    assert_string_equal(own->entity, "A");
    assert_string_equal(own->unit, "%");
    assert_int_equal(own->n, 1);
    assert_true(own->value[0] == 1.5);
    /* what is left in the dataset is an empty series, freed with it */
    assert_int_equal(s->n, 0);
    assert_string_equal(s->name, "");
    /* cleared: no series, and a key can be created again */
    ind_dataset_clear(ds);
    assert_int_equal(ind_dataset_count(ds), 0);
    assert_null(ind_dataset_find(ds, "gdp", "A"));
    ind_series *again = ind_dataset_series(ds, "gdp", "A");
    assert_non_null(again);
    assert_int_equal(again->n, 0);
    assert_int_equal(ind_dataset_count(ds), 1);
    ind_series_free(own);
    ind_series_free(NULL);
    ind_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(takes_series_and_clears),
        cmocka_unit_test(finds_series_by_name_and_entity),
        cmocka_unit_test(index_survives_growth),
        cmocka_unit_test(keeps_periods_sorted_and_unique),
        cmocka_unit_test(percent_from_flag_or_unit),
        cmocka_unit_test(finds_names_and_near_names),
        cmocka_unit_test(control_characters_become_spaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
