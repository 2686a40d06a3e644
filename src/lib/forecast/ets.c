/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ets.c - exponential smoothing state space models (ETS), the `ets` forecast
 * method: fc_ets, plus the pieces declared in ets.h.
 *
 * A faithful re-implementation of R's forecast::ets() with its defaults
 * (Hyndman, Koehler, Snyder & Grose 2002; Hyndman, Koehler, Ord & Snyder
 * 2008): errors A/M, trend N/A/Ad, seasonality N/A/M (N only for annual
 * data); no multiplicative trend; ETS(A,*,M) excluded (restrict = TRUE); no
 * multiplicative errors unless every value is positive. Each model is fitted
 * by maximum likelihood (forecast's criterion n*log(SSE), plus 2*sum log|yhat|
 * for multiplicative errors) with the Nelder-Mead simplex of R's optim() over
 * the smoothing parameters and the initial states, inside forecast's "both"
 * bounds (usual: alpha in [1e-4, 0.9999], beta in [1e-4, alpha], gamma in
 * [1e-4, 1 - alpha], phi in [0.8, 0.98]; and admissible), started where
 * forecast starts (initparam(), initstate()), so that our fits are forecast's
 * fits (checked on the M1 yearly and M3 other series in tests/unit/test_ets.c).
 * The simplex is R's (nmmin: initial steps 10% of the largest coordinate,
 * stop when the spread of values falls below sqrt(eps) relative to the start
 * value, shrink, at most 2000 evaluations), written here rather than GSL's
 * nmsimplex2 because a different simplex stops at different points of these
 * flat likelihoods and so gives different fits. Restarting the simplex from
 * its optimum finds a better likelihood for about a third of those series
 * but did not forecast better (sMAPE/MASE on the M1/M3 test periods) and took
 * 75% longer, so we stop where forecast stops. The model with the smallest
 * AICc wins; AICc counts the parameters as forecast does (smoothing
 * parameters, free initial states and sigma).
 *
 * A model that fits the data exactly (all one-step errors 0) has an infinite
 * likelihood; forecast then picks it (AICc -Inf), and so do we, reporting
 * loglik and AICc as NAN with a note.
 *
 * Forecast means and variances are analytic (Hyndman et al. 2008 ch. 6,
 * classes 1-3), as forecast::forecast.ets uses for every model in this space,
 * so no simulation is needed and `seed` is unused. One deliberate difference:
 * for ETS(A,N,A) and ETS(M,N,A) forecast's class1() puts gamma on the wrong
 * seasonal state, which inflates its variance at h = m, 2m, ...; we use the
 * published c_j = alpha + gamma [j = 0 mod m].
 *
 * Short series: forecast::ets fits HoltWinters() instead when n <= 6; we keep
 * ETS and fit only the models whose AICc is defined (parameters including
 * sigma <= n - 2, and forecast's own rule parameters < n - 1). When no model
 * qualifies (n = 3 or 4), ETS(A,N,N) is fitted by maximum likelihood without
 * selection and the AICc is reported as NAN, with a note.
 */
#include "ets.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multifit.h>
#include <gsl/gsl_poly.h>

#define ETS_TOL 1.0e-10
#define ETS_HUGEN 1.0e10
#define NM_BIG 1.0e35
#define NM_MAXIT 2000
#define MAX_PAR (4 + 2 + ETS_MAX_M)

/* forecast::ets default bounds: alpha, beta, gamma, phi. */
static const double lower_b[4] = {1e-4, 1e-4, 1e-4, 0.8};
static const double upper_b[4] = {0.9999, 0.9999, 0.9999, 0.98};

size_t ets_nstates(const ets_model *mod)
{
    return 1 + (mod->trend != ETS_NONE) + (mod->season != ETS_NONE ? (size_t)mod->m : 0);
}

/* ---- the filter (forecast's etscalc) ---------------------------------- */

double ets_filter(const ets_model *mod, const double *y, size_t n, const double *x0, double *e,
                  double *fit, double *xn)
{
    int m = mod->season != ETS_NONE ? mod->m : 1;
    int trend = mod->trend != ETS_NONE, season = mod->season;
    double phi = mod->damped ? mod->phi : 1.0;
    double alpha = mod->alpha, gamma = mod->gamma, beta = mod->beta;
    double l = x0[0], b = trend ? x0[1] : 0.0, s[ETS_MAX_M];
    double sse = 0.0, slog = 0.0, prod = 1.0;
    int mult_err = mod->error == ETS_MULT;

    if (m < 1 || m > ETS_MAX_M)
        return NAN;
    /* s is a ring: state s[j] is at s[(pos + m - 1 - j) % m], so the one used
     * next, s[m-1], is at s[pos] and the new s[0] replaces it */
    int pos = 0;
    for (int j = 0; j < m && season; j++)
        s[m - 1 - j] = x0[1 + trend + j];
    for (size_t i = 0; i < n; i++) {
        double phib = trend ? phi * b : 0.0, q = l + phib, f = q, p = y[i],
               sl = season ? s[pos] : 0;
        if (season == ETS_ADD) {
            f = q + sl;
            p = y[i] - sl;
        } else if (season == ETS_MULT) {
            f = q * sl;
            p = fabs(sl) < ETS_TOL ? ETS_HUGEN : y[i] / sl;
        }
        double err = mod->error == ETS_ADD ? y[i] - f : (y[i] - f) / f;
        if (e)
            e[i] = err;
        if (fit)
            fit[i] = f;
        sse += err * err;
        if (mult_err) { /* sum of log|f| as the log of a product, rescaled: one log per ~10 steps */
            double af = fabs(f);
            if (af >= 1e-30 && af <= 1e30) {
                prod *= af;
                if (prod > 1e200 || prod < 1e-200) {
                    slog += log(prod);
                    prod = 1.0;
                }
            } else {
                slog += log(af);
            }
        }
        /* forecast writes b = phib + (beta/alpha)(lnew - l - phib): the same, one
         * dependent operation shorter */
        double lnew = q + alpha * (p - q);
        if (trend)
            b = phib + beta * (p - q);
        if (season) {
            double t = season == ETS_ADD ? y[i] - q : (fabs(q) < ETS_TOL ? ETS_HUGEN : y[i] / q);
            s[pos] = sl + gamma * (t - sl);
            pos = pos + 1 == m ? 0 : pos + 1;
        }
        l = lnew;
    }
    if (xn) {
        xn[0] = l;
        if (trend)
            xn[1] = b;
        for (int j = 0; j < m && season; j++)
            xn[1 + trend + j] = s[(pos + m - 1 - j) % m];
    }
    double lik = (double)n * log(sse);
    if (mult_err)
        lik += 2.0 * (slog + log(prod));
    return lik;
}

/*
 * The likelihood of a non-seasonal model, for the optimiser: the recursion of
 * ets_filter rewritten on q = l + phi*b (the one-step prediction) and
 * u = phi*b, which shortens the chain of dependent operations per step from
 * five to three (q' = q + phi*u + (alpha + phi*beta)*d, u' = phi*u + phi*beta*d
 * with d = y - q). Equal to ets_filter's value up to rounding.
 */
static double lik_nonseasonal(const ets_model *mod, const double *y, size_t n, const double *x0)
{
    int trend = mod->trend != ETS_NONE, mult_err = mod->error == ETS_MULT;
    double phi = trend && mod->damped ? mod->phi : 1.0, beta = trend ? mod->beta : 0.0;
    double k1 = mod->alpha + phi * beta, k2 = phi * beta;
    double u = trend ? phi * x0[1] : 0.0, q = x0[0] + u;
    double sse = 0.0, slog = 0.0, prod = 1.0;
    for (size_t i = 0; i < n; i++) {
        double d = y[i] - q;
        if (mult_err) {
            double err = d / q, af = fabs(q);
            sse += err * err;
            if (af >= 1e-30 && af <= 1e30) {
                prod *= af;
                if (prod > 1e200 || prod < 1e-200) {
                    slog += log(prod);
                    prod = 1.0;
                }
            } else {
                slog += log(af);
            }
        } else {
            sse += d * d;
        }
        q = (q + phi * u) + k1 * d;
        u = phi * u + k2 * d;
    }
    double lik = (double)n * log(sse);
    if (mult_err)
        lik += 2.0 * (slog + log(prod));
    return lik;
}

/* ---- parameter checks (forecast's check_params and admissible) ----------- */

/*
 * 1 when every root of c[0] + c[1] z + ... + c[d] z^d (c[d] != 0) lies strictly
 * inside |z| < r: the Schur-Cohn recursion on the coefficients of p(r z),
 * p_(k-1)(z) = (c_k p_k(z) - c_0 p_k*(z)) / z, needing |c_0| < |c_k| each step.
 */
static int roots_inside(const double *c, int d, double r)
{
    double a[ETS_MAX_M + 2], b[ETS_MAX_M + 2], ri = 1;
    for (int i = 0; i <= d; i++, ri *= r)
        a[i] = c[i] * ri;
    for (int k = d; k >= 1; k--) {
        if (!(fabs(a[0]) < fabs(a[k])))
            return 0;
        for (int j = 0; j < k; j++)
            b[j] = a[k] * a[j + 1] - a[0] * a[k - 1 - j];
        for (int j = 0; j < k; j++)
            a[j] = b[j] / b[k - 1];
    }
    return 1;
}

/*
 * The characteristic-equation test of forecast's admissible() for seasonal
 * models: no root of P beyond 1 + 1e-10 in modulus. The Schur-Cohn test
 * settles it unless the largest root is within 1e-7 (relative) of that
 * radius; only then are the roots computed, as forecast does (that is ~20x
 * faster than always computing them, and decides the same).
 */
static int seasonal_roots_ok(const ets_model *mod, double beta, double phi,
                             gsl_poly_complex_workspace *ws, double *coef, double *z)
{
    int m = mod->m;
    double a = mod->alpha, g = mod->gamma;
    /* forecast's P = c(phi(1-a-g), a+b-a*phi+g-1, rep(a+b-a*phi, m-2), a+b-phi, 1) */
    coef[0] = phi * (1 - a - g);
    coef[1] = a + beta - a * phi + g - 1;
    for (int i = 2; i < m; i++)
        coef[i] = a + beta - a * phi;
    coef[m] = a + beta - phi;
    coef[m + 1] = 1;
    const double radius = 1 + 1e-10;
    const double *p = coef;
    int d = m + 1;
    double q[ETS_MAX_M + 2];
    if (phi == 1 && beta == 0) {
        /* P(1) = (1 - phi)(m a + g) + m b = 0: divide the unit root out, so
         * that the test below is not always at the boundary */
        q[m] = coef[m + 1];
        for (int i = m; i >= 1; i--)
            q[i - 1] = coef[i] + q[i];
        p = q;
        d = m;
    }
    if (roots_inside(p, d, radius * (1 - 1e-7)))
        return 1;
    if (!roots_inside(p, d, radius * (1 + 1e-7)))
        return 0;
    if (gsl_poly_complex_solve(coef, (size_t)m + 2, ws, z) != GSL_SUCCESS)
        return 0;
    double max = 0;
    for (int i = 0; i <= m; i++)
        max = fmax(max, hypot(z[2 * i], z[2 * i + 1]));
    return max <= radius;
}

static int admissible(const ets_model *mod, gsl_poly_complex_workspace *ws, double *coef, double *z)
{
    double phi = mod->damped ? mod->phi : 1.0, a = mod->alpha;
    if (phi < 0 || phi > 1 + 1e-8)
        return 0;
    if (mod->season == ETS_NONE) {
        if (a < 1 - 1 / phi || a > 1 + 1 / phi)
            return 0;
        if (mod->trend != ETS_NONE &&
            (mod->beta < a * (phi - 1) || mod->beta > (1 + phi) * (2 - a)))
            return 0;
        return 1;
    }
    if (mod->m < 2)
        return 1;
    double beta = mod->trend != ETS_NONE ? mod->beta : 0.0, g = mod->gamma, m = mod->m;
    if (g < fmax(1 - 1 / phi - a, 0) || g > 1 + 1 / phi - a)
        return 0;
    if (a < 1 - 1 / phi - g * (1 - m + phi + phi * m) / (2 * phi * m))
        return 0;
    if (beta < -(1 - phi) * (g / m + a))
        return 0;
    return seasonal_roots_ok(mod, beta, phi, ws, coef, z);
}

static int usual_bounds(const ets_model *mod)
{
    double a = mod->alpha;
    if (!(a >= lower_b[0] && a <= upper_b[0]))
        return 0;
    if (mod->trend != ETS_NONE &&
        !(mod->beta >= lower_b[1] && mod->beta <= a && mod->beta <= upper_b[1]))
        return 0;
    if (mod->damped && !(mod->phi >= lower_b[3] && mod->phi <= upper_b[3]))
        return 0;
    if (mod->season != ETS_NONE &&
        !(mod->gamma >= lower_b[2] && mod->gamma <= 1 - a && mod->gamma <= upper_b[2]))
        return 0;
    return 1;
}

/* ---- the objective ------------------------------------------------------- */

typedef struct objective {
    const double *y;
    size_t n;
    ets_model mod; /* structure; parameters are filled from the vector */
    gsl_poly_complex_workspace *ws;
    double coef[ETS_MAX_M + 2], z[2 * (ETS_MAX_M + 1)];
} objective;

/* Parameter vector -> model and full initial state x0 (forecast's lik()). */
static void unpack(const double *par, ets_model *mod, double *x0)
{
    size_t j = 0;
    mod->alpha = par[j++];
    mod->beta = mod->trend != ETS_NONE ? par[j++] : 0.0;
    mod->gamma = mod->season != ETS_NONE ? par[j++] : 0.0;
    mod->phi = mod->damped ? par[j++] : 1.0;
    size_t ns = ets_nstates(mod), nfree = ns - (mod->season != ETS_NONE);
    memcpy(x0, par + j, nfree * sizeof *x0);
    if (mod->season != ETS_NONE) {
        size_t first = 1 + (mod->trend != ETS_NONE);
        double sum = 0;
        for (size_t i = first; i < nfree; i++)
            sum += x0[i];
        x0[ns - 1] = (mod->season == ETS_MULT ? mod->m : 0) - sum;
    }
}

static double objective_eval(const double *par, void *vctx)
{
    objective *o = vctx;
    double x0[ETS_MAX_M + 2];
    unpack(par, &o->mod, x0);
    if (!usual_bounds(&o->mod) || !admissible(&o->mod, o->ws, o->coef, o->z))
        return INFINITY;
    if (o->mod.season == ETS_MULT) {
        size_t first = 1 + (o->mod.trend != ETS_NONE), ns = ets_nstates(&o->mod);
        for (size_t i = first; i < ns; i++)
            if (x0[i] < 0)
                return INFINITY;
    }
    double lik = o->mod.season == ETS_NONE ? lik_nonseasonal(&o->mod, o->y, o->n, x0)
                                           : ets_filter(&o->mod, o->y, o->n, x0, NULL, NULL, NULL);
    if (isnan(lik))
        return INFINITY;
    return lik < -1e10 ? -1e10 : lik;
}

/* ---- Nelder-Mead, the algorithm of R's optim() (nmmin) ----------------- */

/*
 * Minimises fn from b[0..np) with R's Nelder-Mead (reflection 1, contraction
 * 0.5, expansion 2, relative tolerance sqrt(DBL_EPSILON), at most maxit
 * evaluations), the optimiser forecast::ets calls. On return b holds the best
 * vertex and *fbest its value. Returns -1 when fn is not finite at the start.
 */
static int nelder_mead(double (*fn)(const double *, void *), void *ctx, size_t np, double *b,
                       double *fbest, int maxit)
{
    const double alpha = 1.0, bet = 0.5, gamm = 2.0, intol = sqrt(DBL_EPSILON);
    /* rows: coordinates, then the value; columns: the n + 1 vertices, then the centroid */
    double P[MAX_PAR + 1][MAX_PAR + 2];
    size_t n = np, n1 = np + 1, C = np + 1; /* column index of the centroid */
    double f = fn(b, ctx);
    if (!isfinite(f))
        return -1;
    int funcount = 1;
    double convtol = intol * (fabs(f) + intol);
    P[n][0] = f;
    for (size_t i = 0; i < n; i++)
        P[i][0] = b[i];
    size_t L = 0;
    double size = 0.0, step = 0.0;
    for (size_t i = 0; i < n; i++)
        step = fmax(step, 0.1 * fabs(b[i]));
    if (step == 0.0)
        step = 0.1;
    for (size_t j = 1; j < n1; j++) {
        for (size_t i = 0; i < n; i++)
            P[i][j] = b[i];
        double trystep = step;
        while (P[j - 1][j] == b[j - 1]) {
            P[j - 1][j] = b[j - 1] + trystep;
            trystep *= 10;
        }
        size += trystep;
    }
    double oldsize = size;
    int calcvert = 1;
    do {
        if (calcvert) {
            for (size_t j = 0; j < n1; j++) {
                if (j == L)
                    continue;
                for (size_t i = 0; i < n; i++)
                    b[i] = P[i][j];
                f = fn(b, ctx);
                P[n][j] = isfinite(f) ? f : NM_BIG;
                funcount++;
            }
            calcvert = 0;
        }
        double VL = P[n][L], VH = VL;
        size_t H = L;
        for (size_t j = 0; j < n1; j++) {
            if (j == L)
                continue;
            f = P[n][j];
            if (f < VL) {
                L = j;
                VL = f;
            }
            if (f > VH) {
                H = j;
                VH = f;
            }
        }
        if (VH <= VL + convtol)
            break;
        for (size_t i = 0; i < n; i++) {
            double temp = -P[i][H];
            for (size_t j = 0; j < n1; j++)
                temp += P[i][j];
            P[i][C] = temp / (double)n;
        }
        for (size_t i = 0; i < n; i++)
            b[i] = (1.0 + alpha) * P[i][C] - alpha * P[i][H];
        f = fn(b, ctx);
        f = isfinite(f) ? f : NM_BIG;
        funcount++;
        double VR = f;
        if (VR < VL) {
            P[n][C] = f;
            for (size_t i = 0; i < n; i++) {
                f = gamm * b[i] + (1 - gamm) * P[i][C];
                P[i][C] = b[i];
                b[i] = f;
            }
            f = fn(b, ctx);
            f = isfinite(f) ? f : NM_BIG;
            funcount++;
            if (f < VR) {
                for (size_t i = 0; i < n; i++)
                    P[i][H] = b[i];
                P[n][H] = f;
            } else {
                for (size_t i = 0; i < n; i++)
                    P[i][H] = P[i][C];
                P[n][H] = VR;
            }
        } else {
            if (VR < VH) {
                for (size_t i = 0; i < n; i++)
                    P[i][H] = b[i];
                P[n][H] = VR;
            }
            for (size_t i = 0; i < n; i++)
                b[i] = (1 - bet) * P[i][H] + bet * P[i][C];
            f = fn(b, ctx);
            f = isfinite(f) ? f : NM_BIG;
            funcount++;
            if (f < P[n][H]) {
                for (size_t i = 0; i < n; i++)
                    P[i][H] = b[i];
                P[n][H] = f;
            } else if (VR >= VH) {
                calcvert = 1;
                size = 0.0;
                for (size_t j = 0; j < n1; j++) {
                    if (j == L)
                        continue;
                    for (size_t i = 0; i < n; i++) {
                        P[i][j] = bet * (P[i][j] - P[i][L]) + P[i][L];
                        size += fabs(P[i][j] - P[i][L]);
                    }
                }
                if (size < oldsize)
                    oldsize = size;
                else
                    break;
            }
        }
    } while (funcount <= maxit);
    *fbest = P[n][L];
    for (size_t i = 0; i < n; i++)
        b[i] = P[i][L];
    return 0;
}

/* ---- initial values (forecast's initparam and initstate) ---------------- */

static void initparam(const ets_model *mod, double *par, size_t *j)
{
    int m = mod->season != ETS_NONE ? mod->m : 1;
    double alpha = lower_b[0] + 0.2 * (upper_b[0] - lower_b[0]) / m;
    par[(*j)++] = alpha;
    if (mod->trend != ETS_NONE) {
        double up = fmin(upper_b[1], alpha), beta = lower_b[1] + 0.1 * (up - lower_b[1]);
        par[(*j)++] = beta < 0 || beta > alpha ? alpha - 0.001 : beta;
    }
    if (mod->season != ETS_NONE) {
        double up = fmin(upper_b[2], 1 - alpha), gamma = lower_b[2] + 0.05 * (up - lower_b[2]);
        par[(*j)++] = gamma < 0 || gamma > 1 - alpha ? 1 - alpha - 0.001 : gamma;
    }
    if (mod->damped)
        par[(*j)++] = lower_b[3] + 0.99 * (upper_b[3] - lower_b[3]);
}

/* Least-squares line through (1, y[0]) ... (k, y[k-1]): intercept at 0 and slope. */
static void line_fit(const double *y, size_t k, double *a, double *b)
{
    double xm = (k + 1) / 2.0, ym = 0, sxy = 0, sxx = 0;
    for (size_t i = 0; i < k; i++)
        ym += y[i];
    ym /= (double)k;
    for (size_t i = 0; i < k; i++) {
        double dx = (double)(i + 1) - xm;
        sxy += dx * (y[i] - ym);
        sxx += dx * dx;
    }
    *b = sxx > 0 ? sxy / sxx : 0.0;
    *a = ym - *b * xm;
}

/* Classical decomposition (R's decompose()): seasonal figure[m] for y[0..n), n >= 2m. */
static void decompose_figure(const double *y, size_t n, int m, int mult, double *figure)
{
    size_t half = (size_t)m / 2;
    double sum[ETS_MAX_M] = {0};
    size_t cnt[ETS_MAX_M] = {0};
    for (size_t t = half; t + half < n; t++) {
        double tr = 0;
        if (m % 2 == 0) {
            tr = 0.5 * (y[t - half] + y[t + half]);
            for (size_t k = t - half + 1; k < t + half; k++)
                tr += y[k];
        } else {
            for (size_t k = t - half; k <= t + half; k++)
                tr += y[k];
        }
        tr /= m;
        sum[t % (size_t)m] += mult ? y[t] / tr : y[t] - tr;
        cnt[t % (size_t)m]++;
    }
    double mean = 0;
    for (int i = 0; i < m; i++) {
        figure[i] = sum[i] / (double)cnt[i];
        mean += figure[i] / m;
    }
    for (int i = 0; i < m; i++)
        figure[i] = mult ? figure[i] / mean : figure[i] - mean;
}

/*
 * For n < 3m forecast regresses y on a trend and one Fourier pair; the
 * "seasonal" series is what the line leaves. Fills seas[0..n). Returns -1
 * when the regression fails.
 */
static int fourier_seasonal(const double *y, size_t n, int m, int mult, double *seas)
{
    size_t p = m == 2 ? 3 : 4;
    int rc = -1;
    gsl_matrix *X = gsl_matrix_alloc(n, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *c = gsl_vector_alloc(p);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, p);
    if (!X || !cov || !c || !w)
        goto out;
    for (size_t t = 0; t < n; t++) {
        double tt = (double)(t + 1), ang = 2 * 3.14159265358979323846 * tt / m;
        gsl_matrix_set(X, t, 0, 1.0);
        gsl_matrix_set(X, t, 1, tt);
        if (p == 4) {
            gsl_matrix_set(X, t, 2, sin(ang));
            gsl_matrix_set(X, t, 3, cos(ang));
        } else {
            gsl_matrix_set(X, t, 2, cos(ang));
        }
    }
    gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
    double chisq;
    if (gsl_multifit_linear(X, &yv.vector, c, cov, &chisq, w) != GSL_SUCCESS)
        goto out;
    for (size_t t = 0; t < n; t++) {
        double line = gsl_vector_get(c, 0) + gsl_vector_get(c, 1) * (double)(t + 1);
        seas[t] = mult ? y[t] / line : y[t] - line;
    }
    rc = 0;
out:
    gsl_multifit_linear_free(w);
    gsl_vector_free(c);
    gsl_matrix_free(cov);
    gsl_matrix_free(X);
    return rc;
}

/*
 * forecast's initstate(): free initial states (l, b, s[0..m-2]) into x.
 * Returns the count, or 0 when they cannot be computed.
 */
static size_t initstate(const ets_model *mod, const double *y, size_t n, double *x)
{
    int m = mod->season != ETS_NONE ? mod->m : 1, mult = mod->season == ETS_MULT;
    double *ysa = malloc(n * sizeof *ysa), *seas = malloc(n * sizeof *seas);
    size_t k = 0;
    if (!ysa || !seas)
        goto out;
    memcpy(ysa, y, n * sizeof *y);
    double init_seas[ETS_MAX_M];
    if (mod->season != ETS_NONE) {
        if (n < 4)
            goto out;
        if (n < 3 * (size_t)m) {
            if (fourier_seasonal(y, n, m, mult, seas) != 0)
                goto out;
        } else {
            double figure[ETS_MAX_M];
            decompose_figure(y, n, m, mult, figure);
            for (size_t t = 0; t < n; t++)
                seas[t] = figure[t % (size_t)m];
        }
        double sum = 0;
        for (int j = 0; j < m - 1; j++) {
            init_seas[j] = seas[m - 1 - j]; /* rev(seasonal[2:m]) */
            if (mult)
                init_seas[j] = fmax(init_seas[j], 0.01);
            sum += init_seas[j];
        }
        if (mult && sum > m)
            for (int j = 0; j < m - 1; j++)
                init_seas[j] /= sum + 0.01 * (m - 1);
        for (size_t t = 0; t < n; t++)
            ysa[t] = mult ? y[t] / fmax(seas[t], 0.01) : y[t] - seas[t];
    }
    size_t maxn = (size_t)(2 * m > 10 ? 2 * m : 10);
    if (maxn > n)
        maxn = n;
    if (mod->trend == ETS_NONE) {
        double s = 0;
        for (size_t t = 0; t < maxn; t++)
            s += ysa[t];
        x[k++] = s / (double)maxn;
    } else {
        double l0, b0;
        line_fit(ysa, maxn, &l0, &b0);
        if (fabs(l0 + b0) < 1e-8) {
            l0 *= 1 + 0.001;
            b0 *= 1 - 0.001;
        }
        x[k++] = l0;
        x[k++] = b0;
    }
    for (int j = 0; j < m - 1 && mod->season != ETS_NONE; j++)
        x[k++] = init_seas[j];
out:
    free(seas);
    free(ysa);
    return k;
}

/* ---- fitting one model ----------------------------------------------------- */

typedef struct ets_fit {
    ets_model mod;
    double x0[ETS_MAX_M + 2];
    size_t np; /* parameters incl. free initial states and sigma (forecast's np + 1) */
    double lik, loglik, aicc, sigma2;
    int exact; /* the one-step errors are all 0: likelihood infinite, AICc -inf as in forecast */
} ets_fit;

/*
 * Fits mod's structure to y by maximum likelihood. short_ok allows more
 * parameters than forecast does (for the n <= 4 fallback). Returns 0 when the
 * fit succeeded with a finite likelihood, -1 otherwise.
 */
static int fit_model(const double *y, size_t n, const ets_model *spec, int short_ok, ets_fit *fit)
{
    objective o = {.y = y, .n = n, .mod = *spec, .ws = NULL};
    double par[MAX_PAR], fbest;
    size_t np = 0;
    int rc = -1;
    initparam(spec, par, &np);
    size_t k = initstate(spec, y, n, par + np);
    if (k == 0)
        return -1;
    np += k;
    if (!short_ok && np + 1 >= n)
        return -1;
    if (spec->season != ETS_NONE && spec->m >= 2 &&
        !(o.ws = gsl_poly_complex_workspace_alloc((size_t)spec->m + 2)))
        return -1;
    if (nelder_mead(objective_eval, &o, np, par, &fbest, NM_MAXIT) != 0)
        goto out;
    fit->mod = *spec;
    unpack(par, &fit->mod, fit->x0);
    double *e = malloc(n * sizeof *e);
    if (!e)
        goto out;
    fit->lik = ets_filter(&fit->mod, y, n, fit->x0, e, NULL, NULL);
    double sse = 0;
    for (size_t i = 0; i < n; i++)
        sse += e[i] * e[i];
    free(e);
    fit->np = np + 1;
    fit->loglik = -0.5 * fit->lik;
    double kk = (double)fit->np, aic = fit->lik + 2 * kk;
    fit->aicc = n > fit->np + 1 ? aic + 2 * kk * (kk + 1) / ((double)n - kk - 1) : NAN;
    fit->sigma2 = n > np ? sse / (double)(n - np) : sse;
    fit->exact = sse == 0.0;
    if (fit->exact && n > fit->np + 1) {
        fit->loglik = NAN;
        fit->aicc = -INFINITY; /* forecast::ets picks such a model first */
        rc = 0;
    } else if (isfinite(fit->lik) && isfinite(fit->sigma2) && (short_ok || isfinite(fit->aicc))) {
        rc = 0;
    }
out:
    gsl_poly_complex_workspace_free(o.ws);
    return rc;
}

/* ---- forecast moments ------------------------------------------------------- */

/* Class 1: mean[h] and the coefficients c[j] = H F^j G, j = 0..h-2 (Hyndman et al. 2008 ch. 6). */
static void class1(const ets_model *mod, const double *xn, size_t h, double *mean, double *c)
{
    size_t p = ets_nstates(mod), m = (size_t)mod->m;
    int trend = mod->trend != ETS_NONE, seas = mod->season != ETS_NONE;
    double phi = mod->damped ? mod->phi : 1.0;
    double w[ETS_MAX_M + 2] = {0}, G[ETS_MAX_M + 2] = {0}, wn[ETS_MAX_M + 2];
    w[0] = 1; /* w = H F^j, starting with H */
    G[0] = mod->alpha;
    if (trend) {
        w[1] = phi;
        G[1] = mod->beta;
    }
    if (seas) {
        w[p - 1] = 1;
        G[p - m] = mod->gamma;
    }
    for (size_t j = 0; j < h; j++) {
        double mu = 0, cj = 0;
        for (size_t i = 0; i < p; i++) {
            mu += w[i] * xn[i];
            cj += w[i] * G[i];
        }
        mean[j] = mu;
        if (j + 1 < h)
            c[j] = cj;
        /* wn = w F: level column, trend column, seasonal shift */
        wn[0] = w[0];
        if (trend)
            wn[1] = phi * w[0] + phi * w[1];
        if (seas) {
            size_t s0 = p - m;
            for (size_t k = 0; k + 1 < m; k++)
                wn[s0 + k] = w[s0 + k + 1];
            wn[p - 1] = w[s0];
        }
        memcpy(w, wn, p * sizeof *w);
    }
}

/* C[ar x bc] = A[ar x ac] B[ac x bc] (row-major); transb: use B^T where B is [bc x ac]. */
static void mm(const double *A, size_t ar, size_t ac, const double *B, size_t bc, int transb,
               double *C)
{
    for (size_t i = 0; i < ar; i++)
        for (size_t j = 0; j < bc; j++) {
            double s = 0;
            for (size_t k = 0; k < ac; k++)
                s += A[i * ac + k] * (transb ? B[j * ac + k] : B[k * bc + j]);
            C[i * bc + j] = s;
        }
}

/* C = A (x) B, A [ar x ac], B [br x bc]. */
static void kron(const double *A, size_t ar, size_t ac, const double *B, size_t br, size_t bc,
                 double *C)
{
    size_t cc = ac * bc;
    for (size_t r = 0; r < ar; r++)
        for (size_t s = 0; s < ac; s++)
            for (size_t i = 0; i < br; i++)
                for (size_t k = 0; k < bc; k++)
                    C[(r * br + i) * cc + s * bc + k] = A[r * ac + s] * B[i * bc + k];
}

/* Class 3 (multiplicative errors and seasonality): forecast's class3(), literally. */
static int class3(const ets_model *mod, const double *xn, double s2, size_t h, double *mean,
                  double *var)
{
    size_t q = 1 + (mod->trend != ETS_NONE), m = (size_t)mod->m, d = q * m;
    double phi = mod->damped ? mod->phi : 1.0, F1[4], G1[4], Mh[2 * ETS_MAX_M], T[2 * ETS_MAX_M],
           T2[2 * ETS_MAX_M];
    double *buf = calloc(2 * m * m + 9 * d * d + 2 * d, sizeof *buf);
    if (!buf)
        return -1;
    double *F2 = buf, *G2 = F2 + m * m, *F21 = G2 + m * m, *G21 = F21 + d * d, *K = G21 + d * d,
           *Vh = K + d * d, *A = Vh + d * d, *B = A + d * d, *W = B + d * d, *Z = W + d * d,
           *Z2 = Z + d * d, *v = Z2 + d * d;
    if (q == 1) {
        F1[0] = 1;
        G1[0] = mod->alpha;
    } else {
        F1[0] = 1, F1[1] = 1, F1[2] = 0, F1[3] = phi;
        G1[0] = G1[1] = mod->alpha;
        G1[2] = G1[3] = mod->beta;
    }
    F2[m - 1] = 1;
    for (size_t i = 1; i < m; i++)
        F2[i * m + i - 1] = 1;
    G2[m - 1] = mod->gamma;
    for (size_t i = 0; i < q; i++)
        for (size_t j = 0; j < m; j++)
            Mh[i * m + j] = xn[i] * xn[q + j];
    kron(F2, m, m, F1, q, q, F21);
    kron(G2, m, m, G1, q, q, G21);
    kron(G2, m, m, F1, q, q, K);
    kron(F2, m, m, G1, q, q, A);
    for (size_t i = 0; i < d * d; i++)
        K[i] += A[i];
    for (size_t step = 0; step < h; step++) {
        double mu = 0;
        for (size_t i = 0; i < q; i++)
            mu += Mh[i * m + m - 1];
        /* H21 = H2 (x) H1 selects the entries of the last seasonal block */
        double hvh = 0;
        for (size_t i = 0; i < q; i++)
            for (size_t j = 0; j < q; j++)
                hvh += Vh[((m - 1) * q + i) * d + (m - 1) * q + j];
        mean[step] = mu;
        var[step] = (1 + s2) * hvh + s2 * mu * mu;
        for (size_t j = 0; j < m; j++) /* vec(Mh), column-major */
            for (size_t i = 0; i < q; i++)
                v[j * q + i] = Mh[i * m + j];
        /* Vh = F21 Vh F21' + s2 (F21 Vh G21' + G21 Vh F21' + K (Vh + vv') K'
         *      + s2 G21 (3 Vh + 2 vv') G21') */
        mm(F21, d, d, Vh, d, 0, A);
        mm(A, d, d, F21, d, 1, W); /* F21 Vh F21' */
        mm(A, d, d, G21, d, 1, B); /* F21 Vh G21' */
        for (size_t i = 0; i < d * d; i++)
            W[i] += s2 * B[i];
        mm(G21, d, d, Vh, d, 0, A);
        mm(A, d, d, F21, d, 1, B); /* G21 Vh F21' */
        for (size_t i = 0; i < d * d; i++)
            W[i] += s2 * B[i];
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < d; j++) {
                Z[i * d + j] = Vh[i * d + j] + v[i] * v[j];
                Z2[i * d + j] = 3 * Vh[i * d + j] + 2 * v[i] * v[j];
            }
        mm(K, d, d, Z, d, 0, A);
        mm(A, d, d, K, d, 1, B);
        for (size_t i = 0; i < d * d; i++)
            W[i] += s2 * B[i];
        mm(G21, d, d, Z2, d, 0, A);
        mm(A, d, d, G21, d, 1, B);
        for (size_t i = 0; i < d * d; i++)
            W[i] += s2 * s2 * B[i];
        memcpy(Vh, W, d * d * sizeof *W);
        /* Mh = F1 Mh F2' + s2 G1 Mh G2' */
        mm(F1, q, q, Mh, m, 0, T);
        mm(T, q, m, F2, m, 1, T2);
        mm(G1, q, q, Mh, m, 0, T);
        mm(T, q, m, G2, m, 1, Mh);
        for (size_t i = 0; i < q * m; i++)
            Mh[i] = T2[i] + s2 * Mh[i];
    }
    free(buf);
    return 0;
}

