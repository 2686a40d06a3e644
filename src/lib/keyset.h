/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keyset.h - private to the loader: the set of series already handed over
 * while a file is streamed (rows.c), to tell a file grouped by series from
 * one where a series' rows come back after another series began.
 *
 * It keeps one 64-bit hash per series, not the names, so that memory does
 * not grow with the text of the keys: the hash's top 8 bits pick one of 256
 * shards, each an open-addressing table of the other 56 bits (7 bytes a
 * slot), at most 7/8 full, grown alone by half or a third (capacities 2^k
 * and 3 * 2^(k-1)) when full. That is 8-12 bytes a series, and growing
 * holds two copies of one shard, not of the whole set: 3.26 million series
 * of a 2.4 GB World Bank file take 28 MiB, where one table of 8-byte slots
 * doubling took 16 + 32 MiB at once. Membership is exact on the 64-bit hash
 * as before (a rest of 0 marks an empty slot and is kept as 1, as a hash
 * of 0 was before): two different keys share a hash with probability
 * about n^2 / 2^65 (4e-9 for 400,000 series, 3e-7 for 3.26 million); the
 * file then looks ungrouped, which costs a reading as a whole where the
 * loader may read again, and a refused file where it may not (see load.h).
 */
#ifndef INDICATORS_KEYSET_H
#define INDICATORS_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#define KEYSET_SHARD_BITS 8 /* the hash's top bits pick the shard */
#define KEYSET_REST 7       /* bytes kept of the rest of the hash */

typedef struct keyset_shard {
    unsigned char *slot; /* cap slots of KEYSET_REST bytes: a hash's low 56 bits, 0 = empty */
    uint32_t n, cap;
} keyset_shard;

typedef struct keyset {
    keyset_shard *shard; /* NULL until the first key; then 2^KEYSET_SHARD_BITS of them */
    size_t n;            /* hashes held */
} keyset;

/* The hash of a series key as stored (name and entity normalised). */
uint64_t keyset_hash(const char *name, const char *entity);

/* Adds h; 1 when it was there already, 0 when added, -1 when out of memory. */
int keyset_add(keyset *k, uint64_t h);

/* Whether h is in the set. */
int keyset_has(const keyset *k, uint64_t h);

/* Bytes held by the set (its shards' arrays and their directory). */
size_t keyset_bytes(const keyset *k);

void keyset_free(keyset *k);

#endif
