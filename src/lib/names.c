/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * names.c - which series names and entities a dataset has, and the ones
 * near a name that is not there, for messages like "no entity 'Xuchang';
 * near: 'Xuchang City'" (see dataset.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indicators/dataset.h"

/* The field of s a name is matched against: the entity, or the series name. */
static const char *field(const ind_series *s, ind_name_kind kind)
{
    return kind == IND_NAME_ENTITY ? s->entity : s->name;
}

bool ind_dataset_has_name(const ind_dataset *ds, ind_name_kind kind, const char *name)
{
    for (size_t i = 0; i < ind_dataset_count(ds); i++) {
        const ind_series *s = ind_dataset_at(ds, i);
        if (strcmp(field(s, kind), name) == 0 ||
            (kind == IND_NAME_SERIES && s->label[0] && strcmp(s->label, name) == 0))
            return true;
    }
    return false;
}

/* Levenshtein distance of a and b, ASCII letters compared without case; bytes otherwise. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            size_t best = diag + !same;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

/* Whether one contains the other, ignoring ASCII case ("luohe" in "Luohe City"). */
static bool contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return false;
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t ind_dataset_names(const ind_dataset *ds, ind_name_kind kind, const char ***out)
{
    size_t n = ind_dataset_count(ds), k = 0;
    *out = NULL;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names)
        return 0;
    for (size_t i = 0; i < n; i++)
        names[i] = field(ind_dataset_at(ds, i), kind);
    qsort(names, n, sizeof *names, by_text);
    for (size_t i = 0; i < n; i++)
        if (k == 0 || strcmp(names[k - 1], names[i]) != 0)
            names[k++] = names[i];
    *out = names;
    return k;
}

size_t ind_dataset_near_names(const ind_dataset *ds, ind_name_kind kind, const char *name,
                              const char **near, size_t max)
{
    const char **names;
    size_t n = ind_dataset_names(ds, kind, &names), count = 0;
    size_t *dist = malloc((max ? max : 1) * sizeof *dist);
    /* a typo or two (a third of the name at most), a differing case, or a part */
    size_t limit = strlen(name) / 3 > 1 ? strlen(name) / 3 : 1;
    for (size_t i = 0; dist && i < n; i++) {
        size_t d = distance(names[i], name);
        if (d > limit && !contains(names[i], name) && !contains(name, names[i]))
            continue;
        if (d > limit)
            d = limit + 1; /* parts come after typos */
        size_t at = count < max ? count++ : max;
        while (at > 0 && dist[at - 1] > d) { /* insertion by distance, then by name */
            if (at < max) {
                near[at] = near[at - 1];
                dist[at] = dist[at - 1];
            }
            at--;
        }
        if (at < max) {
            near[at] = names[i];
            dist[at] = d;
        }
    }
    free(dist);
    free(names);
    return count;
}
