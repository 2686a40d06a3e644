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
#define ARIMA_MAX_R (ARIMA_MAX_Q + 1) /* state dimension max(p, q + 1) */
#define ARIMA_MAX_D 2

/* Result of a Kalman filter pass over a zero-mean ARMA series. */
typedef struct arima_kf {
    double ssq;    /* sum of v_t^2 / F_t over the observations used */
    double sumlog; /* sum of log F_t */
    size_t nu;     /* observations used (F_t < 1e4, as R) */
    double a[ARIMA_MAX_R];                 /* filtered state at the end */
    double P[ARIMA_MAX_R * ARIMA_MAX_R];   /* its covariance / sigma2 (row-major r x r) */
} arima_kf;

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

/* KPSS level-stationarity statistic (urca::ur.kpss type "mu") with `lags` Bartlett lags. */
double arima_kpss(const double *x, size_t n, size_t lags);

/*
 * Number of differences 0..max_d chosen as forecast::ndiffs(): repeated KPSS
 * tests at the 5% level with lag trunc(3 sqrt(n) / 13).
 */
int arima_ndiffs(const double *x, size_t n, int max_d);

/* A fitted ARIMA(p, d, q) model with optional constant (mean when d = 0, drift when d = 1). */
typedef struct arima_fit {
    int p, d, q, constant;
    double phi[ARIMA_MAX_P], theta[ARIMA_MAX_Q], mean;
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

/*
 * forecast::auto.arima() for non-seasonal data: d by arima_ndiffs, then the
 * stepwise search of Hyndman and Khandakar (2008) on AICc. Returns 0, 1 when
 * no model could be fitted, -1 when out of memory.
 */
int arima_auto(const double *y, size_t n, arima_fit *fit);

/*
 * Point forecasts and standard deviations h steps ahead from a fitted model,
 * and the one-step in-sample predictions fitted[0..n) (NAN for the first d).
 * work holds 2n doubles. Returns 0, -1 on failure (non-finite results).
 */
int arima_forecast(const double *y, size_t n, const arima_fit *fit, size_t h, double *mean,
                   double *sd, double *fitted, double *work);

extern const fc_method fc_arima;

#endif
