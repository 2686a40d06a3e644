/*
 * arima.c - automatic ARIMA (Hyndman and Khandakar 2008), the method
 * descriptor fc_arima.
 *
 * It replicates R's forecast::auto.arima() with its defaults for
 * non-seasonal data: the number of differences d from repeated KPSS tests
 * (forecast::ndiffs), then a stepwise search over ARMA orders on AICc, each
 * candidate fitted as stats::arima(method = "CSS-ML"): conditional sum of
 * squares for starting values, then exact maximum likelihood by a Kalman
 * filter (arima_ss.c) with the AR part kept stationary by the PACF/tanh
 * reparametrisation, and forecast's checks (roots at least 1.01 from the
 * unit circle, defined coefficient variances). The optimiser is the
 * variable metric method of Nash (1990, Algorithm 21), which is what R's
 * optim(method = "BFGS") runs, with the same numerical gradients, step
 * rules and tolerances, so that flat likelihoods end where R's do.
 *
 * Differences from R, all deliberate: the model is fitted to the
 * differenced series (exact likelihood) rather than through R's diffuse
 * prior with kappa = 1e6, which changes log-likelihoods in about the sixth
 * digit; a candidate whose AICc denominator n - d - k - 2 is not positive
 * is rejected instead of getting a negative penalty; when every candidate
 * fails, ARIMA(0,d,0) is used (with a note) instead of an error.
 * Seasonal models are not fitted: data with m > 1 get a non-seasonal model
 * and a note.
 */
#include "arima.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>

#define NPAR_MAX (ARIMA_MAX_P + ARIMA_MAX_Q + 1)
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
 * in the original coordinates, symmetrised. H is n x n row-major.
 */
static int num_hessian(const optim *o, const double *par, double *H)
{
    int n = o->n;
    double dpar[NPAR_MAX], df1[NPAR_MAX], df2[NPAR_MAX];
    for (int i = 0; i < n; i++)
        dpar[i] = par[i] / o->parscale[i];
    for (int i = 0; i < n; i++) {
        double eps = 1e-3 / o->parscale[i];
        dpar[i] += eps;
        if (num_grad(o, dpar, df1) != 0)
            return -1;
        dpar[i] -= 2 * eps;
        if (num_grad(o, dpar, df2) != 0)
            return -1;
        for (int j = 0; j < n; j++)
            H[i * n + j] = (df1[j] - df2[j]) / (2 * eps * o->parscale[i] * o->parscale[j]);
        dpar[i] += eps;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            H[i * n + j] = H[j * n + i] = 0.5 * (H[i * n + j] + H[j * n + i]);
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
    double work[ARIMA_MAX_P + ARIMA_MAX_Q];
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
    double s[ARIMA_MAX_P + ARIMA_MAX_Q], pacf[ARIMA_MAX_P + ARIMA_MAX_Q];
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
    int p, q, constant;
    double *resid; /* n, for CSS */
} fitctx;

static void split_pars(const fitctx *c, const double *par, int trans, double *phi, double *theta,
                       double *mean)
{
    if (trans)
        partrans(c->p, par, phi);
    else
        memcpy(phi, par, (size_t)c->p * sizeof *phi);
    memcpy(theta, par + c->p, (size_t)c->q * sizeof *theta);
    *mean = c->constant ? par[c->p + c->q] : 0.0;
}

/* R's armaCSS: 0.5 log(mean of squared conditional residuals after the first p). */
static double css_objective(const double *par, void *vctx)
{
    const fitctx *c = vctx;
    double phi[ARIMA_MAX_P], theta[ARIMA_MAX_Q], mu;
    split_pars(c, par, 0, phi, theta, &mu);
    const double *z = c->z;
    size_t p = (size_t)c->p, nu = 0;
    double ssq = 0.0;
    for (size_t l = p; l < c->n; l++) {
        double e = z[l] - mu;
        for (size_t j = 0; j < p; j++)
            e -= phi[j] * (z[l - j - 1] - mu);
        size_t mq = l - p < (size_t)c->q ? l - p : (size_t)c->q;
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
    double phi[ARIMA_MAX_P], theta[ARIMA_MAX_Q], mu;
    split_pars(c, par, 1, phi, theta, &mu);
    arima_kf kf;
    if (arima_kalman(c->z, c->n, mu, c->p, c->q, phi, theta, &kf, NULL) != 0 || kf.nu == 0)
        return DBL_MAX;
    double nu = (double)kf.nu;
    return 0.5 * (log(kf.ssq / nu) + kf.sumlog / nu);
}

/* The AR block of R's ARIMA_Gradtrans: d partrans / d raw by forward differences. */
static void grad_trans(int p, int npar, const double *raw, double *A)
{
    for (int i = 0; i < npar; i++)
        for (int j = 0; j < npar; j++)
            A[i * npar + j] = i == j ? 1.0 : 0.0;
    double w1[ARIMA_MAX_P], w2[ARIMA_MAX_P], w3[ARIMA_MAX_P];
    memcpy(w1, raw, (size_t)p * sizeof *w1);
    partrans(p, w1, w2);
    for (int i = 0; i < p; i++) {
        w1[i] += 1e-3;
        partrans(p, w1, w3);
        for (int j = 0; j < p; j++)
            A[i * npar + j] = (w3[j] - w2[j]) / 1e-3;
        w1[i] -= 1e-3;
    }
}

/*
 * forecast's checkarima(): are all coefficient variances A' (n H)^-1 A
 * defined (non-negative)? Also fails when H is singular, as R's solve().
 */
static int variances_ok(const optim *o, const double *par, int p, size_t nused)
{
    int n = o->n;
    double H[NPAR_MAX * NPAR_MAX], A[NPAR_MAX * NPAR_MAX];
    if (num_hessian(o, par, H) != 0)
        return 0;
    grad_trans(p, n, par, A);
    for (int k = 0; k < n; k++) {
        /* var_kk = a_k' (n H)^-1 a_k with a_k column k of A */
        double M[NPAR_MAX * NPAR_MAX], x[NPAR_MAX];
        for (int i = 0; i < n * n; i++)
            M[i] = H[i] * (double)nused;
        for (int i = 0; i < n; i++)
            x[i] = A[i * n + k];
        /* Gaussian elimination with partial pivoting */
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int i = col + 1; i < n; i++)
                if (fabs(M[i * n + col]) > fabs(M[piv * n + col]))
                    piv = i;
            if (M[piv * n + col] == 0.0 || !isfinite(M[piv * n + col]))
                return 0;
            for (int j = 0; j < n; j++) {
                double tmp = M[col * n + j];
                M[col * n + j] = M[piv * n + j];
                M[piv * n + j] = tmp;
            }
            double tmp = x[col];
            x[col] = x[piv];
            x[piv] = tmp;
            for (int i = col + 1; i < n; i++) {
                double f = M[i * n + col] / M[col * n + col];
                for (int j = col; j < n; j++)
                    M[i * n + j] -= f * M[col * n + j];
                x[i] -= f * x[col];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int j = i + 1; j < n; j++)
                s -= M[i * n + j] * x[j];
            x[i] = s / M[i * n + i];
        }
        double v = 0.0;
        for (int i = 0; i < n; i++)
            v += A[i * n + k] * x[i];
        if (!(v >= 0.0))
            return 0;
    }
    return 1;
}

static void difference(const double *x, size_t n, int d, double *z)
{
    memcpy(z, x, n * sizeof *z);
    for (int k = 0; k < d; k++)
        for (size_t t = 0; t + 1 + (size_t)k < n; t++)
            z[t] = z[t + 1] - z[t];
}

/*
 * CSS then ML for the ARMA(p, q) (+ mean) coefficients of z[0..n), as
 * stats::arima(method = "CSS-ML"). Fills the coefficients, loglik and the
 * sum of squared standardised innovations; returns 0, or -1 when R's fit
 * would have stopped with an error or myarima would reject it.
 */
