/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dataset.c - the series store (see include/indicators/dataset.h).
 *
 * Series live in one growable array in order of first appearance; an
 * open-addressing hash table over (name, entity) finds them in O(1), because
 * a World Bank file has hundreds of thousands of series and every cell looks
 * one up.
 *
 * Every name, entity, unit and label passes through here, so this is where
 * control characters become spaces (text_normalise): a line break inside a
 * quoted header cell is common in Excel exports, and a name must never carry
 * a command to gnuplot or a terminal.
 */
#include "indicators/dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordsearch.h"

#include "text.h"

struct ind_dataset {
    ind_series *series;
    size_t n, cap;
    size_t *slots; /* hash table of series index + 1; 0 = empty */
    size_t nslots; /* power of two, kept at most half full */
    size_t renamed; /* series whose name or entity had control characters */
};

/* The shared "" of every series without a unit or label: most have none, and
 * hundreds of thousands of series should not cost two allocations each for it. */
static char no_text[1];

/* Frees a string field unless it is the shared "". */
static void free_text(char *text)
{
    if (text != no_text)
        free(text);
}

static char *dup_text(const char *s)
{
    size_t len = strlen(s);
    char *copy = malloc(len + 1);
    if (copy)
        memcpy(copy, s, len + 1);
    return copy;
}

static size_t key_hash(const char *name, const char *entity)
{
    size_t h = 1469598103934665603u; /* FNV-1a; the 0 byte separates the two parts */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ 0xff) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)entity; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

ind_dataset *ind_dataset_new(void)
{
    ind_dataset *ds = calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->nslots = 64;
    ds->slots = calloc(ds->nslots, sizeof *ds->slots);
    if (!ds->slots) {
        free(ds);
        return NULL;
    }
    return ds;
}

static void series_release(ind_series *s)
{
    free_text(s->name);
    free_text(s->entity);
    free_text(s->unit);
    free_text(s->label);
    free(s->ord);
    free(s->value);
}

void ind_dataset_free(ind_dataset *ds)
{
    if (!ds)
        return;
    for (size_t i = 0; i < ds->n; i++)
        series_release(&ds->series[i]);
    free(ds->series);
    free(ds->slots);
    free(ds);
}

void ind_dataset_clear(ind_dataset *ds)
{
    for (size_t i = 0; i < ds->n; i++)
        series_release(&ds->series[i]);
    if (ds->n)
        memset(ds->slots, 0, ds->nslots * sizeof *ds->slots);
    ds->n = 0;
}

ind_series *ind_series_take(ind_series *s)
{
    ind_series *own = malloc(sizeof *own);
    if (!own)
        return NULL;
    *own = *s;
    memset(s, 0, sizeof *s);
    s->name = s->entity = s->unit = s->label = no_text;
    return own;
}

void ind_series_free(ind_series *s)
{
    if (!s)
        return;
    series_release(s);
    free(s);
}

size_t ind_dataset_count(const ind_dataset *ds)
{
    return ds->n;
}

ind_series *ind_dataset_at(const ind_dataset *ds, size_t i)
{
    return i < ds->n ? &ds->series[i] : NULL;
}

/* The slot holding (name, entity), or the empty slot where it would go. */
static size_t *find_slot(const ind_dataset *ds, const char *name, const char *entity)
{
    size_t mask = ds->nslots - 1;
    for (size_t i = key_hash(name, entity) & mask;; i = (i + 1) & mask) {
        size_t *slot = &ds->slots[i];
        if (*slot == 0)
            return slot;
        const ind_series *s = &ds->series[*slot - 1];
        if (strcmp(s->name, name) == 0 && strcmp(s->entity, entity) == 0)
            return slot;
    }
}

static int grow_index(ind_dataset *ds)
{
    size_t nslots = ds->nslots * 2;
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(ds->slots);
    ds->slots = slots;
    ds->nslots = nslots;
    for (size_t k = 0; k < ds->n; k++)
        *find_slot(ds, ds->series[k].name, ds->series[k].entity) = k + 1;
    return 0;
}

/*
 * A key part as stored: text itself when it has no control character, else a
 * normalised copy in *copy (the caller frees it). NULL when out of memory.
 */
static const char *key_text(const char *text, char **copy)
{
    *copy = NULL;
    if (!text_has_control(text))
        return text;
    if ((*copy = malloc(strlen(text) + 1)) != NULL)
        text_normalise(text, *copy);
    return *copy;
}

ind_series *ind_dataset_find(const ind_dataset *ds, const char *name, const char *entity)
{
    char *name_copy, *entity_copy;
    const char *n = key_text(name, &name_copy), *e = key_text(entity ? entity : "", &entity_copy);
    size_t *slot = n && e ? find_slot(ds, n, e) : NULL;
    free(name_copy);
    free(entity_copy);
    return slot && *slot ? &ds->series[*slot - 1] : NULL;
}

size_t ind_dataset_index(const ind_dataset *ds, const ind_series *s)
{
    return (size_t)(s - ds->series);
}

static ind_series *new_series(ind_dataset *ds, size_t *slot, const char *name, const char *entity);

ind_series *ind_dataset_series(ind_dataset *ds, const char *name, const char *entity)
{
    char *name_copy, *entity_copy;
    const char *n = key_text(name, &name_copy), *e = key_text(entity ? entity : "", &entity_copy);
    ind_series *s = NULL;
    if (n && e) {
        size_t *slot = find_slot(ds, n, e);
        if (*slot)
            s = &ds->series[*slot - 1];
        else if ((s = new_series(ds, slot, n, e)) != NULL && (name_copy || entity_copy))
            ds->renamed++;
    }
    free(name_copy);
    free(entity_copy);
    return s;
}

size_t ind_dataset_renamed(const ind_dataset *ds)
{
    return ds->renamed;
}

/* Creates (name, entity), already normalised, in the empty slot where it goes. */
static ind_series *new_series(ind_dataset *ds, size_t *slot, const char *name, const char *entity)
{
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 16;
        ind_series *grown = realloc(ds->series, cap * sizeof *grown);
        if (!grown)
            return NULL;
        ds->series = grown;
        ds->cap = cap;
    }
    ind_series *s = &ds->series[ds->n];
    memset(s, 0, sizeof *s);
    s->name = dup_text(name);
    s->entity = entity[0] ? dup_text(entity) : no_text;
    s->unit = no_text;
    s->label = no_text;
    if (!s->name || !s->entity || !s->unit || !s->label) {
        series_release(s);
        return NULL;
    }
    *slot = ++ds->n;
    if (ds->n * 2 > ds->nslots && grow_index(ds) != 0) {
        *slot = 0; /* the old table is still in place */
        series_release(s);
        ds->n--;
        return NULL;
    }
    return s;
}

ind_status ind_series_reserve(ind_series *s, size_t n)
{
    if (n <= s->cap)
        return IND_OK;
    int32_t *ord = realloc(s->ord, n * sizeof *ord);
    if (!ord)
        return IND_E_NOMEM;
    s->ord = ord;
    double *value = realloc(s->value, n * sizeof *value);
    if (!value)
        return IND_E_NOMEM;
    s->value = value;
    s->cap = n;
    return IND_OK;
}

/* Room for one more observation, doubling the capacity when full. */
static int reserve(ind_series *s)
{
    if (s->n < s->cap)
        return 0;
    return ind_series_reserve(s, s->cap ? s->cap * 2 : 8) == IND_OK ? 0 : -1;
}

ind_status ind_series_add(ind_series *s, ind_period p, double value, ind_error *err)
{
    char when[IND_PERIOD_TEXT_MAX];
    if (s->freq == IND_FREQ_UNKNOWN)
        s->freq = p.freq;
    if (p.freq != s->freq) {
        ind_period_format(p, when, sizeof when);
        return ind_error_set(err, IND_E_FREQUENCY, NULL, 0, 0,
                             "series '%s'%s%s%s mixes frequencies: %s is %s, earlier periods "
                             "are %s (put each frequency in a series of its own)",
                             s->name, s->entity[0] ? " [" : "", s->entity,
                             s->entity[0] ? "]" : "", when, ind_freq_name(p.freq),
                             ind_freq_name(s->freq));
    }
    size_t at = s->n;
    if (s->n > 0 && s->ord[s->n - 1] >= p.ord) {
        at = ord_lower_bound(s->ord, s->n, p.ord);
        if (s->ord[at] == p.ord) {
            ind_period_format(p, when, sizeof when);
            return ind_error_set(err, IND_E_DUPLICATE, NULL, 0, 0,
                                 "duplicate value for series '%s'%s%s%s, period %s", s->name,
                                 s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "",
                                 when);
        }
    }
    if (reserve(s) != 0)
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    if (at < s->n) {
        memmove(&s->ord[at + 1], &s->ord[at], (s->n - at) * sizeof *s->ord);
        memmove(&s->value[at + 1], &s->value[at], (s->n - at) * sizeof *s->value);
    }
    s->ord[at] = p.ord;
    s->value[at] = value;
    s->n++;
    return IND_OK;
}

ind_status ind_series_set_text(char **field, const char *text)
{
    char *copy = text && text[0] ? dup_text(text) : no_text;
    if (!copy)
        return IND_E_NOMEM;
    if (copy != no_text)
        text_normalise(copy, copy); /* in place: the text only shrinks */
    free_text(*field);
    *field = copy;
    return IND_OK;
}

long ind_series_find(const ind_series *s, int32_t ord)
{
    size_t at = ord_lower_bound(s->ord, s->n, ord);
    return at < s->n && s->ord[at] == ord ? (long)at : -1;
}

ind_period ind_series_period(const ind_series *s, size_t i)
{
    ind_period p = {s->freq, s->ord[i]};
    return p;
}

size_t ind_series_gaps(const ind_series *s)
{
    if (s->n < 2)
        return 0;
    return (size_t)(s->ord[s->n - 1] - s->ord[0] + 1) - s->n;
}

bool ind_series_is_percent(const ind_series *s)
{
    return (s->flags & IND_SERIES_PERCENT) || s->unit[0] == '%';
}

size_t ind_series_freq_name(const char *name, ind_freq freq, char *buf, size_t n)
{
    int len = snprintf(buf, n, "%s (%s)", name, ind_freq_name(freq));
    return len < 0 ? 0 : (size_t)len;
}

ind_series *ind_dataset_find_freq(const ind_dataset *ds, const char *name, const char *entity,
                                  ind_freq freq)
{
    ind_series *s = ind_dataset_find(ds, name, entity);
    if (s && s->freq == freq)
        return s;
    size_t len = ind_series_freq_name(name, freq, NULL, 0) + 1;
    char *sib = malloc(len);
    if (!sib)
        return NULL;
    ind_series_freq_name(name, freq, sib, len);
    s = ind_dataset_find(ds, sib, entity);
    free(sib);
    return s && s->freq == freq ? s : NULL;
}
