/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit test of the library's GSL error-handler discipline
 * (src/lib/forecast/gsl_guard.c, contract in include/indicators/forecast.h).
 *
 * No real series makes GSL fail inside a fit (a search of the M1, M3 and
 * World Bank collections and of extreme values found none), so this program
 * is linked with -Wl,--wrap=gsl_fit_linear: when armed, the wrapper fails the
 * way GSL's own routines do, through GSL_ERROR, which calls the process-wide
 * handler (by default: print and abort()) before returning the status. The
 * library must turn that into an error code of the linear fit (and a
 * fallback), never an abort, and must leave a handler the program installed
 * in place. This program never calls gsl_set_error_handler_off itself.
 */
#include "test.h"

#include <pthread.h>
#include <stdatomic.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include "indicators/forecast.h"

int __real_gsl_fit_linear(const double *x, size_t xstride, const double *y, size_t ystride,
                          size_t n, double *c0, double *c1, double *cov00, double *cov01,
                          double *cov11, double *sumsq);
int __wrap_gsl_fit_linear(const double *x, size_t xstride, const double *y, size_t ystride,
                          size_t n, double *c0, double *c1, double *cov00, double *cov01,
                          double *cov11, double *sumsq);

static atomic_int armed;

int __wrap_gsl_fit_linear(const double *x, size_t xstride, const double *y, size_t ystride,
                          size_t n, double *c0, double *c1, double *cov00, double *cov01,
                          double *cov11, double *sumsq)
{
    if (atomic_load(&armed))
        GSL_ERROR("injected failure inside the linear fit", GSL_EFAILED);
    return __real_gsl_fit_linear(x, xstride, y, ystride, n, c0, c1, cov00, cov01, cov11, sumsq);
}

static const double y[] = {3.1, 3.9, 5.2, 5.8, 7.1, 8.3, 8.8};

/* A linear forecast of y; the GSL failure makes the framework fall back to drift. */
static void forecast_falls_back(void)
{
    ind_forecast_options opt;
    ind_forecast_options_init(&opt);
    opt.method = "linear";
    opt.horizon = 2;
    ind_forecast f;
    ind_error err;
    ind_error_clear(&err);
    assert_int_equal(ind_forecast_run(y, 7, IND_FREQ_YEAR, &opt, &f, &err), IND_OK);
    assert_string_equal(f.method, "drift");
    assert_non_null(strstr(f.note, "linear failed (least-squares trend failed"));
    assert_close(f.mean[0], 8.8 + (8.8 - 3.1) / 6, 1e-12);
    ind_forecast_clear(&f);
}

/* With GSL's default handler installed, a GSL error would abort: the library prevents it. */
static void default_handler_does_not_abort(void **state)
{
    (void)state;
    gsl_set_error_handler(NULL); /* the default: abort() */
    atomic_store(&armed, 1);
    forecast_falls_back();
    /* a program that reinstalls the default later is covered too */
    gsl_set_error_handler(NULL);
    forecast_falls_back();
    /* and through the series path */
    ind_dataset *ds = ind_dataset_new();
    ind_series *s = ind_dataset_series(ds, "x", NULL);
    for (int i = 0; i < 7; i++)
        ind_series_add(s, ind_period_make(IND_FREQ_YEAR, 2000 + i, 1), y[i], NULL);
    gsl_set_error_handler(NULL);
    ind_forecast_request req;
    ind_forecast_request_init(&req);
    req.method = ind_forecast_method_find("linear", NULL);
    ind_forecast f;
    assert_int_equal(ind_forecast_series(s, &req, &f, NULL), IND_OK);
    assert_string_equal(f.method, "drift");
    ind_forecast_clear(&f);
    ind_dataset_free(ds);
    atomic_store(&armed, 0);
}

static atomic_int host_calls;

static void host_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)file, (void)line;
    if (strstr(reason, "injected") && gsl_errno == GSL_EFAILED)
        atomic_fetch_add(&host_calls, 1);
}

static void *forecast_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 20; i++)
        forecast_falls_back();
    return NULL;
}

/* A handler the program installed is the one GSL calls, and it stays installed. */
static void host_handler_is_kept(void **state)
{
    (void)state;
    gsl_set_error_handler(host_handler);
    atomic_store(&host_calls, 0);
    atomic_store(&armed, 1);
    forecast_falls_back();
    assert_int_equal(atomic_load(&host_calls), 1);
    /* four threads entering the library at once swap under the lock: none loses it */
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, forecast_thread, NULL), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    atomic_store(&armed, 0);
    assert_ptr_equal(gsl_set_error_handler(NULL), host_handler);
    /* calls during the brief swap go to the off handler, never to abort */
    assert_true(atomic_load(&host_calls) >= 1 && atomic_load(&host_calls) <= 81);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_handler_does_not_abort),
        cmocka_unit_test(host_handler_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
