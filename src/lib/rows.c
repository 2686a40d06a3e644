/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rows.c - from the rows of a CSV file to a dataset (see rows.h): finding
 * the header (after World Bank metadata lines), telling the shape, mapping
 * columns, and converting each data row - periods, values, units, missing
 * markers - with the line and column of any bad cell.
 *
 * Shapes are a table of descriptors: setup maps the header's columns, row
 * turns one data row into observations. Each shape looks its series up
 * once per row at most (the World Bank benchmark file has 400,000 series):
 * long rows reuse the previous row's series, wide-series rows keep one
 * series per column until the entity changes.
 */
#include "rows.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordsearch.h"
#include "text.h"

#define NONE SIZE_MAX    /* no such column */
#define PREAMBLE_MAX 100 /* rows looked at before the header */

enum role { ROLE_NONE, ROLE_SERIES, ROLE_ENTITY, ROLE_PERIOD, ROLE_VALUE, ROLE_UNIT, ROLE_LABEL };

typedef ld_rows loader;
typedef ld_column column;

typedef struct ld_shape {
    ind_shape shape;
    const char *name;
    /* Maps the header's columns; 0 when they fit, else -1 with the reason in why. */
    int (*setup)(loader *L, char *why, size_t n);
    /* Turns the current (non-blank, checked) data row into observations. */
    ind_status (*row)(loader *L);
} shape_desc;

/* ---------------------------------------------------------------- errors */

static ind_status fail(loader *L, ind_status code, size_t line, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static ind_status fail(loader *L, ind_status code, size_t line, size_t col, const char *fmt, ...)
{
    if (L->status == IND_OK) {
        va_list ap;
        va_start(ap, fmt);
        L->status = ind_error_vset(L->err, code, L->path, (long)line, (long)col, fmt, ap);
        va_end(ap);
    }
    return L->status;
}

/* Writes at most max bytes of s[0..len) into buf for a message, "..." when cut. */
static const char *excerpt(const char *s, size_t len, char *buf, size_t n)
{
    size_t max = n - 4;
    if (len <= max) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        return buf;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--; /* do not cut a UTF-8 sequence */
    memcpy(buf, s, max);
    memcpy(buf + max, "...", 4);
    return buf;
}

/* ----------------------------------------------------------------- text */

/* Trims spaces (ASCII, NBSP, U+3000) in place: *s and *len describe the rest. */
static void trim(const char **s, size_t *len)
{
    if (*len == 0)
        return;
    unsigned char first = (unsigned char)(*s)[0], last = (unsigned char)(*s)[*len - 1];
    if (first > ' ' && first < 0x80 && last > ' ' && last < 0x80)
        return; /* nearly every cell: nothing to trim */
    size_t w;
    while (*len > 0 && (w = text_space_at(*s, *len)) != 0) {
        *s += w;
        *len -= w;
    }
    while (*len > 0 && (w = text_space_before(*s, *len)) != 0)
        *len -= w;
}

static char *dup_n(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

/* Case-insensitive (ASCII) comparison of s[0..len) with word. */
static int same_name(const char *s, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i]; i++) {
        char a = s[i], b = word[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return i == len && word[i] == '\0';
}

static int in_list(const char *s, size_t len, const char *const *names)
{
    for (; *names; names++)
        if (same_name(s, len, *names))
            return 1;
    return 0;
}

/* clang-format off */
static const char *const series_names[] = {
    "indicator", "series", "指标", "指标名称", "name", "名称", "variable", "indicator name",
    "series name", "indicator code", "series code", "item", "项目", NULL};
static const char *const entity_names[] = {
    "region", "country", "entity", "地区", "国家", "城市", "area", "country name", "city",
    "province", "state", "location", "geo", "省份", "地市", "区域", "省", "市", NULL};
static const char *const period_names[] = {
    "year", "period", "date", "time", "年份", "时间", "年", "期间", "日期", "年度", "时期",
    "月份", "time_period", "time period", "quarter", "month", "季度", NULL};
static const char *const value_names[] = {
    "value", "values", "数值", "值", "obs_value", "数据", "指标值", "val", NULL};
static const char *const unit_names[] = {"unit", "units", "单位", "计量单位", "unit of measure",
                                         NULL};
/* a long file's display name of the indicator ("R&D经费投入强度" for rd_intensity) */
static const char *const label_names[] = {"label", "标签", "指标全称", "全称", "中文名称",
                                          "display name", "description", "描述", NULL};
static const char *const ignore_names[] = {
    "note", "notes", "备注", "comment", "comments", "source", "来源", "数据来源", "说明",
    "flag", "flags", "footnote", "remark", "remarks", "注", NULL};
/* clang-format on */

/*
 * A trailing parenthesised unit of a header or indicator name: "rd (%)",
 * "R&D强度（%）", "Research and development expenditure (% of GDP)". Sets
 * ustart and ulen to the unit inside the parentheses and returns the length
 * of the name before them (trimmed), or len when there is none.
 */
static size_t split_unit(const char *s, size_t len, size_t *ustart, size_t *ulen)
{
    size_t close = 0, open_len = 0;
    if (len >= 1 && s[len - 1] == ')')
        close = 1;
    else if (len >= 3 && memcmp(s + len - 3, "\xef\xbc\x89", 3) == 0) /* ） */
        close = 3;
    if (!close)
        return len;
    for (size_t i = len - close; i-- > 0;) {
        if (s[i] == '(')
            open_len = 1;
        else if (i + 3 <= len && memcmp(s + i, "\xef\xbc\x88", 3) == 0) /* （ */
            open_len = 3;
        else if (s[i] == ')' || (i + 3 <= len && memcmp(s + i, "\xef\xbc\x89", 3) == 0))
            return len; /* nested parentheses: leave the name alone */
        if (open_len) {
            const char *u = s + i + open_len;
            size_t n = len - close - (i + open_len);
            trim(&u, &n);
            if (n == 0 || n > 40 || i == 0)
                return len;
            *ustart = (size_t)(u - s);
            *ulen = n;
            const char *name = s;
            size_t nlen = i;
            trim(&name, &nlen);
            return nlen;
        }
    }
    return len;
}
/* Field i of a row (fields f[0..n) over text), trimmed; "" when the row is shorter. */
static const char *field_text(const char *text, const csvr_field *f, size_t n, size_t i,
                              size_t *len)
{
    if (i >= n) {
        *len = 0;
        return "";
    }
    const char *s = text + f[i].off;
    *len = f[i].len;
    trim(&s, len);
    return s;
}

/* Field i of the current row, trimmed; "" when the row is shorter. */
static const char *cell(const loader *L, size_t i, size_t *len)
{
    return field_text(L->text, L->f, L->n, i, len);
}

/* Same, NUL-terminated in place (the row owns the text). */
static const char *cell_str(loader *L, size_t i)
{
    size_t len;
    const char *s = cell(L, i, &len);
    if (len)
        ((char *)s)[len] = '\0';
    return len ? s : "";
}

static size_t cell_line(const loader *L, size_t i)
{
    return i < L->n ? L->f[i].line : L->line;
}

/* ------------------------------------------------------------ duplicates */

/* The missing periods of s, or NULL when it has none. */
static ld_missing *missing_of(const loader *L, const ind_series *s)
{
    size_t i = ind_dataset_index(L->ds, s);
    return i < L->nmissing && L->missing[i].n ? &L->missing[i] : NULL;
}

static ind_status given_twice(loader *L, const ind_series *s, ind_period p, size_t where,
                              const char *how)
{
    char when[IND_PERIOD_TEXT_MAX];
    ind_period_format(p, when, sizeof when);
    return fail(L, IND_E_DUPLICATE, cell_line(L, where), where + 1,
                "duplicate value for series '%s'%s%s%s, period %s (%s)", s->name,
                s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "", when, how);
}

/* Makes L->missing long enough to hold series index i. */
static ind_status note_missing_room(loader *L, size_t i)
{
    if (i < L->nmissing)
        return IND_OK;
    size_t n = i + 1 > 2 * L->nmissing ? i + 1 : 2 * L->nmissing;
    ld_missing *grown = realloc(L->missing, n * sizeof *grown);
    if (!grown)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    memset(grown + L->nmissing, 0, (n - L->nmissing) * sizeof *grown);
    L->missing = grown;
    L->nmissing = n;
    return IND_OK;
}

/* Records that s has no value at p, unless p was given before. */
static ind_status note_missing(loader *L, ind_series *s, ind_period p, size_t where)
{
    if (ind_series_find(s, p.ord) >= 0)
        return given_twice(L, s, p, where, "a value, then a missing marker");
    size_t i = ind_dataset_index(L->ds, s);
    if (note_missing_room(L, i) != IND_OK)
        return L->status;
    ld_missing *m = &L->missing[i];
    size_t at = ord_lower_bound(m->ord, m->n, p.ord);
    if (at < m->n && m->ord[at] == p.ord)
        return given_twice(L, s, p, where, "twice as missing");
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 8;
        int32_t *ord = realloc(m->ord, cap * sizeof *ord);
        if (!ord)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        m->ord = ord;
        m->cap = cap;
    }
    memmove(m->ord + at + 1, m->ord + at, (m->n - at) * sizeof *m->ord);
    m->ord[at] = p.ord;
    m->n++;
    return IND_OK;
}

/* Whether s was given as missing at p before. */
static int noted_missing(const loader *L, const ind_series *s, ind_period p)
{
    if (L->nmissing == 0)
        return 0; /* nothing missing so far (wide-period files keep no record): every cell asks */
    const ld_missing *m = missing_of(L, s);
    if (!m)
        return 0;
    size_t at = ord_lower_bound(m->ord, m->n, p.ord);
    return at < m->n && m->ord[at] == p.ord;
}

static void free_missing(loader *L)
{
    for (size_t i = 0; i < L->nmissing; i++)
        free(L->missing[i].ord);
    free(L->missing);
    L->missing = NULL;
    L->nmissing = 0;
}

/* ---------------------------------------------------------- observations */

/* Exchanges the observations (and missing-marker records) of two series of ds. */
static void swap_observations(loader *L, ind_series *a, ind_series *b)
{
    ind_series t = *a;
    a->freq = b->freq, a->n = b->n, a->ord = b->ord, a->value = b->value;
    a->n_missing = b->n_missing, a->cap = b->cap;
    b->freq = t.freq, b->n = t.n, b->ord = t.ord, b->value = t.value;
    b->n_missing = t.n_missing, b->cap = t.cap;
    size_t i = ind_dataset_index(L->ds, a), j = ind_dataset_index(L->ds, b);
    if (i < L->nmissing && j < L->nmissing) {
        ld_missing m = L->missing[i];
        L->missing[i] = L->missing[j];
        L->missing[j] = m;
    } else if (i < L->nmissing || j < L->nmissing) {
        size_t has = i < L->nmissing ? i : j, lacks = has == i ? j : i;
        if (L->missing[has].n == 0 || note_missing_room(L, lacks) != IND_OK)
            return; /* nothing to move, or out of memory (L->status says) */
        ld_missing m = L->missing[has];
        L->missing[has] = L->missing[lacks];
        L->missing[lacks] = m;
    }
}

/* Cached series pointers after the dataset's series array may have moved. */
static void refresh_cached_series(loader *L)
{
    L->last = NULL;
    for (size_t i = 0; L->have_entity && i < L->ncols; i++) /* wide-series files only */
        if (L->cols[i].role == ROLE_VALUE)
            L->cols[i].series = ind_dataset_find(L->ds, L->cols[i].name, L->entity);
}

/*
 * The series that takes a value at frequency freq for s's indicator and
 * entity. One indicator may come at two frequencies ("2023 9,084; 2024H1
 * 4,804"): the lowest frequency keeps the name, each other one is the series
 * "NAME (half-yearly)", "NAME (quarterly)" or "NAME (monthly)" of the same
 * entity, unit and label (a value at a lower frequency than the series has
 * so far moves the earlier ones there), and the load's note says so.
 * Creating a series may move the others: cached pointers are refreshed and
 * the caller must use the one returned (NULL on failure, L->status set).
 */
static ind_series *series_at_freq(loader *L, ind_series *s, ind_freq freq)
{
    if (s->freq == IND_FREQ_UNKNOWN || s->freq == freq || freq == IND_FREQ_UNKNOWN)
        return s;
    size_t i = ind_dataset_index(L->ds, s), before = ind_dataset_count(L->ds);
    ind_freq other = freq < s->freq ? s->freq : freq;
    size_t len = ind_series_freq_name(s->name, other, NULL, 0) + 1;
    char *name = malloc(len);
    if (!name) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return NULL;
    }
    ind_series_freq_name(s->name, other, name, len);
    ind_series *sib = ind_dataset_series(L->ds, name, s->entity);
    free(name);
    if (!sib) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return NULL;
    }
    s = ind_dataset_at(L->ds, i);
    if (ind_dataset_count(L->ds) > before) {
        refresh_cached_series(L);
        sib->flags = s->flags;
        if (ind_series_set_text(&sib->unit, s->unit) != IND_OK ||
            ind_series_set_text(&sib->label, s->label) != IND_OK) {
            fail(L, IND_E_NOMEM, 0, 0, "out of memory");
            return NULL;
        }
        if (L->info->split_by_frequency++ == 0 && !L->info->note[0])
            snprintf(L->info->note, sizeof L->info->note,
                     "series '%.60s'%s%.60s%s has %s and %s values: the %s ones are series "
                     "'%.80s'",
                     s->name, s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "",
                     ind_freq_name(freq < s->freq ? freq : s->freq), ind_freq_name(other),
                     ind_freq_name(other), sib->name);
    }
    if (freq > s->freq)
        return sib;
    swap_observations(L, s, sib); /* the lower frequency keeps the name */
    return L->status == IND_OK ? s : NULL;
}

