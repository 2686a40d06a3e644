/*
 * Unit tests of the ARIMA method (src/lib/forecast/arima.c, arima_ss.c).
 *
 * Reference numbers come from R 4.2.2 with forecast 8.20 and urca; the R
 * call that produced each is written next to it.
 */
#include "test.h"

#include <gsl/gsl_errno.h>
#include <time.h>

#include "../../src/lib/forecast/arima.h"
#include "arima_r_orders.h"

#define Z975 1.959963984540054

/* Two short series used throughout. */
static const double x1[] = {10.2, 11.5, 9.8, 12.1, 13.4, 12.7, 14.9, 15.2, 13.8, 16.4, 17.1, 16.0};
static const double growth[] = {15400,  22600,  36200,  58800,  77100,  94700,  114100, 143000,
                                151600, 169000, 183700, 205600, 212000, 222300, 238600, 252600,
                                261400, 282000, 305900, 327900, 342300, 358700, 374600};
#define N_X1 (sizeof x1 / sizeof x1[0])
#define N_GROWTH (sizeof growth / sizeof growth[0])

/*
 * R: f <- arima(x1, order = c(p, 0, q), fixed = c(ar, ma, mean),
 *               transform.pars = FALSE); f$loglik, f$sigma2
 */
static void loglik_matches_r_for_given_parameters(void **state)
{
    (void)state;
    static const struct {
        int p, q;
        double phi[3], theta[2], mean, loglik, sigma2;
    } cases[] = {
        {1, 0, {0.6}, {0}, 13, -23.00987797830831, 2.6114666666666664},
        {0, 1, {0}, {0.4}, 13, -25.003020682534515, 3.7238705523104869},
        {1, 1, {0.5}, {-0.3}, 13, -25.375396334538905, 4.0012604138051726},
        {2, 2, {0.3, 0.2}, {0.4, -0.2}, 13.5, -22.855204043857011, 2.5136047600401965},
        {0, 0, {0}, {0}, 13, -27.421618817413339, 5.6541666666666659},
        {3, 1, {0.2, -0.1, 0.3}, {0.5}, 13, -23.042433452124556, 2.5265313781136398},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double ll, s2;
        assert_int_equal(arima_loglik(x1, N_X1, cases[i].mean, cases[i].p, cases[i].q,
                                      cases[i].phi, cases[i].theta, &ll, &s2),
                         0);
        assert_close(ll, cases[i].loglik, 1e-12);
        assert_close(s2, cases[i].sigma2, 1e-12);
    }
}

/* A non-stationary AR part has no stationary covariance: reported, not NaN. */
static void nonstationary_ar_is_refused(void **state)
{
    (void)state;
    double phi[1] = {1.0}, ll = 0;
    assert_int_equal(arima_loglik(x1, N_X1, 0.0, 1, 0, phi, NULL, &ll, NULL), -1);
}

/*
 * R: urca::ur.kpss(x, type = "mu", use.lag = l)@teststat;
 *    forecast::ndiffs(x)
 */