int ets_moments(const ets_model *mod, const double *xn, double sigma2, size_t h, double *mean,
                double *var)
{
    if (mod->trend == ETS_MULT || (mod->error == ETS_ADD && mod->season == ETS_MULT))
        return -1;
    if (mod->season == ETS_MULT)
        return class3(mod, xn, sigma2, h, mean, var);
    double *c = malloc((h + 1) * sizeof *c), *theta = NULL;
    if (!c)
        return -1;
    class1(mod, xn, h, mean, c);
    if (mod->error == ETS_ADD) {
        double acc = 0;
        for (size_t j = 0; j < h; j++) {
            var[j] = sigma2 * (1 + acc);
            if (j + 1 < h)
                acc += c[j] * c[j];
        }
    } else {
        theta = malloc(h * sizeof *theta);
        if (!theta) {
            free(c);
            return -1;
        }
        for (size_t j = 0; j < h; j++) {
            double t = mean[j] * mean[j];
            for (size_t i = 0; i < j; i++)
                t += sigma2 * c[i] * c[i] * theta[j - 1 - i];
            theta[j] = t;
            var[j] = (1 + sigma2) * t - mean[j] * mean[j];
        }
    }
    free(theta);
    free(c);
    return 0;
}

/* ---- model selection and the method ------------------------------------------ */