/*
 * Parses the value cell in column col and adds it to s at period p; errors
 * of ind_series_add (duplicate, frequency) are reported at column where.
 * Missing cells of long and wide-series files are remembered, so that a
 * period given once as missing and once with a value is a duplicate too (a
 * wide-period file cannot repeat a period within a row, and a series on two
 * rows is refused as a whole).
 */
static ind_status add_value(loader *L, ind_series *s, ind_period p, size_t col, size_t where,
                            const char *text, size_t len)
{
    double v;
    int percent;
    size_t bad;
    char buf[80];
    if (!(s = series_at_freq(L, s, p.freq)))
        return L->status;
    int rc = ind_parse_value(text, len, &v, &percent, &bad);
    if (rc > 0) {
        if (L->shape->shape != IND_SHAPE_WIDE_PERIOD && note_missing(L, s, p, where) != IND_OK)
            return L->status;
        s->n_missing++;
        L->info->missing++;
        return IND_OK;
    }
    if (L->info->delimiter == ';' && memchr(text, ',', len)) {
        excerpt(text, len, buf, sizeof buf);
        return fail(L, IND_E_VALUE, cell_line(L, col), col + 1,
                    "'%s' has a comma in a ';'-separated file: a decimal comma or a thousands "
                    "separator? (write numbers with a decimal point and no separators)",
                    buf);
    }
    if (rc < 0) {
        excerpt(text, len, buf, sizeof buf);
        if (bad == len)
            return fail(L, IND_E_VALUE, cell_line(L, col), col + 1,
                        "'%s' is out of the range of numbers", buf);
        return fail(L, IND_E_VALUE, cell_line(L, col), col + 1, "'%s' is not a number", buf);
    }
    if (noted_missing(L, s, p))
        return given_twice(L, s, p, where, "a missing marker, then a value");
    ind_error e;
    ind_error_clear(&e);
    ind_status st = ind_series_add(s, p, v, &e);
    if (st != IND_OK)
        return fail(L, st, cell_line(L, where), where + 1, "%s", e.message);
    if (percent) {
        s->flags |= IND_SERIES_PERCENT;
        if (!s->unit[0] && ind_series_set_text(&s->unit, "%") != IND_OK)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    }
    L->info->values++;
    return IND_OK;
}

static const char period_forms[] =
    "use e.g. 2023, 2023Q3, 2024H1, 2023-06, 2023年, 2023年6月, 2023年第三季度";

/* Headers of a period column that name its frequency, so that its dates are periods. */
static const struct {
    const char *header;
    ind_freq freq;
} freq_headers[] = {
    {"year", IND_FREQ_YEAR},   {"年份", IND_FREQ_YEAR},       {"年", IND_FREQ_YEAR},
    {"年度", IND_FREQ_YEAR},   {"quarter", IND_FREQ_QUARTER}, {"季度", IND_FREQ_QUARTER},
    {"month", IND_FREQ_MONTH}, {"月份", IND_FREQ_MONTH},      {"月", IND_FREQ_MONTH},
};

/*
 * What dates in column col are read as: --freq, else the frequency its
 * header names (for dates only: a header "年份" over 2023Q1 keeps quarters).
 */
static ind_freq date_freq(const loader *L, size_t col)
{
    const char *h = col < L->ncols && L->cols[col].header ? L->cols[col].header : "";
    for (size_t i = 0; i < sizeof freq_headers / sizeof freq_headers[0]; i++)
        if (same_name(h, strlen(h), freq_headers[i].header))
            return freq_headers[i].freq;
    return IND_FREQ_UNKNOWN;
}

/*
 * The memo slot of period text s[0..len) in column col: the one holding it (*hit set),
 * else a free one (or the first one looked at when all 8 are taken) for it;
 * NULL when the text is too long to keep. A long file has a few dozen
 * distinct periods over millions of rows, so each is read once (what it
 * reads as depends only on the text, the column's header and --freq, fixed
 * after the header).
 */
static ld_period_memo *period_memo(loader *L, size_t col, const char *s, size_t len, int *hit)
{
    *hit = 0;
    if (len > sizeof L->periods[0].text)
        return NULL;
    uint32_t h = 2166136261u ^ (uint32_t)col; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    for (uint32_t i = 0; i < 8; i++) {
        ld_period_memo *m = &L->periods[(h + i) & (LD_PERIOD_MEMO - 1)];
        if (m->len == 0)
            return m;
        if (m->len == len && m->col == col) {
            size_t k = 0; /* a few bytes: a loop, not a call to memcmp */
            while (k < len && m->text[k] == s[k])
                k++;
            if (k == len) {
                *hit = 1;
                return m;
            }
        }
    }
    return &L->periods[h & (LD_PERIOD_MEMO - 1)];
}

static ind_status parse_period(loader *L, size_t col, ind_period *p)
{
    size_t len;
    char buf[80];
    int y, m, d;
    const char *s = cell(L, col, &len);
    if (len == 0)
        return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1, "empty period (%s)", period_forms);
    int hit;
    ld_period_memo *memo = period_memo(L, col, s, len, &hit);
    if (hit) {
        *p = memo->p;
        return IND_OK;
    }
    ind_freq freq = L->opt->freq;
    if (ind_period_parse_as(s, len, freq, p) == 0 ||
        (!freq && (freq = date_freq(L, col)) && ind_date_parse(s, len, &y, &m, &d) == 0 &&
         ind_period_parse_as(s, len, freq, p) == 0)) {
        if (memo) {
            memcpy(memo->text, s, len);
            memo->len = (unsigned char)len;
            memo->col = col;
            memo->p = *p;
        }
        return IND_OK;
    }
    if (!freq && ind_date_parse(s, len, &y, &m, &d) == 0)
        return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1,
                    "'%s' is a date: give --freq month, quarter, half or year to read dates as "
                    "the period they fall in",
                    excerpt(s, len, buf, sizeof buf));
    if (freq && ind_period_parse(s, len, p) == 0)
        return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1,
                    "'%s' is %s, coarser than the %s periods asked for (--freq)",
                    excerpt(s, len, buf, sizeof buf), ind_freq_name(p->freq), ind_freq_name(freq));
    if (ind_period_parse_as(s, len, freq, p) == IND_PERIOD_OUT_OF_RANGE)
        return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1,
                    "'%s': the year is outside %d..%d, the years a period may have",
                    excerpt(s, len, buf, sizeof buf), IND_YEAR_MIN, IND_YEAR_MAX);
    return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1, "'%s' is not a period (%s)",
                excerpt(s, len, buf, sizeof buf), period_forms);
}

/* Sets the series' unit from a unit cell, or checks it agrees. */
static ind_status apply_unit(loader *L, ind_series *s, size_t col, const char *unit)
{
    if (!unit[0] || text_same(s->unit, unit)) /* the unit is stored normalised */
        return IND_OK;
    if (s->unit[0])
        return fail(L, IND_E_VALUE, cell_line(L, col), col + 1,
                    "unit '%s' differs from the unit '%s' of earlier rows of series '%s'", unit,
                    s->unit, s->name);
    if (ind_series_set_text(&s->unit, unit) != IND_OK)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    return IND_OK;
}

/* ------------------------------------------------------ series at a time */

/*
 * Streaming (ind_load_each): the dataset holds only the series not yet
 * handed over - the series of the current row (long, wide-period) or the
 * current entity's (wide-series) - and L->done the keys of those handed
 * over, so that a series coming back is seen. Holding (ind_load_file), the
 * dataset holds every series and one coming back is one already in it.
 */

/* Whether s, the series of the current row, had rows before another series began. */
static int seen_before(const loader *L, const ind_series *s, int created)
{
    if (!created)
        return 1;
    return L->mode != LD_HOLD && keyset_has(&L->done, keyset_hash(s->name, s->entity));
}

/*
 * The series s of the current row (key in column col) comes back after
 * other series began. Holding, the file is noted as not grouped; with
 * --sorted it is an error; streaming a source that can be read again, the
 * reading stops (L->regroup) to start over as a whole.
 */
static ind_status came_back(loader *L, const ind_series *s, size_t col)
{
    size_t line = cell_line(L, col);
    if (L->info->grouped)
        snprintf(L->info->stream_note, sizeof L->info->stream_note,
                 "line %zu: series '%s'%s%s%s comes back after other series began (the rows "
                 "of each series are not together)",
                 line, s->name, s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "");
    L->info->grouped = false;
    if (L->mode == LD_SORTED)
        return fail(L, IND_E_FORMAT, line, col + 1,
                    "series '%s'%s%s%s comes back after other series began: --sorted needs "
                    "the rows of each series together (sort the file by series and entity, "
                    "or leave out --sorted to read it as a whole)",
                    s->name, s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "");
    if (L->mode == LD_STREAM) {
        L->regroup = 1;
        L->status = IND_E_FORMAT; /* stops the reading, err untouched: load.c reads again */
    }
    return L->status;
}

/* The unit of a preamble line ("单位：亿元") for each series held without a unit of its own. */
static ind_status apply_file_unit(loader *L)
{
    size_t n = ind_dataset_count(L->ds);
    for (size_t i = 0; L->file_unit[0] && i < n; i++) {
        ind_series *s = ind_dataset_at(L->ds, i);
        if (s->unit[0])
            continue;
        if (ind_series_set_text(&s->unit, L->file_unit) != IND_OK)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        if (strchr(L->file_unit, '%'))
            s->flags |= IND_SERIES_PERCENT;
    }
    return L->status;
}

/* Hands the series held to the sink, in order, and empties the dataset. */
static ind_status close_group(loader *L)
{
    if (apply_file_unit(L) != IND_OK)
        return L->status;
    size_t n = ind_dataset_count(L->ds);
    for (size_t i = 0; i < n && L->status == IND_OK; i++) {
        ind_series *s = ind_dataset_at(L->ds, i);
        if (L->mode != LD_HOLD && keyset_add(&L->done, keyset_hash(s->name, s->entity)) < 0)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        ind_status st = L->sink->series(L->sink->ctx, s, L->err);
        if (st != IND_OK)
            L->status = st; /* the sink filled err */
    }
    ind_dataset_clear(L->ds);
    for (size_t i = 0; i < L->nmissing && i < n; i++)
        L->missing[i].n = 0;
    L->last = NULL;
    L->group = 0;
    L->have_entity = 0;
    return L->status;
}

/* Streaming: the current group is complete when the next one starts. */
static ind_status group_done(loader *L)
{
    return L->mode == LD_HOLD ? IND_OK : close_group(L);
}

/* ------------------------------------------------------------ long shape */

static size_t find_role(const loader *L, const char *given, const char *const *names,
                        enum role role, char *why, size_t n, int *missing);

static int long_setup(loader *L, char *why, size_t n)
{
    int missing = 0;
    L->c_period = find_role(L, L->opt->period_col, period_names, ROLE_PERIOD, why, n, &missing);
    L->c_value = find_role(L, L->opt->value_col, value_names, ROLE_VALUE, why, n, &missing);
    L->c_series = find_role(L, L->opt->series_col, series_names, ROLE_SERIES, why, n, &missing);
    L->c_entity = find_role(L, L->opt->entity_col, entity_names, ROLE_ENTITY, why, n, &missing);
    L->c_unit = find_role(L, L->opt->unit_col, unit_names, ROLE_UNIT, why, n, &missing);
    L->c_label = find_role(L, NULL, label_names, ROLE_LABEL, why, n, &missing);
    if (missing)
        return -1;
    if (L->c_period == NONE || L->c_value == NONE) {
        snprintf(why, n,
                 "a long file needs a period column (year, period, date, 年份 ...) and a "
                 "value column (value, 数值 ...)");
        return -1;
    }
    if (L->c_series == NONE) { /* the value column's own name, unless it is a generic one */
        size_t len;
        const char *h = cell(L, L->c_value, &len);
        if (!in_list(h, len, value_names)) {
            free(L->stem);
            if (!(L->stem = dup_n(h, len)))
                return -1;
        }
    }
    return 0;
}

static ind_status long_row(loader *L)
{
    ind_period p;
    if (parse_period(L, L->c_period, &p) != IND_OK)
        return L->status;
    const char *name = L->stem, *entity = "";
    if (L->c_series != NONE) {
        name = cell_str(L, L->c_series);
        if (!name[0])
            return fail(L, IND_E_FORMAT, cell_line(L, L->c_series), L->c_series + 1,
                        "empty series name");
    }
    if (L->c_entity != NONE)
        entity = cell_str(L, L->c_entity);
    /* the series of the previous row (the pointer is dropped when the array moves) */
    ind_series *s = L->last ? L->last : L->group ? ind_dataset_at(L->ds, L->group - 1) : NULL;
    if (!s || !text_same(s->name, name) || !text_same(s->entity, entity)) {
        if (s && group_done(L) != IND_OK)
            return L->status;
        size_t before = ind_dataset_count(L->ds);
        s = ind_dataset_series(L->ds, name, entity);
        if (!s)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        if (seen_before(L, s, ind_dataset_count(L->ds) > before) &&
            came_back(L, s, L->c_series != NONE ? L->c_series : L->c_period) != IND_OK)
            return L->status;
        L->group = ind_dataset_index(L->ds, s) + 1;
    }
    L->last = s;
    if (L->c_unit != NONE && apply_unit(L, s, L->c_unit, cell_str(L, L->c_unit)) != IND_OK)
        return L->status;
    if (L->c_label != NONE && !s->label[0] && cell_str(L, L->c_label)[0] &&
        ind_series_set_text(&s->label, cell_str(L, L->c_label)) != IND_OK)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    size_t len;
    const char *v = cell(L, L->c_value, &len);
    return add_value(L, s, p, L->c_value, L->c_period, v, len);
}

/* ----------------------------------------------------- wide-period shape */