static void kpss_matches_urca(void **state)
{
    (void)state;
    static const double want[] = {1.0629734249233722, 0.64468381515907691, 0.49097215829643948,
                                  0.41676858451895282};
    for (size_t l = 0; l < 4; l++)
        assert_close(arima_kpss(x1, N_X1, l), want[l], 1e-12);
    assert_close(arima_kpss(growth, N_GROWTH, 1), 1.2204530047589117, 1e-12);
    double d[N_GROWTH - 1];
    for (size_t t = 0; t + 1 < N_GROWTH; t++)
        d[t] = growth[t + 1] - growth[t];
    assert_close(arima_kpss(d, N_GROWTH - 1, 1), 0.073737119741793894, 1e-12);
    assert_int_equal(arima_ndiffs(x1, N_X1, 2), 1);
    assert_int_equal(arima_ndiffs(growth, N_GROWTH, 2), 1);
    /* R: lev <- 5 + ifelse((0:19) %% 2 == 1, 0.3, -0.3); ndiffs(lev) is 1 (KPSS 0.50) */
    double level[20];
    for (int t = 0; t < 20; t++)
        level[t] = 5.0 + (t % 2 ? 0.3 : -0.3);
    assert_int_equal(arima_ndiffs(level, 20, 2), 1);
    /* R: ndiffs(cumsum(cumsum(x1 - 13))) is 2 */
    double cs[N_X1], s1 = 0.0, s2 = 0.0;
    for (size_t t = 0; t < N_X1; t++) {
        s1 += x1[t] - 13.0;
        s2 += s1;
        cs[t] = s2;
    }
    assert_int_equal(arima_ndiffs(cs, N_X1, 2), 2);
    assert_int_equal(arima_ndiffs(cs, N_X1, 1), 1);
    /* R: set.seed(1); w <- round(rnorm(30), 3); ndiffs(w) is 0 */
    static const double w[] = {-0.626, 0.184,  -0.836, 1.595,  0.330,  -0.820, 0.487, 0.738,
                               0.576,  -0.305, 1.512,  0.390,  -0.621, -2.215, 1.125, -0.045,
                               -0.016, 0.944,  0.821,  0.594,  0.919,  0.782,  0.075, -1.989,
                               0.620,  -0.056, -0.156, -1.471, -0.478, 0.418};
    assert_int_equal(arima_ndiffs(w, 30, 2), 0);
}

/*
 * R: f <- forecast::Arima(x, order = c(p, d, q), include.mean/drift = TRUE);
 *    f$coef, f$loglik, f$aicc, f$sigma2. With d > 0 R filters through a
 * diffuse prior (kappa = 1e6) where we difference exactly, so the
 * log-likelihoods agree to about 1e-7 only.
 */
static void fixed_orders_match_r(void **state)
{
    (void)state;
    arima_fit f;
    assert_int_equal(arima_fit_order(x1, N_X1, 1, 0, 0, 1, 0, &f), 0);
    assert_close(f.phi[0], 0.78870150108161585, 1e-4);
    assert_close(f.mean, 13.403076322380318, 1e-5);
    assert_close(f.loglik, -22.446720054851376, 1e-9);
    assert_close(f.aicc, 53.893440109702752, 1e-9);
    assert_close(f.sigma2, 2.7304917090315426, 1e-6);

    assert_int_equal(arima_fit_order(x1, N_X1, 1, 0, 1, 1, 0, &f), 0);
    assert_close(f.phi[0], 0.88312414088221136, 1e-3);
    assert_close(f.theta[0], -0.21603578693846079, 1e-2);
    assert_close(f.mean, 13.434201540389868, 1e-4);
    assert_close(f.loglik, -22.242591198947679, 1e-8);
    assert_close(f.aicc, 58.199468112181073, 1e-8);

    assert_int_equal(arima_fit_order(growth, N_GROWTH, 0, 1, 1, 1, 0, &f), 0);
    assert_close(f.theta[0], 0.0065211685442874015, 2e-2);
    assert_close(f.mean, 16324.67113594526, 1e-6);
    assert_close(f.loglik, -221.34626429237841, 1e-7);
    assert_close(f.aicc, 450.02586191809013, 1e-7);
    assert_close(f.sigma2, 35315017.082058474, 1e-4);

    assert_int_equal(arima_fit_order(growth, N_GROWTH, 1, 1, 0, 1, 0, &f), 0);
    assert_close(f.phi[0], 0.0050010141803992015, 2e-2);
    assert_close(f.mean, 16325.116162046859, 1e-6);
    assert_close(f.loglik, -221.34635091455743, 1e-7);

    /* R: ma1 = -0.99996, on the invertibility boundary: rejected by the 1.01 root rule */
    assert_int_equal(arima_fit_order(growth, N_GROWTH, 0, 2, 1, 0, 0, &f), 0);
    assert_close(f.theta[0], -0.99996107094801545, 1e-3);
    assert_close(f.loglik, -213.31937893871725, 1e-6);
    assert_true(isinf(f.ic));
}

static ind_status run_arima(const double *y, size_t n, int m, size_t h, double *mean, double *sd,
                            double *fitted, fc_result *out)
{
    memset(out, 0, sizeof *out);
    out->mean = mean;
    out->sd = sd;
    out->fitted = fitted;
    ind_error err;
    ind_error_clear(&err);
    return fc_arima.run(y, n, m, h, 1, out, &err);
}

