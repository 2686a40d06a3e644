/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart.c - `indicators chart FILE -o OUT.(png|svg|pdf)`: loads the series,
 * runs the forecast and reads the target when asked, has the library build
 * the gnuplot script (src/lib/chart.c), then runs gnuplot on it as a child
 * process with an argv array (posix_spawnp, never a shell). A script that
 * gnuplot rejects is kept and its path printed with gnuplot's messages;
 * --script DIR writes the script instead of rendering it.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "fcjobs.h"
#include "gnuplot.h"
#include "options.h"
#include "indicators/chart.h"
#include "indicators/forecast.h"
#include "indicators/target.h"

static const char about[] =
    "Draw the selected series with gnuplot, ready for a report or a slide.\n"
    "\n"
    "Kinds (--kind):\n"
    "  trend    history as lines and points; with --forecast a dashed forecast\n"
    "           with 80% and 95% fan bands; with --target a goal line (a growth\n"
    "           target: its path) and a star at the target year; the latest\n"
    "           value labelled (default)\n"
    "  growth   year-on-year change in % as bars (x_t / x_{t-1y} - 1), the\n"
    "           compound annual growth rate (x_last / x_first)^(1/years) - 1 as\n"
    "           a dashed line; --pp: changes in percentage points\n"
    "  index    each series as 100 x_t / x_base, base = --base or the first\n"
    "           period all series share\n"
    "  compare  several series, e.g. one indicator for several --entity, with\n"
    "           their latest values labelled; with --forecast a forecast and a\n"
    "           band at the first --level each, with --target or --targets the\n"
    "           goals (shared, or one per entity in its colour)\n"
    "\n"
    "Known points with missing periods between them are joined by a thin dashed\n"
    "segment (--no-bridge: a gap). --lang zh writes periods (2023年一季度), units\n"
    "and the chart's own words in Chinese.\n"
    "";

static const char epilog[] =
    "gnuplot (Debian: apt-get install gnuplot-nox) renders the chart. The\n"
    "templates are scripts/chart-*.gp, installed in share/indicators/; set\n"
    "INDICATORS_SCRIPTS to a directory of your own copies to restyle every chart.\n"
    "\n";

typedef struct chart_args {
    cli_common c; /* first: the shared rows' fields (c.fc: horizon, levels, scale) */
    ind_chart_options chart;
    const char *path, *output, *target, *script_dir;
    const ind_forecast_method *method; /* --forecast; NULL: none */
    bool force;                        /* --force: --script replaces an existing file */
    const ind_dataset *ds;             /* the data, once loaded */
} chart_args;

static int parse_size(const char *cmd, const cli_option *row, char *arg, void *field);

static const char *const kind_names[] = {"trend", "growth", "index", "compare", NULL};

#define ARG(field) offsetof(chart_args, field)