/*
 * Whether a header cell names a period. Unless the shape was given, it must
 * start with a 4-digit year or Q ("2023", "2023Q1", "2023年", "Q3 2023"), so
 * that an id column headed "1" is not taken for the year 1.
 */
static int header_period(const char *s, size_t len, int strict, ind_freq freq, ind_period *p)
{
    size_t cut = len;
    for (size_t i = 0; i + 3 < len; i++)
        if (s[i] == ' ' && s[i + 1] == '[') { /* World Bank DataBank: "1990 [YR1990]" */
            cut = i;
            break;
        }
    if (ind_period_parse_as(s, cut, freq, p) != 0)
        return 0;
    if (!strict)
        return 1;
    return cut >= 4 && ((s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
                         s[2] <= '9' && s[3] >= '0' && s[3] <= '9') ||
                        s[0] == 'Q' || s[0] == 'q');
}

static size_t find_name(const loader *L, const char *name)
{
    for (size_t i = 0; i < L->ncols && i < L->n; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        if (same_name(h, len, name) && L->cols[i].role == ROLE_NONE)
            return i;
    }
    return NONE;
}

/* The series name a two-row header gives column i, "" when none. */
static const char *column_name(const loader *L, size_t i)
{
    return i < L->ncolname && L->colname[i] ? L->colname[i] : "";
}

/* Column i's header for a message: "研发强度 2021" when a group names its series. */
static const char *column_title(const loader *L, size_t i, char *buf, size_t n)
{
    const char *name = column_name(L, i);
    snprintf(buf, n, "%s%s%s", name, name[0] ? " " : "", L->cols[i].header);
    return buf;
}

/*
 * Marks the period columns: each period once (of each series, when a
 * two-row header names series over periods). Years and halves may mix:
 * add_value puts each frequency's values in a series of its own.
 */
static int mark_period_columns(loader *L, char *why, size_t n)
{
    size_t first = NONE;
    keyset seen = {0};
    int rc = 0;
    for (size_t i = 0; i < L->ncols && rc == 0; i++) {
        const char *h = L->cols[i].header;
        ind_period p;
        if (!h[0] || !header_period(h, strlen(h), L->opt->shape == IND_SHAPE_AUTO, L->opt->freq, &p))
            continue;
        char when[IND_PERIOD_TEXT_MAX];
        ind_period_format(p, when, sizeof when);
        int had = keyset_add(&seen, keyset_hash(column_name(L, i), when));
        for (size_t j = 0; had > 0 && j < i; j++) /* the earlier column (none: two keys' hashes met) */
            if (L->cols[j].role == ROLE_PERIOD && L->cols[j].period.ord == p.ord &&
                L->cols[j].period.freq == p.freq &&
                strcmp(column_name(L, j), column_name(L, i)) == 0) {
                snprintf(why, n, "period '%s'%s%s%s heads both column %zu and column %zu", h,
                         column_name(L, i)[0] ? " of '" : "", column_name(L, i),
                         column_name(L, i)[0] ? "'" : "", j + 1, i + 1);
                rc = -1;
                break;
            }
        if (had < 0) {
            snprintf(why, n, "out of memory");
            rc = -1;
        }
        if (first == NONE)
            first = i;
        L->cols[i].role = ROLE_PERIOD;
        L->cols[i].period = p;
    }
    keyset_free(&seen);
    if (rc == 0 && first == NONE) {
        snprintf(why, n, "no header cell is a period (1960, 2023Q1 ...)");
        rc = -1;
    }
    return rc;
}

/* A column's series from its header h[0..len): "R&D强度(%)" is series R&D强度 in %,
   labelled in full. -1 (why says so) when out of memory. */
static int name_column(column *c, const char *h, size_t len, char *why, size_t n)
{
    size_t ustart = 0, ulen = 0, nlen = split_unit(h, len, &ustart, &ulen);
    c->name = dup_n(h, nlen);
    c->unit = dup_n(h + ustart, ulen);
    c->label = dup_n(nlen < len ? h : "", nlen < len ? len : 0);
    if (!c->name || !c->unit || !c->label) {
        snprintf(why, n, "out of memory");
        return -1;
    }
    return 0;
}

/* Period columns a two-row header names: the series name, its unit and label. */
static int name_period_columns(loader *L, char *why, size_t n)
{
    L->named = 0;
    for (size_t i = 0; i < L->ncols; i++) {
        const char *h = column_name(L, i);
        column *c = &L->cols[i];
        if (c->role != ROLE_PERIOD || !h[0])
            continue;
        if (name_column(c, h, strlen(h), why, n) != 0)
            return -1;
        L->named = 1;
    }
    return 0;
}

/* Columns with a header that a wide-period file does not read: counted and named. */
static void note_unread_columns(loader *L)
{
    ind_load_info *in = L->info;
    char *note = in->columns_note, title[160];
    size_t cap = sizeof in->columns_note, len = 0;
    in->unread_columns = 0;
    note[0] = '\0';
    for (size_t i = 0; i < L->ncols; i++) {
        const char *h = L->cols[i].header;
        if (L->cols[i].role != ROLE_NONE || !h[0] || i == L->c_code ||
            in_list(h, strlen(h), ignore_names))
            continue;
        if (in->unread_columns++ == 0)
            len = (size_t)snprintf(note, cap, "not read, as neither a period nor a series, "
                                              "entity or unit column:");
        if (len < cap)
            len += (size_t)snprintf(note + len, cap - len, "%s column %zu '%s'",
                                    in->unread_columns > 1 ? "," : "", i + 1,
                                    column_title(L, i, title, sizeof title));
    }
    if (len >= cap)
        memcpy(note + cap - 4, "...", 4);
}

static int wide_period_setup(loader *L, char *why, size_t n)
{
    if (mark_period_columns(L, why, n) != 0)
        return -1;
    int missing = 0;
    /* World Bank: the code names the series, the name is its label. */
    size_t code = find_name(L, "indicator code");
    if (code == NONE)
        code = find_name(L, "series code");
    if (!L->opt->series_col && code != NONE) {
        L->c_series = code;
        L->cols[code].role = ROLE_SERIES;
        L->c_label = find_name(L, "indicator name");
        if (L->c_label == NONE)
            L->c_label = find_name(L, "series name");
        if (L->c_label != NONE)
            L->cols[L->c_label].role = ROLE_LABEL;
    } else {
        L->c_series = find_role(L, L->opt->series_col, series_names, ROLE_SERIES, why, n, &missing);
    }
    L->c_code = NONE;
    if (!L->opt->entity_col && (L->c_entity = find_name(L, "country name")) != NONE) {
        L->cols[L->c_entity].role = ROLE_ENTITY;
        L->c_code = find_name(L, "country code");
    } else
        L->c_entity = find_role(L, L->opt->entity_col, entity_names, ROLE_ENTITY, why, n, &missing);
    L->c_unit = find_role(L, L->opt->unit_col, unit_names, ROLE_UNIT, why, n, &missing);
    if (missing || name_period_columns(L, why, n) != 0)
        return -1;
    note_unread_columns(L);
    return 0;
}

/* Unit of a wide-period row: its unit cell, else "(...)" ending the label or name. */
static ind_status wide_row_unit(loader *L, ind_series *s, const char *name, const char *label)
{
    if (L->c_unit != NONE)
        return apply_unit(L, s, L->c_unit, cell_str(L, L->c_unit));
    const char *text = label[0] ? label : name;
    size_t len = strlen(text), ustart = 0, ulen = 0;
    if (split_unit(text, len, &ustart, &ulen) == len)
        return IND_OK;
    char unit[48];
    memcpy(unit, text + ustart, ulen);
    unit[ulen] = '\0';
    if (strchr(unit, '%'))
        s->flags |= IND_SERIES_PERCENT;
    return apply_unit(L, s, L->c_label != NONE ? L->c_label : L->c_series, unit);
}

/*
 * The entity of a World Bank row: its country name, unless an earlier row
 * gave that name to another country code ("Congo": COG, then COD); such a
 * row is "NAME (CODE)", counted and named in the load's note. The first code
 * of each name is kept in L->codes, a dataset used as a map from the name
 * (a series name) to the code (its unit).
 */
static const char *entity_by_code(loader *L, const char *entity, const char *code)
{
    if (!L->codes && !(L->codes = ind_dataset_new()))
        goto nomem;
    ind_series *first = ind_dataset_series(L->codes, entity, NULL);
    if (!first)
        goto nomem;
    if (!first->unit[0]) {
        if (ind_series_set_text(&first->unit, code) != IND_OK)
            goto nomem;
        return entity;
    }
    if (strcmp(first->unit, code) == 0)
        return entity;
    size_t len = strlen(entity) + strlen(code) + 4;
    char *key = realloc(L->keybuf, len);
    if (!key)
        goto nomem;
    L->keybuf = key;
    snprintf(key, len, "%s (%s)", entity, code);
    if (L->info->keyed_by_code++ == 0)
        snprintf(L->info->note, sizeof L->info->note,
                 "country name '%s' has two codes (%s, %s): the rows of %s are entity '%s'",
                 entity, first->unit, code, code, key);
    return key;
nomem:
    fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    return NULL;
}

