/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the option tables (src/cli/options.c): each kind of value
 * parsed into its field, the messages of bad values, unknown and missing
 * options, repeated lists, exclusive and once-only options, and the help
 * generated from the rows (every row of every shared group is in it).
 */
#include "test.h"

#include <unistd.h>

#include "options.h"

typedef struct test_args {
    cli_common c;
    bool flag;
    int set;
    const char *text;
    int count;
    size_t big;
    double ratio;
    ind_period when;
    int colour;
    int custom;
    const ind_forecast_method *method;
} test_args;

static const char *const colours[] = {"red", "green", "blue", NULL};

static int parse_custom(const char *cmd, const cli_option *row, char *arg, void *field)
{
    if (strcmp(arg, "yes") != 0)
        return cli_usage_error(cmd, "--%s takes yes, not '%s'", row->name, arg);
    *(int *)field = 42;
    return 0;
}

#define ARG(f) offsetof(test_args, f)

static const cli_option rows[] = {
    {.name = "flag", .short_name = 'f', .kind = CLI_FLAG, .offset = ARG(flag), .help = "a flag"},
    {.name = "set", .kind = CLI_SET, .offset = ARG(set), .value = 7, .exclusive = 20,
     .help = "sets 7"},
    {.name = "unset", .kind = CLI_SET, .offset = ARG(set), .value = 0, .exclusive = 20,
     .help = "sets 0"},
    {.name = "text", .short_name = 't', .kind = CLI_STRING, .offset = ARG(text),
     .metavar = "TEXT", .once = true, .help = "some text"},
    {.name = "count", .kind = CLI_INT, .offset = ARG(count), .size = sizeof(int), .min = 1,
     .max = 99, .metavar = "N", .help = "a count"},
    {.name = "big", .kind = CLI_INT, .offset = ARG(big), .size = sizeof(size_t), .min = 1,
     .max = 100000, .metavar = "N", .help = "a big count"},
    {.name = "ratio", .kind = CLI_DOUBLE, .offset = ARG(ratio), .dmin = 0, .dmax = 1,
     .metavar = "R", .help = "a ratio"},
    {.name = "when", .kind = CLI_PERIOD, .offset = ARG(when), .metavar = "PERIOD",
     .help = "a period"},
    {.name = "colour", .kind = CLI_CHOICE, .offset = ARG(colour), .choices = colours,
     .help = "a colour"},
    {.name = "custom", .kind = CLI_CUSTOM, .parse = parse_custom, .offset = ARG(custom),
     .metavar = "YES", .help = "the odd one"},
    {.name = "forecast", .kind = CLI_METHOD, .offset = ARG(method), .metavar = "METHOD",
     .help = "a method row of this command's own"},
};
static const cli_group own = CLI_GROUP("Options:", rows);
static const cli_group *const groups[] = {
    &own,           &cli_format_option,    &cli_method_option, &cli_horizon_option,
    &cli_jobs_option, &cli_forecast_options, &cli_select_options, &cli_input_options,
    NULL,
};
static const cli_command_spec spec = {
    .name = "test", .usage = "[OPTIONS] FILE", .about = "A command for the tests.\n",
    .groups = groups, .epilog = "The end.\n", .one_file = true,
};

/* Runs cli_parse on the words (NULL-terminated) with stderr and stdout captured. */
typedef struct run {
    int status;
    char err[2048], out[16384];
} run;

static void read_back(FILE *f, char *buf, size_t n)
{
    rewind(f);
    size_t got = fread(buf, 1, n - 1, f);
    buf[got] = '\0';
    fclose(f);
}

static int parse_words(test_args *a, run *r, const char *const *words);

#define PARSE(a, r, ...) parse_words(a, r, (const char *const[]){__VA_ARGS__, NULL})

static int parse_words(test_args *a, run *r, const char *const *words)
{
    static char *argv[64]; /* static: args keep pointers into it */
    int argc = 0;
    argv[argc++] = (char *)"test";
    for (; *words && argc < 63; words++)
        argv[argc++] = (char *)*words;
    argv[argc] = NULL;
    memset(a, 0, sizeof *a);
    cli_common_init(&a->c);
    fflush(stderr);
    fflush(stdout);
    FILE *err = tmpfile(), *out = tmpfile();
    assert_non_null(err);
    assert_non_null(out);
    int saved_err = dup(STDERR_FILENO), saved_out = dup(STDOUT_FILENO);
    dup2(fileno(err), STDERR_FILENO);
    dup2(fileno(out), STDOUT_FILENO);
    r->status = cli_parse(&spec, argc, argv, a);
    fflush(stderr);
    fflush(stdout);
    dup2(saved_err, STDERR_FILENO);
    dup2(saved_out, STDOUT_FILENO);
    close(saved_err);
    close(saved_out);
    read_back(err, r->err, sizeof r->err);
    read_back(out, r->out, sizeof r->out);
    return r->status;
}