static const cli_option chart_rows[] = {
    {.name = "output", .short_name = 'o', .kind = CLI_STRING, .offset = ARG(output),
     .metavar = "FILE", .help = "the chart; .png (pngcairo), .svg or .pdf (pdfcairo)"},
    {.name = "kind", .kind = CLI_CHOICE, .offset = ARG(chart.kind), .choices = kind_names,
     .help = "the kind of chart (default trend)"},
    {.name = "forecast", .kind = CLI_METHOD, .offset = ARG(method), .metavar = "METHOD",
     .help = "trend, compare: add a forecast of each series by METHOD (listed below); on "
             "compare all end --horizon periods after the latest observation of any"},
    {.name = "target", .kind = CLI_STRING, .offset = ARG(target), .metavar = "SPEC",
     .help = "trend, compare: draw a target, e.g. '>= 2.5 by 2025' (every charted series; "
             "one line when the goal is one level) or 'rd_intensity[Luohe] >= 2.5% by 2025' "
             "(see 'indicators target --help' for the syntax); a growth target is drawn as "
             "its path"},
    {.name = "no-bridge", .kind = CLI_FLAG, .offset = ARG(chart.no_bridge),
     .help = "leave a gap in a series as a gap (default: a thin dashed segment joins the known "
             "points either side)"},
    {.name = "pp", .kind = CLI_FLAG, .offset = ARG(chart.pp),
     .help = "growth, on % series: the change on a year earlier in percentage points, and the "
             "average change a year as the line"},
    {.name = "label", .kind = CLI_STRING, .offset = ARG(chart.label), .metavar = "TEXT",
     .help = "the indicator's name in titles and legends (default: the file's label column, "
             "else the series name)"},
    {.name = "source", .kind = CLI_STRING, .offset = ARG(chart.source), .metavar = "TEXT",
     .help = "a line under the chart, e.g. '数据来源：国家统计局'"},
    {.name = "base", .kind = CLI_PERIOD, .offset = ARG(chart.base), .metavar = "PERIOD",
     .help = "index: the base period (2015, 2020Q1 ...)"},
    {.name = "title", .kind = CLI_STRING, .offset = ARG(chart.title), .metavar = "TEXT",
     .help = "chart title (default: the indicator and entity)"},
    {.name = "ylabel", .kind = CLI_STRING, .offset = ARG(chart.ylabel), .metavar = "TEXT",
     .help = "value-axis label (default: the unit)"},
    {.name = "lang", .kind = CLI_CHOICE, .offset = ARG(chart.lang), .choices = cli_lang_names,
     .help = "language of the chart's own words (default en)"},
    {.name = "size", .kind = CLI_CUSTOM, .parse = parse_size, .offset = ARG(chart),
     .metavar = "W,H", .help = "size in pixels (default 1600,900; PDF: 160 px an inch)"},
    {.name = "font", .kind = CLI_STRING, .offset = ARG(chart.font), .metavar = "NAME",
     .help = "font (default 'Noto Sans CJK SC', which has Chinese)"},
    {.name = "script", .kind = CLI_STRING, .offset = ARG(script_dir), .metavar = "DIR",
     .help = "write DIR/NAME.gp (parameters, data, template) instead of rendering; edit it and "
             "run 'gnuplot DIR/NAME.gp'; DIR '-' writes it to standard output"},
    {.name = "force", .kind = CLI_FLAG, .offset = ARG(force),
     .help = "--script replaces an existing NAME.gp"},
};
static const cli_group chart_options = CLI_GROUP("Options:", chart_rows);

static const cli_command_spec chart_spec = {
    .name = "chart",
    .usage = "FILE -o OUT.png|OUT.svg|OUT.pdf [OPTIONS]",
    .about = about,
    .groups = (const cli_group *const[]){
        &chart_options, &cli_targets_option, &cli_horizon_option, &cli_to_option,
        &cli_forecast_options, &cli_select_options,
        &cli_input_options, NULL,
    },
    .epilog = epilog,
    .one_file = true,
};

static int parse_size(const char *cmd, const cli_option *row, char *arg, void *field)
{
    ind_chart_options *opt = field;
    char *end;
    long w = strtol(arg, &end, 10);
    if (end == arg || (*end != ',' && *end != 'x'))
        return cli_usage_error(cmd, "--%s must be W,H in pixels, not '%s'", row->name, arg);
    const char *h_text = end + 1;
    long h = strtol(h_text, &end, 10);
    if (end == h_text || *end || w < 200 || w > 10000 || h < 200 || h > 10000)
        return cli_usage_error(cmd, "--%s must be W,H with each in 200..10000, not '%s'",
                               row->name, arg);
    opt->width = (int)w;
    opt->height = (int)h;
    return 0;
}

