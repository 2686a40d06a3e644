/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * arima.c - automatic ARIMA (Hyndman and Khandakar 2008), the method
 * descriptor fc_arima.
 *
 * It replicates R's forecast::auto.arima() (forecast 8.20) with its
 * defaults: for seasonal data (m = 2..12) the number of seasonal
 * differences D from the STL seasonal strength (forecast::nsdiffs,
 * arima_stl.c), then the number of differences d from repeated KPSS tests
 * (forecast::ndiffs), then a stepwise search over (p, q, P, Q, constant)
 * on AICc, each candidate fitted as stats::arima(method = "CSS-ML"):
 * conditional sum of squares for starting values, then exact maximum
 * likelihood by a Kalman filter (arima_ss.c) with the AR parts kept
 * stationary by the PACF/tanh reparametrisation, and forecast's checks
 * (roots at least 1.01 from the unit circle, defined coefficient
 * variances). The optimiser is the variable metric method of Nash (1990,
 * Algorithm 21), which is what R's optim(method = "BFGS") runs, with the
 * same numerical gradients, step rules and tolerances, so that flat
 * likelihoods end where R's do.
 *
 * Differences from R, all deliberate: the model is fitted to the
 * differenced series (exact likelihood) rather than through R's diffuse
 * prior with kappa = 1e6, which changes log-likelihoods in about the sixth
 * digit and leaves out of sigma2 the d + Dm "residuals" R computes for the
 * diffuse start (R's intervals are up to ~10% wider for d + D >= 2 on
 * series with a high level); fitted values are the one-step predictions
 * (NAN for the first d + Dm), not x - standardised residuals; a candidate
 * whose AICc denominator n - d - Dm - k - 2 is not positive is rejected
 * instead of getting a negative penalty; when every candidate fails,
 * ARIMA(0,d,0) is used (with a note) instead of an error; the constant-
 * series test is relative at every scale. As in R, series longer than 150
 * are searched with CSS fits and an offset, and the best candidates then
 * refitted by CSS-ML. Seasonal periods above 12 get a non-seasonal model
 * and a note (R would fit them, approximately).
 */
#include "arima.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>

#define NPAR_MAX (ARIMA_MAX_P + ARIMA_MAX_Q + ARIMA_MAX_SP + ARIMA_MAX_SQ + 1)
#define TWO_PI 6.283185307179586476925286766559
#define KPSS_CRIT_5PCT 0.463 /* urca::ur.kpss critical value, type "mu" */

/* ------------------------------------------------------------------ KPSS */

double arima_kpss(const double *x, size_t n, size_t lags)
{
    double mean = 0.0;
    for (size_t t = 0; t < n; t++)
        mean += (x[t] - mean) / (double)(t + 1);
    double S = 0.0, num = 0.0, s2 = 0.0;
    for (size_t t = 0; t < n; t++) {
        double e = x[t] - mean;
        S += e;
        num += S * S;
        s2 += e * e;
    }
    double dn = (double)n, lrv = s2 / dn;
    for (size_t l = 1; l <= lags && l < n; l++) {
        double c = 0.0;
        for (size_t t = l; t < n; t++)
            c += (x[t] - mean) * (x[t - l] - mean);
        lrv += 2.0 / dn * (1.0 - (double)l / (double)(lags + 1)) * c;
    }
    return num / (dn * dn) / lrv;
}

/*
 * forecast's is.constant(): all.equal(x, rep(x[1], n)), i.e. mean |x - x_1|
 * <= 1.5e-8 mean |x|. R compares absolutely when mean |x| <= 1.5e-8, which
 * makes every series of tiny numbers constant; here the test is relative
 * at every scale.
 */
static int is_constant(const double *x, size_t n)
{
    double diff = 0.0, size = 0.0;
    for (size_t t = 0; t < n; t++) {
        diff += fabs(x[t] - x[0]);
        size += fabs(x[t]);
    }
    return diff <= 1.5e-8 * size;
}

static size_t kpss_lag(size_t n)
{
    return (size_t)trunc(3.0 * sqrt((double)n) / 13.0);
}

int arima_ndiffs(const double *x, size_t n, int max_d)
{
    double *w = malloc((n ? n : 1) * sizeof *w);
    if (!w)
        return -1;
    memcpy(w, x, n * sizeof *w);
    int d = 0;
    if (n < 2 || is_constant(w, n))
        goto out;
    double stat = arima_kpss(w, n, kpss_lag(n));
    while (stat > KPSS_CRIT_5PCT && d < max_d && n > 2) {
        d++;
        n--;
        for (size_t t = 0; t < n; t++)
            w[t] = w[t + 1] - w[t];
        if (is_constant(w, n))
            goto out;
        stat = arima_kpss(w, n, kpss_lag(n));
        if (isnan(stat)) {
            d--;
            goto out;
        }
    }
out:
    free(w);
    return d;
}

/* ------------------------------------------ optimiser (Nash's BFGS) */

typedef double (*objective)(const double *par, void *ctx);

typedef struct optim {
    objective fn;
    void *ctx;
    int n;
    double parscale[NPAR_MAX];
} optim;

enum { OPT_OK = 0, OPT_MAXIT = 1, OPT_ERROR = -1 };

/* fn at scaled coordinates x (par = x * parscale). */
static double fn_scaled(const optim *o, const double *x)
{
    double par[NPAR_MAX];
    for (int i = 0; i < o->n; i++)
        par[i] = x[i] * o->parscale[i];
    return o->fn(par, o->ctx);
}

/* Central differences with step 1e-3 in scaled coordinates, as optim's ndeps. */
static int num_grad(const optim *o, const double *x, double *g)
{
    double xx[NPAR_MAX];
    memcpy(xx, x, (size_t)o->n * sizeof *xx);
    for (int i = 0; i < o->n; i++) {
        xx[i] = x[i] + 1e-3;
        double f1 = fn_scaled(o, xx);
        xx[i] = x[i] - 1e-3;
        double f2 = fn_scaled(o, xx);
        xx[i] = x[i];
        g[i] = (f1 - f2) / 2e-3;
        if (!isfinite(g[i]))
            return -1;
    }
    return 0;
}

