/*
 * fuzz_load.c - libFuzzer target for the CSV loader: any bytes must give a
 * dataset or an error with a message, never a crash, hang or leak.
 *
 * Build and run (clang):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude tests/fuzz/fuzz_load.c \
 *       $(find src/lib -name '*.c') -lcsv -lgsl -lgslcblas -lm -o /tmp/fuzz_load
 *   /tmp/fuzz_load -max_total_time=300 /tmp/corpus tests/data tests/bad
 * The first byte chooses options (shape, encoding, delimiter) so that those
 * paths are fuzzed too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "indicators/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ind_load_options opt;
    ind_load_options_init(&opt);
    if (size > 0) {
        static const char *const encodings[] = {NULL, "utf-8", "gbk", "gb18030"};
        static const char delimiters[] = {0, ',', ';', '\t'};
        uint8_t c = data[0];
        opt.shape = (ind_shape)(c & 3);
        opt.encoding = encodings[(c >> 2) & 3];
        opt.delimiter = delimiters[(c >> 4) & 3];
        data++;
        size--;
    }
    ind_dataset *ds = NULL;
    ind_load_info info;
    ind_error err;
    ind_status st = ind_load_buffer((const char *)data, size, "fuzz.csv", &opt, &ds, &info, &err);
    if (st == IND_OK) {
        if (!ds)
            __builtin_trap();
        for (size_t i = 0; i < ind_dataset_count(ds); i++) {
            const ind_series *s = ind_dataset_at(ds, i);
            for (size_t k = 0; k < s->n; k++)
                if (s->value[k] != s->value[k] || (k > 0 && s->ord[k] <= s->ord[k - 1]))
                    __builtin_trap();
        }
        ind_dataset_free(ds);
    } else if (ds || !err.message[0]) {
        __builtin_trap();
    }
    return 0;
}
