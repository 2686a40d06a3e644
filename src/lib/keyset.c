/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keyset.c - a set of 64-bit series-key hashes (see keyset.h): 256 shards
 * by the top 8 bits, each an open-addressing table (linear probing) of the
 * low 56 bits. A lookup runs once per series, not per row. The home slot
 * comes from bits 24..55 scaled to the capacity (a multiply and a shift,
 * as the capacity need not be a power of two), so it does not depend on
 * the shard bits. One table per shard, grown alone, keeps the time a
 * lookup takes (one cache miss) and the allocator's work (a few thousand
 * large blocks over a whole file) as they were with one table.
 */
#include "keyset.h"

#include <stdlib.h>
#include <string.h>

#define NSHARDS ((size_t)1 << KEYSET_SHARD_BITS)
#define REST_MASK ((UINT64_C(1) << (8 * KEYSET_REST)) - 1)
#define FIRST_CAP 64 /* slots of a shard's first table */

uint64_t keyset_hash(const char *name, const char *entity)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a; the 0xff byte separates the two parts */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ 0xff) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)entity; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h ^= h >> 33; /* murmur3's finaliser: every input bit reaches the shard and home bits */
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return h;
}

static uint64_t slot_get(const unsigned char *p)
{
    uint64_t r = 0;
    for (size_t b = 0; b < KEYSET_REST; b++)
        r = r << 8 | p[b];
    return r;
}

static void slot_put(unsigned char *p, uint64_t r)
{
    for (size_t b = KEYSET_REST; b-- > 0; r >>= 8)
        p[b] = (unsigned char)r;
}

/* The rest of h as kept: its low 56 bits, 0 (the empty slot) as 1. */
static uint64_t rest_of(uint64_t h)
{
    uint64_t r = h & REST_MASK;
    return r ? r : 1;
}

/* The slot holding rest r in table slot[0..cap), else the empty one where it would go. */
static unsigned char *find(unsigned char *slot, uint32_t cap, uint64_t r)
{
    size_t i = (size_t)(((r >> 24) & 0xffffffffu) * cap >> 32);
    for (;; i = i + 1 == cap ? 0 : i + 1) {
        uint64_t at = slot_get(slot + i * KEYSET_REST);
        if (at == r || at == 0)
            return slot + i * KEYSET_REST;
    }
}

/* Grows s to the next capacity (2^k -> 3 * 2^(k-1) -> 2^(k+1)), its hashes moved over. */
static int grow(keyset_shard *s)
{
    if (s->cap > UINT32_MAX / 2)
        return -1;
    uint32_t cap = !s->cap ? FIRST_CAP : (s->cap & (s->cap - 1)) ? s->cap / 3 * 4 : s->cap / 2 * 3;
    unsigned char *slot = calloc(cap, KEYSET_REST);
    if (!slot)
        return -1;
    for (uint32_t i = 0; i < s->cap; i++) {
        uint64_t r = slot_get(s->slot + (size_t)i * KEYSET_REST);
        if (r)
            slot_put(find(slot, cap, r), r);
    }
    free(s->slot);
    s->slot = slot;
    s->cap = cap;
    return 0;
}

int keyset_add(keyset *k, uint64_t h)
{
    if (!k->shard && !(k->shard = calloc(NSHARDS, sizeof *k->shard)))
        return -1;
    keyset_shard *s = &k->shard[h >> (64 - KEYSET_SHARD_BITS)];
    uint64_t r = rest_of(h);
    if (((uint64_t)s->n + 1) * 8 > (uint64_t)s->cap * 7 && grow(s) != 0)
        return -1;
    unsigned char *at = find(s->slot, s->cap, r);
    if (slot_get(at))
        return 1;
    slot_put(at, r);
    s->n++;
    k->n++;
    return 0;
}

int keyset_has(const keyset *k, uint64_t h)
{
    if (!k->shard)
        return 0;
    const keyset_shard *s = &k->shard[h >> (64 - KEYSET_SHARD_BITS)];
    return s->cap && slot_get(find(s->slot, s->cap, rest_of(h))) != 0;
}

size_t keyset_bytes(const keyset *k)
{
    if (!k->shard)
        return 0;
    size_t bytes = NSHARDS * sizeof *k->shard;
    for (size_t i = 0; i < NSHARDS; i++)
        bytes += (size_t)k->shard[i].cap * KEYSET_REST;
    return bytes;
}

void keyset_free(keyset *k)
{
    for (size_t i = 0; k->shard && i < NSHARDS; i++)
        free(k->shard[i].slot);
    free(k->shard);
    k->shard = NULL;
    k->n = 0;
}
