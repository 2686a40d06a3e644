/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * theta.c - the Theta method of Assimakopoulos & Nikolopoulos (2000) in the
 * form Hyndman & Billah (2003) showed it to be: simple exponential smoothing
 * with a drift of half the slope of the least-squares trend. Replicates
 * forecast::thetaf() of R's forecast package; seasonal data (period m, more
 * than 2m values) whose lag-m autocorrelation is significant at 90% are
 * divided by the seasonal indexes of a classical multiplicative
 * decomposition first and the forecast multiplied by them again:
 *
 *   mean[h] = level_n + b/2 * (h - 1 + (1 - (1 - alpha)^n) / alpha)
 *   sd[h]   = sigma * sqrt(1 + (h - 1) alpha^2),  sigma^2 = SSE / (n - 2)
 *
 * where SES (alpha, initial level) is fitted by least squares and b is the
 * OLS slope of y on time. Also exports the SES fitter the auto method uses.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "methods.h"

#define ALPHA_LO 1e-4
#define ALPHA_HI 0.9999

double fc_ols_slope(const double *y, size_t n)
{
    double tbar = (double)(n - 1) / 2, ybar = 0, sxy = 0, sxx = 0;
    for (size_t t = 0; t < n; t++)
        ybar += (y[t] - ybar) / (double)(t + 1);
    for (size_t t = 0; t < n; t++) {
        double dt = (double)t - tbar;
        sxy += dt * (y[t] - ybar);
        sxx += dt * dt;
    }
    return sxx > 0 ? sxy / sxx : 0;
}

/*
 * The best initial level for alpha: one-step errors are e_t = a_t - c_t l0
 * with a_t the errors of a run started at level y[0] and c_t = (1-alpha)^t,
 * so l0 = y[0] + sum(a c) / sum(c^2). Starting at y[0] keeps a_t small.
 */
static double best_l0(const double *y, size_t n, double alpha)
{
    double level = y[0], c = 1, sac = 0, scc = 0;
    for (size_t t = 0; t < n; t++) {
        double a = y[t] - level;
        sac += a * c;
        scc += c * c;
        level += alpha * a;
        c *= 1 - alpha;
    }
    return y[0] + sac / scc;
}

/* SSE of SES with alpha and l0; level receives the final level. */
static double ses_sse(const double *y, size_t n, double alpha, double l0, double *level,
                      double *fitted)
{
    double l = l0, sse = 0;
    for (size_t t = 0; t < n; t++) {
        if (fitted)
            fitted[t] = l;
        double e = y[t] - l;
        sse += e * e;
        l += alpha * e;
    }
    if (level)
        *level = l;
    return sse;
}

static double profile_sse(const double *y, size_t n, double alpha)
{
    return ses_sse(y, n, alpha, best_l0(y, n, alpha), NULL, NULL);
}

/* Golden-section refinement of alpha in [lo, hi]. */
static double golden(const double *y, size_t n, double lo, double hi)
{
    const double g = 0.6180339887498949;
    double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    double fa = profile_sse(y, n, a), fb = profile_sse(y, n, b);
    for (int it = 0; it < 200 && hi - lo > 1e-12; it++) {
        if (fa <= fb) {
            hi = b, b = a, fb = fa;
            a = hi - g * (hi - lo);
            fa = profile_sse(y, n, a);
        } else {
            lo = a, a = b, fa = fb;
            b = lo + g * (hi - lo);
            fb = profile_sse(y, n, b);
        }
    }
    return (lo + hi) / 2;
}

int fc_ses(const double *y, size_t n, fc_ses_fit *fit, double *fitted)
{
    enum { GRID = 40 };
    double best = INFINITY;
    int k_best = -1;
    for (int k = 0; k <= GRID; k++) {
        double s = profile_sse(y, n, ALPHA_LO + (ALPHA_HI - ALPHA_LO) * k / GRID);
        if (s < best)
            best = s, k_best = k;
    }
    if (k_best < 0)
        return -1;
    double step = (ALPHA_HI - ALPHA_LO) / GRID;
    double lo = fmax(ALPHA_LO, ALPHA_LO + step * (k_best - 1));
    double hi = fmin(ALPHA_HI, ALPHA_LO + step * (k_best + 1));
    double alpha = golden(y, n, lo, hi);
    /* the optimum may sit on a bound: keep whichever is lowest */
    double cand[2] = {ALPHA_LO, ALPHA_HI};
    double s_alpha = profile_sse(y, n, alpha);
    for (int i = 0; i < 2; i++)
        if (profile_sse(y, n, cand[i]) < s_alpha)
            alpha = cand[i], s_alpha = profile_sse(y, n, alpha);
    fit->alpha = alpha;
    fit->l0 = best_l0(y, n, alpha);
    fit->sse = ses_sse(y, n, alpha, fit->l0, &fit->level, fitted);
    return isfinite(fit->sse) && isfinite(fit->level) ? 0 : -1;
}

