/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * arima_stl.c - the seasonal difference test of the ARIMA method:
 * forecast::nsdiffs() with its default "seas" test, which decomposes the
 * series with STL (Cleveland, Cleveland, McRae and Terpenning 1990) and
 * differences once when the seasonal strength exceeds 0.64 (Wang, Smith
 * and Hyndman 2006).
 *
 * The STL here is the non-robust one R's stl() runs for forecast::mstl():
 * s.window = 11, s.degree = 0, t.window = nextodd(ceiling(1.5 m / (1 -
 * 1.5 / 11))), l.window = nextodd(m), t.degree = l.degree = 1, jumps of
 * ceiling(window / 10), two inner passes; it follows the published
 * Fortran (netlib stl, as in R's stats) step by step, with 1-based
 * positions kept in the loess code so that it reads like the original.
 */
#include "arima.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Loess estimate at xs from y[nleft..nright] (1-based) with tricube
 * weights; w[] is scratch indexed like y. Returns 0 when all weights vanish.
 */
static int est(const double *y, int n, int len, int ideg, double xs, double *ys, int nleft,
               int nright, double *w)
{
    double range = (double)n - 1.0;
    double h = fmax(xs - (double)nleft, (double)nright - xs);
    if (len > n)
        h += (double)((len - n) / 2);
    double h9 = 0.999 * h, h1 = 0.001 * h, a = 0.0;
    for (int j = nleft; j <= nright; j++) {
        w[j] = 0.0;
        double r = fabs((double)j - xs);
        if (r <= h9) {
            if (r <= h1)
                w[j] = 1.0;
            else {
                double u = r / h;
                u = 1.0 - u * u * u;
                w[j] = u * u * u;
            }
            a += w[j];
        }
    }
    if (a <= 0.0)
        return 0;
    for (int j = nleft; j <= nright; j++)
        w[j] /= a;
    if (h > 0.0 && ideg > 0) {
        a = 0.0;
        for (int j = nleft; j <= nright; j++)
            a += w[j] * (double)j;
        double b = xs - a, c = 0.0;
        for (int j = nleft; j <= nright; j++)
            c += w[j] * ((double)j - a) * ((double)j - a);
        if (sqrt(c) > 0.001 * range) {
            b /= c;
            for (int j = nleft; j <= nright; j++)
                w[j] *= b * ((double)j - a) + 1.0;
        }
    }
    double s = 0.0;
    for (int j = nleft; j <= nright; j++)
        s += w[j] * y[j];
    *ys = s;
    return 1;
}

/* Loess smoothing of y[1..n] into ys[1..n], evaluated every njump points and interpolated. */
static void ess(const double *y, int n, int len, int ideg, int njump, double *ys, double *res)
{
    if (n < 2) {
        ys[1] = y[1];
        return;
    }
    int newnj = njump < n - 1 ? njump : n - 1, nleft = 0, nright = 0;
    if (len >= n) {
        nleft = 1;
        nright = n;
        for (int i = 1; i <= n; i += newnj)
            if (!est(y, n, len, ideg, (double)i, &ys[i], nleft, nright, res))
                ys[i] = y[i];
    } else if (newnj == 1) {
        int nsh = (len + 1) / 2;
        nleft = 1;
        nright = len;
        for (int i = 1; i <= n; i++) {
            if (i > nsh && nright != n) {
                nleft++;
                nright++;
            }
            if (!est(y, n, len, ideg, (double)i, &ys[i], nleft, nright, res))
                ys[i] = y[i];
        }
    } else {
        int nsh = (len + 1) / 2;
        for (int i = 1; i <= n; i += newnj) {
            if (i < nsh) {
                nleft = 1;
                nright = len;
            } else if (i >= n - nsh + 1) {
                nleft = n - len + 1;
                nright = n;
            } else {
                nleft = i - nsh + 1;
                nright = len + i - nsh;
            }
            if (!est(y, n, len, ideg, (double)i, &ys[i], nleft, nright, res))
                ys[i] = y[i];
        }
    }
    if (newnj == 1)
        return;
    for (int i = 1; i <= n - newnj; i += newnj) {
        double delta = (ys[i + newnj] - ys[i]) / (double)newnj;
        for (int j = i + 1; j <= i + newnj - 1; j++)
            ys[j] = ys[i] + delta * (double)(j - i);
    }
    int k = ((n - 1) / newnj) * newnj + 1;
    if (k != n) {
        if (!est(y, n, len, ideg, (double)n, &ys[n], nleft, nright, res))
            ys[n] = y[n];
        if (k != n - 1) {
            double delta = (ys[n] - ys[k]) / (double)(n - k);
            for (int j = k + 1; j <= n - 1; j++)
                ys[j] = ys[k] + delta * (double)(j - k);
        }
    }
}

/* Moving average of length len: ave[1..n-len+1]. */
static void ma(const double *x, int n, int len, double *ave)
{
    int newn = n - len + 1;
    double flen = (double)len, v = 0.0;
    for (int i = 1; i <= len; i++)
        v += x[i];
    ave[1] = v / flen;
    for (int j = 2, k = len + 1, m = 1; j <= newn; j++, k++, m++) {
        v = v - x[m] + x[k];
        ave[j] = v / flen;
    }
}

/* The low-pass filter: moving averages of lengths np, np, 3. */
static void fts(const double *x, int n, int np, double *trend, double *work)
{
    ma(x, n, np, trend);
    ma(trend, n - np + 1, np, work);
    ma(work, n - 2 * np + 2, 3, trend);
}

/*
 * Smooths each cycle-subseries of y[1..n] (period np) and extends it by one
 * point at each end: season[1..n+2np].
 */
static void ss(const double *y, int n, int np, int ns, int isdeg, int nsjump, double *season,
               double *work1, double *work2, double *work3, double *work4)
{
    (void)work3;
    for (int j = 1; j <= np; j++) {
        int k = (n - j) / np + 1;
        for (int i = 1; i <= k; i++)
            work1[i] = y[(i - 1) * np + j];
        ess(work1, k, ns, isdeg, nsjump, work2 + 1, work4);
        int nright = ns < k ? ns : k;
        if (!est(work1, k, ns, isdeg, 0.0, &work2[1], 1, nright, work4))
            work2[1] = work2[2];
        int nleft = k - ns + 1 > 1 ? k - ns + 1 : 1;
        if (!est(work1, k, ns, isdeg, (double)(k + 1), &work2[k + 2], nleft, k, work4))
            work2[k + 2] = work2[k + 1];
        for (int m = 1; m <= k + 2; m++)
            season[(m - 1) * np + j] = work2[m];
    }
}

static int nextodd(double x)
{
    int v = (int)lround(x);
    return v % 2 == 0 ? v + 1 : v;
}

/*
 * Non-robust STL of y[0..n) with period np: seasonal and trend components
 * (0-based, n each). Returns 0, -1 when out of memory.
 */
static int stl(const double *y0, int n, int np, double *season0, double *trend0)
{
    int ns = 11, nt = nextodd(ceil(1.5 * np / (1.0 - 1.5 / ns))), nl = nextodd(np);
    int nsjump = (ns + 9) / 10, ntjump = (nt + 9) / 10, nljump = (nl + 9) / 10;
    if (nt < 3)
        nt = 3;
    if (nl < 3)
        nl = 3;
    int len = n + 2 * np + 2;
    double *mem = calloc((size_t)len * 8, sizeof *mem);
    if (!mem)
        return -1;
    /* 1-based views */
    double *y = mem - 1 + 0 * len, *season = mem - 1 + 1 * len, *trend = mem - 1 + 2 * len;
    double *w1 = mem - 1 + 3 * len, *w2 = mem - 1 + 4 * len, *w3 = mem - 1 + 5 * len;
    double *w4 = mem - 1 + 6 * len, *w5 = mem - 1 + 7 * len;
    for (int i = 1; i <= n; i++)
        y[i] = y0[i - 1];
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 1; i <= n; i++)
            w1[i] = y[i] - trend[i];
        ss(w1, n, np, ns, 0, nsjump, w2, w3, w4, w5, season);
        fts(w2, n + 2 * np, np, w3, w1);
        ess(w3, n, nl, 1, nljump, w1, w4);
        for (int i = 1; i <= n; i++)
            season[i] = w2[np + i] - w1[i];
        for (int i = 1; i <= n; i++)
            w1[i] = y[i] - season[i];
        ess(w1, n, nt, 1, ntjump, trend, w3);
    }
    for (int i = 1; i <= n; i++) {
        season0[i - 1] = season[i];
        trend0[i - 1] = trend[i];
    }
    free(mem);
    return 0;
}

