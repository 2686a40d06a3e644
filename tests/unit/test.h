/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test.h - what every unit test includes: cmocka (with the headers it needs
 * first), and a helper for relative tolerances.
 */
#ifndef INDICATORS_TEST_H
#define INDICATORS_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* |got - want| <= rel * |want| (or <= rel when want is 0), printed when it fails. */
#define assert_close(got, want, rel)                                                              \
    do {                                                                                          \
        double got_ = (got), want_ = (want), tol_ = (rel) * (want_ == 0 ? 1 : fabs(want_));       \
        if (!(fabs(got_ - want_) <= tol_))                                                        \
            fail_msg("%s = %.17g, expected %.17g (tolerance %.3g)", #got, got_, want_, tol_);     \
    } while (0)


#endif
