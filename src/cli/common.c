/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * common.c - loading, selection and error printing shared by every
 * subcommand (see cli.h); options are in options.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "indicators/derive.h"

/* text escaped (ind_text_escape) into small[0..n), or a malloc'd copy when longer (free it then). */
static char *escape_into(const char *text, char *small, size_t n)
{
    size_t want = ind_text_escape(text, small, n);
    char *big = want < n ? NULL : malloc(want + 1);
    if (big)
        ind_text_escape(text, big, want + 1);
    return big ? big : small;
}

/*
 * vfprintf with every %s argument escaped: the format is this program's own
 * text (its line breaks stay), the strings may come from data. One
 * conversion at a time, each formatted by snprintf with its own flags.
 */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* each spec is a piece of the caller's format */
#endif
void cli_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p;) {
        if (*p != '%' || p[1] == '%') {
            fputc(*p, f);
            p += *p == '%' ? 2 : 1;
            continue;
        }
        /* the spec with any '*' width or precision replaced by its argument */
        char spec[64], out[512];
        size_t len = 0;
        int precision = -1;
        const char *q = p + 1;
        spec[len++] = '%';
        for (; *q && strchr("-+ #0123456789.*", *q) && len < 40; q++) {
            if (*q == '*') {
                int v = va_arg(ap, int);
                if (q > p && q[-1] == '.')
                    precision = v;
                len += (size_t)snprintf(spec + len, sizeof spec - len, "%d", v);
            } else {
                if (q > p && q[-1] == '.' && *q >= '0' && *q <= '9')
                    precision = atoi(q);
                spec[len++] = *q;
            }
        }
        size_t mods = strspn(q, "hlzjtL");
        char conv = q[mods];
        if (!conv || len + mods + 2 > sizeof spec)
            return; /* not a format this program writes */
        memcpy(spec + len, q, mods + 1);
        spec[len + mods + 1] = '\0';
        bool is_ll = strncmp(q, "ll", 2) == 0, is_long = !is_ll && q[0] == 'l';
        switch (conv) {
        case 's': {
            /* the precision cuts the argument, the width pads the escaped text */
            const char *arg = va_arg(ap, const char *);
            char *cut = strndup(arg ? arg : "(null)", precision >= 0 ? (size_t)precision : SIZE_MAX);
            char *shown = escape_into(cut ? cut : "", out, sizeof out);
            char *dot = strchr(spec, '.');
            if (dot)
                strcpy(dot, "s");
            fprintf(f, spec, shown);
            if (shown != out)
                free(shown);
            free(cut);
            break;
        }
        case 'c': {
            char c[2] = {(char)va_arg(ap, int), '\0'}, shown[8];
            fputs(escape_into(c, shown, sizeof shown), f);
            break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
            snprintf(out, sizeof out, spec, va_arg(ap, double));
            fputs(out, f);
            break;
        case 'p':
            snprintf(out, sizeof out, spec, va_arg(ap, void *));
            fputs(out, f);
            break;
        default: /* d i u x X o */
            if (q[0] == 'z')
                snprintf(out, sizeof out, spec, va_arg(ap, size_t));
            else if (is_ll)
                snprintf(out, sizeof out, spec, va_arg(ap, long long));
            else if (is_long)
                snprintf(out, sizeof out, spec, va_arg(ap, long));
            else
                snprintf(out, sizeof out, spec, va_arg(ap, int));
            fputs(out, f);
        }
        p = q + mods + 1;
    }
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

void cli_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vfprintf(f, fmt, ap);
    va_end(ap);
}

void cli_eprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vfprintf(cli_notes(), fmt, ap);
    va_end(ap);
}