static void model_name(const ets_model *mod, char *buf, size_t size)
{
    static const char letter[] = {'N', 'A', 'M'};
    snprintf(buf, size, "ETS(%c,%s,%c)", letter[mod->error],
             mod->trend == ETS_NONE ? "N" : (mod->damped ? "Ad" : "A"), letter[mod->season]);
}

/* Parses spec into allowed sets; returns 0, or -1 when malformed. */
static int parse_spec(const char *spec, int err_ok[3], int trend_ok[2], int damp_ok[2],
                      int seas_ok[3])
{
    size_t len = strlen(spec);
    if (len != 3 && !(len == 4 && spec[2] == 'd'))
        return -1;
    char e = spec[0], t = spec[1], s = spec[len - 1];
    int damped_given = len == 4;
    memset(err_ok, 0, 3 * sizeof *err_ok);
    memset(trend_ok, 0, 2 * sizeof *trend_ok);
    memset(damp_ok, 0, 2 * sizeof *damp_ok);
    memset(seas_ok, 0, 3 * sizeof *seas_ok);
    if (e != 'A' && e != 'M' && e != 'Z')
        return -1;
    err_ok[ETS_ADD] = e != 'M';
    err_ok[ETS_MULT] = e != 'A';
    if (t != 'N' && t != 'A' && t != 'Z')
        return -1;
    if (damped_given && t == 'N')
        return -1;
    trend_ok[ETS_NONE] = t != 'A';
    trend_ok[ETS_ADD] = t != 'N';
    /* "A": undamped, "Ad": damped, "Z": none, undamped or damped */
    damp_ok[0] = !damped_given;
    damp_ok[1] = damped_given || t == 'Z';
    if (s != 'N' && s != 'A' && s != 'M' && s != 'Z')
        return -1;
    seas_ok[ETS_NONE] = s == 'N' || s == 'Z';
    seas_ok[ETS_ADD] = s == 'A' || s == 'Z';
    seas_ok[ETS_MULT] = s == 'M' || s == 'Z';
    return 0;
}