static void every_kind_into_its_field(void **state)
{
    (void)state;
    test_args a;
    run r;
    PARSE(&a, &r, "-f", "--set", "-t", "hello", "--count", "12", "--big",
                           "99999", "--ratio", "0.25", "--when", "2024H1", "--colour", "blue",
                           "--custom", "yes", "--forecast", "theta", "--format", "markdown",
                           "--method", "ets", "--horizon", "8", "--jobs", "3", "--level",
                           "50,90", "--bounds", "0,10", "--shape", "long", "--delimiter", "tab",
                           "--encoding", "gbk", "data.csv");
    if (r.status != CLI_RUN)
        fail_msg("status %d: %s", r.status, r.err);
    assert_true(a.flag);
    assert_int_equal(a.set, 7);
    assert_string_equal(a.text, "hello");
    assert_int_equal(a.count, 12);
    assert_int_equal(a.big, 99999);
    assert_close(a.ratio, 0.25, 0);
    assert_int_equal(a.when.freq, IND_FREQ_HALF);
    assert_int_equal(ind_period_year(a.when), 2024);
    assert_int_equal(a.colour, 2);
    assert_int_equal(a.custom, 42);
    assert_string_equal(a.method->name, "theta");
    assert_int_equal(a.c.fmt, IND_FORMAT_MD);
    assert_string_equal(a.c.fc.req.method->name, "ets");
    assert_int_equal(a.c.fc.req.horizon, 8);
    assert_int_equal(a.c.fc.jobs, 3);
    assert_int_equal(a.c.fc.req.nlevels, 2);
    assert_close(a.c.fc.req.levels[1], 90, 0);
    assert_int_equal(a.c.fc.req.scale, IND_SCALE_BOUNDS);
    assert_int_equal(a.c.load.shape, IND_SHAPE_LONG);
    assert_int_equal(a.c.load.delimiter, '\t');
    assert_string_equal(a.c.load.encoding, "gbk");
    assert_int_equal(a.c.nfiles, 1);
    assert_string_equal(a.c.files[0], "data.csv");
    assert_string_equal(cli_given(&a.c, "horizon"), "8");
    assert_string_equal(cli_given(&a.c, "flag"), "");
    assert_null(cli_given(&a.c, "unset"));
    assert_true(cli_given_any(&a.c, &cli_forecast_options));
}

static void defaults_stay_when_not_given(void **state)
{
    (void)state;
    test_args a;
    run r;
    assert_int_equal(PARSE(&a, &r, "data.csv"), CLI_RUN);
    assert_int_equal(a.c.fmt, IND_FORMAT_TABLE);
    assert_string_equal(a.c.fc.req.method->name, "auto");
    assert_int_equal(a.c.fc.req.horizon, 5);
    assert_int_equal(a.c.fc.jobs, 1);
    assert_false(cli_given_any(&a.c, &cli_forecast_options));
    assert_null(cli_given(&a.c, "level"));
}

