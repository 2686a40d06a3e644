/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the shared path from a series to a forecast
 * (src/lib/forecast/series.c): the method lookup, the --level and --bounds
 * parsers, the request check and ind_forecast_series' rules (gaps, the
 * 0..100 bounds of percent series, empty and short series).
 */
#include "test.h"

#include "indicators/dataset.h"
#include "indicators/forecast.h"

/* A yearly series from 2000 on; NAN values are gaps (not added). */
static ind_series *series(ind_dataset *ds, const char *unit, const double *v, size_t n)
{
    ind_series *s = ind_dataset_series(ds, "x", "e");
    assert_non_null(s);
    assert_int_equal(ind_series_set_text(&s->unit, unit), IND_OK);
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]))
            assert_int_equal(ind_series_add(s, ind_period_make(IND_FREQ_YEAR, 2000 + (int)i, 1),
                                            v[i], NULL),
                             IND_OK);
    return s;
}

static void method_lookup(void **state)
{
    (void)state;
    size_t n;
    const ind_forecast_method *table = ind_forecast_methods(&n);
    ind_error err;
    assert_ptr_equal(ind_forecast_method_find(NULL, NULL), &table[0]);
    assert_string_equal(table[0].name, "auto");
    for (size_t i = 0; i < n; i++)
        assert_ptr_equal(ind_forecast_method_find(table[i].name, NULL), &table[i]);
    assert_null(ind_forecast_method_find("prophet", &err));
    assert_int_equal(err.code, IND_E_ARG);
    assert_non_null(strstr(err.message, "'prophet'"));
    assert_non_null(strstr(err.message, "loglinear"));
    assert_true(ind_forecast_method_find("loglinear", NULL)->log_scale);
    assert_false(ind_forecast_method_find("drift", NULL)->log_scale);
}

/* Parses text; returns the status and leaves the message in err. */
static ind_status levels(const char *text, ind_forecast_request *req, ind_error *err)
{
    ind_forecast_request_init(req);
    ind_error_clear(err);
    return ind_forecast_parse_levels(text, req, err);
}

static void level_lists(void **state)
{
    (void)state;
    ind_forecast_request req;
    ind_error err;
    assert_int_equal(levels("50,99.5", &req, &err), IND_OK);
    assert_int_equal(req.nlevels, 2);
    assert_close(req.levels[0], 50, 0);
    assert_close(req.levels[1], 99.5, 0);
    assert_int_equal(levels("90", &req, &err), IND_OK);
    assert_int_equal(req.nlevels, 1);

    const char *bad[] = {"80,,95", ",80", "80,", "", "0", "100", "-5", "abc", "80x", "nan",
                         "80,80", "80,80.0000001", "1,2,3,4,5,6,7,8,9"};
    const char *why[] = {"empty", "empty", "empty", "empty", "above 0", "above 0", "above 0",
                         "above 0", "above 0", "above 0", "twice", "twice", "at most 8"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (levels(bad[i], &req, &err) != IND_E_ARG)
            fail_msg("--level '%s' was accepted", bad[i]);
        if (!strstr(err.message, why[i]))
            fail_msg("--level '%s': %s", bad[i], err.message);
        /* the request keeps its levels */
        assert_int_equal(req.nlevels, 2);
        assert_close(req.levels[0], 80, 0);
    }

    /* a list longer than any buffer is read to its end: a bad item past byte 256
       is an error, not cut off (the old parser kept "80,95" and dropped the rest) */
    char text[400];
    int len = snprintf(text, sizeof text, "80,95,%0250d,abc", 0);
    assert_true(len > 256);
    assert_int_equal(levels(text, &req, &err), IND_E_ARG);
    len = snprintf(text, sizeof text, "80,%0300d", 0);
    assert_int_equal(levels(text, &req, &err), IND_E_ARG);
}

static void bounds_text(void **state)
{
    (void)state;
    ind_forecast_request req;
    ind_forecast_request_init(&req);
    ind_error err;
    assert_int_equal(ind_forecast_parse_bounds("-1.5,2e3", &req, &err), IND_OK);
    assert_int_equal(req.scale, IND_SCALE_BOUNDS);
    assert_close(req.lower, -1.5, 0);
    assert_close(req.upper, 2000, 0);
    const char *bad[] = {"100,0", "5,5", "0", "0,100,200", "a,b", "0,inf", ",100", "0,", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ind_forecast_request_init(&req);
        if (ind_forecast_parse_bounds(bad[i], &req, &err) != IND_E_ARG)
            fail_msg("--bounds '%s' was accepted", bad[i]);
        assert_int_equal(req.scale, IND_SCALE_DEFAULT);
        assert_non_null(strstr(err.message, "LO,HI"));
    }
}