/*
 * Minimises o->fn from x (scaled coordinates; replaced by the minimiser),
 * *fmin gets the value. Returns OPT_OK, OPT_MAXIT when maxit iterations did
 * not converge, OPT_ERROR when the start or a gradient is not finite.
 */
static int vmmin(const optim *o, double *b, double *fmin, int maxit)
{
    const double reltol = 1.490116119384765625e-8, stepredn = 0.2, acctol = 1e-4, reltest = 10.0;
    int n = o->n;
    double g[NPAR_MAX], t[NPAR_MAX], X[NPAR_MAX], c[NPAR_MAX], B[NPAR_MAX][NPAR_MAX];
    double f = fn_scaled(o, b);
    if (!isfinite(f))
        return OPT_ERROR;
    *fmin = f;
    int gradcount = 1, iter = 1, ilast = 1, count;
    if (num_grad(o, b, g) != 0)
        return OPT_ERROR;
    do {
        if (ilast == gradcount)
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++)
                    B[i][j] = i == j ? 1.0 : 0.0;
        for (int i = 0; i < n; i++) {
            X[i] = b[i];
            c[i] = g[i];
        }
        double gradproj = 0.0;
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j <= i; j++)
                s -= B[i][j] * g[j];
            for (int j = i + 1; j < n; j++)
                s -= B[j][i] * g[j];
            t[i] = s;
            gradproj += s * g[i];
        }
        if (gradproj < 0.0) {
            double steplength = 1.0;
            int accpoint = 0;
            do {
                count = 0;
                for (int i = 0; i < n; i++) {
                    b[i] = X[i] + steplength * t[i];
                    if (reltest + X[i] == reltest + b[i])
                        count++;
                }
                if (count < n) {
                    f = fn_scaled(o, b);
                    accpoint = isfinite(f) && f <= *fmin + gradproj * steplength * acctol;
                    if (!accpoint)
                        steplength *= stepredn;
                }
            } while (!(count == n || accpoint));
            int enough = fabs(f - *fmin) > reltol * (fabs(*fmin) + reltol);
            if (!enough) {
                count = n;
                *fmin = f;
            }
            if (count < n) {
                *fmin = f;
                if (num_grad(o, b, g) != 0)
                    return OPT_ERROR;
                gradcount++;
                iter++;
                double D1 = 0.0;
                for (int i = 0; i < n; i++) {
                    t[i] *= steplength;
                    c[i] = g[i] - c[i];
                    D1 += t[i] * c[i];
                }
                if (D1 > 0) {
                    double D2 = 0.0;
                    for (int i = 0; i < n; i++) {
                        double s = 0.0;
                        for (int j = 0; j <= i; j++)
                            s += B[i][j] * c[j];
                        for (int j = i + 1; j < n; j++)
                            s += B[j][i] * c[j];
                        X[i] = s;
                        D2 += s * c[i];
                    }
                    D2 = 1.0 + D2 / D1;
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j <= i; j++)
                            B[i][j] += (D2 * t[i] * t[j] - X[i] * t[j] - t[i] * X[j]) / D1;
                } else {
                    ilast = gradcount;
                }
            } else if (ilast < gradcount) {
                count = 0;
                ilast = gradcount;
            }
        } else {
            count = 0;
            if (ilast == gradcount)
                count = n;
            else
                ilast = gradcount;
        }
        if (iter >= maxit)
            break;
        if (gradcount - ilast > 2 * n)
            ilast = gradcount;
    } while (count != n || ilast != gradcount);
    return iter < maxit ? OPT_OK : OPT_MAXIT;
}

/*
 * optimhess(): Hessian by central differences of the numerical gradient,
 * in the original coordinates, symmetrised. H is n x n row-major. Entry
 * (i, j) is [f(++) - f(+-) - f(-+) + f(--)] / (4e-6 s_j), the signs being
 * the steps 1e-3 in parameter i and 1e-3 s_j in parameter j (s the
 * parscale), exactly the points R's differences of gradients use. When
 * s_i = s_j = 1 the points of (i, j) and (j, i) coincide and are evaluated
 * once. Fails, like R, when a difference is not finite.
 */
static double fn_at(const optim *o, const double *par, int i, double di, int j, double dj)
{
    double x[NPAR_MAX];
    memcpy(x, par, (size_t)o->n * sizeof *x);
    x[i] += di;
    x[j] += dj;
    return o->fn(x, o->ctx);
}

/* The four-point sum of entry (i, j), or NAN when one of R's differences is not finite. */
static double cross_sum(const optim *o, const double *par, int i, int j, double f0)
{
    double h = 1e-3, g = 1e-3 * o->parscale[j], a, b, c, d;
    if (i == j && o->parscale[i] == 1.0) {
        a = fn_at(o, par, i, h, j, g);
        b = c = f0;
        d = fn_at(o, par, i, -h, j, -g);
    } else {
        a = fn_at(o, par, i, h, j, g);
        b = fn_at(o, par, i, h, j, -g);
        c = fn_at(o, par, i, -h, j, g);
        d = fn_at(o, par, i, -h, j, -g);
    }
    double ab = a - b, cd = c - d, ac = a - c, bd = b - d;
    if (!isfinite(ab / 2e-3) || !isfinite(cd / 2e-3) || !isfinite(ac / 2e-3) ||
        !isfinite(bd / 2e-3))
        return NAN;
    return ab - cd;
}

static int num_hessian(const optim *o, const double *par, double *H)
{
    int n = o->n;
    double f0 = o->fn(par, o->ctx);
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double sij = cross_sum(o, par, i, j, f0);
            double hij = sij / (4e-6 * o->parscale[j]), hji = hij;
            if (i != j && (o->parscale[i] != 1.0 || o->parscale[j] != 1.0))
                hji = cross_sum(o, par, j, i, f0) / (4e-6 * o->parscale[i]);
            if (!isfinite(hij) || !isfinite(hji))
                return -1;
            H[i * n + j] = H[j * n + i] = 0.5 * (hij + hji);
        }
    return 0;
}

/* ------------------------------------------- parameter transforms */