static int estimate(const fitctx *c, arima_fit *fit, double *ssq)
{
    int p = c->p, q = c->q, npar = p + q + c->constant;
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
        init[npar - 1] = mean;
        o.parscale[npar - 1] = 10.0 * se;
    }
    if (npar > 0) {
        if (n <= (size_t)p)
            return -1;
        for (int i = 0; i < npar; i++)
            x[i] = init[i] / o.parscale[i];
        int st = vmmin(&o, x, &value, 100);
        if (st == OPT_ERROR)
            return -1;
        if (st == OPT_OK)
            for (int i = 0; i < npar; i++)
                init[i] = x[i] * o.parscale[i];
        if (p > 0 && !roots_outside(p, init, -1.0, 1.0))
            return -1;
        /* to the transformed scale */
        if (invpartrans(p, init, init) != 0 || ma_invert(q, init + p) != 0)
            return -1;
        o.fn = ml_objective;
        for (int i = 0; i < npar; i++)
            x[i] = init[i] / o.parscale[i];
        if (vmmin(&o, x, &value, 100) == OPT_ERROR)
            return -1;
        double coef[NPAR_MAX];
        for (int i = 0; i < npar; i++)
            coef[i] = x[i] * o.parscale[i];
        if (q > 0) {
            double before[ARIMA_MAX_Q];
            memcpy(before, coef + p, (size_t)q * sizeof *before);
            if (ma_invert(q, coef + p) != 0)
                return -1;
            if (memcmp(before, coef + p, (size_t)q * sizeof *before) != 0)
                value = ml_objective(coef, (void *)c);
        }
        if (!variances_ok(&o, coef, p, n))
            return -1;
        split_pars(c, coef, 1, fit->phi, fit->theta, &fit->mean);
    } else {
        fit->mean = 0.0;
        value = ml_objective(init, (void *)c);
    }
    if (!isfinite(value) || value == DBL_MAX)
        return -1;
    arima_kf kf;
    if (arima_kalman(c->z, n, fit->mean, p, q, fit->phi, fit->theta, &kf, NULL) != 0)
        return -1;
    double dn = (double)n;
    fit->loglik = -0.5 * (2.0 * dn * value + dn + dn * log(TWO_PI));
    *ssq = kf.ssq;
    return 0;
}

static int fit_ws(const double *y, size_t n, int p, int d, int q, int constant, int use_aic,
                  double *work, arima_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    fit->p = p;
    fit->d = d;
    fit->q = q;
    fit->constant = constant;
    fit->ic = fit->aic = fit->aicc = INFINITY;
    fit->loglik = fit->sigma2 = NAN;
    if ((size_t)d >= n)
        return 0;
    size_t nz = n - (size_t)d;
    difference(y, n, d, work);
    fitctx c = {work, nz, p, q, constant, work + n};
    double ssq;
    if (estimate(&c, fit, &ssq) != 0)
        return 0;
    double k = (double)(p + q + constant) + 1.0, nstar = (double)nz;
    fit->aic = -2.0 * fit->loglik + 2.0 * k;
    fit->aicc = nstar - k - 1.0 > 0.0 ? fit->aic + 2.0 * k * (k + 1.0) / (nstar - k - 1.0)
                                      : INFINITY;
    fit->sigma2 = ssq / (nstar - k + 1.0);
    fit->ic = use_aic ? fit->aic : fit->aicc;
    if (!roots_outside(p, fit->phi, -1.0, 1.01) || !roots_outside(q, fit->theta, 1.0, 1.01))
        fit->ic = INFINITY;
    if (!isfinite(fit->loglik) || !isfinite(fit->sigma2))
        fit->ic = INFINITY;
    return 0;
}

int arima_fit_order(const double *y, size_t n, int p, int d, int q, int constant, int use_aic,
                    arima_fit *fit)
{
    double *work = malloc(2 * (n ? n : 1) * sizeof *work);
    if (!work)
        return -1;
    fit_ws(y, n, p, d, q, constant, use_aic, work, fit);
    free(work);
    return 0;
}

/* ------------------------------------------------- stepwise search */

typedef struct search {
    const double *y;
    size_t n;
    int d, use_aic;
    double *work;
    int tried[100][3]; /* (p, q, constant) of the models fitted so far */
    int k;
} search;

static int is_new(const search *s, int p, int q, int constant)
{
    for (int i = 0; i < s->k; i++)
        if (s->tried[i][0] == p && s->tried[i][1] == q && s->tried[i][2] == constant)
            return 0;
    return 1;
}

static void try_model(search *s, int p, int q, int constant, arima_fit *fit)
{
    fit_ws(s->y, s->n, p, s->d, q, constant, s->use_aic, s->work, fit);
    if (s->k < 100) {
        s->tried[s->k][0] = p;
        s->tried[s->k][1] = q;
        s->tried[s->k][2] = constant;
    }
    s->k++;
}

/*
 * The neighbourhood moves of auto.arima's stepwise loop, in R's order:
 * (dp, dq). Each is tried when new and within bounds; the first better one
 * becomes the current model and the scan restarts.
 */
static const int moves[8][2] = {{-1, 0}, {0, -1}, {1, 0}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

static void stepwise(search *s, int max_p, int max_q, int allow_const, int constant, int p, int q,
                     arima_fit *best)
{
    const int nmodels = 94;
    int startk = 0;
    arima_fit fit;
    while (startk < s->k && s->k < nmodels) {
        startk = s->k;
        int improved = 0;
        for (int i = 0; i < 8 && !improved; i++) {
            int np = p + moves[i][0], nq = q + moves[i][1];
            if (np < 0 || nq < 0 || np > max_p || nq > max_q || !is_new(s, np, nq, constant))
                continue;
            if (s->k + 1 > nmodels) {
                s->k++;
                improved = 1; /* R's `next` after k > nmodels ends the loop */
                break;
            }
            try_model(s, np, nq, constant, &fit);
            if (fit.ic < best->ic) {
                *best = fit;
                p = np;
                q = nq;
                improved = 1;
            }
        }
        if (improved)
            continue;
        if (allow_const && is_new(s, p, q, !constant)) {
            if (s->k + 1 > nmodels) {
                s->k++;
                continue;
            }
            try_model(s, p, q, !constant, &fit);
            if (fit.ic < best->ic) {
                *best = fit;
                constant = !constant;
            }
        }
    }
}

/*
 * The model auto.arima fits when the series (d = 0) or its differences are
 * constant: the mean of z[0..nz) as mean or drift, no variance.
 */
static void constant_model(int d, const double *z, size_t nz, arima_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    fit->d = d;
    fit->constant = d < 2;
    double mean = 0.0;
    for (size_t t = 0; t < nz; t++)
        mean += (z[t] - mean) / (double)(t + 1);
    fit->mean = d < 2 ? mean : 0.0;
    fit->loglik = fit->aic = fit->aicc = fit->ic = NAN;
    fit->sigma2 = 0.0;
}

int arima_auto(const double *y, size_t n, arima_fit *best)
{
    int status = 0;
    double *work = malloc(2 * (n ? n : 1) * sizeof *work);
    if (!work)
        return -1;
    if (is_constant(y, n)) {
        constant_model(0, y, n, best);
        goto out;
    }
    int d = arima_ndiffs(y, n, ARIMA_MAX_D);
    if (d < 0) {
        status = -1;
        goto out;
    }
    if (d > 0) {
        difference(y, n, d, work);
        if (is_constant(work, n - (size_t)d)) {
            constant_model(d, work, n - (size_t)d, best);
            if (d == 2) {
                /* ARIMA(0,2,0): residual variance of the second differences */
                fit_ws(y, n, 0, 2, 0, 0, 1, work, best);
                best->ic = NAN;
            }
            goto out;
        }
    }
    int max_p = (int)(n / 3) < ARIMA_MAX_P ? (int)(n / 3) : ARIMA_MAX_P;
    int max_q = (int)(n / 3) < ARIMA_MAX_Q ? (int)(n / 3) : ARIMA_MAX_Q;
    int start = n < 10 ? 1 : 2;
    int p = start < max_p ? start : max_p, q = start < max_q ? start : max_q;
    int allow_const = d <= 1, constant = allow_const;
    search s = {y, n, d, n <= 3, work, {{0}}, 0};
    arima_fit fit;
    try_model(&s, p, q, constant, best);
    try_model(&s, 0, 0, constant, &fit);
    if (fit.ic < best->ic) {
        *best = fit;
        p = q = 0;
    }
    if (max_p > 0) {
        try_model(&s, 1, 0, constant, &fit);
        if (fit.ic < best->ic) {
            *best = fit;
            p = 1;
            q = 0;
        }
    }
    if (max_q > 0) {
        try_model(&s, 0, 1, constant, &fit);
        if (fit.ic < best->ic) {
            *best = fit;
            p = 0;
            q = 1;
        }
    }
    if (constant) {
        try_model(&s, 0, 0, 0, &fit);
        if (fit.ic < best->ic) {
            *best = fit;
            p = q = 0;
        }
    }
    stepwise(&s, max_p, max_q, allow_const, constant, p, q, best);
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
    if (fit->constant)
        suffix = fit->d == 0 ? " with non-zero mean" : " with drift";
    else if (fit->d == 0)
        suffix = " with zero mean";
    snprintf(out->model, sizeof out->model, "ARIMA(%d,%d,%d)%s", fit->p, fit->d, fit->q, suffix);
    size_t k = 0;
    const size_t cap = sizeof out->params / sizeof out->params[0];
    for (int i = 0; i < fit->p && k < cap; i++, k++) {
        snprintf(out->param_names[k], sizeof out->param_names[k], "ar%d", i + 1);
        out->params[k] = fit->phi[i];
    }
    for (int i = 0; i < fit->q && k < cap; i++, k++) {
        snprintf(out->param_names[k], sizeof out->param_names[k], "ma%d", i + 1);
        out->params[k] = fit->theta[i];
    }
    if (fit->constant && k < cap) {
        snprintf(out->param_names[k], sizeof out->param_names[k], "%s",
                 fit->d == 0 ? "mean" : "drift");
        out->params[k++] = fit->mean;
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
    ind_status status = IND_OK;
    arima_fit fit;
    double *work = malloc(2 * n * sizeof *work);
    if (!work)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    out->note[0] = '\0';
    int st = arima_auto(y, n, &fit);
    if (st < 0) {
        status = ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if (st == 1) {
        int d = fit.d;
        char note[96];
        fit_ws(y, n, 0, d, 0, 0, 0, work, &fit);
        snprintf(note, sizeof note, "too few observations for any ARMA term: ARIMA(0,%d,0)", d);
        add_note(out, note);
        if (!isfinite(fit.sigma2)) {
            status = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0, "ARIMA: no model could be fitted");
            goto out;
        }
    }
    if (m > 1)
        add_note(out, "seasonal ARIMA not implemented: non-seasonal model");
    if (arima_forecast(y, n, &fit, h, out->mean, out->sd, out->fitted, work) != 0) {
        status = ind_error_set(err, IND_E_NUMERIC, NULL, 0, 0,
                               "ARIMA: forecasts are not finite");
        goto out;
    }
    describe(&fit, out);
    if (fit.p + fit.q + fit.constant > (int)(sizeof out->params / sizeof out->params[0]))
        add_note(out, "not all coefficients listed");
out:
    free(work);
    return status;
}

/* min_obs 3: with fewer points neither KPSS nor any ARMA term can be estimated. */
const fc_method fc_arima = {"arima", "ARIMA with automatic order selection (Hyndman-Khandakar)",
                            3, run};
