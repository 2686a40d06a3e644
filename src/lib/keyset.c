/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keyset.c - a set of 64-bit series-key hashes (see keyset.h): open
 * addressing with linear probing, kept at most 7/8 full so that a table of
 * 2^k slots holds up to 0.875 * 2^k keys (a lookup runs once per series,
 * not per row, so longer probes cost nothing that shows).
 */
#include "keyset.h"

#include <stdlib.h>

uint64_t keyset_hash(const char *name, const char *entity)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a; the 0xff byte separates the two parts */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ 0xff) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)entity; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h ^= h >> 33; /* murmur3's finaliser: every input bit reaches the low bits used as index */
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return h ? h : 1;
}

static uint64_t *find(const keyset *k, uint64_t h)
{
    for (size_t i = (size_t)h & k->mask;; i = (i + 1) & k->mask)
        if (k->slot[i] == h || k->slot[i] == 0)
            return &k->slot[i];
}

static int grow(keyset *k)
{
    size_t nslots = k->slot ? 2 * (k->mask + 1) : 1024;
    keyset bigger = {calloc(nslots, sizeof *bigger.slot), 0, nslots - 1};
    if (!bigger.slot)
        return -1;
    for (size_t i = 0; k->slot && i <= k->mask; i++)
        if (k->slot[i])
            *find(&bigger, k->slot[i]) = k->slot[i];
    bigger.n = k->n;
    free(k->slot);
    *k = bigger;
    return 0;
}

int keyset_add(keyset *k, uint64_t h)
{
    h = h ? h : 1;
    if ((!k->slot || (k->n + 1) * 8 > (k->mask + 1) * 7) && grow(k) != 0)
        return -1;
    uint64_t *at = find(k, h);
    if (*at)
        return 1;
    *at = h;
    k->n++;
    return 0;
}

int keyset_has(const keyset *k, uint64_t h)
{
    h = h ? h : 1;
    return k->slot && *find(k, h) != 0;
}

void keyset_free(keyset *k)
{
    free(k->slot);
    k->slot = NULL;
    k->n = k->mask = 0;
}