static int parse_args(int argc, char **argv, chart_args *a)
{
    /* options may follow FILE, as in `indicators chart FILE -o OUT` */
    int status = cli_parse(&chart_spec, argc, argv, a);
    if (status != CLI_RUN)
        return status;
    a->path = a->c.files[0];
    bool horizon = cli_given(&a->c, "horizon") || cli_given(&a->c, "to");
    bool fc_given = cli_given_any(&a->c, &cli_forecast_options);
    if (!a->output && !a->script_dir)
        return cli_usage_error("chart", "name the chart file with -o OUT.png (or .svg, .pdf)");
    /* names are checked before anything is read or written */
    if (a->output && ind_text_has_control(a->output))
        return cli_usage_error("chart", "-o: a file name with control characters is refused");
    if (a->script_dir && ind_text_has_control(a->script_dir))
        return cli_usage_error("chart", "--script: a directory name with control characters is "
                                        "refused");
    if (a->output && cli_same_file(a->output, a->path))
        return cli_usage_error("chart", "-o names the input file %s; the chart would overwrite it",
                               a->path);
    const char *out = a->output ? a->output : "chart.png";
    if (ind_chart_format_from_path(out, &a->chart.format) != 0)
        return cli_usage_error("chart", "-o must end in .png, .svg or .pdf: '%s'", out);
    a->chart.output = out;
    if ((a->method || a->target || a->c.targets_file || horizon || fc_given) &&
        a->chart.kind != IND_CHART_TREND && a->chart.kind != IND_CHART_COMPARE)
        return cli_usage_error("chart", "--forecast, --horizon, --to, --level, --log, --bounds, "
                                        "--no-bounds, --target and --targets go with --kind "
                                        "trend or compare");
    if ((horizon || fc_given) && !a->method)
        a->method = a->c.fc.req.method; /* the default, auto */
    if (a->chart.base.freq && a->chart.kind != IND_CHART_INDEX)
        return cli_usage_error("chart", "--base goes with --kind index");
    return CLI_RUN;
}

/* ---- forecast and target ---- */

/*
 * The forecast of s, as every command makes it (ind_forecast_series). A
 * series with no forecast (too short) is drawn without one, with a note;
 * *drawn says whether f holds a forecast.
 */
static int run_forecast(const chart_args *a, const ind_series *s, size_t horizon, ind_forecast *f,
                        bool *drawn)
{
    fc_job job;
    fc_job_init(&job, s, horizon, &a->c.fc);
    job.req.method = a->method;
    ind_error_clear(&job.err);
    job.st = ind_forecast_series(s, &job.req, f, &job.err);
    *drawn = job.st == IND_OK;
    if (job.st != IND_OK)
        return fc_report_failure(&job, "no forecast") ? EXIT_DATA : EXIT_OK;
    if (f->note[0]) {
        char title[512];
        cli_eprintf("indicators: note: series %s: %s\n",
                cli_series_title(s, title, sizeof title), f->note);
    }
    return EXIT_OK;
}

/* Whether SPEC starts with the operator, meaning the charted series. */
static bool bare_target(const char *spec)
{
    const char *p = spec + strspn(spec, " ");
    return strncmp(p, ">=", 2) == 0 || strncmp(p, "<=", 2) == 0 ||
           strncmp(p, "≥", strlen("≥")) == 0 || strncmp(p, "≤", strlen("≤")) == 0;
}

/*
 * Whether target t (its series, and its entity when it names one) means the
 * charted s of ds: names compare as the dataset keys them (a control
 * character is a space), or the series by its label.
 */
static bool target_means(const ind_dataset *ds, const ind_target *t, const ind_series *s)
{
    if (ind_dataset_find(ds, t->series, t->entity[0] ? t->entity : s->entity) == s)
        return true;
    return strcmp(t->series, s->label) == 0 && (!t->entity[0] || strcmp(t->entity, s->entity) == 0);
}

/*
 * What target t draws on series i of the chart: its goal level and, for a
 * growth target, the base it grows from at its rate (ind_target_assess's
 * figures, as `indicators target` computes them).
 */
