/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_targets_file.c - libFuzzer target for the targets file
 * (series,entity,op,goal,year,base_year,kind,label, read by the CSV reader
 * the data loader uses): any bytes give targets or an error with a
 * position, never a crash, hang, leak or undefined behaviour; a target read
 * has a finite goal, a year in 1..9999, a base before it, and a text that
 * reads back as the same target.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined
 *        -Db_lundef=false && ninja -C build-fuzz tests/fuzz_targets_file
 * Run:   build-fuzz/tests/fuzz_targets_file -max_total_time=600 tests/fuzz/corpus-targets-file
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether a name can be written in the one-line syntax as it is (no operator, bracket, edge space). */
static int plain_name(const char *s)
{
    size_t len = strlen(s);
    return !strpbrk(s, "<>=[]\t") && !strstr(s, "\xe2\x89") &&
           (len == 0 || (s[0] != ' ' && s[len - 1] != ' '));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ind_target *t = NULL;
    size_t n = 0;
    ind_error err;
    ind_status st = ind_targets_load_buffer((const char *)data, size, "fuzz.csv", &t, &n, &err);
    if (st != IND_OK) {
        if (t || n || !err.message[0] || strcmp(err.path, "fuzz.csv") != 0 || err.line < 0 ||
            err.col < 0)
            __builtin_trap();
        return 0;
    }
    if (!t || n == 0)
        __builtin_trap();
    for (size_t i = 0; i < n; i++) {
        const ind_target *a = &t[i];
        if (!isfinite(a->goal) || a->year < IND_YEAR_MIN || a->year > IND_YEAR_MAX || !a->series[0] || a->line < 1 ||
            (a->has_base && a->base_year >= a->year) || strlen(a->text) >= IND_TARGET_TEXT_MAX)
            __builtin_trap();
        ind_target b;
        if (strlen(a->text) + 1 < IND_TARGET_TEXT_MAX && plain_name(a->series) &&
            plain_name(a->entity) &&
            ind_target_parse(a->text, &b, &err) == IND_OK &&
            (b.goal != a->goal || b.op != a->op || b.kind != a->kind || b.year != a->year))
            __builtin_trap();
    }
    free(t);
    return 0;
}
