/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the set of series keys the streaming loader keeps
 * (src/lib/keyset.c).
 */
#include "test.h"

#include "keyset.h"

static void tells_keys_apart(void **state)
{
    (void)state;
    /* the separator keeps name and entity apart */
    assert_true(keyset_hash("ab", "c") != keyset_hash("a", "bc"));
    assert_true(keyset_hash("a", "") != keyset_hash("", "a"));
    assert_true(keyset_hash("gdp", "China") == keyset_hash("gdp", "China"));
    assert_true(keyset_hash("", "") != 0);
}

static void adds_and_finds_many(void **state)
{
    (void)state;
    keyset k = {NULL, 0, 0};
    char name[32];
    assert_false(keyset_has(&k, keyset_hash("s0", "e"))); /* empty, no table yet */
    for (int i = 0; i < 200000; i++) {
        snprintf(name, sizeof name, "s%d", i);
        assert_int_equal(keyset_add(&k, keyset_hash(name, "e")), 0);
    }
    assert_int_equal(k.n, 200000);
    /* at most 7/8 full: 200,000 keys in 2^18 slots */
    assert_int_equal(k.mask + 1, 1u << 18);
    for (int i = 0; i < 200000; i += 7) {
        snprintf(name, sizeof name, "s%d", i);
        assert_true(keyset_has(&k, keyset_hash(name, "e")));
        assert_int_equal(keyset_add(&k, keyset_hash(name, "e")), 1);
        assert_false(keyset_has(&k, keyset_hash(name, "f")));
    }
    assert_int_equal(k.n, 200000);
    /* 0 is the empty slot: a hash of 0 is kept as 1 */
    assert_int_equal(keyset_add(&k, 0), 0);
    assert_true(keyset_has(&k, 0));
    assert_true(keyset_has(&k, 1));
    keyset_free(&k);
    assert_false(keyset_has(&k, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tells_keys_apart),
        cmocka_unit_test(adds_and_finds_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