/* PACF in (-1, 1) via tanh, then Durbin-Levinson to AR coefficients (R's partrans). */
static void partrans(int p, const double *raw, double *out)
{
    double work[ARIMA_MAX_P];
    for (int j = 0; j < p; j++)
        work[j] = out[j] = tanh(raw[j]);
    for (int j = 1; j < p; j++) {
        double a = out[j];
        for (int k = 0; k < j; k++)
            work[k] -= a * out[j - k - 1];
        for (int k = 0; k < j; k++)
            out[k] = work[k];
    }
}

/*
 * Step-down (reverse Durbin-Levinson) recursion: the PACF of the AR
 * polynomial 1 - sum c_k z^k. Returns 0 when all |pacf| < 1, i.e. all roots
 * lie outside the unit circle, else -1.
 */
static int step_down(int p, const double *c, double *pacf)
{
    double work[ARIMA_MAX_PHI + ARIMA_MAX_THETA];
    for (int j = 0; j < p; j++)
        pacf[j] = c[j];
    for (int j = p - 1; j > 0; j--) {
        double a = pacf[j];
        if (!(fabs(a) < 1.0))
            return -1;
        for (int k = 0; k < j; k++)
            work[k] = (pacf[k] + a * pacf[j - k - 1]) / (1 - a * a);
        for (int k = 0; k < j; k++)
            pacf[k] = work[k];
    }
    return p == 0 || fabs(pacf[0]) < 1.0 ? 0 : -1;
}

/* R's invpartrans: AR coefficients to atanh(PACF). */
static int invpartrans(int p, const double *phi, double *raw)
{
    if (step_down(p, phi, raw) != 0)
        return -1;
    for (int j = 0; j < p; j++)
        raw[j] = atanh(raw[j]);
    return 0;
}

/*
 * Do all roots of 1 - sum c_k z^k (sign = -1) or 1 + sum c_k z^k (sign = +1)
 * have modulus > rho? Trailing coefficients with |c| <= 1e-8 are dropped,
 * as forecast's myarima does before polyroot.
 */
static int roots_outside(int k, const double *c, double sign, double rho)
{
    double s[ARIMA_MAX_PHI + ARIMA_MAX_THETA], pacf[ARIMA_MAX_PHI + ARIMA_MAX_THETA];
    while (k > 0 && !(fabs(c[k - 1]) > 1e-8))
        k--;
    double scale = 1.0;
    for (int j = 0; j < k; j++) {
        scale *= rho;
        s[j] = -sign * c[j] * scale;
    }
    return step_down(k, s, pacf) == 0;
}

/* R's maInvert: reflects the roots of 1 + sum ma_k z^k that lie inside the unit circle. */
static int ma_invert(int q, double *ma)
{
    int q0 = q;
    while (q0 > 0 && ma[q0 - 1] == 0.0)
        q0--;
    if (q0 == 0)
        return 0;
    double coef[ARIMA_MAX_Q + 1], z[2 * ARIMA_MAX_Q];
    coef[0] = 1.0;
    for (int j = 0; j < q0; j++)
        coef[j + 1] = ma[j];
    gsl_poly_complex_workspace *ws = gsl_poly_complex_workspace_alloc((size_t)q0 + 1);
    if (!ws)
        return -1;
    int st = gsl_poly_complex_solve(coef, (size_t)q0 + 1, ws, z);
    gsl_poly_complex_workspace_free(ws);
    if (st != GSL_SUCCESS)
        return -1;
    int inside = 0;
    for (int j = 0; j < q0; j++)
        inside |= hypot(z[2 * j], z[2 * j + 1]) < 1.0;
    if (!inside)
        return 0;
    if (q0 == 1) {
        ma[0] = 1.0 / ma[0];
        return 0;
    }
    /* x = 1; for each root r: x = c(x, 0) - c(0, x) / r (complex) */
    double xr[ARIMA_MAX_Q + 1] = {1.0}, xi[ARIMA_MAX_Q + 1] = {0.0};
    for (int j = 0; j < q0; j++) {
        double rr = z[2 * j], ri = z[2 * j + 1], m2 = rr * rr + ri * ri;
        if (m2 < 1.0) { /* inside the unit circle: r -> 1 / r */
            rr = rr / m2;
            ri = -ri / m2;
            m2 = rr * rr + ri * ri;
        }
        double ir = rr / m2, ii = -ri / m2; /* 1 / r */
        for (int k = j + 1; k >= 1; k--) {
            double ar = xr[k - 1] * ir - xi[k - 1] * ii, ai = xr[k - 1] * ii + xi[k - 1] * ir;
            double nr = (k <= j ? xr[k] : 0.0) - ar, ni = (k <= j ? xi[k] : 0.0) - ai;
            xr[k] = nr;
            xi[k] = ni;
        }
    }
    for (int j = 0; j < q0; j++)
        ma[j] = xr[j + 1];
    return 0;
}

/* ------------------------------------------------------- fitting */

typedef struct fitctx {
    const double *z; /* differenced series */
    size_t n;
    int p, q, P, Q, m, constant;
    double *resid; /* n, for CSS */
} fitctx;

/* Multiplies out the seasonal factors (R's ARIMA_transPars with ns > 0). */
static void expand(int p, int q, int P, int Q, int m, const double *ar, const double *ma,
                   const double *sar, const double *sma, double *phi, int *np, double *theta,
                   int *nq)
{
    *np = p + m * P;
    *nq = q + m * Q;
    for (int i = 0; i < *np; i++)
        phi[i] = i < p ? ar[i] : 0.0;
    for (int i = 0; i < *nq; i++)
        theta[i] = i < q ? ma[i] : 0.0;
    for (int j = 0; j < P; j++) {
        phi[(j + 1) * m - 1] += sar[j];
        for (int i = 0; i < p; i++)
            phi[(j + 1) * m + i] -= ar[i] * sar[j];
    }
    for (int j = 0; j < Q; j++) {
        theta[(j + 1) * m - 1] += sma[j];
        for (int i = 0; i < q; i++)
            theta[(j + 1) * m + i] += ma[i] * sma[j];
    }
}