static int chart_target_of(const ind_target *t, const ind_series *s, size_t i,
                           ind_chart_target *ct)
{
    if (t->kind == IND_TARGET_TOTAL && s->freq != IND_FREQ_YEAR)
        return cli_usage_error("chart",
                               "a year-total target cannot be drawn on a chart of %s "
                               "values; chart the annual series",
                               ind_freq_name(s->freq));
    ind_target_options to;
    ind_target_options_init(&to);
    to.forecast = false;
    ind_assessment as;
    ind_error err;
    ind_error_clear(&err);
    if (ind_target_assess(s, t, &to, &as, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    if (ind_chart_target_from(t, &as, i, ct, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/*
 * What target t draws on list[0..n), appended to ct[*nt..max): one per
 * series it means (bare: every one), except that a level goal shared by
 * several series is one line for all; a growth target is one path per series
 * (each grows from its own base level). *matched counts the series meant.
 * ct[].label points into t.
 */
static int add_chart_targets(const ind_dataset *ds, const ind_target *t, bool bare,
                             const ind_series **list, size_t n, ind_chart_target *ct, size_t *nt,
                             size_t max, size_t *matched)
{
    size_t first = *nt;
    *matched = 0;
    for (size_t i = 0; i < n; i++) {
        if (!bare && !target_means(ds, t, list[i]))
            continue;
        ind_target ti = *t;
        if (bare) {
            snprintf(ti.series, sizeof ti.series, "%s", list[i]->name);
            snprintf(ti.entity, sizeof ti.entity, "%s", list[i]->entity);
        }
        (*matched)++;
        if (*nt == max)
            return cli_usage_error("chart", "more than %zu targets on one chart", max);
        int status = chart_target_of(&ti, list[i], i, &ct[*nt]);
        if (status != EXIT_OK)
            return status;
        if (ct[*nt].label) /* t's, not the copy's */
            ct[*nt].label = t->label;
        (*nt)++;
    }
    bool same = t->kind != IND_TARGET_GROWTH && *nt - first > 1;
    for (size_t k = first + 1; same && k < *nt; k++)
        same = ct[k].goal == ct[first].goal;
    if (same) {
        ct[first].shared = true;
        *nt = first + 1;
    }
    return EXIT_OK;
}

/* The target SPEC (--target) on list[0..n), appended to ct[*nt..max). */
static int read_target(const ind_dataset *ds, const char *spec, const ind_series **list, size_t n,
                       ind_chart_target *ct, size_t *nt, size_t max)
{
    char text[1024];
    ind_target t;
    ind_error err;
    ind_error_clear(&err);
    /* a bare target gets a stand-in name, not the series' own: a name may hold anything */
    bool bare = bare_target(spec);
    int len = snprintf(text, sizeof text, "%s%s", bare ? "series " : "", spec);
    if (len < 0 || (size_t)len >= sizeof text)
        return cli_usage_error("chart", "--target is too long");
    if (ind_target_parse(text, &t, &err) != IND_OK)
        return cli_usage_error("chart", "--target: %s", err.message);
    size_t matched;
    int status = add_chart_targets(ds, &t, bare, list, n, ct, nt, max, &matched);
    if (status != EXIT_OK || matched)
        return status;
    if (t.entity[0])
        return cli_usage_error("chart", "--target names '%s[%s]' but the chart does not show it",
                               t.series, t.entity);
    return cli_usage_error("chart", "--target names '%s' but the chart shows '%s'", t.series,
                           list[0]->name);
}

/*
 * The targets of a --targets file (*loaded, which the caller frees; the
 * chart's labels point into it) for the charted series; those for other
 * series are counted in a note.
 */
static int read_targets_file(const ind_dataset *ds, const char *path, const char *sheet,
                             const ind_series **list,
                             size_t n, ind_target **loaded, ind_chart_target *ct, size_t *nt,
                             size_t max)
{
    size_t count = 0, unused = 0;
    ind_error err;
    ind_error_clear(&err);
    if (ind_targets_load_sheet(path, sheet, loaded, &count, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    for (size_t k = 0; k < count; k++) {
        size_t matched;
        int status =
            add_chart_targets(ds, &(*loaded)[k], false, list, n, ct, nt, max, &matched);
        if (status != EXIT_OK)
            return status;
        unused += matched == 0;
    }
    if (unused)
        cli_eprintf("indicators chart: note: %zu of the %zu targets in %s are for series not "
                    "charted\n",
                    unused, count, path);
    return EXIT_OK;
}

/* ---- running gnuplot ---- */

/* A sink writing gnuplot's output to a file descriptor. */
static int fd_sink(void *ctx, const char *chunk, size_t n)
{
    return gp_write_all(*(const int *)ctx, chunk, n);
}

/* Whether the file at path ends as a complete chart of its format. */
static bool complete_chart(const char *path, ind_chart_format format)
{
    unsigned char tail[1024];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    off_t from = st.st_size > (off_t)sizeof tail ? st.st_size - (off_t)sizeof tail : 0;
    ssize_t got = pread(fd, tail, sizeof tail, from);
    close(fd);
    return got > 0 && ind_chart_output_complete(format, tail, (size_t)got);
}

/*
 * Renders the script into output: gnuplot's chart goes to a temporary file
 * beside output, is checked complete (PNG IEND, SVG </svg>, PDF %%EOF) and
 * only then renamed over output. On any failure (gnuplot's, a full disk) a
 * previous chart at output is left as it was.
 */
static int render(const char *script, const char *output, ind_chart_format format)
{
    char path[4096], chart_tmp[4096], msg[8192];
    if (gp_write_script("chart", script, path, sizeof path) != 0)
        return EXIT_DATA;
    int out_fd = cli_temp_beside(output, chart_tmp, sizeof chart_tmp);
    if (out_fd < 0) {
        cli_eprintf("%s: error: cannot write the chart: %s\n", output, strerror(errno));
        unlink(path);
        return EXIT_DATA;
    }
    int write_error;
    int status = gp_spawn(path, fd_sink, &out_fd, &write_error, msg, sizeof msg);
    int spawn_errno = errno;
    if (!write_error && fsync(out_fd) != 0 && errno != EINVAL)
        write_error = errno;
    if (close(out_fd) != 0 && !write_error)
        write_error = errno;
    if (status < 0) {
        unlink(chart_tmp);
        unlink(path);
        if (spawn_errno == ENOENT) {
            int missing = gp_missing("chart");
            fputs("  or write the script with --script DIR and run gnuplot on it elsewhere.\n",
                  stderr);
            return missing;
        }
        cli_eprintf("indicators chart: error: cannot run gnuplot: %s\n", strerror(spawn_errno));
        return EXIT_DATA;
    }
    if (status == 0 && write_error) {
        cli_eprintf("%s: error: cannot write the chart: %s\n", output, strerror(write_error));
        unlink(chart_tmp);
        unlink(path);
        return EXIT_DATA;
    }
    if (status != 0 || !complete_chart(chart_tmp, format)) {
        if (status != 0)
            cli_eprintf("indicators chart: error: gnuplot failed (exit status %d):\n", status);
        else
            cli_eprintf("indicators chart: error: gnuplot's chart is incomplete (no %s at its "
                        "end); %s is left as it was:\n",
                        format == IND_CHART_PNG   ? "IEND chunk"
                        : format == IND_CHART_SVG ? "</svg>"
                                                  : "%%EOF",
                        output);
        gp_print_lines("  gnuplot: ", msg);
        cli_eprintf("  the script is kept for diagnosis: %s\n", path);
        unlink(chart_tmp);
        return EXIT_DATA;
    }
    if (rename(chart_tmp, output) != 0) {
        cli_eprintf("%s: error: cannot write the chart: %s\n", output, strerror(errno));
        unlink(chart_tmp);
        unlink(path);
        return EXIT_DATA;
    }
    gp_print_lines("indicators chart: gnuplot: ", msg);
    unlink(path);
    return EXIT_OK;
}

/*
 * Writes a new file: O_EXCL and O_NOFOLLOW, so that an existing file or a
 * symbolic link planted at path is never written through; with force, a
 * temporary file beside path renamed over it (replacing a link, not its target).
 */
static int write_new_file(const char *path, const char *text, bool force)
{
    char tmp[4096];
    int fd = force ? cli_temp_beside(path, tmp, sizeof tmp)
                   : open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        if (errno == EEXIST)
            cli_eprintf("%s: error: the file exists; --force replaces it\n", path);
        else
            cli_eprintf("%s: error: cannot create: %s\n", path, strerror(errno));
        return EXIT_DATA;
    }
    int e = gp_write_all(fd, text, strlen(text));
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && force && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        cli_eprintf("%s: error: cannot write: %s\n", path, strerror(e));
        unlink(force ? tmp : path);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* DIR/NAME.gp with NAME from the output file's name; DIR "-": standard output. */
static int write_script_dir(const char *dir, const char *output, bool named, const char *script,
                            bool force)
{
    if (strcmp(dir, "-") == 0) {
        if (fputs(script, stdout) == EOF || fflush(stdout) != 0) {
            cli_eprintf("indicators chart: error: writing the script failed: %s\n",
                        strerror(errno));
            return EXIT_DATA;
        }
        return EXIT_OK;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_eprintf("%s: error: cannot create directory: %s\n", dir, strerror(errno));
        return EXIT_DATA;
    }
    const char *base = strrchr(output, '/') ? strrchr(output, '/') + 1 : output;
    const char *dot = strrchr(base, '.');
    char path[4096];
    snprintf(path, sizeof path, "%s/%.*s.gp", dir, named ? (int)(dot - base) : 5,
             named ? base : "chart");
    int status = write_new_file(path, script, force);
    if (status == EXIT_OK)
        printf("wrote %s; render it with: gnuplot %s\n", path, path);
    return status;
}

/* ---- the command ---- */

/* The command as a shell would need it (words with spaces or quotes single-quoted). */
static void command_line(int argc, char **argv, char *buf, size_t n)
{
    size_t len = (size_t)snprintf(buf, n, "indicators");
    for (int i = 0; i < argc && len < n; i++) {
        const char *w = argv[i];
        bool plain = *w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789-_=.,/:+%@") == strlen(w);
        if (plain) {
            len += (size_t)snprintf(buf + len, n - len, " %s", w);
            continue;
        }
        len += (size_t)snprintf(buf + len, n - len, " '");
        for (; *w && len < n; w++)
            len += (size_t)snprintf(buf + len, n - len, *w == '\'' ? "'\\''" : "%c", *w);
        if (len < n)
            len += (size_t)snprintf(buf + len, n - len, "'");
    }
}

/*
 * The forecast of each charted series, as every command makes it; NULL for
 * one too short. All end in one period (ind_chart_horizons).
 */
static int run_forecasts(const chart_args *a, const ind_series **list, size_t n, ind_forecast *f,
                         const ind_forecast **drawn)
{
    size_t h[64];
    ind_chart_horizons(list, n, a->c.fc.req.horizon, h);
    ind_error err;
    ind_error_clear(&err);
    for (size_t i = 0; cli_given(&a->c, "to") && i < n; i++)
        if (ind_forecast_horizon_to(list[i], a->c.fc.to, &h[i], &err) != IND_OK) {
            char title[256];
            cli_eprintf("%s: error: series %s: --to %s\n", a->path,
                        cli_series_title(list[i], title, sizeof title), err.message);
            return EXIT_DATA;
        }
    for (size_t i = 0; i < n; i++) {
        bool ok = false;
        drawn[i] = NULL;
        int status = run_forecast(a, list[i], h[i], &f[i], &ok);
        if (status != EXIT_OK)
            return status;
        drawn[i] = ok ? &f[i] : NULL;
    }
    return EXIT_OK;
}

static int draw(chart_args *a, const ind_series **list, size_t n, const char *cmdline)
{
    ind_forecast *f = calloc(n, sizeof *f);
    const ind_forecast *drawn[64] = {NULL};
    ind_chart_target targets[64];
    ind_target *loaded = NULL; /* --targets: the labels of targets[] point into it */
    size_t ntargets = 0;
    char dir[4096];
    int status = EXIT_OK;
    char *script = NULL;
    if (!f) {
        cli_eprintf("indicators chart: error: out of memory\n");
        return EXIT_DATA;
    }
    if (a->method && (status = run_forecasts(a, list, n, f, drawn)) != EXIT_OK)
        goto out;
    if (a->target && (status = read_target(a->ds, a->target, list, n, targets, &ntargets,
                                           sizeof targets / sizeof targets[0])) != EXIT_OK)
        goto out;
    if (a->c.targets_file &&
        (status = read_targets_file(a->ds, a->c.targets_file, a->c.targets_sheet, list, n, &loaded, targets, &ntargets,
                                    sizeof targets / sizeof targets[0])) != EXIT_OK)
        goto out;
    a->chart.forecasts = a->method ? drawn : NULL;
    a->chart.targets = targets;
    a->chart.ntargets = ntargets;
    a->chart.command = cmdline;
    if ((status = gp_templates_dir(dir, sizeof dir)) != EXIT_OK)
        goto out;
    ind_error err;
    ind_error_clear(&err);
    if (!a->script_dir)
        a->chart.output = NULL; /* gnuplot writes to its stdout; render() makes the file */
    ind_status st = ind_chart_build(list, n, &a->chart, dir, &script, &err);
    if (st != IND_OK) {
        if (!err.path[0])
            snprintf(err.path, sizeof err.path, "%s", a->path);
        cli_report(&err);
        status = st == IND_E_ARG ? EXIT_USAGE : EXIT_DATA;
        goto out;
    }
    if (a->script_dir)
        status = write_script_dir(a->script_dir, a->chart.output, a->output != NULL, script,
                                  a->force);
    else
        status = render(script, a->output, a->chart.format);
out:
    free(script);
    for (size_t i = 0; a->method && i < n; i++)
        ind_forecast_clear(&f[i]);
    free(f);
    free(loaded);
    return status;
}

int cli_chart(int argc, char **argv)
{
    chart_args a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.c);
    ind_chart_options_init(&a.chart);
    char cmdline[2048];
    command_line(argc, argv, cmdline, sizeof cmdline); /* before getopt permutes argv */
    int status = parse_args(argc, argv, &a);
    if (status != CLI_RUN)
        return status;
    ind_dataset *ds = NULL;
    if ((status = cli_load(a.path, &a.c.load, &a.c.sel, &ds, NULL)) != EXIT_OK)
        return status;
    a.ds = ds;
    const ind_series *list[64];
    size_t n = 0;
    for (size_t i = 0; i < ind_dataset_count(ds); i++) {
        const ind_series *s = ind_dataset_at(ds, i);
        if (!cli_selected(&a.c.sel, s) || s->n == 0)
            continue;
        if (n == sizeof list / sizeof list[0]) {
            cli_eprintf(
                    "%s: error: more than 64 series selected; narrow with --series and "
                    "--entity\n",
                    a.path);
            ind_dataset_free(ds);
            return EXIT_USAGE;
        }
        list[n++] = s;
    }
    if (n == 0) {
        cli_eprintf("%s: error: no selected series has values\n", a.path);
        status = EXIT_DATA;
    } else {
        status = draw(&a, list, n, cmdline);
    }
    ind_dataset_free(ds);
    return status;
}