void cli_report(const ind_error *err)
{
    char buf[IND_ERROR_PATH_MAX + IND_ERROR_MSG_MAX + 64];
    ind_error_format(err, buf, sizeof buf);
    cli_eprintf("%s%s\n", err->path[0] ? "" : "indicators: ", buf);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    cli_eprintf("indicators %s: ", cmd);
    va_start(ap, fmt);
    cli_vfprintf(stderr, fmt, ap);
    va_end(ap);
    cli_eprintf("\nTry 'indicators %s --help'.\n", cmd);
    return EXIT_USAGE;
}

static bool listed(const char *const *names, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return true;
    return n == 0;
}

bool cli_selected(const cli_selection *sel, const ind_series *s)
{
    if (!sel)
        return true;
    const cli_list *names = &sel->series;
    bool by_name = listed(names->items, names->n, s->name) ||
                   (s->label[0] && names->n && listed(names->items, names->n, s->label));
    return by_name && listed(sel->entity.items, sel->entity.n, s->entity);
}

/* Whether name is one part of a comma-separated name of names that is in the data. */
static bool part_of_present(const ind_dataset *ds, ind_name_kind kind, const char *const *names,
                            size_t n, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        const char *w = names[i];
        if (!strchr(w, ',') || !ind_dataset_has_name(ds, kind, w))
            continue;
        for (const char *p = w; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
            if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0'))
                return true;
    }
    return false;
}

/*
 * Every name given with --series / --entity must be in the data: a typo must
 * not quietly select less ("--entity Luohe,Xuchang" without Xuchang). A name
 * with commas counts when it is there whole ("Korea, Rep.") or when each of
 * its parts is. The message lists the near names, or all when they are few.
 */
static int check_names(const char *path, const ind_dataset *ds, ind_name_kind kind,
                       const char *const *names, size_t n)
{
    const char *what = kind == IND_NAME_ENTITY ? "entity" : "series";
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i];
        if (strchr(name, ',') || ind_dataset_has_name(ds, kind, name) ||
            part_of_present(ds, kind, names, n, name))
            continue;
        cli_eprintf("%s: error: --%s '%s' is not in the data", path, what, name);
        const char *near[8];
        size_t k = ind_dataset_near_names(ds, kind, name, near, 8);
        const char **all = NULL;
        size_t total = k ? 0 : ind_dataset_names(ds, kind, &all);
        if (k) {
            cli_eprintf("; near:");
            for (size_t j = 0; j < k; j++)
                cli_eprintf("%s '%s'", j ? "," : "", near[j]);
        } else if (total > 0 && total <= 12) {
            cli_eprintf("; it has:");
            for (size_t j = 0; j < total; j++)
                cli_eprintf("%s '%s'", j ? "," : "", all[j]);
        } else {
            cli_eprintf(" (run 'indicators inspect %s' to list the series)", path);
        }
        cli_eprintf("\n");
        free(all);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int cli_check_selection(const char *path, const ind_dataset *names, const ind_dataset *entities,
                        bool matched, const cli_selection *sel)
{
    if (!sel || (sel->series.n == 0 && sel->entity.n == 0))
        return EXIT_OK;
    if (check_names(path, names, IND_NAME_SERIES, sel->series.items, sel->series.n) != EXIT_OK ||
        check_names(path, entities, IND_NAME_ENTITY, sel->entity.items, sel->entity.n) != EXIT_OK)
        return EXIT_DATA;
    if (matched)
        return EXIT_OK;
    cli_eprintf("%s: error: no series matches", path);
    for (size_t i = 0; i < sel->series.n; i++)
        cli_eprintf("%s'%s'", i ? ", " : " --series ", sel->series.items[i]);
    for (size_t i = 0; i < sel->entity.n; i++)
        cli_eprintf("%s'%s'", i ? ", " : " --entity ", sel->entity.items[i]);
    cli_eprintf(" (run 'indicators inspect %s' to list the series)\n", path);
    return EXIT_DATA;
}

static int check_selection(const char *path, const ind_dataset *ds, const cli_selection *sel)
{
    bool matched = false;
    for (size_t i = 0; sel && !matched && i < ind_dataset_count(ds); i++)
        matched = cli_selected(sel, ind_dataset_at(ds, i));
    return cli_check_selection(path, ds, ds, matched, sel);
}