/*
 * R: f <- auto.arima(ts(x)); fc <- forecast(f, h = 3, level = 95);
 *    fc$mean, fc$upper (sd = (upper - mean) / qnorm(0.975))
 */
static void auto_arima_matches_r(void **state)
{
    (void)state;
    double mean[3], sd[3], fitted[N_GROWTH];
    fc_result out;
    assert_int_equal(run_arima(growth, N_GROWTH, 1, 3, mean, sd, fitted, &out), IND_OK);
    assert_string_equal(out.model, "ARIMA(0,1,0) with drift");
    assert_int_equal(out.nparams, 1);
    assert_string_equal(out.param_names[0], "drift");
    assert_close(out.params[0], 16327.2727272687735, 1e-9);
    static const double m1[] = {390927.27272726875, 407254.54545453755, 423581.81818180630};
    static const double u1[] = {402294.12756402907, 423329.70572621020, 443269.78828133520};
    for (int k = 0; k < 3; k++) {
        assert_close(mean[k], m1[k], 1e-10);
        assert_close(sd[k], (u1[k] - m1[k]) / Z975, 1e-5);
    }
    assert_true(isnan(fitted[0]));
    assert_close(fitted[1], growth[0] + 16327.2727272687735, 1e-9);

    double fx[N_X1];
    assert_int_equal(run_arima(x1, N_X1, 1, 3, mean, sd, fx, &out), IND_OK);
    assert_string_equal(out.model, "ARIMA(0,1,0)");
    assert_int_equal(out.nparams, 0);
    static const double u2[] = {19.093341402432753, 20.374645364370608, 21.357824474169892};
    for (int k = 0; k < 3; k++) {
        assert_close(mean[k], 16.0, 1e-12);
        assert_close(sd[k], (u2[k] - 16.0) / Z975, 1e-3);
    }
    assert_string_equal(out.note, "");
}

/* Degenerate series give finite, exact answers instead of errors or NaN. */
static void degenerate_series(void **state)
{
    (void)state;
    double y[12], mean[4], sd[4], fitted[12];
    fc_result out;
    for (int t = 0; t < 12; t++)
        y[t] = 7.5;
    assert_int_equal(run_arima(y, 12, 1, 4, mean, sd, fitted, &out), IND_OK);
    assert_string_equal(out.model, "ARIMA(0,0,0) with non-zero mean");
    for (int k = 0; k < 4; k++) {
        assert_close(mean[k], 7.5, 1e-15);
        assert_close(sd[k], 0.0, 1e-15);
    }
    for (int t = 0; t < 12; t++) /* a straight line */
        y[t] = 3.0 + 2.0 * t;
    assert_int_equal(run_arima(y, 12, 1, 4, mean, sd, fitted, &out), IND_OK);
    assert_string_equal(out.model, "ARIMA(0,1,0) with drift");
    for (int k = 0; k < 4; k++)
        assert_close(mean[k], 3.0 + 2.0 * (12 + k), 1e-12);
    /* R: auto.arima(ts(1 + 0.5 * (0:11)^2)) is ARIMA(0,2,0), forecasts 72, 82.5, 93, 103.5,
     * sd sqrt(sigma2 * (1, 5, 14, 30)) with sigma2 = 1 (R: 1.000000025) */
    for (int t = 0; t < 12; t++)
        y[t] = 1.0 + 0.5 * t * t;
    assert_int_equal(run_arima(y, 12, 1, 4, mean, sd, fitted, &out), IND_OK);
    assert_string_equal(out.model, "ARIMA(0,2,0)");
    static const double pm[] = {72.0, 82.5, 93.0, 103.5}, pv[] = {1, 5, 14, 30};
    for (int k = 0; k < 4; k++) {
        assert_close(mean[k], pm[k], 1e-12);
        assert_close(sd[k], sqrt(pv[k]), 1e-7);
    }
    /* The fewest observations accepted. R: auto.arima(ts(c(4, 9, 5))) is ARIMA(1,0,0) with
     * non-zero mean (chosen on AIC), ar1 -0.97611, mean 6.73648, forecasts 8.4315, 5.0820,
     * 8.3515, 5.1601, sd 0.86216, 1.20480, 1.45820, 1.66411 */
    static const double y3[] = {4.0, 9.0, 5.0};
    static const double m3[] = {8.4314846066648492, 5.0819698049010107, 8.3514728606467088,
                                5.1600702652913055};
    static const double sd3[] = {0.86215696033302358, 1.20479933829880181, 1.45819640875413525,
                                 1.66411499142147434};
    assert_int_equal(fc_arima.min_obs, 3);
    assert_int_equal(run_arima(y3, 3, 1, 4, mean, sd, fitted, &out), IND_OK);
    assert_string_equal(out.model, "ARIMA(1,0,0) with non-zero mean");
    for (int k = 0; k < 4; k++) {
        assert_close(mean[k], m3[k], 1e-3);
        assert_close(sd[k], sd3[k], 1e-2);
    }
    /* huge and tiny scales */
    for (int t = 0; t < 12; t++)
        y[t] = 1e12 * x1[t];
    assert_int_equal(run_arima(y, 12, 1, 4, mean, sd, fitted, &out), IND_OK);
    assert_close(mean[0], 16e12, 1e-9);
    for (int t = 0; t < 12; t++)
        y[t] = 1e-12 * x1[t];
    assert_int_equal(run_arima(y, 12, 4, 4, mean, sd, fitted, &out), IND_OK);
    assert_close(mean[0], 16e-12, 1e-9);
    assert_non_null(strstr(out.note, "seasonal"));
}

/* ------------------------------------------------ collection test */

typedef struct collection {
    size_t nseries;
    char names[400][16];
    size_t start[401];
    double *values;
} collection;

/* Reads a long CSV series,period,value (series contiguous). Returns 0 or -1. */
static int read_collection(const char *path, collection *c)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    size_t cap = 20000, n = 0;
    c->values = malloc(cap * sizeof *c->values);
    c->nseries = 0;
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return -1;
    }
    while (fgets(line, sizeof line, f) && n < cap) {
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        if (!c2)
            continue;
        *c1 = '\0';
        if (c->nseries == 0 || strcmp(c->names[c->nseries - 1], line) != 0) {
            size_t len = strlen(line) < sizeof c->names[0] - 1 ? strlen(line) : sizeof c->names[0] - 1;
            memcpy(c->names[c->nseries], line, len);
            c->names[c->nseries][len] = '\0';
            c->start[c->nseries++] = n;
        }
        c->values[n++] = strtod(c2 + 1, NULL);
    }
    c->start[c->nseries] = n;
    fclose(f);
    return 0;
}

/* R's forecasts: mean and sd (from the 95% interval) by series and step. */
static int read_reference(const char *path, const collection *c, size_t h, double *rmean,
                          double *rsd)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return -1;
    }
    size_t s = 0;
    while (fgets(line, sizeof line, f)) {
        char name[32];
        int k;
        double fc, lo80, hi80, lo95, hi95;
        if (sscanf(line, "%31[^,],%d,%lf,%lf,%lf,%lf,%lf", name, &k, &fc, &lo80, &hi80, &lo95,
                   &hi95) != 7)
            continue;
        while (s < c->nseries && strcmp(c->names[s], name) != 0)
            s++;
        if (s == c->nseries || k < 1 || (size_t)k > h)
            break;
        rmean[s * h + (size_t)k - 1] = fc;
        rsd[s * h + (size_t)k - 1] = (hi95 - lo95) / (2 * Z975);
    }
    fclose(f);
    return 0;
}