/* Each bad command line: exit 2 and exactly this message on stderr. */
static void bad_values_name_option_and_value(void **state)
{
    (void)state;
    static const struct {
        const char *words[4];
        const char *message;
    } cases[] = {
        {{"--count", "100", "f"}, "--count takes a whole number from 1 to 99, not '100'"},
        {{"--count", "3x", "f"}, "--count takes a whole number from 1 to 99, not '3x'"},
        {{"--big", "", "f"}, "--big takes a whole number from 1 to 100000, not ''"},
        {{"--ratio", "1.5", "f"}, "--ratio takes a number from 0 to 1, not '1.5'"},
        {{"--ratio", "nan", "f"}, "--ratio takes a number from 0 to 1, not 'nan'"},
        {{"--when", "2023Q5", "f"}, "--when: '2023Q5' is not a period (e.g. 2023, 2024H1, "
                                    "2023Q3, 2023-06)"},
        {{"--colour", "pink", "f"}, "--colour must be red, green or blue, not 'pink'"},
        {{"--format", "xml", "f"}, "--format must be table, csv, json, md or xlsx, not 'xml'"},
        {{"--custom", "no", "f"}, "--custom takes yes, not 'no'"},
        {{"--method", "prophet", "f"}, "unknown forecast method 'prophet' (one of: auto, naive, "
                                       "drift, linear, loglinear, theta, ets, arima)"},
        {{"--level", "120", "f"}, "--level takes percents above 0 and below 100, not '120'"},
        {{"--delimiter", "::", "f"}, "--delimiter must be ',' ';' '|' or 'tab', not '::'"},
        {{"--shape", "wide", "f"}, "--shape must be long, wide-period or wide-series, not "
                                   "'wide'"},
        {{"--bogus", "f"}, "unknown option '--bogus'"},
        {{"-x", "f"}, "unknown option '-x'"},
        {{"f", "--count"}, "--count needs a value"},
        {{"--set", "--unset", "f"}, "give --set or --unset, not both"},
        {{"--log", "--bounds", "0,1", "f"}, "give only one of --log, --bounds, --no-bounds"},
        {{"-t", "a", "-t", "b"}, "--text given twice"},
        {{"a", "b"}, "expects exactly one FILE"},
        {{NULL}, "expects exactly one FILE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        test_args a;
        run r;
        char want[512];
        snprintf(want, sizeof want, "indicators test: %s\nTry 'indicators test --help'.\n",
                 cases[i].message);
        parse_words(&a, &r, cases[i].words);
        if (r.status != EXIT_USAGE || strcmp(r.err, want) != 0)
            fail_msg("case %zu: status %d, stderr '%s', expected '%s'", i, r.status, r.err, want);
    }
}

/* Repeated and comma-separated names: each argument whole and each part ("Korea, Rep."). */
static void list_options_repeat_and_split(void **state)
{
    (void)state;
    test_args a;
    run r;
    assert_int_equal(PARSE(&a, &r, "--entity", "China", "--entity", "Korea, Rep.", "--series",
                           "a,b", "f"),
                     CLI_RUN);
    const cli_list *e = &a.c.sel.entity, *s = &a.c.sel.series;
    assert_int_equal(e->n, 4);
    assert_string_equal(e->items[0], "China");
    assert_string_equal(e->items[1], "Korea, Rep.");
    assert_string_equal(e->items[2], "Korea");
    assert_string_equal(e->items[3], " Rep.");
    assert_int_equal(s->n, 3);
    assert_string_equal(s->items[0], "a,b");
    assert_string_equal(s->items[1], "a");
    assert_string_equal(s->items[2], "b");
}

static void too_many_list_names_are_refused(void **state)
{
    (void)state;
    const char *words[31];
    for (int i = 0; i < 30; i += 2) {
        words[i] = "--series";
        words[i + 1] = "a,b,c,d,e";
    }
    words[30] = NULL;
    test_args a;
    run r;
    assert_int_equal(parse_words(&a, &r, words), EXIT_USAGE);
    assert_non_null(strstr(r.err, "too many --series names (at most 64)"));
}

/* The help is made from the rows: every row of every group, its value's name, its heading. */
static void help_has_every_row(void **state)
{
    (void)state;
    test_args a;
    run r;
    assert_int_equal(PARSE(&a, &r, "--help"), EXIT_OK);
    assert_non_null(strstr(r.out, "Usage: indicators test [OPTIONS] FILE\n\nA command for"));
    assert_non_null(strstr(r.out, "  -h, --help            this help\n"));
    assert_non_null(strstr(r.out, "  -f, --flag            a flag\n"));
    assert_non_null(strstr(r.out, "  --colour red|green|blue\n"));
    assert_non_null(strstr(r.out, "  --format table|csv|json|md|xlsx\n"));
    assert_non_null(strstr(r.out, "Methods (fewest observations in brackets):\n  auto "));
    assert_non_null(strstr(r.out, "The end.\n"));
    for (const cli_group *const *g = groups; *g; g++) {
        if ((*g)->title)
            assert_non_null(strstr(r.out, (*g)->title));
        for (size_t i = 0; i < (*g)->n; i++) {
            const cli_option *row = &(*g)->rows[i];
            char want[128], short_part[8] = "", first_words[24];
            if (row->short_name)
                snprintf(short_part, sizeof short_part, "-%c, ", row->short_name);
            snprintf(want, sizeof want, "\n  %s--%s%s%s", short_part, row->name,
                     row->metavar ? " " : "", row->metavar ? row->metavar : "");
            if (!strstr(r.out, want))
                fail_msg("help lacks '%s'", want + 1);
            snprintf(first_words, sizeof first_words, "%s", row->help);
            if (!strstr(r.out, first_words))
                fail_msg("help lacks the text of --%s", row->name);
        }
    }
    /* no line of the option list is wider than 80 columns */
    for (const char *p = strstr(r.out, "Options:"); p && *p;) {
        size_t len = strcspn(p, "\n");
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        if (ind_display_width(line) > 80 && !strstr(line, "] ")) /* method summaries: the library's */
            fail_msg("help line wider than 80 columns: '%s'", line);
        p += len + (p[len] == '\n');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_into_its_field),
        cmocka_unit_test(defaults_stay_when_not_given),
        cmocka_unit_test(bad_values_name_option_and_value),
        cmocka_unit_test(list_options_repeat_and_split),
        cmocka_unit_test(too_many_list_names_are_refused),
        cmocka_unit_test(help_has_every_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
