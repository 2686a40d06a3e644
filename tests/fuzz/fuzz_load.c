/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_load.c - libFuzzer target for the CSV loader: any bytes must give
 * either a dataset or an error with a position, never a crash, hang, leak or
 * undefined behaviour. Each input is loaded with detection, and again with
 * each shape forced, so the shape-specific paths see hostile data too.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined
 *        -Db_lundef=false && ninja -C build-fuzz tests/fuzz_load
 * Run:   build-fuzz/tests/fuzz_load -max_total_time=600 tests/fuzz/corpus
 */
#include <stddef.h>
#include <stdint.h>

#include "indicators/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load_as(const uint8_t *data, size_t size, ind_shape shape)
{
    ind_load_options opt;
    ind_load_options_init(&opt);
    opt.shape = shape;
    ind_dataset *ds = NULL;
    ind_load_info info;
    ind_error err;
    ind_status status = ind_load_buffer((const char *)data, size, "fuzz.csv", &opt, &ds, &info, &err);
    if (status == IND_OK) {
        /* walk what was stored so a corrupt series shows up under ASan */
        for (size_t i = 0; i < ind_dataset_count(ds); i++) {
            const ind_series *s = ind_dataset_at(ds, i);
            for (size_t k = 1; k < s->n; k++)
                if (s->ord[k - 1] >= s->ord[k])
                    __builtin_trap();
        }
    }
    ind_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_as(data, size, IND_SHAPE_AUTO);
    load_as(data, size, IND_SHAPE_LONG);
    load_as(data, size, IND_SHAPE_WIDE_PERIOD);
    load_as(data, size, IND_SHAPE_WIDE_SERIES);
    return 0;
}