void arima_expand(const arima_fit *fit, double *phi, int *np, double *theta, int *nq)
{
    expand(fit->p, fit->q, fit->P, fit->Q, fit->m, fit->phi, fit->theta, fit->sphi, fit->stheta,
           phi, np, theta, nq);
}

/*
 * Parameter vector layout, as R's coef: ar[p], ma[q], sar[P], sma[Q], then
 * the mean of the differenced series. trans: the AR blocks are PACFs on
 * the atanh scale.
 */
static void model_pars(const fitctx *c, const double *par, int trans, double *phi, int *np,
                       double *theta, int *nq, double *mean)
{
    double ar[ARIMA_MAX_P], sar[ARIMA_MAX_SP];
    const double *ma = par + c->p, *sma = par + c->p + c->q + c->P;
    if (trans) {
        partrans(c->p, par, ar);
        partrans(c->P, par + c->p + c->q, sar);
    } else {
        memcpy(ar, par, (size_t)c->p * sizeof *ar);
        memcpy(sar, par + c->p + c->q, (size_t)c->P * sizeof *sar);
    }
    expand(c->p, c->q, c->P, c->Q, c->m, ar, ma, sar, sma, phi, np, theta, nq);
    *mean = c->constant ? par[c->p + c->q + c->P + c->Q] : 0.0;
}

/* R's armaCSS: 0.5 log(mean of squared conditional residuals after the first p + mP). */
static double css_objective(const double *par, void *vctx)
{
    const fitctx *c = vctx;
    double phi[ARIMA_MAX_PHI], theta[ARIMA_MAX_THETA], mu;
    int ip, iq;
    model_pars(c, par, 0, phi, &ip, theta, &iq, &mu);
    const double *z = c->z;
    size_t p = (size_t)ip, q = (size_t)iq, nu = 0;
    double ssq = 0.0;
    for (size_t l = p; l < c->n; l++) {
        double e = z[l] - mu;
        for (size_t j = 0; j < p; j++)
            e -= phi[j] * (z[l - j - 1] - mu);
        size_t mq = l - p < q ? l - p : q;
        for (size_t j = 0; j < mq; j++)
            e -= theta[j] * c->resid[l - j - 1];
        c->resid[l] = e;
        ssq += e * e;
        nu++;
    }
    return 0.5 * log(ssq / (double)nu);
}

/* R's armafn with transform.pars = TRUE: the concentrated -loglik / n up to constants. */
static double ml_objective(const double *par, void *vctx)
{
    const fitctx *c = vctx;
    double phi[ARIMA_MAX_PHI], theta[ARIMA_MAX_THETA], mu;
    int p, q;
    model_pars(c, par, 1, phi, &p, theta, &q, &mu);
    arima_kf kf;
    if (arima_kalman(c->z, c->n, mu, p, q, phi, theta, &kf, NULL) != 0 || kf.nu == 0)
        return DBL_MAX;
    double nu = (double)kf.nu;
    return 0.5 * (log(kf.ssq / nu) + kf.sumlog / nu);
}

/* One AR block of R's ARIMA_Gradtrans: d partrans / d raw by forward differences. */
static void grad_block(int p, int off, int npar, const double *raw, double *A)
{
    double w1[ARIMA_MAX_P], w2[ARIMA_MAX_P], w3[ARIMA_MAX_P];
    memcpy(w1, raw + off, (size_t)p * sizeof *w1);
    partrans(p, w1, w2);
    for (int i = 0; i < p; i++) {
        w1[i] += 1e-3;
        partrans(p, w1, w3);
        for (int j = 0; j < p; j++)
            A[(off + i) * npar + off + j] = (w3[j] - w2[j]) / 1e-3;
        w1[i] -= 1e-3;
    }
}

/*
 * forecast's checkarima(): are all coefficient variances A' (n H)^-1 A
 * defined (non-negative)? Also fails when H is singular, as R's solve().
 */
static int variances_ok(const optim *o, const fitctx *c, const double *par, int trans)
{
    int n = o->n;
    double H[NPAR_MAX * NPAR_MAX], A[NPAR_MAX * NPAR_MAX];
    if (num_hessian(o, par, H) != 0)
        return 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            A[i * n + j] = i == j ? 1.0 : 0.0;
    if (trans) {
        grad_block(c->p, 0, n, par, A);
        grad_block(c->P, c->p + c->q, n, par, A);
    }
    for (int k = 0; k < n; k++) {
        /* var_kk = a_k' (n H)^-1 a_k with a_k column k of A */
        double M[NPAR_MAX * NPAR_MAX], x[NPAR_MAX];
        for (int i = 0; i < n * n; i++)
            M[i] = H[i] * (double)c->n;
        for (int i = 0; i < n; i++)
            x[i] = A[i * n + k];
        if (arima_solve_small(M, x, n) != 0)
            return 0;
        double v = 0.0;
        for (int i = 0; i < n; i++)
            v += A[i * n + k] * x[i];
        if (!(v >= 0.0))
            return 0;
    }
    return 1;
}

/* maInvert on an MA block; *changed is set when it moved a root. */
static int ma_invert_block(int q, double *ma, int *changed)
{
    double before[ARIMA_MAX_Q];
    memcpy(before, ma, (size_t)q * sizeof *before);
    if (ma_invert(q, ma) != 0)
        return -1;
    if (memcmp(before, ma, (size_t)q * sizeof *before) != 0)
        *changed = 1;
    return 0;
}

/*
 * CSS then ML for the ARMA coefficients (+ mean) of z[0..n), as
 * stats::arima(method = "CSS-ML"). Fills the coefficients, loglik and the
 * sum of squared standardised innovations; returns 0, or -1 when R's fit
 * would have stopped with an error or myarima would reject it.
 */