/* A series of a wide-period row on an earlier row too (or, streaming, handed over). */
static ind_status twice(loader *L, const ind_series *s)
{
    size_t col = L->c_series != NONE ? L->c_series : 0;
    if (L->mode == LD_STREAM && L->can_restart) /* a duplicate, or two keys sharing a */
        return came_back(L, s, col);            /* hash: read again */
    return fail(L, IND_E_DUPLICATE, cell_line(L, col), col + 1,
                "series '%s'%s%s%s is on an earlier row too: its periods would be given twice",
                s->name, s->entity[0] ? " [" : "", s->entity, s->entity[0] ? "]" : "");
}

/*
 * The series of period column c on the current row of a file whose two
 * header rows name series over periods: the column's name (after the row's
 * series name, "GDP 增速", when the file has a series column), else the
 * row's; made with the column's unit and label the first time. A series
 * that existed before the row's first one (before) is on an earlier row.
 */
static ind_series *named_series(loader *L, const column *c, const char *rowname,
                                const char *entity, const char *label, size_t before)
{
    const char *name = rowname;
    if (c->name && L->c_series != NONE) {
        size_t len = strlen(rowname) + strlen(c->name) + 2;
        char *joined = realloc(L->joinbuf, len);
        if (!joined) {
            fail(L, IND_E_NOMEM, 0, 0, "out of memory");
            return NULL;
        }
        L->joinbuf = joined;
        snprintf(joined, len, "%s %s", rowname, c->name);
        name = joined;
    } else if (c->name) {
        name = c->name;
    }
    size_t count = ind_dataset_count(L->ds);
    ind_series *s = ind_dataset_series(L->ds, name, entity);
    if (!s) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return NULL;
    }
    int created = ind_dataset_count(L->ds) > count;
    if (created ? seen_before(L, s, 1) : ind_dataset_index(L->ds, s) < before) {
        twice(L, s);
        return NULL;
    }
    if (!created)
        return s;
    if (c->name && c->unit[0]) {
        if (ind_series_set_text(&s->unit, c->unit) != IND_OK ||
            ind_series_set_text(&s->label, c->label) != IND_OK) {
            fail(L, IND_E_NOMEM, 0, 0, "out of memory");
            return NULL;
        }
        if (strchr(c->unit, '%'))
            s->flags |= IND_SERIES_PERCENT;
        if (L->c_unit != NONE && apply_unit(L, s, L->c_unit, cell_str(L, L->c_unit)) != IND_OK)
            return NULL;
        return s;
    }
    if (!c->name && label[0] && ind_series_set_text(&s->label, label) != IND_OK) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return NULL;
    }
    return wide_row_unit(L, s, name, c->name ? "" : label) == IND_OK ? s : NULL;
}

/* A wide-period row whose columns name their series (see named_series). */
static ind_status wide_period_named_row(loader *L, const char *rowname, const char *entity,
                                        const char *label)
{
    size_t before = ind_dataset_count(L->ds), n = L->n < L->ncols ? L->n : L->ncols;
    for (size_t i = 0; i < n; i++) {
        const column *c = &L->cols[i];
        if (c->role != ROLE_PERIOD)
            continue;
        ind_series *s = named_series(L, c, rowname, entity, label, before);
        if (!s || add_value(L, s, c->period, i, i, L->text + L->f[i].off, L->f[i].len) != IND_OK)
            return L->status;
    }
    return group_done(L);
}

static ind_status wide_period_row(loader *L)
{
    const char *name = L->stem, *entity = "", *label = "";
    if (L->c_series != NONE) {
        name = cell_str(L, L->c_series);
        if (!name[0])
            return fail(L, IND_E_FORMAT, cell_line(L, L->c_series), L->c_series + 1,
                        "empty series name");
    }
    if (L->c_entity != NONE)
        entity = cell_str(L, L->c_entity);
    if (L->c_code != NONE && cell_str(L, L->c_code)[0] &&
        !(entity = entity_by_code(L, entity, cell_str(L, L->c_code))))
        return L->status;
    if (L->c_label != NONE) {
        label = cell_str(L, L->c_label);
    } else if (L->c_series != NONE && L->c_unit == NONE) {
        /* "R&D经费支出(亿元)": the series is "R&D经费支出" in 亿元, labelled in full */
        size_t len = strlen(name), ustart, ulen, nlen = split_unit(name, len, &ustart, &ulen);
        if (nlen < len) {
            char *cut = realloc(L->namebuf, nlen + 1);
            if (!cut)
                return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
            L->namebuf = cut;
            memcpy(cut, name, nlen);
            cut[nlen] = '\0';
            label = name;
            name = cut;
        }
    }
    if (L->named)
        return wide_period_named_row(L, name, entity, label);
    size_t before = ind_dataset_count(L->ds);
    ind_series *s = ind_dataset_series(L->ds, name, entity);
    if (!s)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    if (seen_before(L, s, ind_dataset_count(L->ds) > before))
        return twice(L, s);
    if (ind_dataset_count(L->ds) > before || L->c_unit != NONE) {
        if (label[0] && !s->label[0] && ind_series_set_text(&s->label, label) != IND_OK)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        if (wide_row_unit(L, s, name, label) != IND_OK)
            return L->status;
    }
    size_t n = L->n < L->ncols ? L->n : L->ncols, filled = 0;
    for (size_t i = 0; i < n; i++) /* one allocation for the row's values */
        filled += L->cols[i].role == ROLE_PERIOD && L->f[i].len > 0;
    if (ind_series_reserve(s, s->n + filled) != IND_OK)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    size_t row_series = ind_dataset_index(L->ds, s); /* s may move: see series_at_freq */
    for (size_t i = 0; i < n; i++) {
        if (L->cols[i].role != ROLE_PERIOD)
            continue;
        const char *v = L->text + L->f[i].off;
        if (add_value(L, ind_dataset_at(L->ds, row_series), L->cols[i].period, i, i, v,
                      L->f[i].len) != IND_OK)
            return L->status;
    }
    return group_done(L);
}

/* ----------------------------------------------------- wide-series shape */

static int wide_series_setup(loader *L, char *why, size_t n)
{
    int missing = 0;
    L->c_period = find_role(L, L->opt->period_col, period_names, ROLE_PERIOD, why, n, &missing);
    L->c_entity = find_role(L, L->opt->entity_col, entity_names, ROLE_ENTITY, why, n, &missing);
    L->c_unit = find_role(L, L->opt->unit_col, unit_names, ROLE_UNIT, why, n, &missing);
    if (missing)
        return -1;
    if (L->c_period == NONE) {
        snprintf(why, n, "no period column (year, period, date, 年份 ...)");
        return -1;
    }
    for (size_t i = 0; i < L->ncols && L->opt->shape == IND_SHAPE_AUTO; i++)
        if (L->cols[i].role == ROLE_NONE &&
            in_list(L->cols[i].header, strlen(L->cols[i].header), series_names)) {
            snprintf(why, n,
                     "a series column '%s' but no value column (value, 数值 ...): name "
                     "the value column with --value-col",
                     L->cols[i].header);
            return -1;
        }
    size_t nseries = 0;
    for (size_t i = 0; i < L->ncols; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        if (L->cols[i].role != ROLE_NONE || len == 0 || in_list(h, len, ignore_names))
            continue;
        L->cols[i].role = ROLE_VALUE;
        if (name_column(&L->cols[i], h, len, why, n) != 0)
            return -1;
        nseries++;
    }
    if (!nseries) {
        snprintf(why, n, "no value columns besides the period and entity columns");
        return -1;
    }
    return 0;
}

/* Points every value column at its series for entity (creating them first). */
static ind_status wide_series_entity(loader *L, const char *entity)
{
    if (L->have_entity && group_done(L) != IND_OK)
        return L->status; /* streaming: the previous entity's series are complete */
    int first = 1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < L->ncols; i++) {
            column *c = &L->cols[i];
            if (c->role != ROLE_VALUE)
                continue;
            if (pass == 0) { /* creating may move earlier series: look them up after */
                size_t before = ind_dataset_count(L->ds);
                ind_series *s = ind_dataset_series(L->ds, c->name, entity);
                if (!s)
                    return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
                if (first && seen_before(L, s, ind_dataset_count(L->ds) > before) &&
                    came_back(L, s, L->c_entity != NONE ? L->c_entity : L->c_period) != IND_OK)
                    return L->status;
                first = 0;
                if (ind_dataset_count(L->ds) > before &&
                    (ind_series_set_text(&s->unit, c->unit) != IND_OK ||
                     ind_series_set_text(&s->label, c->label) != IND_OK))
                    return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
                if (strchr(c->unit, '%'))
                    s->flags |= IND_SERIES_PERCENT;
            } else {
                c->series = ind_dataset_find(L->ds, c->name, entity);
            }
        }
    }
    free(L->entity);
    if (!(L->entity = dup_n(entity, strlen(entity))))
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    L->have_entity = 1;
    return IND_OK;
}

static ind_status wide_series_row(loader *L)
{
    ind_period p;
    if (parse_period(L, L->c_period, &p) != IND_OK)
        return L->status;
    const char *entity = L->c_entity != NONE ? cell_str(L, L->c_entity) : "";
    if (!L->have_entity || strcmp(L->entity, entity) != 0)
        if (wide_series_entity(L, entity) != IND_OK)
            return L->status;
    const char *unit = L->c_unit != NONE ? cell_str(L, L->c_unit) : "";
    size_t n = L->n < L->ncols ? L->n : L->ncols;
    for (size_t i = 0; i < n; i++) {
        column *c = &L->cols[i];
        if (c->role != ROLE_VALUE)
            continue;
        if (unit[0] && !c->unit[0] && apply_unit(L, c->series, L->c_unit, unit) != IND_OK)
            return L->status;
        if (add_value(L, c->series, p, i, i, L->text + L->f[i].off, L->f[i].len) != IND_OK)
            return L->status;
    }
    return IND_OK;
}

static const shape_desc shapes[] = {
    {IND_SHAPE_LONG, "long", long_setup, long_row},
    {IND_SHAPE_WIDE_PERIOD, "wide-period", wide_period_setup, wide_period_row},
    {IND_SHAPE_WIDE_SERIES, "wide-series", wide_series_setup, wide_series_row},
};

static const shape_desc *shape_of(ind_shape shape)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (shapes[i].shape == shape)
            return &shapes[i];
    return NULL;
}

/* ---------------------------------------------------------------- header */

/*
 * The column for a role: the one named `given` (an error when absent), else
 * the first free column whose header is one of names, else NONE.
 */
static size_t find_role(const loader *L, const char *given, const char *const *names,
                        enum role role, char *why, size_t n, int *missing)
{
    static const char *const what[] = {"", "series", "entity", "period", "value", "unit", ""};
    size_t found = NONE;
    for (size_t i = 0; i < L->ncols && found == NONE; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        if (L->cols[i].role != ROLE_NONE)
            continue;
        if (given ? same_name(h, len, given) : in_list(h, len, names))
            found = i;
    }
    if (given && found == NONE && !*missing) {
        snprintf(why, n, "no column '%s' (given as the %s column)", given, what[role]);
        *missing = 1;
    }
    if (found != NONE)
        L->cols[found].role = role;
    return found;
}

static void reset_columns(loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) {
        free(L->cols[i].header);
        free(L->cols[i].name);
        free(L->cols[i].unit);
        free(L->cols[i].label);
    }
    memset(L->cols, 0, L->ncols * sizeof *L->cols);
    L->c_series = L->c_entity = L->c_period = L->c_value = L->c_unit = L->c_label = NONE;
}

/* Which shape the header row suggests, by the rules in load.h. */
static ind_shape guess_shape(loader *L)
{
    size_t nperiods = 0;
    int has_period = 0, has_value = 0;
    for (size_t i = 0; i < L->n; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        ind_period p;
        if (len && header_period(h, len, 1, L->opt->freq, &p))
            nperiods++;
        if (L->opt->period_col ? same_name(h, len, L->opt->period_col)
                               : in_list(h, len, period_names))
            has_period = 1;
        if (L->opt->value_col ? same_name(h, len, L->opt->value_col) : in_list(h, len, value_names))
            has_value = 1;
    }
    if (nperiods >= 2 || (nperiods == 1 && !has_period && !has_value))
        return IND_SHAPE_WIDE_PERIOD;
    if (has_period && has_value)
        return IND_SHAPE_LONG;
    if (has_period)
        return IND_SHAPE_WIDE_SERIES;
    return IND_SHAPE_AUTO;
}

/* Whether a column named by the options is absent from the header (why says which). */
static int missing_given_column(const loader *L, char *why, size_t n)
{
    const ind_load_options *o = L->opt;
    const char *given[] = {o->series_col, o->entity_col, o->period_col, o->value_col, o->unit_col};
    static const char *const what[] = {"series", "entity", "period", "value", "unit"};
    for (size_t k = 0; k < sizeof given / sizeof given[0]; k++) {
        if (!given[k])
            continue;
        size_t i = 0;
        while (i < L->ncols && !same_name(L->cols[i].header, strlen(L->cols[i].header), given[k]))
            i++;
        if (i < L->ncols)
            continue;
        int len = snprintf(why, n, "no column '%s' (given as the %s column); the columns are",
                           given[k], what[k]);
        for (i = 0; i < L->ncols && len > 0 && (size_t)len < n; i++)
            len += snprintf(why + len, n - (size_t)len, "%s '%s'", i ? "," : "", L->cols[i].header);
        return 1;
    }
    return 0;
}

/* Tries the current row as the header: 0 when it is one (columns mapped). */
static int try_header(loader *L, char *why, size_t n)
{
    if (L->cols)
        reset_columns(L); /* a row tried before */
    column *cols = realloc(L->cols, (L->n ? L->n : 1) * sizeof *cols);
    if (!cols) {
        L->ncols = 0;
        snprintf(why, n, "out of memory");
        return -1;
    }
    L->cols = cols;
    L->ncols = L->n;
    memset(L->cols, 0, L->ncols * sizeof *L->cols);
    L->c_series = L->c_entity = L->c_period = L->c_value = L->c_unit = L->c_label = NONE;
    for (size_t i = 0; i < L->ncols; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        if (!(L->cols[i].header = dup_n(h, len))) {
            snprintf(why, n, "out of memory");
            return -1;
        }
    }
    if (missing_given_column(L, why, n))
        return -1;
    ind_shape shape = L->opt->shape ? L->opt->shape : guess_shape(L);
    if (shape == IND_SHAPE_AUTO) {
        snprintf(why, n,
                 "cannot tell the layout: no period column (year, period, date, 年份 ...) "
                 "and no period headers (1960, 2023Q1 ...); use --shape/--period-col");
        return -1;
    }
    for (size_t i = 0; i < L->ncolname && shape != IND_SHAPE_WIDE_PERIOD; i++)
        if (L->colname[i]) {
            snprintf(why, n, "column %zu holds series '%s' at period '%s': series over "
                     "periods are read wide by period, not %s", i + 1, L->colname[i],
                     L->cols[i].header, ind_shape_name(shape));
            return -1;
        }
    const shape_desc *d = shape_of(shape);
    char reason[IND_ERROR_MSG_MAX - 80] = "";
    if (!d || d->setup(L, reason, sizeof reason) != 0) {
        if (L->opt->shape)
            snprintf(why, n, "cannot read the header as %s: %s", d ? d->name : "?", reason);
        else
            snprintf(why, n, "bad header: %s", reason);
        return -1;
    }
    L->shape = d;
    return 0;
}

static size_t nonempty_cells(const loader *L)
{
    size_t k = 0;
    for (size_t i = 0; i < L->n; i++) {
        size_t len;
        cell(L, i, &len);
        k += len > 0;
    }
    return k;
}

/* Before the header: metadata like "Data Source","World Development Indicators", */
static int preamble_row(const loader *L, size_t nonempty)
{
    if (nonempty <= 1)
        return 1;
    if (nonempty != 2)
        return 0;
    size_t len;
    const char *key = cell(L, 0, &len);
    return same_name(key, len, "Data Source") || same_name(key, len, "Last Updated Date") ||
           (len > 0 && key[len - 1] == ':') ||
           (len >= 3 && memcmp(key + len - 3, "\xef\xbc\x9a", 3) == 0); /* ： */
}

/*
 * A header naming a role column twice ("value,value", "entity,entity") or
 * two value columns of one series (wide-series "rd,rd (%)"): one of them
 * would be read and the other ignored. Headers that differ only in case
 * (OECD's "TIME" code and "Time" label) are not repeats.
 */
static void check_repeated_columns(loader *L, size_t line)
{
    const size_t roles[] = {L->c_series, L->c_entity, L->c_period, L->c_value, L->c_unit, L->c_label};
    for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
        size_t r = roles[k];
        if (r == NONE || !L->cols[r].header[0])
            continue;
        for (size_t j = r + 1; j < L->ncols; j++)
            if (strcmp(L->cols[j].header, L->cols[r].header) == 0) {
                fail(L, IND_E_FORMAT, line, j + 1,
                     "column %zu repeats the header '%s' of column %zu: which one to read is "
                     "unclear (rename or remove one)",
                     j + 1, L->cols[r].header, r + 1);
                return;
            }
    }
    for (size_t i = 0; i < L->ncols; i++)
        for (size_t j = i + 1; L->cols[i].role == ROLE_VALUE && L->cols[i].name && j < L->ncols; j++)
            if (L->cols[j].role == ROLE_VALUE && L->cols[j].name &&
                strcmp(L->cols[i].name, L->cols[j].name) == 0) {
                fail(L, IND_E_FORMAT, line, j + 1,
                     "columns %zu and %zu both hold series '%s': each value would be given twice",
                     i + 1, j + 1, L->cols[i].name);
                return;
            }
}

static void data_row(loader *L);

/* The current row is the header: the loader takes the shape's reading from here on. */
static void accept_header(loader *L, size_t line, size_t rows)
{
    L->info->shape = L->shape->shape;
    if (L->mode == LD_STREAM && !L->can_restart && L->shape->shape != IND_SHAPE_WIDE_PERIOD) {
        L->mode = LD_HOLD; /* a series that came back could not be read again */
        snprintf(L->info->stream_note, sizeof L->info->stream_note,
                 "%s cannot be read twice: a %s input streams only with --sorted", L->path,
                 L->shape->name);
    }
    for (L->width = L->ncols; L->width > 0 && !L->cols[L->width - 1].header[0];)
        L->width--;
    L->info->header_line = line;
    L->info->header_rows = rows;
    L->info->preamble_lines = line - 1;
    check_repeated_columns(L, line);
}

