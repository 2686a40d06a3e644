/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * arima.h - private pieces of the ARIMA method (arima.c, arima_ss.c) that
 * the unit tests check one by one. The framework only sees fc_arima.
 *
 * Conventions follow R's stats::arima: phi are the AR coefficients of
 * x_t = phi_1 x_{t-1} + ... + e_t + theta_1 e_{t-1} + ..., theta the MA ones
 * (plus sign), and the innovation variance is concentrated out of the
 * likelihood.
 */
#ifndef INDICATORS_FORECAST_ARIMA_H
#define INDICATORS_FORECAST_ARIMA_H

#include <stddef.h>

#include "method.h"

#define ARIMA_MAX_P 5
#define ARIMA_MAX_Q 5
#define ARIMA_MAX_SP 2  /* seasonal AR order P */
#define ARIMA_MAX_SQ 2  /* seasonal MA order Q */
#define ARIMA_MAX_M 12  /* longest seasonal period modelled */
#define ARIMA_MAX_D 2
#define ARIMA_MAX_SD 1  /* seasonal differences D */
/* AR and MA polynomials with the seasonal factors multiplied out */
#define ARIMA_MAX_PHI (ARIMA_MAX_P + ARIMA_MAX_M * ARIMA_MAX_SP)
#define ARIMA_MAX_THETA (ARIMA_MAX_Q + ARIMA_MAX_M * ARIMA_MAX_SQ)
#define ARIMA_MAX_R (ARIMA_MAX_THETA + 1) /* state dimension max(p, q + 1) */
#define ARIMA_MAX_DELTA (ARIMA_MAX_D + ARIMA_MAX_M * ARIMA_MAX_SD)

/* Result of a Kalman filter pass over a zero-mean ARMA series. */
typedef struct arima_kf {
    double ssq;    /* sum of v_t^2 / F_t over the observations used */
    double sumlog; /* sum of log F_t */
    size_t nu;     /* observations used (F_t < 1e4, as R) */
    double a[ARIMA_MAX_R];                 /* filtered state at the end */
    double P[ARIMA_MAX_R * ARIMA_MAX_R];   /* its covariance / sigma2 (row-major r x r) */
} arima_kf;

/*
 * Solves A x = b for a small m x m system (row-major; A is destroyed, b
 * becomes x) by Gaussian elimination with partial pivoting. Returns 0, or -1
 * when A is singular or the solution is not finite.
 */
int arima_solve_small(double *A, double *b, int m);

/*
 * Stationary covariance (innovation variance 1) of the state of the ARMA
 * model in Harvey's form, r = max(p, q + 1), written row-major into P[r*r].
 * Returns 0, or -1 when the AR part is not stationary enough to solve for it.
 */
int arima_state_cov(int p, int q, const double *phi, const double *theta, double *P);

/*
 * Exact Gaussian likelihood of w[0..n) - mean under ARMA(p, q) (Gardner,
 * Harvey and Phillips 1980; the recursions of R's ARIMA_Like with no
 * differencing). Fills kf (may not be NULL); resid, when not NULL, gets the
 * innovations v_t (not standardised). Returns 0, or -1 when the stationary
 * covariance cannot be computed.
 */
int arima_kalman(const double *w, size_t n, double mean, int p, int q, const double *phi,
                 const double *theta, arima_kf *kf, double *resid);

/*
 * Concentrated log-likelihood as reported by R's stats::arima for the series
 * w[0..n) (already differenced) with the given ARMA coefficients and mean:
 * -0.5 * (n log(2 pi s2) + sumlog + n) with s2 = ssq / nu. *sigma2 gets ssq/nu.
 * Returns 0 or -1 as arima_kalman.
 */
int arima_loglik(const double *w, size_t n, double mean, int p, int q, const double *phi,
                 const double *theta, double *loglik, double *sigma2);

/*
 * Differences x[0..n) d times at lag 1 and D times at lag m into z; returns
 * the length n - d - D m of the result (0 when nothing is left).
 */
size_t arima_difference(const double *x, size_t n, int d, int D, int m, double *z);

/* KPSS level-stationarity statistic (urca::ur.kpss type "mu") with `lags` Bartlett lags. */
double arima_kpss(const double *x, size_t n, size_t lags);

/*
 * Number of differences 0..max_d chosen as forecast::ndiffs(): repeated KPSS
 * tests at the 5% level with lag trunc(3 sqrt(n) / 13).
 */
int arima_ndiffs(const double *x, size_t n, int max_d);

/*
 * A fitted ARIMA(p,d,q)(P,D,Q)[m] model with optional constant (a mean when
 * d + D = 0, a drift when d + D = 1). mean is the mean of the differenced
 * series: the drift per period is mean / m when D = 1.
 */
typedef struct arima_fit {
    int p, d, q, P, D, Q, m, constant;
    double phi[ARIMA_MAX_P], theta[ARIMA_MAX_Q], sphi[ARIMA_MAX_SP], stheta[ARIMA_MAX_SQ], mean;
    double loglik, aic, aicc, ic; /* ic is the selection criterion, INFINITY when rejected */
    double sigma2;                /* sum of squared residuals / (n - d - number of coefficients) */
} arima_fit;

/*
 * Fits ARIMA(p, d, q) (with constant when `constant`) to y[0..n) by CSS then
 * exact ML, as R's stats::arima(method = "CSS-ML") followed by the checks of
 * forecast's myarima(). Returns 0 and fills fit (fit->ic is INFINITY when the
 * model is rejected: failed fit, roots within 1.01 of the unit circle,
 * undefined coefficient variances); -1 when out of memory.
 */
int arima_fit_order(const double *y, size_t n, int p, int d, int q, int constant, int use_aic,
                    arima_fit *fit);

/* The same for a seasonal model: order->p, d, q, P, D, Q, m, constant are read. */
int arima_fit_seasonal(const double *y, size_t n, const arima_fit *order, int use_aic,
                       arima_fit *fit);

/*
 * AR and MA polynomials of fit with the seasonal factors multiplied out:
 * phi[0..*np), theta[0..*nq) (R's phi and theta of the state space model).
 */
void arima_expand(const arima_fit *fit, double *phi, int *np, double *theta, int *nq);

/*
 * Seasonal strength of forecast's seas.heuristic(): 1 - var(remainder) /
 * var(remainder + seasonal) from R's stl(x, s.window = 11) (Cleveland et
 * al. 1990), clamped to [0, 1]; needs n > 2m. Returns -1 on failure.
 */
double arima_seasonal_strength(const double *x, size_t n, int m);

/* The sample variance of x[0..n), n >= 2 (denominator n - 1). */
double arima_variance(const double *x, size_t n);

/* forecast::nsdiffs() with the default "seas" test: 1 when the strength exceeds 0.64. */
int arima_nsdiffs(const double *x, size_t n, int m);

/*
 * forecast::auto.arima(): D by arima_nsdiffs when m > 1, d by arima_ndiffs,
 * then the stepwise search of Hyndman and Khandakar (2008) on AICc. m = 1
 * for non-seasonal data. Returns 0, 1 when no model could be fitted, -1
 * when out of memory.
 */
int arima_auto(const double *y, size_t n, int m, arima_fit *fit);

/*
 * Point forecasts and standard deviations h steps ahead from a fitted model,
 * and the one-step in-sample predictions fitted[0..n) (NAN for the first d + D m).
 * work holds 2n doubles. Returns 0, -1 on failure (non-finite results).
 */
int arima_forecast(const double *y, size_t n, const arima_fit *fit, size_t h, double *mean,
                   double *sd, double *fitted, double *work);

extern const fc_method fc_arima;

#endif
