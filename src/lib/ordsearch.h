/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ordsearch.h - private: binary search in an ascending array of period
 * ordinals, shared by the series store (dataset.c) and the loader's record
 * of missing periods (rows.c).
 */
#ifndef INDICATORS_ORDSEARCH_H
#define INDICATORS_ORDSEARCH_H

#include <stddef.h>
#include <stdint.h>

/* The first index of ord[0..n) whose value is >= x (n when none); ord ascending. */
static inline size_t ord_lower_bound(const int32_t *ord, size_t n, int32_t x)
{
    size_t lo = 0, hi = n;
    if (n > 0 && ord[n - 1] < x)
        return n; /* after the last: appending in order, the usual case */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ord[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif
