/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c - `indicators report DATA... [--targets FILE] -o report.html`: the
 * whole analysis as one document. The library computes and writes it
 * (report.h); this file parses options, loads the files, renders the
 * charts with gnuplot (all of them in one gnuplot process for HTML, whose
 * SVG documents come back one after another; one PNG file each for
 * Markdown) and writes the page to a temporary file renamed over -o once
 * complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "gnuplot.h"
#include "indicators/report.h"
#include "options.h"

static const char about[] =
    "Write the whole analysis of the data files as one document: a headline table\n"
    "(per series the latest value, year-on-year change, CAGR, the targets with\n"
    "their verdict and P(meet)), one section per series (trend chart with forecast\n"
    "fan and target, the growth in words, the forecast table, the target\n"
    "assessments with the Eurostat, Destatis and ESCAP readings and their notes,\n"
    "a backtest of the forecast method on the series' own values) and a methods\n"
    "and data appendix. The figures are those the growth, forecast, target and\n"
    "backtest commands print for the same data.\n";

static const char details[] =
    "HTML (default) is one self-contained file: style sheet and charts inline,\n"
    "nothing loaded from outside, system fonts with Chinese fallbacks, a print\n"
    "style sheet for A4; sections fold (<details>) and start folded when there are\n"
    "more than 40. Markdown (--format md) links PNG charts written beside it\n"
    "(REPORT-1.png ...). The same inputs give the same bytes: no date unless\n"
    "--date is given. Charts need gnuplot; without it the report has none (a note\n"
    "says so).\n";

static const char epilog[] =
    "Example:\n"
    "  indicators report datasets/luohe.csv datasets/rd.csv datasets/china-rd-spending.csv \\\n"
    "      --targets datasets/targets.csv --lang zh -o report.html\n"
    "\n";

#define MAX_FILES 16

typedef struct report_args {
    cli_common c; /* first: the shared rows' fields */
    const char *output, *targets_file, *targets_sheet, *title, *date;
    int lang;   /* an ind_lang: index in cli_lang_names */
    int format; /* index in format_names */
    bool no_forecast;
} report_args;

static const char *const format_names[] = {"html", "md", NULL};

#define ARG(field) offsetof(report_args, field)

static const cli_option report_rows[] = {
    {.name = "output", .short_name = 'o', .kind = CLI_STRING, .offset = ARG(output),
     .metavar = "FILE", .once = true, .help = "the report (.html, or .md with --format md)"},
    {.name = "targets", .kind = CLI_STRING, .offset = ARG(targets_file), .metavar = "FILE",
     .once = true, .help = "targets to assess, as for 'indicators target --targets'"},
    {.name = "targets-sheet", .kind = CLI_STRING, .offset = ARG(targets_sheet),
     .metavar = "NAME|N", .once = true,
     .help = "the sheet of a --targets workbook, by name or number (default: the first "
             "visible sheet holding numbers)"},
    {.name = "lang", .kind = CLI_CHOICE, .offset = ARG(lang), .choices = cli_lang_names,
     .help = "language of the report's own words (default en)"},
    {.name = "format", .kind = CLI_CHOICE, .offset = ARG(format), .choices = format_names,
     .help = "html (default) or md: Markdown with PNG charts beside it"},
    {.name = "title", .kind = CLI_STRING, .offset = ARG(title), .metavar = "TEXT",
     .help = "the report's title (default: Indicator report / 指标报告)"},
    {.name = "date", .kind = CLI_STRING, .offset = ARG(date), .metavar = "TEXT",
     .help = "a date shown under the title (default none, so that output is reproducible)"},
    {.name = "no-forecast", .kind = CLI_FLAG, .offset = ARG(no_forecast),
     .help = "no forecasts, probabilities or backtests"},
};
static const cli_group report_options = CLI_GROUP("Options:", report_rows);

static const cli_command_spec report_spec = {
    .name = "report",
    .usage = "[OPTIONS] FILE... -o REPORT.html",
    .about = about,
    .details = details,
    .groups = (const cli_group *const[]){
        &report_options, &cli_select_options, &cli_method_option, &cli_horizon_option,
        &cli_forecast_options, &cli_input_options, NULL,
    },
    .epilog = epilog,
};

/* Whether paths a and b name one existing file. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static int parse_args(int argc, char **argv, report_args *a)
{
    int status = cli_parse(&report_spec, argc, argv, a);
    if (status != CLI_RUN)
        return status;
    if (a->c.nfiles == 0)
        return cli_usage_error("report", "expects a data FILE");
    if (a->c.nfiles > MAX_FILES)
        return cli_usage_error("report", "at most %d data files", MAX_FILES);
    if (!a->output)
        return cli_usage_error("report", "name the report with -o REPORT.html");
    if (ind_text_has_control(a->output))
        return cli_usage_error("report", "-o: a file name with control characters is refused");
    for (size_t k = 0; k < a->c.nfiles; k++)
        if (same_file(a->output, a->c.files[k]) ||
            (a->targets_file && same_file(a->output, a->targets_file)))
            return cli_usage_error("report", "-o names an input file; the report would "
                                             "overwrite it");
    return CLI_RUN;
}

/* ---- charts ---- */

typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer;

static int buffer_sink(void *ctx, const char *chunk, size_t n)
{
    buffer *b = ctx;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return ENOMEM;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, chunk, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Runs gnuplot on script into out; EXIT_OK, or EXIT_DATA after saying why. */
static int run_gnuplot(const char *script, gp_sink sink, void *ctx, bool *missing)
{
    char path[4096], msg[8192];
    int write_error;
    if (gp_write_script("report", script, path, sizeof path) != 0)
        return EXIT_DATA;
    int status = gp_spawn(path, sink, ctx, &write_error, msg, sizeof msg);
    int spawn_errno = errno;
    if (status < 0) {
        unlink(path);
        if (spawn_errno == ENOENT) {
            *missing = true;
            return EXIT_OK;
        }
        cli_eprintf("indicators report: error: cannot run gnuplot: %s\n", strerror(spawn_errno));
        return EXIT_DATA;
    }
    if (status != 0 || write_error) {
        if (write_error)
            cli_eprintf("indicators report: error: reading gnuplot's charts: %s\n",
                        strerror(write_error));
        else
            cli_eprintf("indicators report: error: gnuplot failed (exit status %d):\n", status);
        gp_print_lines("  gnuplot: ", msg);
        cli_eprintf("  the script is kept for diagnosis: %s\n", path);
        return EXIT_DATA;
    }
    gp_print_lines("indicators report: gnuplot: ", msg);
    unlink(path);
    return EXIT_OK;
}

/* The chart size in the report: half the chart command's default, as a page is narrower. */
enum { CHART_WIDTH = 960, CHART_HEIGHT = 540 };

/*
 * Every SVG chart of the report from one gnuplot process: the scripts one
 * after another, each after a `reset session`, write their documents to
 * standard output in order; each ends with its </svg> (gnuplot escapes '<'
 * in text, so the tag is only ever the end of a document).
 */
static int svg_charts(ind_report *r, const char *dir, bool *missing)
{
    buffer script = {NULL, 0, 0}, out = {NULL, 0, 0};
    size_t n = ind_report_count(r);
    int status = EXIT_OK;
    ind_error err;
    ind_error_clear(&err);
    for (size_t i = 0; i < n && status == EXIT_OK; i++) {
        char *one;
        if (ind_report_chart_script(r, i, IND_CHART_SVG, CHART_WIDTH, CHART_HEIGHT, dir, &one,
                                    &err) != IND_OK) {
            cli_report(&err);
            status = EXIT_DATA;
            break;
        }
        static const char reset[] = "\nreset session\n";
        if (buffer_sink(&script, one, strlen(one)) || buffer_sink(&script, reset, strlen(reset)))
            status = EXIT_DATA;
        free(one);
    }
    if (status == EXIT_OK && n)
        status = run_gnuplot(script.data, buffer_sink, &out, missing);
    const char *p = out.data;
    for (size_t i = 0; status == EXIT_OK && !*missing && i < n; i++) {
        const char *end = p ? strstr(p, "</svg>") : NULL;
        if (!end) {
            cli_eprintf("indicators report: error: gnuplot drew %zu of %zu charts\n", i, n);
            status = EXIT_DATA;
            break;
        }
        end += strlen("</svg>");
        if (ind_report_set_chart(r, i, IND_REPORT_HTML, p, (size_t)(end - p), &err) != IND_OK) {
            cli_eprintf("indicators report: error: chart %zu: %s\n", i + 1, err.message);
            status = EXIT_DATA;
        }
        p = end;
    }
    free(script.data);
    free(out.data);
    return status;
}

/* Writes a file from a sink: gnuplot's PNG into its file. */
static int fd_sink(void *ctx, const char *chunk, size_t n)
{
    return gp_write_all(*(const int *)ctx, chunk, n);
}

/* OUT's name without its extension, for the PNG files beside a Markdown report. */
static void stem_of(const char *output, char *stem, size_t n)
{
    const char *base = strrchr(output, '/') ? strrchr(output, '/') + 1 : output;
    const char *dot = strrchr(base, '.');
    snprintf(stem, n, "%.*s", (int)(dot && dot != base ? (size_t)(dot - output) : strlen(output)),
             output);
}

/* One PNG per chart beside the Markdown page: STEM-N.png. */
static int png_charts(ind_report *r, const char *output, const char *dir, bool *missing)
{
    char stem[4096], path[4200];
    stem_of(output, stem, sizeof stem);
    ind_error err;
    ind_error_clear(&err);
    for (size_t i = 0; i < ind_report_count(r) && !*missing; i++) {
        char *script;
        if (ind_report_chart_script(r, i, IND_CHART_PNG, CHART_WIDTH * 2, CHART_HEIGHT * 2, dir,
                                    &script, &err) != IND_OK) {
            cli_report(&err);
            return EXIT_DATA;
        }
        snprintf(path, sizeof path, "%s-%zu.png", stem, i + 1);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) {
            cli_eprintf("%s: error: cannot write the chart: %s\n", path, strerror(errno));
            free(script);
            return EXIT_DATA;
        }
        int status = run_gnuplot(script, fd_sink, &fd, missing);
        free(script);
        if (close(fd) != 0 && status == EXIT_OK) {
            cli_eprintf("%s: error: cannot write the chart: %s\n", path, strerror(errno));
            status = EXIT_DATA;
        }
        if (*missing)
            unlink(path);
        if (status != EXIT_OK)
            return status;
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        if (!*missing && ind_report_set_chart(r, i, IND_REPORT_MD, base, strlen(base), &err) !=
                             IND_OK) {
            cli_report(&err);
            return EXIT_DATA;
        }
    }
    return EXIT_OK;
}

static int charts(ind_report *r, const report_args *a)
{
    char dir[4096];
    bool missing = false;
    if (gp_templates_dir(dir, sizeof dir) != EXIT_OK)
        return EXIT_DATA;
    int status = a->format == IND_REPORT_MD ? png_charts(r, a->output, dir, &missing)
                                            : svg_charts(r, dir, &missing);
    if (missing)
        cli_eprintf("indicators report: note: gnuplot is not installed (apt-get install "
                    "gnuplot-nox): the report has no charts\n");
    return status;
}

/* ---- the command ---- */

