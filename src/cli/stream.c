/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stream.c - series at a time for growth, forecast and backtest (see
 * cli.h): the library hands over each series as soon as its rows are read
 * (ind_load_each), and the command writes its rows then, so that memory does
 * not grow with the file.
 *
 * A file read without --sorted may turn out not to be grouped after rows
 * were made; the library then reads it again as a whole and the rows start
 * over. So that nothing written has to be taken back, rows and notes wait
 * in temporary files until the load has succeeded (stdout itself when it is
 * a regular file or /dev/null: emptied back to where it started), and then
 * come out in the order a whole load gives: the load's note, selection
 * errors, the series' notes, the rows.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef struct spool {
    bool active;    /* between cli_stream_begin and cli_stream_end */
    bool loaded;    /* cli_load_each succeeded: what waits is written out */
    FILE *out;      /* rows: stdout, or a temporary file */
    FILE *notes;    /* notes while loading: stderr, or a temporary file */
    bool out_temp;  /* out is a temporary file */
    bool out_trunc; /* out is stdout, a regular file emptied back to out_start */
    off_t out_start;
    bool notes_temp;
} spool;

static spool sp = {false, false, NULL, NULL, false, false, 0, false};
static FILE *redirected; /* cli_set_notes */
static bool direct;      /* cli_stream_direct, from cli_stream_begin to cli_stream_end */

FILE *cli_out(void)
{
    return sp.active && sp.out ? sp.out : stdout;
}

FILE *cli_notes(void)
{
    return redirected ? redirected : sp.active && sp.notes ? sp.notes : stderr;
}

FILE *cli_set_notes(FILE *f)
{
    FILE *was = redirected;
    redirected = f;
    return was;
}

/* Whether stdout can be emptied back (a regular file) or needs no care (/dev/null). */
static bool stdout_direct(off_t *start)
{
    struct stat so, null;
    if (fstat(STDOUT_FILENO, &so) != 0)
        return false;
    if (S_ISCHR(so.st_mode) && stat("/dev/null", &null) == 0 && so.st_rdev == null.st_rdev)
        return true; /* discarded anyway (benchmarks) */
    if (!S_ISREG(so.st_mode))
        return false;
    fflush(stdout);
    *start = lseek(STDOUT_FILENO, 0, SEEK_CUR);
    return *start >= 0;
}

/*
 * INDICATORS_STREAM=0 loads the whole file first, as before streaming: the
 * tests compare the two paths' output byte for byte (tests/streaming).
 */
static bool whole_load(void)
{
    const char *v = getenv("INDICATORS_STREAM");
    return v && strcmp(v, "0") == 0;
}

void cli_stream_begin(const char *path, const ind_load_options *opt)
{
    memset(&sp, 0, sizeof sp);
    sp.active = true;
    sp.out = stdout;
    sp.notes = stderr;
    direct = opt->sorted || strcmp(path, "-") == 0;
    if (direct || whole_load())
        return; /* never read again: written at once */
    if (!stdout_direct(&sp.out_start)) {
        FILE *f = tmpfile();
        if (f) {
            sp.out = f;
            sp.out_temp = true;
        }
    } else {
        struct stat so;
        sp.out_trunc = fstat(STDOUT_FILENO, &so) == 0 && S_ISREG(so.st_mode);
    }
    FILE *n = tmpfile();
    if (n) {
        sp.notes = n;
        sp.notes_temp = true;
    }
}

/* Forgets what was written since cli_stream_begin. */
static void drop(bool out, bool notes)
{
    if (out && sp.out_temp) {
        rewind(sp.out);
        if (ftruncate(fileno(sp.out), 0) != 0)
            clearerr(sp.out);
    } else if (out && sp.out_trunc) {
        fflush(stdout);
        if (ftruncate(STDOUT_FILENO, sp.out_start) == 0)
            fseek(stdout, sp.out_start, SEEK_SET);
    }
    if (notes && sp.notes_temp) {
        rewind(sp.notes);
        if (ftruncate(fileno(sp.notes), 0) != 0)
            clearerr(sp.notes);
    }
}

/* Copies a temporary file to f and closes it; false when a read or write failed. */
static bool copy_out(FILE *tmp, FILE *f)
{
    char buf[1 << 16];
    size_t n;
    bool ok = fflush(tmp) == 0 && fseek(tmp, 0, SEEK_SET) == 0;
    while (ok && (n = fread(buf, 1, sizeof buf, tmp)) > 0)
        ok = fwrite(buf, 1, n, f) == n;
    ok = ok && !ferror(tmp);
    fclose(tmp);
    return ok;
}

/* Writes the notes that waited, from now on printed at once. */
static bool release_notes(void)
{
    bool ok = true;
    if (sp.notes_temp)
        ok = copy_out(sp.notes, stderr);
    sp.notes = stderr;
    sp.notes_temp = false;
    return ok;
}

/* Drops everything that waited and ends the output (after an error). */
static void abandon(void)
{
    drop(true, true);
    if (sp.notes_temp)
        fclose(sp.notes);
    if (sp.out_temp)
        fclose(sp.out);
    memset(&sp, 0, sizeof sp);
}

