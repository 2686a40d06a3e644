/*
 * load.c - reading indicator CSV files into a dataset (see
 * include/indicators/load.h).
 *
 * The pipeline, one chunk (1 MiB) at a time:
 *   source (file or memory) -> decode (check UTF-8, or iconv to UTF-8)
 *   -> split into lines (to know the line number of every callback)
 *   -> libcsv (strict) -> field callback (copies the field into the row)
 *   -> row callback (header detection, then the shape's row handler).
 * Memory holds one chunk, one row and the dataset being built.
 *
 * Shapes are a table of descriptors: each maps the header's columns
 * (setup) and turns one data row into observations (row).
 */
#include "indicators/load.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"

#define CHUNK_SIZE ((size_t)1 << 20)
#define FIELD_MAX ((size_t)1 << 20)      /* longest field accepted */
#define ROW_MAX_BYTES ((size_t)16 << 20) /* longest row accepted */
#define ROW_MAX_FIELDS ((size_t)100000)
#define PREAMBLE_MAX 100                 /* rows looked at before the header */
#define NONE SIZE_MAX                    /* no such column */

enum role { ROLE_NONE, ROLE_SERIES, ROLE_ENTITY, ROLE_PERIOD, ROLE_VALUE, ROLE_UNIT, ROLE_LABEL };

typedef struct column {
    enum role role;
    char *header;       /* the header cell, trimmed */
    ind_period period;  /* wide-period: the column's period */
    char *name;         /* wide-series: the series name */
    char *unit;         /* wide-series: unit from the header, or NULL */
    char *label;        /* wide-series: the full header when a unit was split off */
    ind_series *series; /* wide-series: the column's series for the current entity */
} column;

/* A field of the row being read: where its text is, and the line where it starts. */
typedef struct field {
    size_t off, len, line;
} field;

/* The fields of the row being read, each NUL-terminated in text. */
typedef struct row {
    char *text;
    size_t len, cap;
    field *f;
    size_t n, fcap;
} row;

typedef struct loader loader;

typedef struct shape_desc {
    ind_shape shape;
    const char *name;
    /* Maps the header's columns; 0 when they fit, else -1 with the reason in why. */
    int (*setup)(loader *L, char *why, size_t n);
    /* Turns the current (non-blank, checked) data row into observations. */
    ind_status (*row)(loader *L);
} shape_desc;

enum enc_mode { ENC_DETECT, ENC_UTF8, ENC_CONVERT };

struct loader {
    const char *path;
    const ind_load_options *opt;
    ind_load_info *info;
    ind_error *err;
    ind_status status;      /* first error; callbacks do nothing once set */
    int retry;              /* invalid UTF-8 in a detected-UTF-8 file: start over as GB18030 */
    enum enc_mode mode;
    int utf8_detected;      /* UTF-8 was detected, not forced */
    int gb_detected;        /* GB18030 was chosen because the text is not UTF-8 */
    int started;            /* text fed yet (BOM and delimiter handled) */
    struct csv_parser csv;
    size_t line;            /* line of the bytes being fed */
    int pending_cr;         /* the last byte fed was a CR */
    size_t ev_line;         /* line of the last callback */
    int ev_row, ev_c;       /* whether it was a row end, and its terminator */
    row row;
    ind_dataset *ds;
    /* header */
    const shape_desc *shape;
    column *cols;
    size_t ncols;
    size_t c_series, c_entity, c_period, c_value, c_unit, c_label;
    size_t candidate_line;  /* first row that looked like a header but was not */
    char candidate_why[IND_ERROR_MSG_MAX];
    size_t preamble_rows;
    size_t width;           /* columns up to the last one with a header */
    char *stem;             /* series name when the file has no series column */
    /* caches */
    ind_series *last;       /* long: the series of the previous row */
    char *entity;           /* wide-series: the entity the column series belong to */
    int have_entity;
};

/* ---------------------------------------------------------------- errors */