/*
 * forecast::ses() fits (alpha, l0) by minimising the mean squared error with
 * the Nelder-Mead simplex of R's optim (reflection 1, contraction 0.5,
 * expansion 2, relative tolerance sqrt(DBL_EPSILON), 2000 evaluations), from
 * alpha = 0.20006 and l0 = mean of the first 10 values, with a first simplex
 * step of a tenth of the largest parameter and alpha outside
 * [1e-4, 0.9999] scored as infinite. That search often stops short of the
 * least-squares optimum; theta reproduces it so that it gives R's numbers.
 */
typedef struct ses_target {
    const double *y;
    size_t n;
} ses_target;

static double ses_mse(const ses_target *t, const double *par)
{
    if (par[0] < ALPHA_LO || par[0] > ALPHA_HI)
        return INFINITY;
    double l = par[1], amse = 0;
    for (size_t i = 0; i < t->n; i++) {
        double e = t->y[i] - l;
        amse = (amse * (double)i + e * e) / (double)(i + 1); /* running mean, as R */
        l += par[0] * e;
    }
    return amse;
}

static double nm_eval(const ses_target *t, const double *par, int *count)
{
    double f = ses_mse(t, par);
    (*count)++;
    return isfinite(f) ? f : 1e35;
}

enum { NPAR = 2, NV = NPAR + 1 };

/* Index of the lowest and highest vertex; lowest starts from *lo. */
static void nm_order(const double *fv, int *lo, int *hi)
{
    double vl = fv[*lo], vh = vl;
    *hi = *lo;
    for (int j = 0; j < NV; j++) {
        if (j == *lo)
            continue;
        if (fv[j] < vl)
            *lo = j, vl = fv[j];
        if (fv[j] > vh)
            *hi = j, vh = fv[j];
    }
}

/* Shrinks the simplex towards vertex lo; returns its new size. */
static double nm_shrink(double p[NV][NPAR], int lo)
{
    double size = 0;
    for (int j = 0; j < NV; j++) {
        if (j == lo)
            continue;
        for (int i = 0; i < NPAR; i++) {
            p[j][i] = 0.5 * (p[j][i] - p[lo][i]) + p[lo][i];
            size += fabs(p[j][i] - p[lo][i]);
        }
    }
    return size;
}

static void nelder_mead(const ses_target *t, double *par)
{
    double p[NV][NPAR], fv[NV], c[NPAR], b[NPAR], step = 0, size = 0;
    int count = 0, lo = 0, hi;
    double f0 = nm_eval(t, par, &count), tol = 1.4901161193847656e-08;
    double convtol = tol * (fabs(f0) + tol);
    for (int i = 0; i < NPAR; i++) {
        p[0][i] = par[i];
        step = fmax(step, 0.1 * fabs(par[i]));
    }
    fv[0] = f0;
    step = step == 0 ? 0.1 : step;
    for (int j = 1; j < NV; j++) {
        memcpy(p[j], par, sizeof p[j]);
        double trystep = step;
        while (p[j][j - 1] == par[j - 1]) {
            p[j][j - 1] = par[j - 1] + trystep;
            trystep *= 10;
        }
        size += trystep;
    }
    double oldsize = size;
    bool calcvert = true;
    do {
        for (int j = 0; calcvert && j < NV; j++)
            if (j != lo)
                fv[j] = nm_eval(t, p[j], &count);
        calcvert = false;
        nm_order(fv, &lo, &hi);
        if (fv[hi] <= fv[lo] + convtol)
            break;
        for (int i = 0; i < NPAR; i++) {
            double sum = -p[hi][i];
            for (int j = 0; j < NV; j++)
                sum += p[j][i];
            c[i] = sum / NPAR;
            b[i] = 2 * c[i] - p[hi][i];
        }
        double vr = nm_eval(t, b, &count), vh = fv[hi];
        if (vr < fv[lo]) {
            double e[NPAR];
            for (int i = 0; i < NPAR; i++)
                e[i] = 2 * b[i] - c[i];
            double fe = nm_eval(t, e, &count);
            memcpy(p[hi], fe < vr ? e : b, sizeof p[hi]);
            fv[hi] = fe < vr ? fe : vr;
            continue;
        }
        if (vr < vh) {
            memcpy(p[hi], b, sizeof p[hi]);
            fv[hi] = vr;
        }
        for (int i = 0; i < NPAR; i++)
            b[i] = 0.5 * p[hi][i] + 0.5 * c[i];
        double fc = nm_eval(t, b, &count);
        if (fc < fv[hi]) {
            memcpy(p[hi], b, sizeof p[hi]);
            fv[hi] = fc;
        } else if (vr >= vh) {
            calcvert = true;
            size = nm_shrink(p, lo);
            if (size >= oldsize)
                break;
            oldsize = size;
        }
    } while (count <= 2000);
    memcpy(par, p[lo], sizeof p[lo]);
}

