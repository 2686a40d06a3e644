/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the set of series keys the streaming loader keeps
 * (src/lib/keyset.c).
 */
#include "test.h"

#include "keyset.h"

#include <stdlib.h>

static void tells_keys_apart(void **state)
{
    (void)state;
    /* the separator keeps name and entity apart */
    assert_true(keyset_hash("ab", "c") != keyset_hash("a", "bc"));
    assert_true(keyset_hash("a", "") != keyset_hash("", "a"));
    assert_true(keyset_hash("gdp", "China") == keyset_hash("gdp", "China"));
}

static void adds_and_finds_many(void **state)
{
    (void)state;
    keyset k = {NULL, 0};
    char name[32];
    assert_false(keyset_has(&k, keyset_hash("s0", "e"))); /* empty, no shards yet */
    assert_int_equal(keyset_bytes(&k), 0);
    for (int i = 0; i < 200000; i++) {
        snprintf(name, sizeof name, "s%d", i);
        assert_int_equal(keyset_add(&k, keyset_hash(name, "e")), 0);
    }
    assert_int_equal(k.n, 200000);
    for (int i = 0; i < 200000; i += 7) {
        snprintf(name, sizeof name, "s%d", i);
        assert_true(keyset_has(&k, keyset_hash(name, "e")));
        assert_int_equal(keyset_add(&k, keyset_hash(name, "e")), 1);
        assert_false(keyset_has(&k, keyset_hash(name, "f")));
    }
    assert_int_equal(k.n, 200000);
    keyset_free(&k);
    assert_false(keyset_has(&k, keyset_hash("s0", "e")));
    assert_int_equal(k.n, 0);
}

/* splitmix64: reproducible 64-bit values spread over every bit */
static uint64_t next(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/*
 * Hashes that agree on the shard (top 8 bits), on the kept rest (low 56
 * bits) or on the home slot (bits 24..55) are still told apart: only equal
 * 64-bit hashes are the same key.
 */
static void collisions_forced(void **state)
{
    (void)state;
    keyset k = {NULL, 0};
    const uint64_t low = UINT64_C(0x00123456789abcde), top = UINT64_C(0xbe) << 56;
    for (uint64_t s = 0; s < 256; s++) /* one rest in every shard */
        assert_int_equal(keyset_add(&k, s << 56 | low), 0);
    for (uint64_t r = 1; r <= 1000; r++) /* 1,000 rests in one shard, one home slot: */
        assert_int_equal(keyset_add(&k, top | (low + r)), 0); /* a run 1,000 long, grown */
    assert_int_equal(k.n, 256 + 1000);
    for (uint64_t s = 0; s < 256; s++) {
        assert_true(keyset_has(&k, s << 56 | low));
        assert_false(keyset_has(&k, s << 56 | (low - 1)));
        assert_false(keyset_has(&k, s << 56 | (low ^ (UINT64_C(1) << 55))));
    }
    for (uint64_t r = 1; r <= 1000; r++)
        assert_int_equal(keyset_add(&k, top | (low + r)), 1);
    assert_false(keyset_has(&k, top | (low + 1001)));
    assert_false(keyset_has(&k, (top ^ (UINT64_C(1) << 56)) | (low + 1)));
    /* the extremes of both parts */
    assert_int_equal(keyset_add(&k, UINT64_MAX), 0);
    assert_int_equal(keyset_add(&k, (UINT64_C(1) << 56) - 1), 0); /* shard 0's last rest */
    assert_true(keyset_has(&k, UINT64_MAX));
    assert_false(keyset_has(&k, UINT64_MAX - 1));
    assert_false(keyset_has(&k, UINT64_C(1) << 56)); /* shard 1's first */
    /* a rest of 0 marks an empty slot: kept as 1, as a hash of 0 was before */
    assert_false(keyset_has(&k, 0));
    assert_int_equal(keyset_add(&k, 0), 0);
    assert_true(keyset_has(&k, 0) && keyset_has(&k, 1));
    assert_int_equal(keyset_add(&k, 1), 1);
    keyset_free(&k);
}

/*
 * Against a sorted array: 100,000 random hashes crowded into 4 shards (25,000
 * each, grown far beyond the others) and 100,000 over all of them; each
 * added once, then every one and twice as many others looked up (random ones,
 * and ones a bit away from a hash held).
 */
static void agrees_with_a_sorted_array(void **state)
{
    (void)state;
    enum { N = 200000 };
    uint64_t *ref = malloc(N * sizeof *ref), x = 14;
    assert_non_null(ref);
    keyset k = {NULL, 0};
    for (size_t i = 0; i < N; i++) { /* 64-bit values of a fixed seed: no two equal */
        uint64_t h = next(&x);
        if (i % 2 == 0)
            h = (h & ~(UINT64_C(0xfc) << 56)) | (UINT64_C(0x70) << 56);
        ref[i] = h;
        assert_int_equal(keyset_add(&k, h), 0);
        if (i % 1000 == 999) /* re-adding a key seen is 1, and leaves the set as it was */
            assert_int_equal(keyset_add(&k, ref[i / 2]), 1);
    }
    assert_int_equal(k.n, N);
    qsort(ref, N, sizeof *ref, cmp_u64);
    for (size_t i = 0; i < N; i++)
        assert_true(keyset_has(&k, ref[i]));
    for (size_t i = 0; i < N; i++) {
        uint64_t h = next(&x);
        assert_int_equal(keyset_has(&k, h), bsearch(&h, ref, N, sizeof *ref, cmp_u64) != NULL);
        h = ref[i] ^ (UINT64_C(1) << (i % 64)); /* one bit away from a key held */
        assert_int_equal(keyset_has(&k, h), bsearch(&h, ref, N, sizeof *ref, cmp_u64) != NULL);
    }
    /* 7-byte slots at most 7/8 and at least 7/8 * 2/3 full (shards grow by half or a
       third): under 12 bytes a hash beside the directory and the first tables */
    assert_true(keyset_bytes(&k) < N * 12 + 256 * (sizeof(keyset_shard) + 64 * 7));
    keyset_free(&k);
    free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tells_keys_apart),
        cmocka_unit_test(adds_and_finds_many),
        cmocka_unit_test(collisions_forced),
        cmocka_unit_test(agrees_with_a_sorted_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
