/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_claim.c - claims: the syntax (errors with their column), the claims
 * file (derivation rows, FILE:LINE:COL errors), the verdicts with the stated
 * precision, and implied values. Reference values by hand (python3):
 * Luohe's R&D intensity 1.14 -> 2.1 over 2020-2023 is a CAGR of
 * ((2.1/1.14)**(1/3)-1)*100 = 22.585230441425352 %; 3.65 times 1859 implies
 * 1859/3.65 = 509.3150684931507 (1859/3.655 = 508.6183310533516 to
 * 1859/3.645 = 510.01371742112485); > 30 % a year to 100 in 2023 implies
 * below 100/1.3**3 = 45.51661356395084 in 2020.
 */
#include "test.h"

#include "indicators/claim.h"
#include "indicators/load.h"

static ind_dataset *data(void)
{
    static const char text[] = "series,entity,period,value,unit\n"
                               "rd_intensity,Luohe,2020,1.14,%\n"
                               "rd_intensity,Luohe,2023,2.1,%\n"
                               "rd_intensity,Henan,2022,1.86,%\n"
                               "rd_intensity,Henan,2023,2.05,%\n"
                               "talent,Luohe,2023,1859,人\n"
                               "x,,2023,100,\n"
                               "x,,2022,88,\n"
                               "y,,2023,110,\n"
                               "z,,2023,12,\n"
                               "near,,2023,2.149,\n"
                               "near,,2022,2.151,\n"
                               "half,,2024H1,4804,\n";
    ind_dataset *ds = NULL;
    ind_error err;
    if (ind_load_buffer(text, sizeof text - 1, "t.csv", NULL, &ds, NULL, &err) != IND_OK)
        fail_msg("%s", err.message);
    return ds;
}

static ind_claim_result check(ind_dataset *ds, const char *text)
{
    ind_claim c;
    ind_error err;
    ind_error_clear(&err);
    if (ind_claim_parse(text, &c, &err) != IND_OK)
        fail_msg("%s", err.message);
    ind_claim_result r;
    assert_int_equal(ind_claim_check(&c, &ds, 1, &r), IND_OK);
    return r;
}