/*
 * A preamble line naming the unit of the whole table, "单位：亿元" (计量单位,
 * Unit:), as statistics offices put one above a table: kept for the series
 * that get no unit of their own. One naming several units ("单位：人、个")
 * says nothing about any one series and is left alone.
 */
static void note_file_unit(loader *L)
{
    static const char *const keys[] = {"计量单位", "单位", "units", "unit", NULL};
    size_t len, i = 0;
    const char *s = cell(L, 0, &len);
    while (!len && ++i < L->n)
        s = cell(L, i, &len);
    for (const char *const *k = keys; len && *k; k++) {
        size_t klen = strlen(*k), sep = 0;
        if (len <= klen || !same_name(s, klen, *k))
            continue;
        if (s[klen] == ':')
            sep = 1;
        else if (len >= klen + 3 && memcmp(s + klen, "\xef\xbc\x9a", 3) == 0) /* ： */
            sep = 3;
        const char *u = s + klen + sep;
        size_t ulen = len - klen - sep;
        trim(&u, &ulen);
        if (!sep || !ulen || ulen >= sizeof L->file_unit)
            return;
        static const char *const lists[] = {"\xe3\x80\x81", "\xef\xbc\x8c", ",", ";",
                                            "\xef\xbc\x9b", NULL}; /* 、 ， , ; ； */
        for (const char *const *l = lists; *l; l++)
            for (size_t j = 0; j + strlen(*l) <= ulen; j++)
                if (memcmp(u + j, *l, strlen(*l)) == 0)
                    return;
        memcpy(L->file_unit, u, ulen);
        L->file_unit[ulen] = '\0';
        return;
    }
}

/* The current row alone: the header, a preamble row, or the first row that is neither. */
static void header_alone(loader *L)
{
    size_t nonempty = nonempty_cells(L);
    size_t line = L->n ? L->f[0].line : L->line;
    if (nonempty == 0)
        return;
    char why[IND_ERROR_MSG_MAX - 40];
    if (try_header(L, why, sizeof why) == 0) {
        accept_header(L, line, 1);
        return;
    }
    if (!L->candidate_line) {
        L->candidate_line = line;
        snprintf(L->candidate_why, sizeof L->candidate_why, "%s", why);
    }
    if (!preamble_row(L, nonempty) || ++L->preamble_rows > PREAMBLE_MAX)
        fail(L, IND_E_FORMAT, L->candidate_line, 0, "%s", L->candidate_why);
    else if (nonempty == 1)
        note_file_unit(L);
}

/* ------------------------------------------------------- two header rows */

/*
 * A statistics office's table often has two header rows: groups (merged
 * cells) above periods or labels. The loader holds a row that may be the
 * upper one until the next row arrives; when the two fit (see load.h) they
 * are joined into one header row, each column's text being what its group
 * and sub-label mean together, and the series a group names kept in
 * L->colname; otherwise the held row is read alone, as before.
 */

/* What a header cell holds, to tell a row of labels from a row of data. */
enum hkind { HK_EMPTY, HK_PERIOD, HK_LABEL, HK_NUMBER };

static enum hkind header_kind(const loader *L, const char *s, size_t len)
{
    double v;
    int percent;
    size_t bad;
    ind_period p;
    if (len == 0)
        return HK_EMPTY;
    if (header_period(s, len, 1, L->opt->freq, &p))
        return HK_PERIOD;
    return ind_parse_value(s, len, &v, &percent, &bad) >= 0 ? HK_NUMBER : HK_LABEL; /* or missing */
}

static int same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* Whether the current row may be the upper of two header rows: no numbers, not a
   "key","value" preamble row, and a label followed by an empty cell or by itself
   (a merged range). */
static int upper_candidate(const loader *L, size_t nonempty)
{
    int span = 0;
    if (nonempty < 2 || preamble_row(L, nonempty))
        return 0;
    for (size_t i = 0; i < L->n; i++) {
        size_t len, next;
        const char *s = cell(L, i, &len);
        if (header_kind(L, s, len) == HK_NUMBER)
            return 0;
        const char *t = cell(L, i + 1, &next);
        if (len && i + 1 < L->n && (next == 0 || same_text(s, len, t, next)))
            span = 1;
    }
    return span;
}

static void drop_held(loader *L)
{
    free(L->held_text);
    free(L->held_f);
    L->held_text = NULL;
    L->held_f = NULL;
    L->held_n = 0;
}

static void drop_colnames(loader *L)
{
    for (size_t i = 0; i < L->ncolname; i++)
        free(L->colname[i]);
    free(L->colname);
    L->colname = NULL;
    L->ncolname = 0;
}

/* Keeps a copy of the current row until the next one arrives. */
static void hold_row(loader *L)
{
    size_t end = 0;
    for (size_t i = 0; i < L->n; i++)
        if (L->f[i].off + L->f[i].len > end)
            end = L->f[i].off + L->f[i].len;
    L->held_text = malloc(end + 1);
    L->held_f = malloc(L->n * sizeof *L->held_f + 1);
    if (!L->held_text || !L->held_f) {
        drop_held(L);
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        return;
    }
    memcpy(L->held_text, L->text, end);
    L->held_text[end] = '\0';
    memcpy(L->held_f, L->f, L->n * sizeof *L->held_f);
    L->held_n = L->n;
    L->held_line = L->n ? L->f[0].line : L->line;
}

/* Reads the held row alone, as if it had just arrived, then drops it. */
static void replay_held(loader *L)
{
    char *text = L->text;
    const csvr_field *f = L->f;
    size_t n = L->n, line = L->line;
    L->text = L->held_text;
    L->f = L->held_f;
    L->n = L->held_n;
    L->line = L->held_line;
    header_alone(L);
    L->text = text;
    L->f = f;
    L->n = n;
    L->line = line;
    drop_held(L);
}

/* A growing text of NUL-terminated fields. */
typedef struct textbuf {
    char *s;
    size_t len, cap;
} textbuf;

/* Appends a[0..alen), sep and z[0..zlen) as one field; its offset, SIZE_MAX when out of memory. */
static size_t put(textbuf *b, const char *a, size_t alen, const char *sep, const char *z,
                  size_t zlen)
{
    size_t slen = strlen(sep), need = b->len + alen + slen + zlen + 1;
    if (need > b->cap) {
        size_t cap = need > 2 * b->cap ? need : 2 * b->cap;
        char *grown = realloc(b->s, cap);
        if (!grown)
            return SIZE_MAX;
        b->s = grown;
        b->cap = cap;
    }
    size_t at = b->len;
    memcpy(b->s + at, a, alen);
    memcpy(b->s + at + alen, sep, slen);
    memcpy(b->s + at + alen + slen, z, zlen);
    b->s[need - 1] = '\0';
    b->len = need;
    return at;
}

/* Sets field f to a[0..alen) sep z[0..zlen) appended to b; -1 when out of memory. */
static int put_field(textbuf *b, csvr_field *f, const char *a, size_t alen, const char *sep,
                     const char *z, size_t zlen)
{
    f->off = put(b, a, alen, sep, z, zlen);
    f->len = alen + strlen(sep) + zlen;
    return f->off == SIZE_MAX ? -1 : 0;
}

/* Sub-labels under a year that mean the whole year. */
static const char *const whole_year_names[] = {"全年", "全年累计", "全年合计", "年度", "全年度",
                                               "year", "annual", "full year", NULL};

/*
 * What a column under group g[0..glen) with sub-label s[0..slen) means: its
 * header text, appended to b (field *f), and the series it names (*name,
 * allocated) when one of the two is a period and the other is not.
 */
static int sub_meaning(const loader *L, const char *g, size_t glen, const char *s, size_t slen,
                       textbuf *b, csvr_field *f, char **name)
{
    ind_period p;
    int gp = header_period(g, glen, 1, L->opt->freq, &p);
    char joined[96];
    *name = NULL;
    if (header_period(s, slen, 1, L->opt->freq, &p)) { /* 研发强度 over 2021 */
        if (!gp && !(*name = dup_n(g, glen)))
            return -1;
        return put_field(b, f, s, slen, "", "", 0);
    }
    if (!gp) /* two labels: "GDP 增速", read as the shape reads a header */
        return put_field(b, f, g, glen, " ", s, slen);
    if (in_list(s, slen, whole_year_names)) /* 2023年 over 全年 */
        return put_field(b, f, g, glen, "", "", 0);
    if (glen + slen + 3 < sizeof joined) { /* 2023年 over 上半年, 2023 over H1 */
        int digits = 1;
        for (size_t i = 0; i < glen; i++)
            digits &= g[i] >= '0' && g[i] <= '9';
        size_t len = (size_t)snprintf(joined, sizeof joined, "%.*s%.*s", (int)glen, g,
                                      (int)slen, s);
        if (header_period(joined, len, 1, L->opt->freq, &p))
            return put_field(b, f, joined, len, "", "", 0);
        len = (size_t)snprintf(joined, sizeof joined, "%.*s%s%.*s", (int)glen, g, "\xe5\xb9\xb4",
                               (int)slen, s); /* 2023 over 上半年: 2023年上半年 */
        if (digits && header_period(joined, len, 1, L->opt->freq, &p))
            return put_field(b, f, joined, len, "", "", 0);
    }
    if (!(*name = dup_n(s, slen))) /* 2023年 over 增速(%): the period of series 增速 */
        return -1;
    return put_field(b, f, g, glen, "", "", 0);
}

