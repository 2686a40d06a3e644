/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keyset.h - private to the loader: the set of series already handed over
 * while a file is streamed (rows.c), to tell a file grouped by series from
 * one where a series' rows come back after another series began.
 *
 * It keeps one 64-bit hash per series, not the names, so that memory stays
 * near 8-10 bytes a series (3.2 million series of a 2.4 GB World Bank file:
 * 32 MiB) instead of growing with the text of the keys. Two different keys
 * share a hash with probability about n^2 / 2^65 (4e-9 for 400,000 series):
 * the file then looks ungrouped, which costs a reading as a whole where the
 * loader may read again, and a refused file where it may not (see load.h).
 */
#ifndef INDICATORS_KEYSET_H
#define INDICATORS_KEYSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct keyset {
    uint64_t *slot; /* 0 = empty; a hash of 0 is stored as 1 */
    size_t n, mask;
} keyset;

/* The hash of a series key as stored (name and entity normalised). */
uint64_t keyset_hash(const char *name, const char *entity);

/* Adds h; 1 when it was there already, 0 when added, -1 when out of memory. */
int keyset_add(keyset *k, uint64_t h);

/* Whether h is in the set. */
int keyset_has(const keyset *k, uint64_t h);

void keyset_free(keyset *k);

#endif