static int better(const ets_fit *a, const ets_fit *b)
{
    return b == NULL || a->aicc < b->aicc;
}

/* Fills out from fit; returns 0, or -1 when the forecasts are not finite. */
static int fill_result(const ets_fit *fit, const double *y, size_t n, size_t h, fc_result *out)
{
    double xn[ETS_MAX_M + 2], *fitted = malloc(n * sizeof *fitted), *var = malloc(h * sizeof *var),
                              *mean = malloc(h * sizeof *mean);
    int rc = -1;
    if (!fitted || !var || !mean)
        goto out;
    ets_filter(&fit->mod, y, n, fit->x0, NULL, fitted, xn);
    if (ets_moments(&fit->mod, xn, fit->sigma2, h, mean, var) != 0)
        goto out;
    for (size_t j = 0; j < h; j++)
        if (!isfinite(mean[j]) || !isfinite(var[j]))
            goto out;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(fitted[i]))
            goto out;
    for (size_t j = 0; j < h; j++) {
        out->mean[j] = mean[j];
        out->sd[j] = sqrt(fmax(var[j], 0.0));
    }
    memcpy(out->fitted, fitted, n * sizeof *fitted);
    model_name(&fit->mod, out->model, sizeof out->model);
    size_t k = 0;
#define PARAM(name, value)                                                                         \
    do {                                                                                           \
        snprintf(out->param_names[k], sizeof out->param_names[k], "%s", name);                     \
        out->params[k++] = (value);                                                                \
    } while (0)
    PARAM("alpha", fit->mod.alpha);
    if (fit->mod.trend != ETS_NONE)
        PARAM("beta", fit->mod.beta);
    if (fit->mod.damped)
        PARAM("phi", fit->mod.phi);
    if (fit->mod.season != ETS_NONE)
        PARAM("gamma", fit->mod.gamma);
    PARAM("l0", fit->x0[0]);
    if (fit->mod.trend != ETS_NONE)
        PARAM("b0", fit->x0[1]);