/*
 * The held row (upper) and the current row (lower) as one header row:
 * fills *b and f[0..width) and L->colname. Returns 1 when they are two
 * header rows, 0 when not, -1 when out of memory.
 */
static int join_header_rows(loader *L, textbuf *b, csvr_field *f, size_t width)
{
    size_t group = NONE, glen = 0, subs = 0, spans = 0, in_group = 0, keys = 0;
    const char *g = "";
    for (int pass = 0; pass < 2; pass++) {
        group = NONE, subs = spans = in_group = keys = 0;
        for (size_t c = 0; c < width; c++) {
            size_t ulen, dlen;
            const char *u = field_text(L->held_text, L->held_f, L->held_n, c, &ulen);
            const char *d = cell(L, c, &dlen);
            int same = same_text(u, ulen, d, dlen);
            if (pass == 0 && ((dlen && !same && header_kind(L, d, dlen) == HK_NUMBER) ||
                              header_kind(L, u, ulen) == HK_NUMBER))
                return 0;
            if (ulen && (group == NONE || !same_text(u, ulen, g, glen))) {
                group = c, g = u, glen = ulen;
                in_group = 0;
            }
            f[c].line = L->held_line;
            if (!dlen || same || group == NONE) { /* a key column (指标, 地区), or one below */
                group = NONE;
                keys += ulen || dlen;
                if (pass == 1 && put_field(b, &f[c], ulen ? u : d, ulen ? ulen : dlen, "", "", 0))
                    return -1;
                continue;
            }
            subs++;
            spans += ++in_group == 2;
            if (pass == 1 && sub_meaning(L, g, glen, d, dlen, b, &f[c], &L->colname[c]) != 0)
                return -1;
        }
        if (pass == 0 && (spans == 0 || subs < 2 || keys == 0))
            return 0;
        if (pass == 0) {
            drop_colnames(L);
            if (!(L->colname = calloc(width, sizeof *L->colname)))
                return -1;
            L->ncolname = width;
        }
    }
    return 1;
}

/*
 * The held row and the current one as two header rows: 1 when they are (the
 * header is read, or the load failed), 0 when they are not.
 */
static int two_header_rows(loader *L)
{
    size_t width = L->held_n > L->n ? L->held_n : L->n;
    size_t upper = L->held_line, lower = L->n ? L->f[0].line : L->line;
    textbuf b = {NULL, 0, 0};
    csvr_field *f = malloc((width ? width : 1) * sizeof *f);
    int joined = f ? join_header_rows(L, &b, f, width) : -1;
    if (joined > 0) {
        char why[IND_ERROR_MSG_MAX - 80];
        L->text = b.s;
        L->f = f;
        L->n = width;
        if (try_header(L, why, sizeof why) == 0)
            accept_header(L, upper, 2);
        else
            fail(L, IND_E_FORMAT, upper, 0, "%s (header rows %zu and %zu read as one)", why,
                 upper, lower);
    } else if (joined < 0) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    }
    free(b.s);
    free(f);
    if (joined != 0)
        drop_held(L);
    return joined != 0;
}

static void header_row(loader *L)
{
    if (L->held_f) {
        if (two_header_rows(L))
            return;
        drop_colnames(L);
        replay_held(L);
        if (L->status != IND_OK)
            return;
        if (L->shape) {
            data_row(L);
            return;
        }
    }
    if (upper_candidate(L, nonempty_cells(L)))
        hold_row(L);
    else
        header_alone(L);
}

/* ------------------------------------------------------------- data rows */

/* The first cell from i on that is not empty once trimmed, L->n when none. */
static size_t next_filled(const loader *L, size_t i)
{
    for (; i < L->n; i++) {
        size_t len;
        cell(L, i, &len);
        if (len)
            return i;
    }
    return L->n;
}

/*
 * Fields after the last named header cell (the World Bank's trailing comma,
 * or a row longer than the header) must be empty; a row may lack only
 * fields whose header is empty.
 */
static ind_status check_width(loader *L)
{
    for (size_t i = L->width; i < L->n; i++) {
        size_t len;
        cell(L, i, &len);
        if (len && i >= L->ncols)
            return fail(L, IND_E_FORMAT, L->f[i].line, i + 1,
                        "row has %zu fields but the header has %zu", L->n, L->ncols);
        if (len)
            return fail(L, IND_E_FORMAT, L->f[i].line, i + 1,
                        "a value in column %zu, which has no header", i + 1);
    }
    for (size_t i = L->n; i < L->width; i++)
        if (L->cols[i].header[0])
            return fail(L, IND_E_FORMAT, L->n ? L->f[L->n - 1].line : L->line, L->n + 1,
                        "row has %zu fields but the header has %zu (no '%s')", L->n, L->ncols,
                        L->cols[i].header);
    return IND_OK;
}

/* A footnote, once the first cell is the only one filled: "注：..." "数据来源：..." "Source: ..." */
static int row_footnote(const loader *L)
{
    static const char *const keys[] = {"注",    "数据来源", "资料来源", "说明",     "备注", "Note",
                                       "Notes", "Source",   "Sources",  "Footnote", NULL};
    size_t len;
    const char *s = cell(L, 0, &len);
    for (const char *const *k = keys; *k; k++) {
        size_t klen = strlen(*k);
        if (len > klen && same_name(s, klen, *k) &&
            (s[klen] == ':' || (len >= klen + 3 && memcmp(s + klen, "\xef\xbc\x9a", 3) == 0)))
            return 1;
    }
    return 0;
}

static void data_row(loader *L)
{
    size_t first = next_filled(L, 0); /* a usual row: two cells looked at */
    if (first == L->n) {
        L->info->blank_rows++;
        return;
    }
    if (first == 0 && next_filled(L, 1) == L->n && row_footnote(L)) {
        L->info->notes++;
        return;
    }
    L->info->rows++;
    if (check_width(L) == IND_OK)
        L->shape->row(L);
}

/* ------------------------------------------------------------- interface */

static char *file_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return len ? dup_n(base, len) : dup_n("value", 5);
}

ind_status ld_rows_init(ld_rows *R, const char *path, const ind_load_options *opt,
                        ind_load_info *info, ind_error *err)
{
    memset(R, 0, sizeof *R);
    R->path = path;
    R->opt = opt;
    R->info = info;
    R->err = err;
    info->grouped = true;
    if (!(R->ds = ind_dataset_new()) || !(R->stem = file_stem(path)))
        return fail(R, IND_E_NOMEM, 0, 0, "out of memory");
    return IND_OK;
}

ind_status ld_rows_add(ld_rows *R, char *text, const csvr_field *f, size_t n, size_t line)
{
    if (R->status)
        return R->status;
    R->text = text;
    R->f = f;
    R->n = n;
    R->line = line;
    if (!R->shape)
        header_row(R);
    else
        data_row(R);
    return R->status;
}

ind_status ld_rows_finish(ld_rows *R)
{
    if (R->held_f && !R->shape && !R->status)
        replay_held(R); /* the last row held: read alone */
    if (R->status)
        return R->status;
    if (!R->shape && R->candidate_line)
        return fail(R, IND_E_FORMAT, R->candidate_line, 0, "%s", R->candidate_why);
    if (!R->shape)
        return fail(R, IND_E_FORMAT, 0, 0, "empty file");
    if (R->info->rows == 0)
        return fail(R, IND_E_FORMAT, R->info->header_line, 0, "no data rows after the header");
    R->info->renamed = ind_dataset_renamed(R->ds);
    R->info->streamed = R->sink && R->mode != LD_HOLD;
    return R->sink ? close_group(R) : apply_file_unit(R);
}

void ld_rows_stream(ld_rows *R, const ind_series_sink *sink, ld_mode mode, int can_restart)
{
    R->sink = sink;
    R->mode = sink ? mode : LD_HOLD;
    R->can_restart = can_restart;
}

ind_dataset *ld_rows_take(ld_rows *R)
{
    ind_dataset *ds = R->status ? NULL : R->ds;
    if (ds)
        R->ds = NULL;
    return ds;
}

void ld_rows_release(ld_rows *R)
{
    if (R->cols)
        reset_columns(R);
    free(R->cols);
    free(R->stem);
    free(R->entity);
    free(R->namebuf);
    free(R->keybuf);
    free(R->joinbuf);
    drop_held(R);
    drop_colnames(R);
    free_missing(R);
    keyset_free(&R->done);
    ind_dataset_free(R->ds);
    ind_dataset_free(R->codes);
    R->codes = NULL;
    R->cols = NULL;
    R->stem = R->entity = R->namebuf = R->keybuf = R->joinbuf = NULL;
    R->ds = NULL;
}

const char *ind_shape_name(ind_shape shape)
{
    const shape_desc *d = shape_of(shape);
    return d ? d->name : "auto";
}

int ind_shape_parse(const char *name, ind_shape *out)
{
    if (strcmp(name, "auto") == 0) {
        *out = IND_SHAPE_AUTO;
        return 0;
    }
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (strcmp(name, shapes[i].name) == 0) {
            *out = shapes[i].shape;
            return 0;
        }
    return -1;
}