static int estimate(const fitctx *c, arima_fit *fit, double *ssq)
{
    int p = c->p, q = c->q, P = c->P, Q = c->Q, nar = p + q + P + Q;
    int npar = nar + c->constant;
    size_t n = c->n;
    double init[NPAR_MAX] = {0}, x[NPAR_MAX], value;
    optim o = {css_objective, (void *)c, npar, {0}};
    for (int i = 0; i < npar; i++)
        o.parscale[i] = 1.0;
    if (c->constant) {
        double mean = 0.0, ss = 0.0;
        for (size_t t = 0; t < n; t++)
            mean += (c->z[t] - mean) / (double)(t + 1);
        for (size_t t = 0; t < n; t++)
            ss += (c->z[t] - mean) * (c->z[t] - mean);
        double se = sqrt(ss / (double)(n - 1)) / sqrt((double)n);
        if (!(se > 0.0) || !isfinite(se))
            return -1;
        init[nar] = mean;
        o.parscale[nar] = 10.0 * se;
    }
    double phi[ARIMA_MAX_PHI], theta[ARIMA_MAX_THETA];
    int np, nq;
    if (npar > 0) {
        if (n <= (size_t)(p + c->m * P))
            return -1;
        for (int i = 0; i < npar; i++)
            x[i] = init[i] / o.parscale[i];
        int st = vmmin(&o, x, &value, 100);
        if (st == OPT_ERROR)
            return -1;
        if (st == OPT_OK)
            for (int i = 0; i < npar; i++)
                init[i] = x[i] * o.parscale[i];
        if ((p > 0 && !roots_outside(p, init, -1.0, 1.0)) ||
            (P > 0 && !roots_outside(P, init + p + q, -1.0, 1.0)))
            return -1;
        /* to the transformed scale */
        if (invpartrans(p, init, init) != 0 || invpartrans(P, init + p + q, init + p + q) != 0 ||
            ma_invert(q, init + p) != 0 || ma_invert(Q, init + p + q + P) != 0)
            return -1;
        o.fn = ml_objective;
        for (int i = 0; i < npar; i++)
            x[i] = init[i] / o.parscale[i];
        if (vmmin(&o, x, &value, 100) == OPT_ERROR)
            return -1;
        double coef[NPAR_MAX];
        for (int i = 0; i < npar; i++)
            coef[i] = x[i] * o.parscale[i];
        int changed = 0;
        if (ma_invert_block(q, coef + p, &changed) != 0 ||
            ma_invert_block(Q, coef + p + q + P, &changed) != 0)
            return -1;
        if (changed)
            value = ml_objective(coef, (void *)c);
        if (!variances_ok(&o, c, coef, 1))
            return -1;
        partrans(p, coef, fit->phi);
        memcpy(fit->theta, coef + p, (size_t)q * sizeof *coef);
        partrans(P, coef + p + q, fit->sphi);
        memcpy(fit->stheta, coef + p + q + P, (size_t)Q * sizeof *coef);
        fit->mean = c->constant ? coef[nar] : 0.0;
    } else {
        fit->mean = 0.0;
        value = ml_objective(init, (void *)c);
    }
    if (!isfinite(value) || value == DBL_MAX)
        return -1;
    arima_expand(fit, phi, &np, theta, &nq);
    arima_kf kf;
    if (arima_kalman(c->z, n, fit->mean, np, nq, phi, theta, &kf, NULL) != 0)
        return -1;
    double dn = (double)n;
    fit->loglik = -0.5 * (2.0 * dn * value + dn + dn * log(TWO_PI));
    *ssq = kf.ssq;
    return 0;
}

/* Starting values and parameter scales of stats::arima: zeros, and the mean with 10 s.e. */
static int start_values(const fitctx *c, int npar, double *init, optim *o)
{
    for (int i = 0; i < npar; i++) {
        init[i] = 0.0;
        o->parscale[i] = 1.0;
    }
    if (c->constant) {
        double mean = 0.0, ss = 0.0;
        for (size_t t = 0; t < c->n; t++)
            mean += (c->z[t] - mean) / (double)(t + 1);
        for (size_t t = 0; t < c->n; t++)
            ss += (c->z[t] - mean) * (c->z[t] - mean);
        double se = sqrt(ss / (double)(c->n - 1)) / sqrt((double)c->n);
        if (!(se > 0.0) || !isfinite(se))
            return -1;
        init[npar - 1] = mean;
        o->parscale[npar - 1] = 10.0 * se;
    }
    return 0;
}

/*
 * stats::arima(method = "CSS"), used during the search on long series (R's
 * approximation): the CSS estimates, their variances checked, and the CSS
 * residual variance in *s2. Returns 0 or -1 as estimate().
 */
static int estimate_css(const fitctx *c, arima_fit *fit, double *s2)
{
    int p = c->p, q = c->q, P = c->P, Q = c->Q, nar = p + q + P + Q;
    int npar = nar + c->constant;
    double init[NPAR_MAX], x[NPAR_MAX], coef[NPAR_MAX], value;
    optim o = {css_objective, (void *)c, npar, {0}};
    if (start_values(c, npar, init, &o) != 0 || c->n <= (size_t)(p + c->m * P))
        return -1;
    if (npar > 0) {
        for (int i = 0; i < npar; i++)
            x[i] = init[i] / o.parscale[i];
        if (vmmin(&o, x, &value, 100) == OPT_ERROR)
            return -1;
        for (int i = 0; i < npar; i++)
            coef[i] = x[i] * o.parscale[i];
        if (!variances_ok(&o, c, coef, 0))
            return -1;
    }
    value = css_objective(npar > 0 ? coef : init, (void *)c);
    if (!isfinite(value))
        return -1;
    memcpy(fit->phi, coef, (size_t)p * sizeof *coef);
    memcpy(fit->theta, coef + p, (size_t)q * sizeof *coef);
    memcpy(fit->sphi, coef + p + q, (size_t)P * sizeof *coef);
    memcpy(fit->stheta, coef + p + q + P, (size_t)Q * sizeof *coef);
    fit->mean = c->constant ? coef[nar] : 0.0;
    *s2 = exp(2.0 * value);
    return 0;
}