static void check_collection(const char *name, const r_order *orders, size_t h)
{
    char path[256];
    collection *c = calloc(1, sizeof *c);
    snprintf(path, sizeof path, "../shared/data/forecast/%s-train.csv", name);
    assert_int_equal(read_collection(path, c), 0);
    double *rmean = calloc(c->nseries * h, sizeof *rmean);
    double *rsd = calloc(c->nseries * h, sizeof *rsd);
    snprintf(path, sizeof path, "../shared/ref/r-forecast/%s-arima.csv", name);
    assert_int_equal(read_reference(path, c, h, rmean, rsd), 0);
    size_t same = 0, sd_close = 0, nsd = 0;
    double worst_mean = 0.0, worst_sd = 0.0, ms = 0.0;
    for (size_t s = 0; s < c->nseries; s++) {
        const double *y = c->values + c->start[s];
        size_t n = c->start[s + 1] - c->start[s];
        double mean[16], sd[16], *fitted = malloc(n * sizeof *fitted);
        fc_result out;
        assert_string_equal(orders[s].series, c->names[s]);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(run_arima(y, n, 1, h, mean, sd, fitted, &out), IND_OK);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        ms += (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        free(fitted);
        for (size_t k = 0; k < h; k++)
            assert_true(isfinite(mean[k]) && isfinite(sd[k]) && sd[k] >= 0);
        arima_fit ours;
        assert_int_equal(arima_auto(y, n, &ours), 0);
        const r_order *r = &orders[s];
        if (ours.p == r->p && ours.d == r->d && ours.q == r->q && ours.constant == r->constant) {
            same++;
            for (size_t k = 0; k < h; k++) {
                double rm = rmean[s * h + k], rs = rsd[s * h + k];
                double dm = fabs(mean[k] - rm) / (fabs(rm) + rs);
                worst_mean = dm > worst_mean ? dm : worst_mean;
                if (rs > 0) {
                    double ds = fabs(sd[k] - rs) / rs;
                    worst_sd = ds > worst_sd ? ds : worst_sd;
                    sd_close += ds < 1e-2;
                    nsd++;
                }
            }
        } else {
            /* a different choice must not be worse on AICc than R's model fitted by us */
            arima_fit theirs;
            assert_int_equal(arima_fit_order(y, n, r->p, r->d, r->q, r->constant, 0, &theirs), 0);
            if (ours.d == r->d && isfinite(theirs.ic))
                assert_true(ours.aicc <= theirs.aicc + 1e-6);
            print_message("%s: ours ARIMA(%d,%d,%d)%s AICc %.4f, R ARIMA(%d,%d,%d)%s AICc %.4f "
                          "(ours for it %.4f)\n",
                          c->names[s], ours.p, ours.d, ours.q, ours.constant ? "+c" : "",
                          ours.aicc, r->p, r->d, r->q, r->constant ? "+c" : "", r->aicc,
                          theirs.aicc);
        }
    }
    print_message("%s: %zu/%zu same order as R; where the same, worst forecast difference "
                  "%.2g (relative to |R| + sd), sd within 1%% for %zu/%zu, worst sd difference "
                  "%.2g; %.1f ms\n",
                  name, same, c->nseries, worst_mean, sd_close, nsd, worst_sd, ms);
    assert_true(same >= c->nseries * 95 / 100);
    assert_true(worst_mean < 1e-4);
    assert_true(sd_close >= nsd * 95 / 100);
    /* R adds its diffuse-prior residuals to sigma2, up to 7% here (d = 2) */
    assert_true(worst_sd < 0.1);
    free(rmean);
    free(rsd);
    free(c->values);
    free(c);
}

static void collections_match_r(void **state)
{
    (void)state;
    check_collection("m1-yearly", r_orders_m1_yearly, 6);
    check_collection("m3-other", r_orders_m3_other, 8);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loglik_matches_r_for_given_parameters),
        cmocka_unit_test(nonstationary_ar_is_refused),
        cmocka_unit_test(kpss_matches_urca),
        cmocka_unit_test(fixed_orders_match_r),
        cmocka_unit_test(auto_arima_matches_r),
        cmocka_unit_test(degenerate_series),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    FILE *probe = fopen("../shared/data/forecast/m1-yearly-train.csv", "r");
    if (!probe)
        return failed ? failed : TEST_SKIP;
    fclose(probe);
    const struct CMUnitTest slow[] = {cmocka_unit_test(collections_match_r)};
    return failed + cmocka_run_group_tests_name("collections", slow, NULL, NULL);
}
