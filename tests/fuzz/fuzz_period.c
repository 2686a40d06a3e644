/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_period.c - libFuzzer target for the period parser: any bytes (read
 * only within their length, as cells are not NUL-terminated) give a period
 * or -1, and a period read is one of the four frequencies, in the years the
 * parser accepts, and reads back the same from its canonical text.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined
 *        -Db_lundef=false && ninja -C build-fuzz tests/fuzz_period
 * Run:   build-fuzz/tests/fuzz_period -max_total_time=600 tests/fuzz/corpus-period
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "indicators/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ind_period p;
    if (ind_period_parse((const char *)data, size, &p) != 0)
        return 0;
    if (p.freq != IND_FREQ_YEAR && p.freq != IND_FREQ_HALF && p.freq != IND_FREQ_QUARTER &&
        p.freq != IND_FREQ_MONTH)
        __builtin_trap();
    int year = ind_period_year(p), sub = ind_period_sub(p);
    if (year < 0 || year > 9999 || sub < 1 || sub > (int)p.freq)
        __builtin_trap();
    char text[IND_PERIOD_TEXT_MAX];
    size_t len = ind_period_format(p, text, sizeof text);
    ind_period again;
    if (len >= sizeof text || ind_period_parse(text, len, &again) != 0 || again.freq != p.freq ||
        again.ord != p.ord)
        __builtin_trap();
    return 0;
}
