/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * arima_ss.c - the state-space side of the ARIMA method: stationary state
 * covariance, the Kalman filter giving the exact Gaussian likelihood of an
 * ARMA series, differencing, and forecasts of the integrated model.
 *
 * State space form (Harvey 1989, as R's stats::arima): with r = max(p, q+1),
 *   a_{t+1} = T a_t + R e_{t+1},  x_t = a_t[0],
 * T[i][0] = phi_{i+1}, T[i][i+1] = 1, R = (1, theta_1, ..., theta_{r-1}).
 * Seasonal models arrive here with their polynomials multiplied out
 * (arima_expand), so p and q go up to 5 + 2m. The filter runs on the
 * differenced series with innovation variance 1 and sigma2 concentrated
 * out; forecasts put the differencing back as R's KalmanForecast does.
 * Nothing in the likelihood allocates: it is called thousands of times.
 */
#include "arima.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define R_MAX ARIMA_MAX_R
#define TWO_PI 6.283185307179586476925286766559

/* Coefficient k (1-based) of phi padded with zeros. */
static double phi_at(const double *phi, int p, int k)
{
    return (k >= 1 && k <= p) ? phi[k - 1] : 0.0;
}

/* theta_k with theta_0 = 1, padded with zeros. */
static double theta_at(const double *theta, int q, int k)
{
    if (k == 0)
        return 1.0;
    return (k >= 1 && k <= q) ? theta[k - 1] : 0.0;
}

int arima_solve_small(double *A, double *b, int m)
{
    for (int c = 0; c < m; c++) {
        int piv = c;
        for (int i = c + 1; i < m; i++)
            if (fabs(A[i * m + c]) > fabs(A[piv * m + c]))
                piv = i;
        if (!(fabs(A[piv * m + c]) > 1e-300))
            return -1;
        if (piv != c) {
            for (int j = 0; j < m; j++) {
                double t = A[c * m + j];
                A[c * m + j] = A[piv * m + j];
                A[piv * m + j] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        for (int i = c + 1; i < m; i++) {
            double f = A[i * m + c] / A[c * m + c];
            for (int j = c; j < m; j++)
                A[i * m + j] -= f * A[c * m + j];
            b[i] -= f * b[c];
        }
    }
    for (int i = m - 1; i >= 0; i--) {
        double s = b[i];
        for (int j = i + 1; j < m; j++)
            s -= A[i * m + j] * b[j];
        b[i] = s / A[i * m + i];
    }
    for (int i = 0; i < m; i++)
        if (!isfinite(b[i]))
            return -1;
    return 0;
}

/*
 * Autocovariances gamma[0..r] of the ARMA process with unit innovation
 * variance, and psi weights psi[0..r]. The first p+1 solve the linear
 * system gamma_k - sum_i phi_i gamma_|k-i| = sum_{j>=k} theta_j psi_{j-k};
 * the rest follow the AR recursion.
 */
static int arma_acov(int p, int q, const double *phi, const double *theta, int r, double *gamma,
                     double *psi)
{
    psi[0] = 1.0;
    for (int j = 1; j <= r; j++) {
        double s = theta_at(theta, q, j);
        for (int i = 1; i <= p && i <= j; i++)
            s += phi[i - 1] * psi[j - i];
        psi[j] = s;
    }
    double A[(ARIMA_MAX_PHI + 1) * (ARIMA_MAX_PHI + 1)], b[ARIMA_MAX_PHI + 1];
    int m = p + 1;
    memset(A, 0, (size_t)(m * m) * sizeof *A);
    for (int k = 0; k < m; k++) {
        A[k * m + k] += 1.0;
        for (int i = 1; i <= p; i++)
            A[k * m + abs(k - i)] -= phi[i - 1];
        double s = 0.0;
        for (int j = k; j <= q; j++)
            s += theta_at(theta, q, j) * psi[j - k];
        b[k] = s;
    }
    if (arima_solve_small(A, b, m) != 0)
        return -1;
    for (int k = 0; k <= r; k++) {
        if (k < m) {
            gamma[k] = b[k];
            continue;
        }
        double s = 0.0;
        for (int i = 1; i <= p; i++)
            s += phi[i - 1] * gamma[k - i];
        for (int j = k; j <= q; j++)
            s += theta_at(theta, q, j) * psi[j - k];
        gamma[k] = s;
    }
    return 0;
}

/*
 * a_t[i] = sum_{k=i}^{r-1} phi_{k+1} y_{t+i-k-1} + theta_k e_{t+i-k}, so its
 * covariance with y_t is sum_k phi_{k+1} gamma_{k+1-i} + theta_k psi_{k-i}.
 * That first column fixes the rest through P = T P T' + R R', read from the
 * bottom-right corner up: P_ij = (RR')_ij + phi_i phi_j P_00 + phi_i P_{j+1,0}
 * + phi_j P_{i+1,0} + P_{i+1,j+1} (zero outside the matrix).
 */
int arima_state_cov(int p, int q, const double *phi, const double *theta, double *P)
{
    int r = p > q + 1 ? p : q + 1;
    double gamma[R_MAX + 2], psi[R_MAX + 2], c[R_MAX + 1], ph[R_MAX], tv[R_MAX];
    if (arma_acov(p, q, phi, theta, r, gamma, psi) != 0)
        return -1;
    for (int i = 0; i < r; i++) {
        ph[i] = phi_at(phi, p, i + 1);
        tv[i] = theta_at(theta, q, i);
    }
    for (int i = 0; i < r; i++) {
        double s = 0.0;
        for (int k = i; k < r; k++)
            s += ph[k] * gamma[k + 1 - i] + tv[k] * psi[k - i];
        c[i] = s;
    }
    c[r] = 0.0;
    double p00 = c[0];
    for (int i = r - 1; i >= 0; i--)
        for (int j = r - 1; j >= i; j--) {
            double next = (i + 1 < r && j + 1 < r) ? P[(i + 1) * r + j + 1] : 0.0;
            double v = tv[i] * tv[j] + ph[i] * ph[j] * p00 + ph[i] * c[j + 1] + ph[j] * c[i + 1] +
                       next;
            P[i * r + j] = P[j * r + i] = v;
        }
    return 0;
}

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

enum { SMAX = R_MAX + 1 }; /* padded matrices: row and column r stay 0 */

/* Filter state: the upper triangles of the prediction (Pn) and filtered (Pp) covariances. */
typedef struct kstate {
    double Pp[SMAX * SMAX], Pn[SMAX * SMAX], RR[SMAX * SMAX], a[SMAX], ph[SMAX], Rv[SMAX];
} kstate;

/* The likelihood sums of the filter: sum v^2 / F and log prod F over the used steps. */
typedef struct lik_sums {
    double prod, ssq, sumlog; /* log F_t is summed as the log of running products */
    size_t nu;
} lik_sums;

/*
 * The measurement update shared by both filters: the innovation v of the
 * observation y (mean removed) against the predicted state anew, with
 * variance F = Pn(0, 0); adds to the sums (steps with F >= 1e4 are left out,
 * as R does), stores v in *resid when given, and sets the filtered state
 * a = anew + M v / F, M the first column of Pn (Pn[i] = Pn(0, i)).
 */
static ALWAYS_INLINE void observe(double y, const double *anew, const double *Pn, const int r,
                                  lik_sums *sums, double *a, double *resid)
{
    double v = y - anew[0], F = Pn[0], vf = v / F;
    if (F < 1e4) {
        sums->nu++;
        sums->ssq += v * vf;
        sums->prod *= F;
        if (sums->prod > 1e100) {
            sums->sumlog += log(sums->prod);
            sums->prod = 1.0;
        }
    }
    if (resid)
        *resid = v;
    for (int i = 0; i < r; i++)
        a[i] = anew[i] + Pn[i] * vf;
}

static void sums_to_kf(const lik_sums *sums, arima_kf *kf)
{
    kf->ssq = sums->ssq;
    kf->sumlog = sums->sumlog + log(sums->prod);
    kf->nu = sums->nu;
}

/*
 * The Kalman recursions of R's ARIMA_Like (no differencing), on matrices of
 * stride r + 1. Written once and inlined for small constant r, so the
 * compiler unrolls the loops. log F_t is summed as the log of running
 * products (F_t >= 1); once the prediction covariance stops changing
 * (steady state, reached after p steps for pure AR models) it is no longer
 * updated.
 */
static ALWAYS_INLINE void filter(kstate *k, const int r, const double *w, size_t n, double mean,
                                 arima_kf *kf, double *resid)
{
    const int S = r + 1;
    double *Pp = k->Pp, *Pn = k->Pn, *RR = k->RR, *a = k->a, *ph = k->ph, anew[SMAX];
    lik_sums sums = {1.0, 0.0, 0.0, 0};
    int steady = 0;
    for (size_t t = 0; t < n; t++) {
        double a0 = a[0];
        for (int i = 0; i < r; i++)
            anew[i] = ph[i] * a0 + a[i + 1];
        if (t > 0 && !steady) {
            /* Pn = T Pp T' + R R', T a = phi a_0 + shift(a) */
            double p00 = Pp[0], change = 0.0, c[SMAX];
            for (int i = 0; i < r; i++)
                c[i] = Pp[i + 1]; /* Pp(i + 1, 0) = Pp(0, i + 1) */
            for (int i = 0; i < r; i++) {
                double dv = 0.0;
                for (int j = i; j < r; j++) {
                    double v = RR[i * S + j] + ph[i] * (ph[j] * p00 + c[j]) + ph[j] * c[i] +
                               Pp[(i + 1) * S + j + 1];
                    if (j == i) /* the diagonal bounds the change (see filter_sparse) */
                        dv = fabs(v - Pn[i * S + j]);
                    Pn[i * S + j] = v;
                }
                change = dv > change ? dv : change;
            }
            steady = change <= 1e-14 * Pn[0];
        }
        double F = Pn[0];
        observe(w[t] - mean, anew, Pn, r, &sums, a, resid ? &resid[t] : NULL);
        if (!steady) {
            /* Pp = Pn - M M' / F with M the first column of Pn */
            double M[SMAX], iF = 1.0 / F;
            for (int i = 0; i < r; i++)
                M[i] = Pn[i];
            for (int i = 0; i < r; i++)
                for (int j = i; j < r; j++)
                    Pp[i * S + j] = Pn[i * S + j] - M[i] * M[j] * iF;
        }
    }
    sums_to_kf(&sums, kf);
}

/*
 * The same recursions for larger (seasonal) states, where phi and R are
 * sparse: T Pp T' is the shifted Pp plus corrections in the rows and
 * columns where phi is non-zero, and R R' has only the products of non-zero
 * MA coefficients. The steady state is detected on the diagonal of the
 * filtered covariance: started from the stationary covariance, the
 * covariances only decrease (in the positive semi-definite order), so the
 * change of any entry is bounded by the largest change on the diagonal.
 */
static void filter_sparse(kstate *k, const int r, const double *w, size_t n, double mean,
                          arima_kf *kf, double *resid)
{
    const int S = r + 1;
    double *Pp = k->Pp, *Pn = k->Pn, *a = k->a, *ph = k->ph, *Rv = k->Rv, anew[SMAX];
    int zp[SMAX], zr[SMAX], nzp = 0, nzr = 0;
    for (int i = 0; i < r; i++) {
        if (ph[i] != 0.0)
            zp[nzp++] = i;
        if (Rv[i] != 0.0)
            zr[nzr++] = i;
    }
    lik_sums sums = {1.0, 0.0, 0.0, 0};
    int steady = 0;
    for (size_t t = 0; t < n; t++) {
        double a0 = a[0];
        for (int i = 0; i < r; i++)
            anew[i] = ph[i] * a0 + a[i + 1];
        if (t > 0 && !steady) {
            double p00 = Pp[0], c[SMAX];
            for (int i = 0; i < r; i++)
                c[i] = Pp[i + 1]; /* Pp(i + 1, 0) */
            for (int i = 0; i < r; i++)
                memcpy(Pn + i * S + i, Pp + (i + 1) * S + i + 1, (size_t)(r - i) * sizeof *Pn);
            for (int x = 0; x < nzr; x++)
                for (int y = x; y < nzr; y++)
                    Pn[zr[x] * S + zr[y]] += Rv[zr[x]] * Rv[zr[y]];
            for (int x = 0; x < nzp; x++) {
                int i = zp[x];
                for (int j = i; j < r; j++)
                    Pn[i * S + j] += ph[i] * (c[j] + ph[j] * p00);
                for (int j = 0; j <= i; j++)
                    Pn[j * S + i] += ph[i] * c[j];
            }
        }
        double F = Pn[0];
        observe(w[t] - mean, anew, Pn, r, &sums, a, resid ? &resid[t] : NULL);
        if (!steady) {
            double M[SMAX], iF = 1.0 / F, change = 0.0;
            for (int i = 0; i < r; i++)
                M[i] = Pn[i];
            for (int i = 0; i < r; i++) {
                double mi = M[i] * iF, dv = fabs(Pn[i * S + i] - mi * M[i] - Pp[i * S + i]);
                change = dv > change ? dv : change;
                for (int j = i; j < r; j++)
                    Pp[i * S + j] = Pn[i * S + j] - mi * M[j];
            }
            steady = t > 0 && change <= 1e-14 * F;
        }
    }
    sums_to_kf(&sums, kf);
}

int arima_kalman(const double *w, size_t n, double mean, int p, int q, const double *phi,
                 const double *theta, arima_kf *kf, double *resid)
{
    int r = p > q + 1 ? p : q + 1, S = r + 1;
    kstate k;
    double Rv[SMAX];
    size_t used = (size_t)(S * S) * sizeof(double);
    memset(k.Pp, 0, used);
    memset(k.Pn, 0, used);
    memset(k.RR, 0, used);
    memset(k.a, 0, (size_t)S * sizeof(double));
    for (int i = 0; i < r; i++) {
        Rv[i] = k.Rv[i] = theta_at(theta, q, i);
        k.ph[i] = phi_at(phi, p, i + 1);
    }
    if (arima_state_cov(p, q, phi, theta, kf->P) != 0)
        return -1;
    for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++) {
            k.Pn[i * S + j] = kf->P[i * r + j];
            k.RR[i * S + j] = Rv[i] * Rv[j];
        }
    switch (r) {
    case 1:
        filter(&k, 1, w, n, mean, kf, resid);
        break;
    case 2:
        filter(&k, 2, w, n, mean, kf, resid);
        break;
    case 3:
        filter(&k, 3, w, n, mean, kf, resid);
        break;
    default:
        filter_sparse(&k, r, w, n, mean, kf, resid);
        break;
    }
    for (int i = 0; i < r; i++) {
        kf->a[i] = k.a[i];
        for (int j = 0; j < r; j++)
            kf->P[i * r + j] = i <= j ? k.Pp[i * S + j] : k.Pp[j * S + i];
    }
    return 0;
}

int arima_loglik(const double *w, size_t n, double mean, int p, int q, const double *phi,
                 const double *theta, double *loglik, double *sigma2)
{
    arima_kf kf;
    if (arima_kalman(w, n, mean, p, q, phi, theta, &kf, NULL) != 0 || kf.nu == 0)
        return -1;
    double s2 = kf.ssq / (double)kf.nu, nu = (double)n;
    double value = 0.5 * (log(s2) + kf.sumlog / (double)kf.nu);
    *loglik = -0.5 * (2.0 * nu * value + nu + nu * log(TWO_PI));
    if (sigma2)
        *sigma2 = s2;
    return 0;
}

size_t arima_difference(const double *x, size_t n, int d, int D, int m, double *z)
{
    memcpy(z, x, n * sizeof *z);
    for (int k = 0; k < d && n > 0; k++, n--)
        for (size_t t = 0; t + 1 < n; t++)
            z[t] = z[t + 1] - z[t];
    for (int k = 0; k < D; k++) {
        if (n <= (size_t)m)
            return 0;
        n -= (size_t)m;
        for (size_t t = 0; t < n; t++)
            z[t] = z[t + (size_t)m] - z[t];
    }
    return n;
}

/* delta of x_t = z_t + sum_i delta_i x_{t-i}: 1 - (1 - B)^d (1 - B^m)^D. Returns its length. */
static int delta_poly(int d, int D, int m, double *delta)
{
    double c[ARIMA_MAX_DELTA + 1] = {1.0};
    int len = 0;
    for (int k = 0; k < d + D; k++) {
        int lag = k < d ? 1 : m;
        for (int i = len + lag; i >= lag; i--)
            c[i] -= c[i - lag];
        len += lag;
    }
    for (int i = 0; i < len; i++)
        delta[i] = -c[i + 1];
    return len;
}

/*
 * Forecasts by the integrated state space form of R's KalmanForecast: state
 * (a_t, x_{t-1}, ..., x_{t-nd}) with x_t = mean + a_t[0] + sum_i delta_i x_{t-i}.
 * At the end of the sample the levels are known exactly and a_t, P_t are the
 * filtered ARMA state and covariance.
 */
static int integrate_forecast(const double *y, size_t n, const arima_fit *fit, const arima_kf *kf,
                              size_t h, double *mean, double *sd)
{
    enum { MMAX = R_MAX + ARIMA_MAX_DELTA };
    double phi[ARIMA_MAX_PHI], theta[ARIMA_MAX_THETA], delta[ARIMA_MAX_DELTA];
    int p, q;
    arima_expand(fit, phi, &p, theta, &q);
    int r = p > q + 1 ? p : q + 1, nd = delta_poly(fit->d, fit->D, fit->m, delta), m = r + nd;
    double *mem = calloc((size_t)(3 * m * m + m), sizeof *mem);
    if (!mem)
        return -1;
    double *P = mem, *G = mem + m * m, *GP = mem + 2 * m * m, *s = mem + 3 * m * m, ns[MMAX];
    for (int i = 0; i < r; i++) {
        s[i] = kf->a[i];
        for (int j = 0; j < r; j++)
            P[i * m + j] = kf->P[i * r + j];
        G[i * m + 0] = phi_at(phi, p, i + 1);
        if (i < r - 1)
            G[i * m + i + 1] = 1.0;
    }
    for (int i = 0; i < nd; i++)
        s[r + i] = y[n - 2 - (size_t)i];
    if (nd > 0) {
        G[r * m + 0] = 1.0;
        for (int i = 0; i < nd; i++)
            G[r * m + r + i] = delta[i];
        for (int i = 1; i < nd; i++)
            G[(r + i) * m + r + i - 1] = 1.0;
    }
    for (size_t k = 0; k < h; k++) {
        for (int i = 0; i < m; i++) {
            double acc = 0.0;
            for (int j = 0; j < m; j++)
                acc += G[i * m + j] * s[j];
            ns[i] = acc;
        }
        if (nd > 0)
            ns[r] += fit->mean; /* x_t carries the mean of the differences */
        memcpy(s, ns, (size_t)m * sizeof *s);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) {
                double acc = 0.0;
                for (int l = 0; l < m; l++)
                    acc += G[i * m + l] * P[l * m + j];
                GP[i * m + j] = acc;
            }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) {
                double acc = 0.0;
                for (int l = 0; l < m; l++)
                    acc += GP[i * m + l] * G[j * m + l];
                P[i * m + j] = acc;
            }
        for (int i = 0; i < r; i++)
            for (int j = 0; j < r; j++)
                P[i * m + j] += theta_at(theta, q, i) * theta_at(theta, q, j);
        /* observation x = mean + a[0] + delta . levels */
        double f = fit->mean + s[0], var = P[0];
        for (int i = 0; i < nd; i++) {
            f += delta[i] * s[r + i];
            var += 2.0 * delta[i] * P[r + i];
            for (int j = 0; j < nd; j++)
                var += delta[i] * delta[j] * P[(r + i) * m + r + j];
        }
        mean[k] = f;
        sd[k] = var > 0.0 ? sqrt(var * fit->sigma2) : 0.0;
    }
    free(mem);
    return 0;
}

int arima_forecast(const double *y, size_t n, const arima_fit *fit, size_t h, double *mean,
                   double *sd, double *fitted, double *work)
{
    size_t lost = (size_t)(fit->d + fit->D * fit->m);
    if (lost >= n)
        return -1;
    double *z = work, *v = work + n, phi[ARIMA_MAX_PHI], theta[ARIMA_MAX_THETA];
    int p, q;
    size_t nz = arima_difference(y, n, fit->d, fit->D, fit->m, z);
    arima_expand(fit, phi, &p, theta, &q);
    arima_kf kf;
    if (arima_kalman(z, nz, fit->mean, p, q, phi, theta, &kf, v) != 0)
        return -1;
    for (size_t t = 0; t < n; t++)
        fitted[t] = t < lost ? NAN : y[t] - v[t - lost];
    if (integrate_forecast(y, n, fit, &kf, h, mean, sd) != 0)
        return -1;
    for (size_t k = 0; k < h; k++)
        if (!isfinite(mean[k]) || !isfinite(sd[k]))
            return -1;
    return 0;
}