static void verdicts(void **state)
{
    (void)state;
    ind_dataset *ds = data();
    ind_claim_result r = check(ds, "cagr(rd_intensity[Luohe], 2020, 2023) = 22.6%");
    assert_int_equal(r.verdict, IND_CLAIM_HOLDS);
    assert_close(r.left, 22.585230441425352, 1e-13);
    assert_string_equal(r.reason, "cagr of rd_intensity [Luohe] 2020 to 2023 = 22.59%, within "
                                  "22.55 to 22.65 (22.6% as stated)");
    assert_int_equal(check(ds, "cagr(rd_intensity[Luohe], 2020, 2023) = 22.5%").verdict,
                     IND_CLAIM_FAILS);
    r = check(ds, "cagr(rd_intensity[Luohe], 2020, 2023) > 30%");
    assert_int_equal(r.verdict, IND_CLAIM_FAILS);
    assert_string_equal(r.reason, "cagr of rd_intensity [Luohe] 2020 to 2023 = 22.59%, not > 30%");
    assert_int_equal(check(ds, "30% < cagr(rd_intensity[Luohe], 2020, 2023)").verdict,
                     IND_CLAIM_FAILS);
    assert_int_equal(check(ds, "22.58 <= cagr(rd_intensity[Luohe], 2020, 2023)").verdict,
                     IND_CLAIM_HOLDS);
    /* "2.1" stands for 2.05..2.15: 2.149 is within, 2.151 is not */
    assert_int_equal(check(ds, "value(near, 2023) = 2.1").verdict, IND_CLAIM_HOLDS);
    assert_int_equal(check(ds, "value(near, 2022) = 2.1").verdict, IND_CLAIM_FAILS);
    assert_int_equal(check(ds, "value(near, 2022) = 2.15").verdict, IND_CLAIM_HOLDS);
    /* "first above the provincial average" */
    r = check(ds, "value(rd_intensity[Luohe], 2023) > value(rd_intensity[Henan], 2023)");
    assert_int_equal(r.verdict, IND_CLAIM_HOLDS);
    assert_close(r.right, 2.05, 0);
    r = check(ds, "value(rd_intensity[Luohe], 2022) <= value(rd_intensity[Henan], 2022)");
    assert_int_equal(r.verdict, IND_CLAIM_UNCHECKED);
    assert_string_equal(r.reason, "no value for rd_intensity [Luohe] in 2022");
    assert_false(r.has_implied);
    /* the other statistics: x 88 -> 100 */
    assert_close(check(ds, "multiple(x, 2022, 2023) > 1").left, 100.0 / 88, 1e-15);
    assert_close(check(ds, "growth(x, 2022, 2023) > 1").left, (100.0 / 88 - 1) * 100, 1e-13);
    assert_close(check(ds, "yoy(x, 2023) > 1").left, (100.0 / 88 - 1) * 100, 1e-13);
    assert_close(check(ds, "change(x, 2022, 2023) = 12").left, 12, 0);
    assert_close(check(ds, "pp(rd_intensity[Henan], 2022, 2023) = 0.19").left, 0.19, 1e-13);
    assert_int_equal(check(ds, "pp(rd_intensity[Henan], 2022, 2023) = 0.19").verdict, IND_CLAIM_HOLDS);
    /* what cannot be checked says why */
    r = check(ds, "value(rd_intensity, 2023) > 2");
    assert_string_equal(r.reason, "series 'rd_intensity' has 2 entities: write rd_intensity[ENTITY]");
    r = check(ds, "value(half, 2024) > 2");
    assert_string_equal(r.reason, "half is half-yearly, the claim's periods annual");
    r = check(ds, "value(nothing, 2024) > 2");
    assert_string_equal(r.reason, "no series 'nothing' in the data");
    ind_dataset_free(ds);
}

static void implied_values(void **state)
{
    (void)state;
    ind_dataset *ds = data();
    ind_claim_result r = check(ds, "multiple(talent[Luohe], 2022, 2023) = 3.65");
    assert_int_equal(r.verdict, IND_CLAIM_UNCHECKED);
    assert_true(r.has_implied);
    assert_string_equal(r.implied_series, "talent");
    assert_string_equal(r.implied_entity, "Luohe");
    assert_int_equal(ind_period_year(r.implied_period), 2022);
    assert_int_equal(r.implied_op, IND_CLAIM_EQ);
    assert_close(r.implied_value, 509.3150684931507, 1e-14);
    assert_close(r.implied_lo, 508.6183310533516, 1e-14);
    assert_close(r.implied_hi, 510.01371742112485, 1e-14);
    r = check(ds, "multiple(talent[Luohe], 2022, 2023) >= 3.6"); /* at most 1859 / 3.6 */
    assert_int_equal(r.implied_op, IND_CLAIM_LE);
    assert_close(r.implied_value, 516.3888888888889, 1e-14);
    r = check(ds, "cagr(x, 2020, 2023) > 30%");
    assert_int_equal(r.implied_op, IND_CLAIM_LT);
    assert_close(r.implied_value, 45.51661356395084, 1e-14);
    r = check(ds, "30 < cagr(x, 2020, 2023)"); /* the same claim, number first */
    assert_int_equal(r.implied_op, IND_CLAIM_LT);
    r = check(ds, "yoy(y, 2023) = 10%"); /* 110 / 1.1, 110 / 1.105 .. 110 / 1.095 */
    assert_close(r.implied_value, 100, 1e-14);
    assert_close(r.implied_lo, 99.5475113122172, 1e-14);
    assert_close(r.implied_hi, 100.45662100456622, 1e-14);
    r = check(ds, "change(z, 2022, 2023) = 5"); /* 12 - 5, within 4.5..5.5 */
    assert_close(r.implied_value, 7, 0);
    assert_close(r.implied_lo, 6.5, 1e-15);
    assert_close(r.implied_hi, 7.5, 1e-15);
    r = check(ds, "multiple(z, 2023, 2024) = 2"); /* the later value missing: 12 * 2 */
    assert_int_equal(ind_period_year(r.implied_period), 2024);
    assert_close(r.implied_value, 24, 0);
    ind_dataset_free(ds);
}