bool cli_stream_direct(void)
{
    return direct;
}

int cli_stream_end(int status)
{
    direct = false;
    if (!sp.active)
        return status;
    if (!sp.loaded) {
        abandon();
        return status;
    }
    bool ok = release_notes();
    if (sp.out_temp)
        ok = copy_out(sp.out, stdout) && ok;
    memset(&sp, 0, sizeof sp);
    if (!ok) {
        cli_eprintf("indicators: error: writing the output failed: %s\n", strerror(errno));
        return EXIT_DATA;
    }
    return status;
}

/* ---- the load ---- */

/* What a load needs besides the command's callbacks: the names seen, for the selection. */
typedef struct each_load {
    const cli_each *each;
    const cli_selection *sel;
    ind_dataset *names;    /* each series name once, with its label (only with a selection) */
    ind_dataset *entities; /* each entity once */
    bool matched;
    int status; /* the command's, when it stopped the load */
} each_load;

/* Records the names of s, so that a name given that is not in the data is an error at the end. */
static bool note_names(each_load *E, const ind_series *s)
{
    ind_series *n = ind_dataset_series(E->names, s->name, NULL);
    if (!n || (s->label[0] && !n->label[0] && ind_series_set_text(&n->label, s->label) != IND_OK))
        return false;
    return ind_dataset_series(E->entities, "-", s->entity) != NULL;
}

static ind_status on_series(void *ctx, ind_series *s, ind_error *err)
{
    each_load *E = ctx;
    bool choosing = E->sel && (E->sel->series.n || E->sel->entity.n);
    if (choosing && !note_names(E, s))
        return ind_error_set(err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    if (!cli_selected(E->sel, s))
        return IND_OK;
    E->matched = true;
    if ((E->status = E->each->series(E->each->ctx, s)) != EXIT_OK)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "stopped"); /* printed already */
    return IND_OK;
}

static ind_status on_restart(void *ctx, ind_error *err)
{
    each_load *E = ctx;
    drop(true, true);
    ind_dataset_clear(E->names);
    ind_dataset_clear(E->entities);
    E->matched = false;
    if (E->each->restart && (E->status = E->each->restart(E->each->ctx)) != EXIT_OK)
        return ind_error_set(err, IND_E_ARG, NULL, 0, 0, "stopped");
    return IND_OK;
}

static ind_status load_each(const char *path, const ind_load_options *opt,
                            const ind_series_sink *sink, ind_load_info *info, ind_error *err)
{
    if (strcmp(path, "-") != 0)
        return ind_load_each(path, opt, sink, info, err);
    if (cli_claim_stdin(err) != IND_OK)
        return err->code;
    return ind_load_each_stream(stdin, "stdin", opt, sink, info, err);
}

/* The whole file loaded first, then its selected series handed over one by one. */
static int load_whole(const char *path, const ind_load_options *opt, const cli_selection *sel,
                      const cli_each *each, ind_load_info *info)
{
    ind_dataset *ds = NULL;
    int status = cli_load(path, opt, sel, &ds, info);
    for (size_t i = 0; status == EXIT_OK && i < ind_dataset_count(ds); i++)
        if (cli_selected(sel, ind_dataset_at(ds, i)))
            status = each->series(each->ctx, ind_dataset_at(ds, i));
    ind_dataset_free(ds);
    sp.loaded = sp.active && status == EXIT_OK;
    return status;
}

int cli_load_each(const char *path, const ind_load_options *opt, const cli_selection *sel,
                  const cli_each *each, ind_load_info *info)
{
    if (whole_load())
        return load_whole(path, opt, sel, each, info);
    ind_load_info scratch;
    ind_error err;
    ind_error_clear(&err);
    each_load E = {each, sel, ind_dataset_new(), ind_dataset_new(), false, EXIT_OK};
    ind_series_sink sink = {on_series, on_restart, &E};
    ind_status st = E.names && E.entities
                        ? load_each(path, opt, &sink, info ? info : &scratch, &err)
                        : ind_error_set(&err, IND_E_NOMEM, NULL, 0, 0, "out of memory");
    info = info ? info : &scratch;
    int status = EXIT_OK;
    if (st != IND_OK) {
        if (E.status != EXIT_OK)
            release_notes(); /* the command said why it stopped */
        abandon();           /* a whole load would have written nothing */
        if (E.status == EXIT_OK)
            cli_report(&err);
        status = EXIT_DATA;
    } else {
        FILE *waiting = sp.notes_temp ? sp.notes : NULL; /* the series' notes come after */
        sp.notes = stderr;
        cli_load_notes(path, info);
        status = cli_check_selection(path, E.names, E.entities, E.matched, sel);
        sp.notes = waiting ? waiting : stderr;
        if (status != EXIT_OK) {
            abandon();
        } else {
            sp.loaded = sp.active;
            if (!release_notes())
                status = EXIT_DATA;
        }
    }
    ind_dataset_free(E.names);
    ind_dataset_free(E.entities);
    return status;
}