double arima_variance(const double *x, size_t n)
{
    double mean = 0.0, ss = 0.0;
    for (size_t t = 0; t < n; t++)
        mean += (x[t] - mean) / (double)(t + 1);
    for (size_t t = 0; t < n; t++)
        ss += (x[t] - mean) * (x[t] - mean);
    return ss / (double)(n - 1);
}

double arima_seasonal_strength(const double *x, size_t n, int m)
{
    if (m < 2 || n <= 2 * (size_t)m || n > (size_t)1 << 24)
        return -1.0;
    double *mem = malloc(4 * n * sizeof *mem);
    if (!mem)
        return -1.0;
    double *season = mem, *trend = mem + n, *rem = mem + 2 * n, *rs = mem + 3 * n;
    double strength = -1.0;
    if (stl(x, (int)n, m, season, trend) == 0) {
        for (size_t t = 0; t < n; t++) {
            rem[t] = x[t] - season[t] - trend[t];
            rs[t] = rem[t] + season[t];
        }
        double vr = arima_variance(rem, n), vrs = arima_variance(rs, n);
        strength = vrs > 0.0 ? 1.0 - vr / vrs : 0.0;
        strength = strength < 0.0 ? 0.0 : strength > 1.0 ? 1.0 : strength;
        if (!isfinite(strength))
            strength = 0.0;
    }
    free(mem);
    return strength;
}

int arima_nsdiffs(const double *x, size_t n, int m)
{
    if (m < 2 || (size_t)m >= n)
        return 0;
    double strength = arima_seasonal_strength(x, n, m);
    return strength > 0.64 ? 1 : 0;
}