static ind_status claim_parse(const char *text, ind_error *err)
{
    ind_claim c;
    return ind_claim_parse(text, &c, err);
}

static void parse_errors(void **state)
{
    (void)state;
    static const parse_error_case cases[] = {
        {"cagr(x, 2020, 2023) 30%", 21, "a comparison"},
        {"cgar(x, 2020, 2023) > 30%", 1, "a number or a statistic"},
        {"cagr(x, 2020) > 30%", 13, "',' and the last period"},
        {"cagr(x, 2023, 2020) > 30%", 9, "the first before the last"},
        {"value(x, 20x3) > 1", 10, "a period"},
        {"value(x 2023) > 1", 13, "',' and a period"},
        {"3 > 2", 5, "a statistic on one side"},
        {"value(x, 2023) > 1 and more", 20, "the end of the claim"},
    };
    check_parse_errors(cases, sizeof cases / sizeof cases[0], claim_parse);
    ind_claim c;
    ind_error err;
    assert_int_equal(ind_claim_parse("value(\"talent (half-yearly)\"[Luohe], 2024H1) ≥ 4,804", &c, &err),
                     IND_OK);
    assert_string_equal(c.left.series, "talent (half-yearly)");
    assert_string_equal(c.left.entity, "Luohe");
    assert_int_equal(c.op, IND_CLAIM_GE);
    assert_close(c.right.number, 4804, 0);
    assert_int_equal(c.right.decimals, 0);
}

static void claims_file(void **state)
{
    (void)state;
    static const char text[] = "claim,label\n"
                               "rd_spending = rd_intensity / 100 * gdp,derived\n"
                               "\"cagr(rd_spending[Luohe], 2020, 2023) > 30%\",年均增长30%以上\n"
                               "\n"
                               "\"multiple(talent[Luohe], 2022, 2023) = 3.65\",\n";
    ind_claims_file f;
    ind_error err;
    assert_int_equal(ind_claims_load_buffer(text, sizeof text - 1, "c.csv", &f, &err), IND_OK);
    assert_int_equal(f.nderive, 1);
    assert_string_equal(ind_derivation_name(f.derive[0]), "rd_spending");
    assert_int_equal(f.n, 2);
    assert_string_equal(f.claims[0].label, "年均增长30%以上");
    assert_int_equal(f.claims[0].line, 3);
    assert_int_equal(f.claims[1].line, 5);
    ind_claims_file_clear(&f);
    static const struct {
        const char *text;
        long line, col;
        const char *says;
    } bad[] = {
        {"claim,label\n\"value(x, 2023) >\",\n", 2, 1, "claim 'value(x, 2023) >': expected a number"},
        {"claim,label\nx = a +,\n", 2, 1, "derivation 'x = a +'"},
        {"claim,note\n", 1, 2, "unknown column 'note'"},
        {"label\n", 1, 0, "no 'claim' column"},
        {"claim\n", 1, 0, "no claims"},
        {"claim,label\n\"value(x, 2023) > 1\"\n", 2, 2, "this row has 1 fields, the header 2"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ind_error_clear(&err);
        assert_int_not_equal(ind_claims_load_buffer(bad[i].text, strlen(bad[i].text), "c.csv", &f, &err),
                             IND_OK);
        assert_int_equal(f.n, 0);
        if (err.line != bad[i].line || err.col != bad[i].col || !strstr(err.message, bad[i].says))
            fail_msg("case %zu: %ld:%ld: %s", i, err.line, err.col, err.message);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verdicts),
        cmocka_unit_test(implied_values),
        cmocka_unit_test(parse_errors),
        cmocka_unit_test(claims_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
