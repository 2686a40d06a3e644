/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_target_spec.c - libFuzzer target for the one-line target syntax
 * (--target 'rd[Luohe] >= 2.5 by 2025'): any text gives a target or an
 * error whose column lies within the text, and a target read is written back
 * by ind_target_format as text that reads as the same target.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined
 *        -Db_lundef=false && ninja -C build-fuzz tests/fuzz_target_spec
 * Run:   build-fuzz/tests/fuzz_target_spec -max_total_time=600 tests/fuzz/corpus-target-spec
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_target(const ind_target *a, const ind_target *b)
{
    return strcmp(a->series, b->series) == 0 && strcmp(a->entity, b->entity) == 0 &&
           a->op == b->op && a->kind == b->kind && a->goal == b->goal && a->year == b->year &&
           a->has_base == b->has_base && (!a->has_base || a->base_year == b->base_year);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1); /* a command-line argument: NUL-terminated, no NUL inside */
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    ind_target t;
    ind_error err;
    ind_error_clear(&err);
    if (ind_target_parse(text, &t, &err) != IND_OK) {
        if (err.code != IND_E_ARG || err.col < 0 || (size_t)err.col > strlen(text) + 1 ||
            !err.message[0])
            __builtin_trap();
    } else {
        if (!isfinite(t.goal) || t.year < 0 || t.year > 9999)
            __builtin_trap();
        char again[IND_TARGET_TEXT_MAX + 64];
        size_t len = ind_target_format(&t, again, sizeof again);
        ind_target u;
        if (len >= sizeof again)
            __builtin_trap();
        /* the canonical text has spaces around the operator: it may pass the length limit */
        if (len < IND_TARGET_TEXT_MAX &&
            (ind_target_parse(again, &u, &err) != IND_OK || !same_target(&t, &u)))
            __builtin_trap();
    }
    free(text);
    return 0;
}