static void request_check(void **state)
{
    (void)state;
    ind_forecast_request req;
    ind_error err;
    ind_forecast_request_init(&req);
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_OK);
    req.horizon = 0;
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_E_ARG);
    req.horizon = IND_FORECAST_MAX_HORIZON + 1;
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_E_ARG);
    assert_non_null(strstr(err.message, "10000"));
    req.horizon = IND_FORECAST_MAX_HORIZON;
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_OK);
    req.levels[1] = 80;
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_E_ARG);
    ind_forecast_request_init(&req);
    req.method = ind_forecast_method_find("loglinear", NULL);
    req.scale = IND_SCALE_BOUNDS, req.lower = 0, req.upper = 100;
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_E_ARG);
    ind_forecast_method copy = *req.method;
    req.method = &copy;
    req.scale = IND_SCALE_DEFAULT;
    assert_int_equal(ind_forecast_request_check(&req, &err), IND_E_ARG);
    assert_non_null(strstr(err.message, "not a row"));
}

/* The forecast of s by method with the default request; fails the test on error. */
static ind_forecast forecast(const ind_series *s, const char *method, ind_forecast_scale scale)
{
    ind_forecast_request req;
    ind_forecast_request_init(&req);
    req.method = ind_forecast_method_find(method, NULL);
    req.scale = scale;
    ind_forecast f;
    ind_error err;
    if (ind_forecast_series(s, &req, &f, &err) != IND_OK)
        fail_msg("%s: %s", method, err.message);
    return f;
}

/*
 * The same numbers as the engine given the periods with NAN gaps and the
 * bounds a percent series takes: the series path adds rules, not arithmetic.
 */
static void same_as_engine(void **state)
{
    (void)state;
    const double v[] = {1.14, 1.3, NAN, 1.6, NAN, NAN, 2.1, 2.2};
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = series(ds, "%", v, 8);
    ind_forecast f = forecast(s, "drift", IND_SCALE_DEFAULT);
    assert_int_equal(f.transform, IND_TRANSFORM_BOUNDED);
    assert_close(f.lower, 0, 0);
    assert_close(f.upper, 100, 0);
    assert_non_null(strstr(f.note, "3 missing periods filled"));
    ind_forecast_options opt;
    ind_forecast_options_init(&opt);
    opt.method = "drift";
    opt.transform = IND_TRANSFORM_BOUNDED, opt.lower = 0, opt.upper = 100;
    ind_forecast g;
    assert_int_equal(ind_forecast_run(v, 8, IND_FREQ_YEAR, &opt, &g, NULL), IND_OK);
    assert_int_equal(f.h, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_true(f.mean[i] == g.mean[i]);
        for (size_t k = 0; k < 2; k++)
            assert_true(f.lo[2 * i + k] == g.lo[2 * i + k] && f.hi[2 * i + k] == g.hi[2 * i + k]);
    }
    /* drift of the logits: (logit(2.2%) - logit(1.14%)) / 7 a year, by hand */
    double l0 = log(1.14 / 98.86), l1 = log(2.2 / 97.8), z = l1 + 5 * (l1 - l0) / 7;
    assert_close(f.mean[4], 100 / (1 + exp(-z)), 1e-12);
    ind_forecast_clear(&f);
    ind_forecast_clear(&g);
    ind_dataset_free(ds);
}

static void percent_series(void **state)
{
    (void)state;
    const double inside[] = {2.4, 2.44, 2.54, 2.65, 2.69};
    const double at_zero[] = {0, 0.5, 1.2, 2.0, 2.5};
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = series(ds, "%", inside, 5);
    ind_forecast f = forecast(s, "auto", IND_SCALE_DEFAULT);
    assert_int_equal(f.transform, IND_TRANSFORM_BOUNDED);
    ind_forecast_clear(&f);
    /* loglinear models logs: on a percent series too (target said "no forecast") */
    f = forecast(s, "loglinear", IND_SCALE_DEFAULT);
    assert_int_equal(f.transform, IND_TRANSFORM_LOG);
    assert_string_equal(f.note, "");
    /* exp of the OLS line of log(y) on 0..4 at t = 5, by hand */
    double sx = 0, sy = 0, sxy = 0, sxx = 0;
    for (int t = 0; t < 5; t++)
        sx += t, sy += log(inside[t]), sxy += t * log(inside[t]), sxx += t * t;
    double b = (5 * sxy - sx * sy) / (5 * sxx - sx * sx), a = (sy - b * sx) / 5;
    assert_close(f.mean[0], exp(a + 5 * b), 1e-12);
    ind_forecast_clear(&f);
    f = forecast(s, "drift", IND_SCALE_NONE);
    assert_int_equal(f.transform, IND_TRANSFORM_NONE);
    assert_close(f.mean[0], 2.69 + (2.69 - 2.4) / 4, 1e-12);
    ind_forecast_clear(&f);
    ind_dataset_free(ds);

    ds = ind_dataset_new();
    s = series(ds, "% of GDP", at_zero, 5);
    f = forecast(s, "drift", IND_SCALE_DEFAULT);
    assert_int_equal(f.transform, IND_TRANSFORM_NONE);
    assert_non_null(strstr(f.note, "percent values reach 0 or 100"));
    ind_forecast_clear(&f);
    ind_dataset_free(ds);
}