/*
 * The power of two that fit_ws divides the differenced series z[0..n) by:
 * 1 unless its standard deviation exceeds 2^SCALE_LOG2_MAX, else the power
 * of two nearest to that deviation. Why: R's coefficient-variance check
 * (optimHess) steps every parameter by an absolute 1e-3, the mean too; for
 * a series in the billions that step is below rounding, the Hessian is
 * singular and every model with a mean or drift is rejected, so that R's
 * auto.arima picks ARIMA(0,0,0) with zero mean (a forecast of 0) for a GDP
 * of 2.6e12 (tests/unit/test_arima.c, huge_series_keep_their_mean). The
 * fit is invariant to the scale but for that check; a power of two divides
 * exactly, and series of moderate spread, all of R's tests, are fitted
 * unscaled, as R fits them.
 */
#define SCALE_LOG2_MAX 20
static double fit_scale(const double *z, size_t n)
{
    double sd = n > 1 ? sqrt(arima_variance(z, n)) : 0.0;
    if (!(sd > ldexp(1.0, SCALE_LOG2_MAX)) || !isfinite(sd))
        return 1.0;
    return ldexp(1.0, (int)lround(log2(sd)));
}

/*
 * Fits the order in fit (p, d, q, P, D, Q, m, constant) with work[2n] and
 * sets fit->ic as forecast's myarima(). offset NULL: CSS-ML; otherwise the
 * CSS approximation, whose AIC is *offset + (n - d - Dm) log(sigma2) + 2k.
 * A series of large spread is fitted divided by fit_scale() and the mean,
 * variances and log-likelihood put back on its scale.
 */
static void fit_ws(const double *y, size_t n, int use_aic, const double *offset, double *work,
                   arima_fit *fit)
{
    arima_fit o = *fit;
    memset(fit, 0, sizeof *fit);
    fit->p = o.p;
    fit->d = o.d;
    fit->q = o.q;
    fit->P = o.P;
    fit->D = o.D;
    fit->Q = o.Q;
    fit->m = o.m > 0 ? o.m : 1;
    fit->constant = o.constant;
    fit->ic = fit->aic = fit->aicc = INFINITY;
    fit->loglik = fit->sigma2 = NAN;
    size_t nz = arima_difference(y, n, o.d, o.D, fit->m, work);
    if (nz == 0)
        return;
    fitctx c = {work, nz, o.p, o.q, o.P, o.Q, fit->m, o.constant, work + n};
    double k = (double)(o.p + o.q + o.P + o.Q + o.constant) + 1.0, nstar = (double)nz;
    double scale = fit_scale(work, nz);
    for (size_t t = 0; scale != 1.0 && t < nz; t++)
        work[t] /= scale;
    if (offset) {
        double s2;
        if (estimate_css(&c, fit, &s2) != 0)
            return;
        s2 *= scale * scale;
        fit->aic = *offset + nstar * log(s2) + 2.0 * k;
        fit->sigma2 = s2;
    } else {
        double ssq;
        if (estimate(&c, fit, &ssq) != 0)
            return;
        fit->loglik -= nstar * log(scale); /* the density of z = scale * (z / scale) */
        fit->aic = -2.0 * fit->loglik + 2.0 * k;
        fit->sigma2 = ssq * scale * scale / (nstar - k + 1.0);
    }
    fit->mean *= scale;
    fit->aicc = nstar - k - 1.0 > 0.0 ? fit->aic + 2.0 * k * (k + 1.0) / (nstar - k - 1.0)
                                      : INFINITY;
    fit->ic = use_aic ? fit->aic : fit->aicc;
    double phi[ARIMA_MAX_PHI], theta[ARIMA_MAX_THETA];
    int np, nq;
    arima_expand(fit, phi, &np, theta, &nq);
    if (!roots_outside(np, phi, -1.0, 1.01) || !roots_outside(nq, theta, 1.0, 1.01))
        fit->ic = INFINITY;
    if (!isfinite(fit->aic) || !isfinite(fit->sigma2))
        fit->ic = INFINITY;
}

int arima_fit_seasonal(const double *y, size_t n, const arima_fit *order, int use_aic,
                       arima_fit *fit)
{
    double *work = malloc(2 * (n ? n : 1) * sizeof *work);
    if (!work)
        return -1;
    *fit = *order;
    fit_ws(y, n, use_aic, NULL, work, fit);
    free(work);
    return 0;
}

int arima_fit_order(const double *y, size_t n, int p, int d, int q, int constant, int use_aic,
                    arima_fit *fit)
{
    arima_fit order = {0};
    order.p = p;
    order.d = d;
    order.q = q;
    order.m = 1;
    order.constant = constant;
    return arima_fit_seasonal(y, n, &order, use_aic, fit);
}

/* ------------------------------------------------- stepwise search */

#define NMODELS 94 /* auto.arima's nmodels */

typedef struct search {
    const double *y;
    size_t n;
    int d, D, m, use_aic;
    int max_p, max_q, max_P, max_Q;
    double *work;
    const double *offset; /* non-NULL: CSS approximation during the search */
    int tried[NMODELS + 1][5]; /* (p, q, P, Q, constant) of the models fitted so far */
    double ic[NMODELS + 1];
    int k;
} search;

/* A candidate: orders and constant. */
typedef struct cand {
    int p, q, P, Q, constant;
} cand;

static int is_new(const search *s, cand c)
{
    for (int i = 0; i < s->k && i <= NMODELS; i++)
        if (s->tried[i][0] == c.p && s->tried[i][1] == c.q && s->tried[i][2] == c.P &&
            s->tried[i][3] == c.Q && s->tried[i][4] == c.constant)
            return 0;
    return 1;
}

static void try_model(search *s, cand c, arima_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    fit->p = c.p;
    fit->d = s->d;
    fit->q = c.q;
    fit->P = c.P;
    fit->D = s->D;
    fit->Q = c.Q;
    fit->m = s->m;
    fit->constant = c.constant;
    fit_ws(s->y, s->n, s->use_aic, s->offset, s->work, fit);
    if (s->k <= NMODELS) {
        int *t = s->tried[s->k];
        s->ic[s->k] = fit->ic;
        t[0] = c.p;
        t[1] = c.q;
        t[2] = c.P;
        t[3] = c.Q;
        t[4] = c.constant;
    }
    s->k++;
}

/*
 * The neighbourhood moves of auto.arima's stepwise loop, in R's order:
 * (dP, dQ, dp, dq). Each is tried when new and within bounds; the first
 * better one becomes the current model and the scan restarts. Then the
 * constant is toggled when allowed.
 */