#undef PARAM
    out->nparams = k;
    out->loglik = fit->loglik;
    out->aicc = fit->aicc;
    if (fit->exact) {
        out->loglik = out->aicc = NAN;
        snprintf(out->note, sizeof out->note,
                 "the model reproduces the data exactly: no likelihood, zero-width intervals");
    }
    out->sigma2 = fit->sigma2;
    rc = 0;
out:
    free(mean);
    free(var);
    free(fitted);
    return rc;
}

/* forecast::ets on a constant series: simple exponential smoothing with alpha near 1. */
static void constant_result(const double *y, size_t n, size_t h, fc_result *out)
{
    for (size_t j = 0; j < h; j++) {
        out->mean[j] = y[n - 1];
        out->sd[j] = 0.0;
    }
    for (size_t i = 0; i < n; i++)
        out->fitted[i] = y[0];
    snprintf(out->model, sizeof out->model, "ETS(A,N,N)");
    snprintf(out->note, sizeof out->note,
             "constant series: forecasts repeat the value with no uncertainty");
    out->nparams = 2;
    snprintf(out->param_names[0], sizeof out->param_names[0], "alpha");
    out->params[0] = 0.99999;
    snprintf(out->param_names[1], sizeof out->param_names[1], "l0");
    out->params[1] = y[0];
    out->loglik = out->aicc = NAN;
    out->sigma2 = 0.0;
}

static int is_constant(const double *y, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (y[i] != y[0])
            return 0;
    return 1;
}

#define MAX_FITS 24

ind_status ets_run_spec(const char *spec, const double *y, size_t n, int m, size_t h,
                        fc_result *out, ind_error *err)
{
    int err_ok[3], trend_ok[2], damp_ok[2], seas_ok[3];
    if (!spec || parse_spec(spec, err_ok, trend_ok, damp_ok, seas_ok) != 0)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "ets: bad model specification \"%s\"",
                             spec ? spec : "(null)");
    if (n < 3 || h < 1 || m < 1)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "ets: needs at least 3 observations and a horizon >= 1 (n = %zu)", n);
    int positive = 1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "ets: value %zu is not finite", i + 1);
        positive &= y[i] > 0;
    }
    int seasonal_possible = m > 1 && m <= ETS_MAX_M && n > (size_t)m;
    if (!seasonal_possible && !seas_ok[ETS_NONE])
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0,
                             "ets: a seasonal model needs a seasonal period and more than one "
                             "season of data (m = %d, n = %zu)",
                             m, n);
    if (strcmp(spec, "ZZZ") == 0 && is_constant(y, n)) {
        constant_result(y, n, h, out);
        return IND_OK;
    }
    ets_fit fits[MAX_FITS];
    size_t nfits = 0;
    for (int e = ETS_ADD; e <= ETS_MULT; e++)
        for (int t = ETS_NONE; t <= ETS_ADD; t++)
            for (int s = ETS_NONE; s <= ETS_MULT; s++)
                for (int d = 1; d >= 0; d--) {
                    if (!err_ok[e] || !trend_ok[t] || !seas_ok[s] || !damp_ok[d])
                        continue;
                    if (t == ETS_NONE && d)
                        continue;
                    if (s != ETS_NONE && !seasonal_possible)
                        continue;
                    if (e == ETS_ADD && s == ETS_MULT) /* restrict = TRUE */
                        continue;
                    if (e == ETS_MULT && !positive)
                        continue;
                    ets_model mod = {e, t, s, d, s != ETS_NONE ? m : 1, 0, 0, 0, 1};
                    if (fit_model(y, n, &mod, 0, &fits[nfits]) == 0)
                        nfits++;
                }
    /* forecast keeps the first of equal AICc values: stable selection by order */
    int used[MAX_FITS] = {0};
    for (size_t tries = 0; tries < nfits; tries++) {
        const ets_fit *best = NULL;
        size_t bi = 0;
        for (size_t i = 0; i < nfits; i++)
            if (!used[i] && better(&fits[i], best)) {
                best = &fits[i];
                bi = i;
            }
        used[bi] = 1;
        if (fill_result(best, y, n, h, out) == 0)
            return IND_OK;
    }
    if (nfits == 0 && err_ok[ETS_ADD] && trend_ok[ETS_NONE] && seas_ok[ETS_NONE]) {
        ets_model mod = {ETS_ADD, ETS_NONE, ETS_NONE, 0, 1, 0, 0, 0, 1};
        ets_fit fit;
        if (fit_model(y, n, &mod, 1, &fit) == 0 && fill_result(&fit, y, n, h, out) == 0) {
            snprintf(out->note, sizeof out->note,
                     "only %zu observations: too few to choose a model by AICc; simple "
                     "exponential smoothing fitted",
                     n);
            return IND_OK;
        }
    }
    return ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0,
                         "ets: no exponential smoothing model could be fitted to these %zu "
                         "observations",
                         n);
}

static ind_status run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                      fc_result *out, ind_error *err)
{
    (void)seed; /* all forecast variances here are analytic */
    return ets_run_spec("ZZZ", y, n, m, h, out, err);
}

const fc_method fc_ets = {"ets", "exponential smoothing state space (ETS), model chosen by AICc", 3,
                          run};