/* Every --series and --entity name is in some file (a typo is an error, as in every command). */
static int check_selection(ind_dataset *const *ds, size_t n, const cli_selection *sel)
{
    const cli_list *lists[] = {&sel->series, &sel->entity};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < lists[k]->n; i++) {
            bool found = false;
            for (size_t f = 0; f < n && !found; f++)
                found = ind_dataset_has_name(ds[f], k ? IND_NAME_ENTITY : IND_NAME_SERIES,
                                             lists[k]->items[i]);
            if (!found) {
                cli_eprintf("indicators report: error: --%s '%s' is not in the data files\n",
                            k ? "entity" : "series", lists[k]->items[i]);
                return EXIT_DATA;
            }
        }
    return EXIT_OK;
}

static bool selected(const ind_series *s, void *ctx)
{
    return cli_selected(ctx, s);
}

/* Writes the report to a temporary file beside -o, renamed over it once complete. */
static int write_report(const ind_report *r, const report_args *a)
{
    char tmp[4200];
    int fd = cli_temp_beside(a->output, tmp, sizeof tmp);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        cli_eprintf("%s: error: cannot write the report: %s\n", a->output, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return EXIT_DATA;
    }
    ind_error err;
    ind_error_clear(&err);
    ind_status st = ind_report_write(r, a->format, out, &err);
    if (st != IND_OK) {
        fclose(out);
        unlink(tmp);
        cli_eprintf("%s: error: %s\n", a->output, err.message);
        return EXIT_DATA;
    }
    int status = cli_close_output(out, a->output, EXIT_OK);
    if (status == EXIT_OK && rename(tmp, a->output) != 0) {
        cli_eprintf("%s: error: cannot write the report: %s\n", a->output, strerror(errno));
        status = EXIT_DATA;
    }
    if (status != EXIT_OK)
        unlink(tmp);
    return status;
}

static int load_targets(const report_args *a, ind_target **targets, size_t *n)
{
    *targets = NULL;
    *n = 0;
    if (!a->targets_file)
        return EXIT_OK;
    ind_error err;
    ind_error_clear(&err);
    if (ind_targets_load_sheet(a->targets_file, a->targets_sheet, targets, n, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

static int run(report_args *a)
{
    ind_dataset *ds[MAX_FILES] = {NULL};
    ind_load_info info[MAX_FILES];
    ind_report_input in[MAX_FILES];
    ind_target *targets = NULL;
    size_t ntargets = 0;
    ind_report *r = NULL;
    int status = EXIT_OK;
    for (size_t k = 0; k < a->c.nfiles && status == EXIT_OK; k++) {
        status = cli_load(a->c.files[k], &a->c.load, NULL, &ds[k], &info[k]);
        in[k] = (ind_report_input){a->c.files[k], ds[k], &info[k]};
    }
    if (status == EXIT_OK)
        status = check_selection(ds, a->c.nfiles, &a->c.sel);
    if (status == EXIT_OK)
        status = load_targets(a, &targets, &ntargets);
    if (status == EXIT_OK) {
        ind_report_options opt;
        ind_report_options_init(&opt);
        opt.lang = (ind_lang)a->lang;
        opt.title = a->title;
        opt.date = a->date;
        opt.forecast = !a->no_forecast;
        opt.request = a->c.fc.req;
        opt.selected = selected;
        opt.selected_ctx = &a->c.sel;
        ind_error err;
        ind_error_clear(&err);
        if (ind_report_new(in, a->c.nfiles, targets, ntargets, &opt, &r, &err) != IND_OK) {
            cli_report(&err);
            status = EXIT_DATA;
        }
    }
    if (status == EXIT_OK)
        status = charts(r, a);
    if (status == EXIT_OK)
        status = write_report(r, a);
    ind_report_free(r);
    free(targets);
    for (size_t k = 0; k < a->c.nfiles; k++)
        ind_dataset_free(ds[k]);
    return status;
}

int cli_report_command(int argc, char **argv)
{
    report_args a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.c);
    int status = parse_args(argc, argv, &a);
    if (status != CLI_RUN)
        return status;
    return run(&a);
}