static const int moves[16][4] = {
    {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0},  {0, 1, 0, 0},  {-1, -1, 0, 0}, {-1, 1, 0, 0},
    {1, -1, 0, 0}, {1, 1, 0, 0},  {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0},   {0, 0, 0, 1},
    {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1}};

static int in_bounds(const search *s, cand c)
{
    return c.p >= 0 && c.q >= 0 && c.P >= 0 && c.Q >= 0 && c.p <= s->max_p && c.q <= s->max_q &&
           c.P <= s->max_P && c.Q <= s->max_Q;
}

static void stepwise(search *s, int allow_const, cand cur, arima_fit *best)
{
    int startk = 0;
    arima_fit fit;
    while (startk < s->k && s->k < NMODELS) {
        startk = s->k;
        int restart = 0;
        for (int i = 0; i < 16 && !restart; i++) {
            cand c = {cur.p + moves[i][2], cur.q + moves[i][3], cur.P + moves[i][0],
                      cur.Q + moves[i][1], cur.constant};
            if (!in_bounds(s, c) || !is_new(s, c))
                continue;
            if (s->k + 1 > NMODELS) { /* R: k <- k + 1; if (k > nmodels) next */
                s->k++;
                restart = 1;
                break;
            }
            try_model(s, c, &fit);
            if (fit.ic < best->ic) {
                *best = fit;
                cur = c;
                restart = 1;
            }
        }
        if (restart)
            continue;
        cand t = cur;
        t.constant = !cur.constant;
        if (allow_const && is_new(s, t)) {
            if (s->k + 1 > NMODELS) {
                s->k++;
                continue;
            }
            try_model(s, t, &fit);
            if (fit.ic < best->ic) {
                *best = fit;
                cur = t;
            }
        }
    }
}

/*
 * The model auto.arima fits when the series (d = D = 0) or its differences
 * are constant: the mean of z[0..nz) as mean or drift (none when
 * d + D > 1), no variance.
 */
static void constant_model(int d, int D, int m, const double *z, size_t nz, arima_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    fit->d = d;
    fit->D = D;
    fit->m = m;
    fit->constant = d + D < 2;
    double mean = 0.0;
    for (size_t t = 0; t < nz; t++)
        mean += (z[t] - mean) / (double)(t + 1);
    fit->mean = fit->constant ? mean : 0.0;
    fit->loglik = fit->aic = fit->aicc = fit->ic = NAN;
    fit->sigma2 = 0.0;
}

/*
 * auto.arima's offset for the approximation: -2 loglik - n log(sigma2) of
 * ARIMA(0,d,0)(0,D,0) (with a mean when d + D = 0) fitted by ML; 0 when
 * that fails.
 */
static double approx_offset(const double *y, size_t n, int d, int D, int m, double *work)
{
    arima_fit f = {0};
    f.d = d;
    f.D = D;
    f.m = m;
    f.constant = d + D == 0;
    fit_ws(y, n, 0, NULL, work, &f);
    double nstar = (double)(n - (size_t)(d + D * m)), k = f.constant + 1.0;
    double s2 = f.sigma2 * (nstar - k + 1.0) / nstar; /* stats::arima's ML sigma2 */
    double offset = -2.0 * f.loglik - (double)n * log(s2);
    return isfinite(offset) ? offset : 0.0;
}

/*
 * After an approximate search, auto.arima refits the models tried in
 * increasing order of their criterion by CSS-ML and keeps the first that
 * passes.
 */
