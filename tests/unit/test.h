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

#include "indicators/error.h"

/* A text a parser must refuse: at which column (1-based), saying what. */
typedef struct parse_error_case {
    const char *text;
    long col;
    const char *says;
} parse_error_case;

/* Each case refused by parse with IND_E_ARG at its column, the message holding its words. */
static inline void check_parse_errors(const parse_error_case *cases, size_t n,
                                      ind_status (*parse)(const char *text, ind_error *err))
{
    for (size_t i = 0; i < n; i++) {
        ind_error err;
        ind_error_clear(&err);
        assert_int_equal(parse(cases[i].text, &err), IND_E_ARG);
        if (err.col != cases[i].col || !strstr(err.message, cases[i].says))
            fail_msg("case %zu (%s): col %ld: %s", i, cases[i].text, err.col, err.message);
    }
}


#endif