/* SES as forecast::ses() fits it (see above). */
static int ses_like_r(const double *y, size_t n, fc_ses_fit *fit, double *fitted)
{
    size_t k = n < 10 ? n : 10;
    double par[NPAR] = {ALPHA_LO + 0.2 * (ALPHA_HI - ALPHA_LO), 0};
    for (size_t t = 0; t < k; t++)
        par[1] += y[t] / (double)k;
    ses_target target = {y, n};
    nelder_mead(&target, par);
    fit->alpha = par[0];
    fit->l0 = par[1];
    fit->sse = ses_sse(y, n, par[0], par[1], &fit->level, fitted);
    return isfinite(fit->sse) && isfinite(fit->level) ? 0 : -1;
}

/*
 * thetaf's seasonality test: the lag-m autocorrelation r_m is significant at
 * 90% (one-sided 95%) against the standard error sqrt((1 + 2 sum_{k<m}
 * r_k^2) / n). Only for n > 2m and a series that is not constant.
 */
static bool seasonal_by_acf(const double *y, size_t n, size_t m)
{
    if (m < 2 || n <= 2 * m)
        return false;
    double mean = 0, c0 = 0, sum = 0;
    for (size_t t = 0; t < n; t++)
        mean += y[t] / (double)n;
    for (size_t t = 0; t < n; t++)
        c0 += (y[t] - mean) * (y[t] - mean);
    if (!(c0 > 0))
        return false;
    double r = 0;
    for (size_t k = 1; k <= m; k++) {
        double c = 0;
        for (size_t t = 0; t + k < n; t++)
            c += (y[t] - mean) * (y[t + k] - mean);
        r = c / c0;
        if (k < m)
            sum += r * r;
    }
    return fabs(r) / sqrt((1 + 2 * sum) / (double)n) > 1.6448536269514722;
}

/*
 * R's decompose(type = "multiplicative"): the centred moving average of
 * order m (weights 1/2m at both ends for even m) is the trend; each
 * position's seasonal index is the mean of x / trend over the cycles,
 * counted from the first value, normalised to mean 1. index[0..m) receives
 * them; returns false when an index is within 1e-4 of 0 (thetaf then keeps
 * the series as it is).
 */
static bool multiplicative_indexes(const double *y, size_t n, size_t m, double *index)
{
    size_t half = m / 2;
    double sum[12] = {0}, cnt[12] = {0};
    for (size_t t = half; t + half < n; t++) {
        double trend = 0;
        for (size_t j = 0; j <= 2 * half; j++) {
            double wgt = m % 2 == 0 && (j == 0 || j == 2 * half) ? 0.5 : 1;
            trend += wgt * y[t - half + j];
        }
        trend /= (double)m;
        sum[t % m] += y[t] / trend;
        cnt[t % m] += 1;
    }
    double mean = 0;
    for (size_t i = 0; i < m; i++) {
        index[i] = sum[i] / cnt[i];
        mean += index[i] / (double)m;
    }
    bool ok = true;
    for (size_t i = 0; i < m; i++) {
        index[i] /= mean;
        ok = ok && isfinite(index[i]) && fabs(index[i]) >= 1e-4;
    }
    return ok;
}

static ind_status theta_run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                            fc_result *out, ind_error *err)
{
    /* seasonal data: Theta on the seasonally adjusted series, reseasonalised (as thetaf) */
    size_t period = m > 1 && m <= 12 ? (size_t)m : 1;
    double index[12];
    bool seasonal = seasonal_by_acf(y, n, period) && multiplicative_indexes(y, n, period, index);
    double *adj = seasonal ? malloc(n * sizeof *adj) : NULL;
    if (seasonal && !adj)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t t = 0; adj && t < n; t++)
        adj[t] = y[t] / index[t % period];
    const double *x = adj ? adj : y;
    fc_ses_fit fit;
    if (ses_like_r(x, n, &fit, out->fitted) != 0) {
        free(adj);
        return ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "exponential smoothing failed");
    }
    double b = fc_ols_slope(x, n) / 2;
    free(adj);
    double a = fit.alpha;
    double sigma2 = fit.sse / (double)(n - 2);
    double lead = (1 - pow(1 - a, (double)n)) / a;
    for (size_t i = 0; i < h; i++) {
        /* the interval is not reseasonalised: thetaf adds its se to the reseasonalised mean */
        double factor = seasonal ? index[(n + i) % period] : 1;
        out->mean[i] = (fit.level + b * ((double)i + lead)) * factor;
        out->sd[i] = sqrt(sigma2 * (1 + (double)i * a * a));
    }
    for (size_t t = 0; seasonal && t < n; t++)
        out->fitted[t] *= index[t % period];
    snprintf(out->model, sizeof out->model,
             seasonal ? "Theta (SES with drift), multiplicative seasons" : "Theta (SES with drift)");
    out->nparams = 3;
    snprintf(out->param_names[0], sizeof out->param_names[0], "alpha");
    snprintf(out->param_names[1], sizeof out->param_names[1], "level");
    snprintf(out->param_names[2], sizeof out->param_names[2], "drift");
    out->params[0] = a;
    out->params[1] = fit.l0;
    out->params[2] = b;
    out->sigma2 = sigma2;
    fc_result_no_likelihood(out);
    return IND_OK;
}

const fc_method fc_theta = {
    "theta",
    "Theta method: exponential smoothing plus half the linear trend (R thetaf)",
    4,
    theta_run,
};