static void no_forecast_is_undefined(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = ind_dataset_series(ds, "empty", NULL);
    ind_forecast_request req;
    ind_forecast_request_init(&req);
    ind_forecast f;
    ind_error err;
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_E_UNDEFINED);
    assert_non_null(strstr(err.message, "no observations"));
    assert_null(f.mean);
    /* a bad request is an argument error even for an empty series */
    req.horizon = 0;
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_E_ARG);

    const double one[] = {3};
    s = series(ds, "", one, 1);
    ind_forecast_request_init(&req);
    req.method = ind_forecast_method_find("arima", NULL);
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_E_UNDEFINED);
    assert_non_null(strstr(err.message, "at least 3"));
    req.method = NULL; /* auto takes one observation: naive, without an interval */
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_OK);
    assert_false(f.has_intervals);
    assert_true(f.mean[0] == 3);
    ind_forecast_clear(&f);
    /* values outside the scale asked for are the caller's error */
    const double neg[] = {-1, 2, 3, 4};
    ind_dataset_free(ds);
    ds = ind_dataset_new();
    s = series(ds, "", neg, 4);
    req.scale = IND_SCALE_LOG;
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_E_ARG);
    ind_dataset_free(ds);
}

static void horizon_to_a_period(void **state)
{
    (void)state;
    const double v[] = {1, 2, 3};
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = series(ds, "", v, 3); /* 2000..2002 */
    size_t h = 0;
    ind_error err;
    assert_int_equal(ind_forecast_horizon_to(s, ind_period_make(IND_FREQ_YEAR, 2030, 1), &h, &err),
                     IND_OK);
    assert_int_equal(h, 28);
    assert_int_equal(ind_forecast_horizon_to(s, ind_period_make(IND_FREQ_YEAR, 2002, 1), &h, &err),
                     IND_E_ARG);
    assert_non_null(strstr(err.message, "2002 must be 1 to 10000 periods after the last "
                                        "observation (2002)"));
    assert_int_equal(
        ind_forecast_horizon_to(s, ind_period_make(IND_FREQ_YEAR, 2002 + 10000, 1), &h, &err),
        IND_OK);
    assert_int_equal(h, 10000);
    assert_int_equal(
        ind_forecast_horizon_to(s, ind_period_make(IND_FREQ_YEAR, 2003 + 10000, 1), &h, &err),
        IND_E_ARG);
    assert_int_equal(ind_forecast_horizon_to(s, ind_period_make(IND_FREQ_QUARTER, 2030, 4), &h,
                                             &err),
                     IND_E_ARG);
    assert_string_equal(err.message, "2030Q4 is not a period of the series' frequency (annual)");
    ind_series *empty = ind_dataset_series(ds, "empty", NULL);
    assert_int_equal(ind_forecast_horizon_to(empty, ind_period_make(IND_FREQ_YEAR, 2030, 1), &h,
                                             &err),
                     IND_E_UNDEFINED);
    ind_dataset_free(ds);
}

/* A forecast stops at 9999-12: the steps after the last observation up to it, no more. */
static void stops_at_the_last_year(void **state)
{
    (void)state;
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = ind_dataset_series(ds, "m", NULL);
    for (int month = 7; month <= 9; month++)
        assert_int_equal(ind_series_add(s, ind_period_make(IND_FREQ_MONTH, 9999, month),
                                        (double)month, NULL),
                         IND_OK);
    ind_forecast_request req;
    ind_forecast_request_init(&req);
    req.method = ind_forecast_method_find("drift", NULL);
    ind_forecast f;
    ind_error err;
    req.horizon = 3; /* 9999-10 .. 9999-12 */
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_OK);
    assert_int_equal(f.h, 3);
    ind_forecast_clear(&f);
    req.horizon = 4;
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_E_ARG);
    assert_string_equal(err.message, "a horizon of 4 periods after 9999-09 passes 9999-12, the "
                                     "last period supported (years 1..9999): at most 3");
    assert_int_equal(ind_series_add(s, ind_period_make(IND_FREQ_MONTH, 9999, 12), 12, NULL),
                     IND_OK);
    req.horizon = 1;
    assert_int_equal(ind_forecast_series(s, &req, &f, &err), IND_E_ARG);
    assert_string_equal(err.message, "the last observation (9999-12) is the last period "
                                     "supported (years 1..9999): nothing to forecast");
    ind_dataset_free(ds);
}

int main(void)
{
    /* no gsl_set_error_handler_off(): the library must not need it */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(method_lookup),     cmocka_unit_test(level_lists),
        cmocka_unit_test(bounds_text),       cmocka_unit_test(request_check),
        cmocka_unit_test(same_as_engine),    cmocka_unit_test(percent_series),
        cmocka_unit_test(no_forecast_is_undefined), cmocka_unit_test(horizon_to_a_period),
        cmocka_unit_test(stops_at_the_last_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