static ind_status fail(loader *L, ind_status code, size_t line, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static ind_status fail(loader *L, ind_status code, size_t line, size_t col, const char *fmt, ...)
{
    char msg[IND_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (L->status == IND_OK) {
        L->status = code;
        ind_error_set(L->err, code, L->path, (long)line, (long)col, "%s", msg);
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

static size_t space_len(const char *s, size_t left)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (c == 0xC2 && left >= 2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (c == 0xE3 && left >= 3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

static size_t space_len_before(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[len - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (c == 0xA0 && len >= 2 && (unsigned char)s[len - 2] == 0xC2)
        return 2;
    if (c == 0x80 && len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* Trims spaces (ASCII, NBSP, U+3000) in place: *s and *len describe the rest. */
static void trim(const char **s, size_t *len)
{
    size_t w;
    while (*len > 0 && (w = space_len(*s, *len)) != 0) {
        *s += w;
        *len -= w;
    }
    while (*len > 0 && (w = space_len_before(*s, *len)) != 0)
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
static const char *const ignore_names[] = {
    "note", "notes", "备注", "comment", "comments", "source", "来源", "数据来源", "说明",
    "flag", "flags", "footnote", "remark", "remarks", "注", NULL};

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

/* ------------------------------------------------------------------ rows */

static int row_push(row *r, const char *s, size_t len, size_t line)
{
    if (r->n == r->fcap) {
        size_t cap = r->fcap ? r->fcap * 2 : 64;
        field *f = realloc(r->f, cap * sizeof *f);
        if (!f)
            return -1;
        r->f = f;
        r->fcap = cap;
    }
    if (r->len + len + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + len + 1)
            cap *= 2;
        char *text = realloc(r->text, cap);
        if (!text)
            return -1;
        r->text = text;
        r->cap = cap;
    }
    memcpy(r->text + r->len, s, len);
    r->text[r->len + len] = '\0';
    r->f[r->n].off = r->len;
    r->f[r->n].len = len;
    r->f[r->n].line = line;
    r->len += len + 1;
    r->n++;
    return 0;
}

static void row_free(row *r)
{
    free(r->text);
    free(r->f);
}

/* Field i of the current row, trimmed; "" when the row is shorter. */
static const char *cell(const loader *L, size_t i, size_t *len)
{
    if (i >= L->row.n) {
        *len = 0;
        return "";
    }
    const char *s = L->row.text + L->row.f[i].off;
    *len = L->row.f[i].len;
    trim(&s, len);
    return s;
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
    return i < L->row.n ? L->row.f[i].line : L->line;
}

/* ---------------------------------------------------------- observations */

/*
 * Parses the value cell in column col and adds it to s at period p; errors
 * of ind_series_add (duplicate, frequency) are reported at column where.
 */
static ind_status add_value(loader *L, ind_series *s, ind_period p, size_t col, size_t where,
                            const char *text, size_t len)
{
    double v;
    int percent;
    size_t bad;
    char buf[80];
    int rc = ind_parse_value(text, len, &v, &percent, &bad);
    if (rc > 0) {
        s->n_missing++;
        L->info->missing++;
        return IND_OK;
    }
    if (rc <= 0 && L->info->delimiter == ';' && memchr(text, ',', len)) {
        excerpt(text, len, buf, sizeof buf);
        return fail(L, IND_E_VALUE, cell_line(L, col), col + 1,
                    "'%s' has a comma in a ';'-separated file: a decimal comma or a thousands "
                    "separator? (write numbers with a decimal point and no separators)", buf);
    }
    if (rc < 0) {
        excerpt(text, len, buf, sizeof buf);
        if (bad == len)
            return fail(L, IND_E_VALUE, cell_line(L, col), col + 1,
                        "'%s' is out of the range of numbers", buf);
        return fail(L, IND_E_VALUE, cell_line(L, col), col + 1, "'%s' is not a number", buf);
    }
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

static ind_status parse_period(loader *L, size_t col, ind_period *p)
{
    size_t len;
    char buf[80];
    const char *s = cell(L, col, &len);
    if (len == 0)
        return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1, "empty period (%s)",
                    period_forms);
    if (ind_period_parse(s, len, p) != 0)
        return fail(L, IND_E_PERIOD, cell_line(L, col), col + 1, "'%s' is not a period (%s)",
                    excerpt(s, len, buf, sizeof buf), period_forms);
    return IND_OK;
}

/* Sets the series' unit from a unit cell, or checks it agrees. */
static ind_status apply_unit(loader *L, ind_series *s, size_t col, const char *unit)
{
    if (!unit[0] || strcmp(s->unit, unit) == 0)
        return IND_OK;
    if (s->unit[0])
        return fail(L, IND_E_VALUE, cell_line(L, col), col + 1,
                    "unit '%s' differs from the unit '%s' of earlier rows of series '%s'", unit,
                    s->unit, s->name);
    if (ind_series_set_text(&s->unit, unit) != IND_OK)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    return IND_OK;
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
    if (missing)
        return -1;
    if (L->c_period == NONE || L->c_value == NONE) {
        snprintf(why, n, "a long file needs a period column (year, period, date, 年份 ...) and a "
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
    ind_series *s = L->last;
    if (!s || strcmp(s->name, name) != 0 || strcmp(s->entity, entity) != 0) {
        s = L->last = ind_dataset_series(L->ds, name, entity);
        if (!s)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    }
    if (L->c_unit != NONE && apply_unit(L, s, L->c_unit, cell_str(L, L->c_unit)) != IND_OK)
        return L->status;
    size_t len;
    const char *v = cell(L, L->c_value, &len);
    return add_value(L, s, p, L->c_value, L->c_period, v, len);
}

/* ----------------------------------------------------- wide-period shape */

/* Whether a header cell names a period; auto-detection wants a year of 4 digits or Q3 2023. */
static int header_period(const char *s, size_t len, int strict, ind_period *p)
{
    size_t cut = len;
    for (size_t i = 0; i + 3 < len; i++)
        if (s[i] == ' ' && s[i + 1] == '[') { /* World Bank DataBank: "1990 [YR1990]" */
            cut = i;
            break;
        }
    if (ind_period_parse(s, cut, p) != 0)
        return 0;
    if (!strict)
        return 1;
    return cut >= 4 && ((s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
                         s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9') ||
                        s[0] == 'Q' || s[0] == 'q');
}

static size_t find_name(const loader *L, const char *name)
{
    for (size_t i = 0; i < L->ncols && i < L->row.n; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        if (same_name(h, len, name) && L->cols[i].role == ROLE_NONE)
            return i;
    }
    return NONE;
}

static int wide_period_setup(loader *L, char *why, size_t n)
{
    size_t nperiods = 0, first = NONE;
    for (size_t i = 0; i < L->ncols; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        ind_period p;
        if (!len || !header_period(h, len, 0, &p))
            continue;
        if (first != NONE && p.freq != L->cols[first].period.freq) {
            snprintf(why, n, "column %zu '%s' is %s but column %zu is %s: one file, one frequency",
                     i + 1, h, ind_freq_name(p.freq), first + 1,
                     ind_freq_name(L->cols[first].period.freq));
            return -1;
        }
        for (size_t j = 0; j < i; j++)
            if (L->cols[j].role == ROLE_PERIOD && L->cols[j].period.ord == p.ord) {
                snprintf(why, n, "period '%s' heads both column %zu and column %zu", h, j + 1,
                         i + 1);
                return -1;
            }
        if (first == NONE)
            first = i;
        L->cols[i].role = ROLE_PERIOD;
        L->cols[i].period = p;
        nperiods++;
    }
    if (!nperiods) {
        snprintf(why, n, "no header cell is a period (1960, 2023Q1 ...)");
        return -1;
    }
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
    if (!L->opt->entity_col && (L->c_entity = find_name(L, "country name")) != NONE)
        L->cols[L->c_entity].role = ROLE_ENTITY;
    else
        L->c_entity = find_role(L, L->opt->entity_col, entity_names, ROLE_ENTITY, why, n, &missing);
    L->c_unit = find_role(L, L->opt->unit_col, unit_names, ROLE_UNIT, why, n, &missing);
    return missing ? -1 : 0;
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
    if (L->c_label != NONE)
        label = cell_str(L, L->c_label);
    size_t before = ind_dataset_count(L->ds);
    ind_series *s = ind_dataset_series(L->ds, name, entity);
    if (!s)
        return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
    if (ind_dataset_count(L->ds) > before || L->c_unit != NONE) {
        if (label[0] && !s->label[0] && ind_series_set_text(&s->label, label) != IND_OK)
            return fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        if (wide_row_unit(L, s, name, label) != IND_OK)
            return L->status;
    }
    size_t n = L->row.n < L->ncols ? L->row.n : L->ncols;
    for (size_t i = 0; i < n; i++) {
        if (L->cols[i].role != ROLE_PERIOD)
            continue;
        const char *v = L->row.text + L->row.f[i].off;
        if (add_value(L, s, L->cols[i].period, i, i, v, L->row.f[i].len) != IND_OK)
            return L->status;
    }
    return IND_OK;
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
    size_t nseries = 0;
    for (size_t i = 0; i < L->ncols; i++) {
        size_t len, ustart = 0, ulen = 0;
        const char *h = cell(L, i, &len);
        if (L->cols[i].role != ROLE_NONE || len == 0 || in_list(h, len, ignore_names))
            continue;
        size_t nlen = split_unit(h, len, &ustart, &ulen);
        column *c = &L->cols[i];
        c->role = ROLE_VALUE;
        c->name = dup_n(h, nlen);
        c->unit = dup_n(h + ustart, ulen);
        c->label = dup_n(nlen < len ? h : "", nlen < len ? len : 0);
        if (!c->name || !c->unit || !c->label) {
            snprintf(why, n, "out of memory");
            return -1;
        }
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
    size_t n = L->row.n < L->ncols ? L->row.n : L->ncols;
    for (size_t i = 0; i < n; i++) {
        column *c = &L->cols[i];
        if (c->role != ROLE_VALUE)
            continue;
        if (unit[0] && !c->unit[0] && apply_unit(L, c->series, L->c_unit, unit) != IND_OK)
            return L->status;
        if (add_value(L, c->series, p, i, i, L->row.text + L->row.f[i].off, L->row.f[i].len) != IND_OK)
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
    for (size_t i = 0; i < L->row.n; i++) {
        size_t len;
        const char *h = cell(L, i, &len);
        ind_period p;
        if (len && header_period(h, len, 1, &p))
            nperiods++;
        if (L->opt->period_col ? same_name(h, len, L->opt->period_col)
                               : in_list(h, len, period_names))
            has_period = 1;
        if (L->opt->value_col ? same_name(h, len, L->opt->value_col)
                              : in_list(h, len, value_names))
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

/* Tries the current row as the header: 0 when it is one (columns mapped). */
static int try_header(loader *L, char *why, size_t n)
{
    if (L->cols)
        reset_columns(L); /* a row tried before */
    column *cols = realloc(L->cols, (L->row.n ? L->row.n : 1) * sizeof *cols);
    if (!cols) {
        L->ncols = 0;
        snprintf(why, n, "out of memory");
        return -1;
    }
    L->cols = cols;
    L->ncols = L->row.n;
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
    ind_shape shape = L->opt->shape ? L->opt->shape : guess_shape(L);
    if (shape == IND_SHAPE_AUTO) {
        snprintf(why, n, "cannot tell the layout: no period column (year, period, date, 年份 ...) "
                         "and no period headers (1960, 2023Q1 ...); use --shape/--period-col");
        return -1;
    }
    const shape_desc *d = shape_of(shape);
    char reason[IND_ERROR_MSG_MAX - 80] = "";
    if (!d || d->setup(L, reason, sizeof reason) != 0) {
        snprintf(why, n, "cannot read the header as %s: %s", d ? d->name : "?", reason);
        return -1;
    }
    L->shape = d;
    return 0;
}

static size_t nonempty_cells(const loader *L)
{
    size_t k = 0;
    for (size_t i = 0; i < L->row.n; i++) {
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

static void header_row(loader *L)
{
    size_t nonempty = nonempty_cells(L);
    size_t line = L->row.n ? L->row.f[0].line : L->ev_line;
    if (nonempty == 0)
        return;
    char why[IND_ERROR_MSG_MAX - 40];
    if (try_header(L, why, sizeof why) == 0) {
        L->info->shape = L->shape->shape;
        for (L->width = L->ncols; L->width > 0 && !L->cols[L->width - 1].header[0];)
            L->width--;
        L->info->header_line = line;
        L->info->preamble_lines = line - 1;
        return;
    }
    if (!L->candidate_line) {
        L->candidate_line = line;
        snprintf(L->candidate_why, sizeof L->candidate_why, "%s", why);
    }
    if (!preamble_row(L, nonempty) || ++L->preamble_rows > PREAMBLE_MAX)
        fail(L, IND_E_FORMAT, L->candidate_line, 0, "%s", L->candidate_why);
}

/* ------------------------------------------------------------- data rows */

static int row_blank(const loader *L)
{
    for (size_t i = 0; i < L->row.n; i++) {
        size_t len;
        cell(L, i, &len);
        if (len)
            return 0;
    }
    return 1;
}

/*
 * Fields after the last named header cell (the World Bank's trailing comma,
 * or a row longer than the header) must be empty; a row may lack only
 * fields whose header is empty.
 */
static ind_status check_width(loader *L)
{
    for (size_t i = L->width; i < L->row.n; i++) {
        size_t len;
        cell(L, i, &len);
        if (len && i >= L->ncols)
            return fail(L, IND_E_FORMAT, L->row.f[i].line, i + 1,
                        "row has %zu fields but the header has %zu", L->row.n, L->ncols);
        if (len)
            return fail(L, IND_E_FORMAT, L->row.f[i].line, i + 1,
                        "a value in column %zu, which has no header", i + 1);
    }
    for (size_t i = L->row.n; i < L->width; i++)
        if (L->cols[i].header[0])
            return fail(L, IND_E_FORMAT, L->row.n ? L->row.f[L->row.n - 1].line : L->line,
                        L->row.n + 1, "row has %zu fields but the header has %zu (no '%s')",
                        L->row.n, L->ncols, L->cols[i].header);
    return IND_OK;
}

static void data_row(loader *L)
{
    if (row_blank(L)) {
        L->info->blank_rows++;
        return;
    }
    L->info->rows++;
    if (check_width(L) == IND_OK)
        L->shape->row(L);
}

/* ------------------------------------------------------------- callbacks */

static void on_field(void *s, size_t len, void *data)
{
    loader *L = data;
    if (L->status)
        return;
    size_t start = L->ev_row ? L->ev_line + 1 : L->ev_line;
    if (start == 0)
        start = 1;
    L->ev_line = L->line;
    L->ev_row = 0;
    if (L->row.n >= ROW_MAX_FIELDS || L->row.len + len > ROW_MAX_BYTES) {
        fail(L, IND_E_FORMAT, L->line, L->row.n + 1, "row longer than %zu fields or %zu MiB",
             ROW_MAX_FIELDS, ROW_MAX_BYTES >> 20);
        return;
    }
    if (row_push(&L->row, s ? s : "", len, start) != 0)
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
}

static void on_row(int c, void *data)
{
    loader *L = data;
    if (L->status)
        return;
    int crlf_tail = L->row.n == 0 && c == '\n' && L->ev_row && L->ev_c == '\r' &&
                    L->ev_line == L->line;
    L->ev_line = L->line;
    L->ev_row = 1;
    L->ev_c = c;
    if (crlf_tail)
        return;
    if (!L->shape)
        header_row(L);
    else
        data_row(L);
    L->row.n = 0;
    L->row.len = 0;
}

/* ----------------------------------------------------------------- input */

/* The line where the field being parsed started. */
static size_t open_field_line(const loader *L)
{
    size_t line = L->ev_row ? L->ev_line + 1 : L->ev_line;
    return line ? line : 1;
}

static void parse(loader *L, const char *s, size_t n)
{
    size_t done = csv_parse(&L->csv, s, n, on_field, on_row, L);
    if (L->status)
        return;
    int e = csv_error(&L->csv);
    if (done < n || e != CSV_SUCCESS) {
        if (e == CSV_EPARSE && L->csv.quoted)
            fail(L, IND_E_FORMAT, L->line, L->row.n + 1,
                 "text after the closing quote of a quoted field (write a quote inside quotes as \"\")");
        else if (e == CSV_EPARSE)
            fail(L, IND_E_FORMAT, L->line, L->row.n + 1,
                 "a quote inside an unquoted field (quote the whole field)");
        else
            fail(L, IND_E_NOMEM, L->line, L->row.n + 1, "out of memory");
        return;
    }
    if (L->csv.entry_pos > FIELD_MAX)
        fail(L, IND_E_FORMAT, open_field_line(L), L->row.n + 1,
             "field longer than %zu MiB%s", FIELD_MAX >> 20,
             L->csv.quoted ? " (a quote that is never closed?)" : "");
}

/* Feeds text to libcsv one line at a time, so that every callback knows its line. */
static void feed_lines(loader *L, const char *s, size_t len)
{
    size_t pos = 0, nl = 0, cr = 0;
    int have_nl = 0, have_cr = 0;
    while (pos < len && !L->status) {
        if (L->pending_cr) {
            L->pending_cr = 0;
            if (s[pos] == '\n') {
                parse(L, s + pos, 1);
                pos++;
                L->line++;
                continue;
            }
            L->line++;
        }
        if (!have_nl || nl < pos) {
            const char *q = memchr(s + pos, '\n', len - pos);
            nl = q ? (size_t)(q - s) : len;
            have_nl = 1;
        }
        if (!have_cr || cr < pos) {
            const char *q = memchr(s + pos, '\r', len - pos);
            cr = q ? (size_t)(q - s) : len;
            have_cr = 1;
        }
        size_t end = nl < cr ? nl : cr;
        if (end == len) {
            parse(L, s + pos, len - pos);
            break;
        }
        parse(L, s + pos, end + 1 - pos);
        if (s[end] == '\n')
            L->line++;
        else
            L->pending_cr = 1;
        pos = end + 1;
    }
}

/* Counts ',' ';' and tabs outside quotes on the first line that has any. */
static char detect_delimiter(const char *s, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    int quoted = 0, lines = 0;
    for (size_t i = 0; i < len && lines < 50; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == ',')
            comma++;
        else if (c == ';')
            semi++;
        else if (c == '\t')
            tab++;
        else if (c == '\n' || c == '\r') {
            if (comma || semi || tab)
                break;
            lines++;
        }
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

/* Decoded UTF-8 text: strips a BOM at the start, stops at NUL bytes, feeds the lines. */
static void feed_text(loader *L, const char *s, size_t len)
{
    if (!L->started && len > 0) {
        L->started = 1;
        if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
            s += 3;
            len -= 3;
            if (L->mode != ENC_CONVERT)
                snprintf(L->info->encoding, sizeof L->info->encoding, "UTF-8 (BOM)");
        }
        L->info->delimiter = L->opt->delimiter ? L->opt->delimiter : detect_delimiter(s, len);
        csv_set_delim(&L->csv, (unsigned char)L->info->delimiter);
    }
    const char *nul = memchr(s, '\0', len);
    feed_lines(L, s, nul ? (size_t)(nul - s) : len);
    if (nul && !L->status)
        fail(L, IND_E_FORMAT, L->line, L->row.n + 1, "NUL byte in the text: a binary file?");
}

static void bad_encoding(loader *L, const char *what)
{
    if (L->gb_detected)
        fail(L, IND_E_ENCODING, L->line, L->row.n + 1,
             "bytes that are neither UTF-8 nor GB18030: a binary file? (--encoding names "
             "another encoding)");
    else
        fail(L, IND_E_ENCODING, L->line, L->row.n + 1, "bytes that are not valid %s%s", what,
             L->mode == ENC_UTF8 ? " (use --encoding to name the file's encoding, e.g. gbk)"
                                 : "");
}

/* Reads the source chunk by chunk through the decoder into the parser. */
typedef struct source {
    FILE *fp;
    const char *data;
    size_t len, pos;
    char *buf;
} source;

static int source_next(source *src, const char **chunk, size_t *n)
{
    if (!src->fp) {
        *n = src->len - src->pos < CHUNK_SIZE ? src->len - src->pos : CHUNK_SIZE;
        *chunk = src->data + src->pos;
        src->pos += *n;
        return 0;
    }
    *n = fread(src->buf, 1, CHUNK_SIZE, src->fp);
    *chunk = src->buf;
    return ferror(src->fp) ? -1 : 0;
}

static void decode_all(loader *L, source *src, enc_conv *conv)
{
    enc_utf8 u8 = {0, 0, 0};
    const char *chunk;
    size_t n;
    int first = 1;
    do {
        if (source_next(src, &chunk, &n) != 0) {
            fail(L, IND_E_IO, 0, 0, "cannot read: %s", strerror(errno));
            return;
        }
        if (first && L->mode == ENC_DETECT) {
            enc_utf8 probe = {0, 0, 0};
            int bom = n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0;
            const char *nul = memchr(chunk, '\0', n); /* binary: let the NUL be reported */
            size_t upto = nul ? (size_t)(nul - chunk) : n;
            if (bom || enc_utf8_check(&probe, (const unsigned char *)chunk, upto) == upto) {
                L->mode = ENC_UTF8;
                L->utf8_detected = !bom;
            } else {
                L->retry = 1;
                return;
            }
        }
        first = 0;
        if (L->mode == ENC_UTF8) {
            size_t ok = enc_utf8_check(&u8, (const unsigned char *)chunk, n);
            feed_text(L, chunk, ok);
            if (!L->status && (ok < n || (n == 0 && u8.need))) {
                if (L->utf8_detected)
                    L->retry = 1;
                else
                    bad_encoding(L, "UTF-8");
            }
        } else {
            const char *out;
            size_t outlen;
            int rc = enc_conv_chunk(conv, chunk, n, n == 0, &out, &outlen);
            if (rc == ENC_NOMEM) {
                fail(L, IND_E_NOMEM, 0, 0, "out of memory");
                return;
            }
            feed_text(L, out, outlen);
            if (!L->status && rc == ENC_INVALID)
                bad_encoding(L, L->info->encoding);
        }
    } while (n > 0 && !L->status && !L->retry);
}

/* ----------------------------------------------------------------- setup */

static char *file_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return len ? dup_n(base, len) : dup_n("value", 5);
}

static void set_encoding_name(loader *L, const char *name)
{
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof L->info->encoding; i++) {
        char c = name[i];
        L->info->encoding[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    L->info->encoding[i] = '\0';
}

static void finish(loader *L)
{
    if (csv_fini(&L->csv, on_field, on_row, L) != 0 && !L->status)
        fail(L, IND_E_FORMAT, open_field_line(L), L->row.n + 1,
             "quoted field never closed (the file ends inside it)");
    if (L->status)
        return;
    if (!L->shape && L->candidate_line)
        fail(L, IND_E_FORMAT, L->candidate_line, 0, "%s", L->candidate_why);
    else if (!L->shape)
        fail(L, IND_E_FORMAT, 0, 0, "empty file");
    else if (L->info->rows == 0)
        fail(L, IND_E_FORMAT, L->info->header_line, 0, "no data rows after the header");
}

/* One pass over the input in the given encoding mode; L->retry asks for another. */
static void load_pass(loader *L, source *src, const char *encoding)
{
    enc_conv conv;
    memset(&conv, 0, sizeof conv);
    int have_conv = 0;
    if (encoding && enc_is_utf8(encoding)) {
        L->mode = ENC_UTF8;
        set_encoding_name(L, "UTF-8");
    } else if (encoding) {
        L->mode = ENC_CONVERT;
        if (enc_conv_open(&conv, encoding) != 0) {
            fail(L, IND_E_ARG, 0, 0, "unknown encoding '%s'", encoding);
            return;
        }
        have_conv = 1;
        set_encoding_name(L, encoding);
    } else {
        L->mode = ENC_DETECT;
        set_encoding_name(L, "UTF-8");
    }
    if (csv_init(&L->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    csv_set_blk_size(&L->csv, 1 << 16);
    L->line = 1;
    if (!(L->ds = ind_dataset_new()) || !(L->stem = file_stem(L->path))) {
        fail(L, IND_E_NOMEM, 0, 0, "out of memory");
        goto out;
    }
    decode_all(L, src, &conv);
    if (!L->status && !L->retry)
        finish(L);
out:
    csv_free(&L->csv);
    if (have_conv)
        enc_conv_close(&conv);
}

static void loader_release(loader *L)
{
    row_free(&L->row);
    if (L->cols)
        reset_columns(L);
    free(L->cols);
    free(L->stem);
    free(L->entity);
}

/* "UTF-16" when the input starts with a UTF-16 byte order mark, else NULL (input rewound). */
static const char *utf16_bom(source *src)
{
    unsigned char head[2] = {0, 0};
    if (src->fp) {
        size_t n = fread(head, 1, 2, src->fp);
        if (fseek(src->fp, 0, SEEK_SET) != 0 || n < 2)
            return NULL;
    } else if (src->len >= 2) {
        memcpy(head, src->data, 2);
    }
    if ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
        return "UTF-16";
    return NULL;
}

static ind_status load(source *src, const char *name, const ind_load_options *opt,
                       ind_dataset **out, ind_load_info *info, ind_error *err)
{
    ind_load_options defaults;
    ind_load_info scratch;
    if (!opt) {
        ind_load_options_init(&defaults);
        opt = &defaults;
    }
    if (!info)
        info = &scratch;
    *out = NULL;
    ind_error_clear(err);
    if (opt->delimiter == '"' || opt->delimiter == '\n' || opt->delimiter == '\r' ||
        (unsigned char)opt->delimiter >= 0x80)
        return ind_error_set(err, IND_E_ARG, name, 0, 0,
                             "the delimiter cannot be a quote, a line end or a non-ASCII byte");
    const char *encoding = opt->encoding;
    if (!encoding && (encoding = utf16_bom(src)) == NULL && src->fp && ferror(src->fp))
        return ind_error_set(err, IND_E_IO, name, 0, 0, "cannot read: %s", strerror(errno));
    for (int attempt = 0; attempt < 2; attempt++) {
        loader L;
        memset(&L, 0, sizeof L);
        L.gb_detected = attempt > 0;
        memset(info, 0, sizeof *info);
        L.path = name;
        L.opt = opt;
        L.info = info;
        L.err = err;
        load_pass(&L, src, encoding);
        ind_status status = L.status;
        int retry = L.retry;
        if (status == IND_OK && !retry) {
            *out = L.ds;
            L.ds = NULL;
        }
        ind_dataset_free(L.ds);
        loader_release(&L);
        if (!retry)
            return status;
        /* not UTF-8 after all: read it again as GB18030 (a superset of GBK and GB2312) */
        encoding = "GB18030";
        if (src->fp ? fseek(src->fp, 0, SEEK_SET) != 0 : (src->pos = 0, 0))
            return ind_error_set(err, IND_E_ENCODING, name, 0, 0,
                                 "not UTF-8 and cannot re-read the input as GB18030");
    }
    return ind_error_set(err, IND_E_ENCODING, name, 0, 0, "cannot tell the encoding");
}

/* ------------------------------------------------------------- interface */

void ind_load_options_init(ind_load_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

ind_status ind_load_file(const char *path, const ind_load_options *opt, ind_dataset **out,
                         ind_load_info *info, ind_error *err)
{
    source src;
    memset(&src, 0, sizeof src);
    *out = NULL;
    if (!(src.fp = fopen(path, "rb")))
        return ind_error_set(err, IND_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    ind_status status;
    if (!(src.buf = malloc(CHUNK_SIZE)))
        status = ind_error_set(err, IND_E_NOMEM, path, 0, 0, "out of memory");
    else
        status = load(&src, path, opt, out, info, err);
    free(src.buf);
    fclose(src.fp);
    return status;
}

ind_status ind_load_buffer(const char *data, size_t len, const char *name,
                           const ind_load_options *opt, ind_dataset **out, ind_load_info *info,
                           ind_error *err)
{
    source src;
    memset(&src, 0, sizeof src);
    src.data = data ? data : "";
    src.len = data ? len : 0;
    return load(&src, name ? name : "<buffer>", opt, out, info, err);
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