static void refit_exact(search *s, arima_fit *best)
{
    int count = s->k < NMODELS ? s->k : NMODELS, order[NMODELS + 1];
    for (int i = 0; i < count; i++)
        order[i] = i;
    for (int i = 1; i < count; i++) /* stable insertion sort by ic */
        for (int j = i; j > 0 && s->ic[order[j]] < s->ic[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < count; i++) {
        const int *t = s->tried[order[i]];
        arima_fit f = {0};
        f.p = t[0];
        f.q = t[1];
        f.P = t[2];
        f.Q = t[3];
        f.constant = t[4];
        f.d = s->d;
        f.D = s->D;
        f.m = s->m;
        fit_ws(s->y, s->n, s->use_aic, NULL, s->work, &f);
        if (isfinite(f.ic)) {
            *best = f;
            return;
        }
    }
    best->ic = INFINITY;
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

int arima_auto(const double *y, size_t n, int m, arima_fit *best)
{
    int status = 0;
    double *work = malloc(2 * (n ? n : 1) * sizeof *work);
    if (!work)
        return -1;
    if (m < 1 || m > ARIMA_MAX_M)
        m = 1;
    if (is_constant(y, n)) {
        constant_model(0, 0, m, y, n, best);
        goto out;
    }
    int D = 0;
    if (m > 1 && n > 2 * (size_t)m) {
        D = arima_nsdiffs(y, n, m);
        if (D < 0) {
            status = -1;
            goto out;
        }
    }
    size_t nx = arima_difference(y, n, 0, D, m, work);
    int d = arima_ndiffs(work, nx, ARIMA_MAX_D);
    if (d < 0) {
        status = -1;
        goto out;
    }
    if (d + D > 0) {
        size_t nz = arima_difference(y, n, d, D, m, work);
        if (is_constant(work, nz)) {
            constant_model(d, D, m, work, nz, best);
            if (d + D >= 2) {
                /* no constant: the variance of the residuals of ARIMA(0,d,0)(0,D,0) */
                fit_ws(y, n, 1, NULL, work, best);
                best->ic = NAN;
            }
            goto out;
        }
    }
    int third = (int)(n / 3), third_m = (int)(n / 3 / (size_t)m);
    search s = {y, n, d, D, m, n <= 3, min_int(ARIMA_MAX_P, third), min_int(ARIMA_MAX_Q, third),
                0, 0, work, NULL, {{0}}, {0}, 0};
    double offset;
    if (n > 150) {
        offset = approx_offset(y, n, d, D, m, work);
        s.offset = &offset;
    }
    if (m > 1) {
        s.max_P = min_int(ARIMA_MAX_SP, third_m);
        s.max_Q = min_int(ARIMA_MAX_SQ, third_m);
        if (s.max_P > 0)
            s.max_p = min_int(s.max_p, m - 1);
        if (s.max_Q > 0)
            s.max_q = min_int(s.max_q, m - 1);
    }
    int small = n < 10, allow_const = d + D <= 1;
    cand cur = {min_int(small ? 1 : 2, s.max_p), min_int(small ? 1 : 2, s.max_q),
                min_int(small ? 0 : 1, s.max_P), min_int(small ? 0 : 1, s.max_Q), allow_const};
    arima_fit fit;
    try_model(&s, cur, best);
    cand c0 = {0, 0, 0, 0, allow_const};
    try_model(&s, c0, &fit);
    if (fit.ic < best->ic) {
        *best = fit;
        cur.p = cur.q = cur.P = cur.Q = 0;
    }
    if (s.max_p > 0 || s.max_P > 0) {
        cand c = {s.max_p > 0, 0, m > 1 && s.max_P > 0, 0, allow_const};
        try_model(&s, c, &fit);
        if (fit.ic < best->ic) {
            *best = fit;
            cur = c;
        }
    }
    if (s.max_q > 0 || s.max_Q > 0) {
        cand c = {0, s.max_q > 0, 0, m > 1 && s.max_Q > 0, allow_const};
        try_model(&s, c, &fit);
        if (fit.ic < best->ic) {
            *best = fit;
            cur = c;
        }
    }
    if (allow_const) {
        /* R keeps `constant` TRUE for the search even when this one wins */
        cand c = {0, 0, 0, 0, 0};
        try_model(&s, c, &fit);
        if (fit.ic < best->ic) {
            *best = fit;
            cur.p = cur.q = cur.P = cur.Q = 0;
        }
    }
    stepwise(&s, allow_const, cur, best);
    if (s.offset)
        refit_exact(&s, best);
    if (!isfinite(best->ic))
        status = 1;
out:
    free(work);
    return status;
}

/* ---------------------------------------------------------- method */

static void describe(const arima_fit *fit, fc_result *out)
{
    const char *suffix = "";
    int diffs = fit->d + fit->D;
    if (fit->constant)
        suffix = diffs == 0 ? " with non-zero mean" : " with drift";
    else if (diffs == 0)
        suffix = " with zero mean";
    char seasonal[32] = "";
    if (fit->m > 1 && fit->P + fit->D + fit->Q > 0)
        snprintf(seasonal, sizeof seasonal, "(%d,%d,%d)[%d]", fit->P, fit->D, fit->Q, fit->m);
    snprintf(out->model, sizeof out->model, "ARIMA(%d,%d,%d)%s%s", fit->p, fit->d, fit->q, seasonal,
             suffix);
    size_t k = 0;
    const size_t cap = sizeof out->params / sizeof out->params[0];
    const struct {
        const char *name;
        int count;
        const double *v;
    } blocks[] = {{"ar", fit->p, fit->phi},
                  {"ma", fit->q, fit->theta},
                  {"sar", fit->P, fit->sphi},
                  {"sma", fit->Q, fit->stheta}};
    for (size_t b = 0; b < 4; b++)
        for (int i = 0; i < blocks[b].count && k < cap; i++, k++) {
            snprintf(out->param_names[k], sizeof out->param_names[k], "%s%d", blocks[b].name,
                     i + 1);
            out->params[k] = blocks[b].v[i];
        }
    if (fit->constant && k < cap) {
        /* the drift per period: the mean of (1 - B^m) y is m times it */
        snprintf(out->param_names[k], sizeof out->param_names[k], "%s",
                 diffs == 0 ? "mean" : "drift");
        out->params[k++] = fit->D == 1 ? fit->mean / fit->m : fit->mean;
    }
    out->nparams = k;
    out->loglik = fit->loglik;
    out->aicc = isfinite(fit->aicc) ? fit->aicc : NAN;
    out->sigma2 = fit->sigma2;
}

static void add_note(fc_result *out, const char *text)
{
    size_t len = strlen(out->note);
    snprintf(out->note + len, sizeof out->note - len, "%s%s", len ? "; " : "", text);
}

static ind_status run(const double *y, size_t n, int m, size_t h, unsigned long seed,
                      fc_result *out, ind_error *err)
{
    (void)seed;
    if (n < fc_arima.min_obs || h == 0)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "ARIMA needs at least %zu observations",
                             fc_arima.min_obs);
    size_t off = fc_fit_window(n, out->fitted); /* a long series: its recent values */
    double *fitted = out->fitted;
    y += off, n -= off, out->fitted += off;
    ind_status status = IND_OK;
    arima_fit fit;
    double *work = malloc(2 * n * sizeof *work);
    if (!work)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    out->note[0] = '\0';
    if (m > ARIMA_MAX_M)
        add_note(out, "seasonal periods longer than 12 are not modelled");
    int st = arima_auto(y, n, m, &fit);
    if (st < 0) {
        status = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if (st == 1) {
        char note[96];
        fit.p = fit.q = fit.P = fit.Q = fit.constant = 0;
        fit_ws(y, n, 0, NULL, work, &fit);
        snprintf(note, sizeof note, "too few observations for any ARMA term: ARIMA(0,%d,0)", fit.d);
        add_note(out, note);
        if (!isfinite(fit.sigma2)) {
            status = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "ARIMA: no model could be fitted");
            goto out;
        }
    }
    if (arima_forecast(y, n, &fit, h, out->mean, out->sd, out->fitted, work) != 0) {
        status = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0,
                               "ARIMA: forecasts are not finite");
        goto out;
    }
    describe(&fit, out);
    if (fit.p + fit.q + fit.P + fit.Q + fit.constant >
        (int)(sizeof out->params / sizeof out->params[0]))
        add_note(out, "not all coefficients listed");
out:
    out->fitted = fitted;
    free(work);
    return status;
}

/* min_obs 3: with fewer points neither KPSS nor any ARMA term can be estimated. */
const fc_method fc_arima = {"arima", "ARIMA with automatic order selection (Hyndman-Khandakar)",
                            3, run};