ind_status cli_claim_stdin(ind_error *err)
{
    static bool stdin_read;
    if (stdin_read)
        return ind_error_set(err, IND_E_ARG, "stdin", 0, 0,
                             "standard input can be read only once: give '-' for one file");
    stdin_read = true;
    return IND_OK;
}

/* Loads FILE, or standard input for "-" (once: a second "-" would find it empty),
   named "stdin" in messages and as the series of a file without a series column. */
static ind_status load_path(const char *path, const ind_load_options *opt, ind_dataset **out,
                            ind_load_info *info, ind_error *err)
{
    if (strcmp(path, "-") != 0)
        return ind_load_file(path, opt, out, info, err);
    *out = NULL;
    if (cli_claim_stdin(err) != IND_OK)
        return err->code;
    return ind_load_stream(stdin, "stdin", opt, out, info, err); /* in chunks, as files are */
}

void cli_load_notes(const char *path, const ind_load_info *info)
{
    if (info->note[0])
        cli_eprintf("indicators: note: %s: %s\n", path, info->note);
    if (info->columns_note[0])
        cli_eprintf("indicators: note: %s: %s\n", path, info->columns_note);
}

int cli_load(const char *path, const ind_load_options *opt, const cli_selection *sel,
             ind_dataset **out, ind_load_info *info)
{
    ind_error err;
    ind_load_info scratch;
    if (!info)
        info = &scratch;
    ind_error_clear(&err);
    if (load_path(path, opt, out, info, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    cli_load_notes(path, info);
    int status = check_selection(path, *out, sel);
    if (status != EXIT_OK) {
        ind_dataset_free(*out);
        *out = NULL;
    }
    return status;
}

int cli_close_output(FILE *f, const char *path, int status)
{
    /* A write that failed earlier (the table writers only return a status) left
       its bytes in the buffer, so flushing again gives the reason. */
    bool failed = ferror(f) != 0;
    /* A write that failed and left nothing in the buffer (a long --help on /dev/full)
       leaves only its errno to tell why: kept unless the flush gives a reason. */
    int earlier = failed ? errno : 0;
    errno = 0;
    if (fflush(f) != 0)
        failed = true;
    int reason = errno ? errno : earlier;
    if (fclose(f) != 0 && !failed) {
        failed = true;
        reason = errno;
    }
    if (!failed)
        return status;
    const char *why = reason ? strerror(reason) : "output incomplete";
    if (path)
        cli_eprintf("%s: error: writing failed: %s\n", path, why);
    else
        cli_eprintf("indicators: error: writing output failed: %s\n", why);
    return status == EXIT_OK || status == EXIT_TARGET ? EXIT_DATA : status;
}

const char *cli_series_title(const ind_series *s, char *buf, size_t n)
{
    if (s->entity[0])
        snprintf(buf, n, "%s [%s]", s->name, s->entity);
    else
        snprintf(buf, n, "%s", s->name);
    return buf;
}

int cli_derive(const cli_common *c, ind_dataset *const *ds, size_t nds)
{
    for (size_t i = 0; i < c->nderive; i++) {
        ind_derivation *d;
        ind_derive_info info;
        ind_error err;
        ind_error_clear(&err);
        ind_status st = ind_derivation_parse(c->derive[i], &d, &err);
        if (st == IND_OK)
            st = ind_derivation_apply(d, ds, nds, ds[0], &info, &err);
        ind_derivation_free(d);
        if (st != IND_OK) {
            cli_eprintf("indicators: error: --derive: %s\n", err.message);
            return EXIT_DATA;
        }
        if (info.lacking)
            cli_eprintf("indicators: note: --derive '%s': %s%s\n", c->derive[i], info.note,
                        info.lacking > 1 ? " (and more entities)" : "");
    }
    return EXIT_OK;
}
