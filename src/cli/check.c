/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check.c - `indicators check FILE... (--claim TEXT ... | --claims FILE)`:
 * the figures a report asserts, checked against the data: holds, does not
 * hold (with the computed figure), or cannot be checked (what is missing),
 * and what a claim implies for a value the data lacks. The work is the
 * library's (claim.h, derive.h); this file parses options and prints.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "indicators/claim.h"
#include "indicators/derive.h"

static const char about[] =
    "Checks the figures a report states against the data. Each claim holds, does\n"
    "not hold (with the computed figure), or cannot be checked (saying what is\n"
    "missing); when a statistic lacks one of its two values, the claim's\n"
    "implication for it is given. Series are looked up in the FILEs in order.\n"
    "\n"
    "Claims (--claim, repeatable; quote them for the shell): SIDE OP SIDE, OP one\n"
    "of > >= < <= = (also ≥ ≤ ≈), a SIDE a number (2.1, 30%, 9,084) or\n"
    "  value(x, P)        the value of series x (x or x[ENTITY]) at period P\n"
    "  cagr(x, A, B)      average annual growth from A to B, % a year\n"
    "  growth(x, A, B)    growth from A to B, %\n"
    "  multiple(x, A, B)  x_B / x_A (times, 倍)\n"
    "  change(x, A, B)    x_B - x_A;  pp(x, A, B) the same in percentage points\n"
    "  yoy(x, P)          growth on the same period a year earlier, %\n"
    "A claim that a statistic = a number holds within half a unit of the\n"
    "number's last digit ('2.1' holds for 2.05..2.15), as reports round;\n"
    "> < >= <= are exact ('over 30%' is > 30%).\n"
    "  Examples: 'cagr(rd_spending[Henan], 2022, 2023) > 30%'\n"
    "            'multiple(high_level_talent_added[Luohe], 2022, 2023) = 3.65'\n"
    "            'value(rd_intensity[Luohe], 2023) > value(rd_intensity[Henan], 2023)'\n"
    "--claims FILE: a CSV file or workbook (.xlsx, .xls) with the header\n"
    "  claim[,label] (or 表述[,说明]), one claim a row; a row 'NAME = EXPRESSION'\n"
    "  (a bare name before a lone '=') is a derivation, as --derive, computed\n"
    "  before the claims. Read as data files are: UTF-8, UTF-16 or GBK, ',' ';'\n"
    "  or tab, the workbook's first sheet holding data (--claims-sheet for\n"
    "  another); errors as FILE:LINE:FIELD or FILE:SHEET!CELL.\n";

static const char epilog[] =
    "Exit status: as every command (see 'indicators --help'); 1 also when no claim\n"
    "could be checked (3 with --fail-on unchecked); 3 for --fail-on.\n"
    "\n"
    "Example:\n"
    "  indicators check datasets/luohe.csv \\\n"
    "      --claim 'multiple(high_level_talent_added[Luohe], 2022, 2023) = 3.65'\n"
    "  -> cannot be checked: no value for 2022; implies 509.3 (508.6 to 510) in 2022\n"
    "\n";

enum { FAIL_FALSE, FAIL_UNCHECKED, FAIL_NONE }; /* FAIL_NONE last: --fail-on's choices first */

#define MAX_FILES 16

typedef struct check_args {
    cli_common c; /* first: the shared rows' fields */
    ind_claim *claims;
    size_t n, cap;
    const char *claims_file, *claims_sheet;
    int fail_on;
} check_args;

static int claim_option(const char *cmd, const cli_option *row, char *arg, void *field);

static const char *const fail_on_names[] = {"false", "unchecked", NULL};

#define ARG(field) offsetof(check_args, field)

static const cli_option check_rows[] = {
    /* offset 0: the parser gets the whole args, to add to the claims */
    {.name = "claim", .kind = CLI_CUSTOM, .parse = claim_option, .offset = 0, .metavar = "TEXT",
     .help = "a claim (repeatable)"},
    {.name = "claims", .kind = CLI_STRING, .offset = ARG(claims_file), .metavar = "FILE",
     .once = true, .help = "claims (and derivations) from a file"},
    {.name = "claims-sheet", .kind = CLI_STRING, .offset = ARG(claims_sheet), .metavar = "NAME|N",
     .once = true,
     .help = "the sheet of a --claims workbook, by name or number (default: the first "
             "visible sheet holding data)"},
    {.name = "fail-on", .kind = CLI_CHOICE, .offset = ARG(fail_on), .choices = fail_on_names,
     .help = "exit 3 when a claim does not hold (--fail-on false), or does not hold or cannot "
             "be checked (--fail-on unchecked): a report draft checked in CI"},
};
static const cli_group check_options = CLI_GROUP("Options:", check_rows);

static const cli_command_spec check_spec = {
    .name = "check",
    .usage = "[OPTIONS] FILE... (--claim TEXT ... | --claims FILE)",
    .about = about,
    .groups = (const cli_group *const[]){
        &check_options, &cli_derive_option, &cli_format_option, &cli_output_option,
        &cli_input_options, NULL,
    },
    .epilog = epilog,
};

static int add_claim(check_args *args, const ind_claim *c)
{
    if (args->n == args->cap) {
        size_t cap = args->cap ? args->cap * 2 : 16;
        ind_claim *grown = realloc(args->claims, cap * sizeof *grown);
        if (!grown) {
            cli_eprintf("indicators: error: out of memory\n");
            return EXIT_DATA;
        }
        args->claims = grown;
        args->cap = cap;
    }
    args->claims[args->n++] = *c;
    return EXIT_OK;
}

static int claim_option(const char *cmd, const cli_option *row, char *arg, void *field)
{
    ind_claim c;
    ind_error err;
    ind_error_clear(&err);
    if (ind_claim_parse(arg, &c, &err) != IND_OK)
        return cli_usage_error(cmd, "--%s: %s", row->name, err.message);
    return add_claim(field, &c) == EXIT_OK ? 0 : EXIT_USAGE;
}

/* ---- output ---- */

/* A figure without exponent, about four significant digits. */
static const char *num(double v, char *buf, size_t n)
{
    if (fabs(v) >= 1000)
        snprintf(buf, n, "%.1f", v);
    else
        snprintf(buf, n, "%.4g", v);
    return buf;
}

static const char *computed_text(const ind_claim *c, const ind_claim_result *r, char *buf, size_t n)
{
    char a[32], b[32];
    if (!r->has_left || !r->has_right)
        return "n/a";
    if (c->left.stat == IND_STAT_NUMBER)
        return num(r->right, buf, n);
    if (c->right.stat == IND_STAT_NUMBER)
        return num(r->left, buf, n);
    snprintf(buf, n, "%s vs %s", num(r->left, a, sizeof a), num(r->right, b, sizeof b));
    return buf;
}

static const ind_column short_columns[] = {
    {"#", IND_COL_NUMBER, 0, IND_UNIT_YEAR},
    {"claim", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"computed", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
    {"verdict", IND_COL_TEXT, 0, IND_UNIT_PLAIN},
};

static void implied_text(const ind_claim_result *r, char *buf, size_t n)
{
    char p[IND_PERIOD_TEXT_MAX], v[32], lo[32], hi[32];
    ind_period_format(r->implied_period, p, sizeof p);
    int len = snprintf(buf, n, "%s%s%s%s in %s %s %s", r->implied_series,
                       r->implied_entity[0] ? " [" : "", r->implied_entity,
                       r->implied_entity[0] ? "]" : "", p,
                       ind_claim_op_name(r->implied_op), num(r->implied_value, v, sizeof v));
    if (r->implied_op == IND_CLAIM_EQ && len > 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, " (%s to %s within the precision stated)",
                 num(r->implied_lo, lo, sizeof lo), num(r->implied_hi, hi, sizeof hi));
}

static int write_short(const check_args *args, const ind_claim_result *res)
{
    ind_table *tab = cli_table_new(&args->c, short_columns,
                                   sizeof short_columns / sizeof short_columns[0], stdout, "check");
    char buf[80];
    for (size_t i = 0; tab && i < args->n; i++) {
        ind_table_number(tab, (double)(i + 1));
        ind_table_text(tab, args->claims[i].text);
        ind_table_text(tab, computed_text(&args->claims[i], &res[i], buf, sizeof buf));
        ind_table_marked(tab, ind_claim_verdict_name(res[i].verdict),
                         ind_claim_verdict_mark(res[i].verdict));
        ind_table_end_row(tab);
    }
    if (!tab || ind_table_finish(tab) != IND_OK)
        return EXIT_DATA;
    bool md = args->c.fmt == IND_FORMAT_MD;
    const char *lead = md ? "   - " : "    ";
    fputs(md ? "\nNotes:\n\n" : "\n", stdout);
    for (size_t i = 0; i < args->n; i++) {
        const ind_claim *c = &args->claims[i];
        char imp[400];
        cli_fprintf(stdout, md ? "%zu. `%s`%s%s\n" : "[%zu] %s%s%s\n", i + 1, c->text,
                    c->label[0] ? " - " : "", c->label);
        cli_fprintf(stdout, "%s%s: %s\n", lead, ind_claim_verdict_name(res[i].verdict),
                    res[i].reason);
        if (res[i].has_implied) {
            implied_text(&res[i], imp, sizeof imp);
            cli_fprintf(stdout, "%sthe claim implies %s\n", lead, imp);
        }
    }
    return EXIT_OK;
}

static const ind_column full_columns[] = {
    {"claim", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"label", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"left", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"right", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"stated_lo", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"stated_hi", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"verdict", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"reason", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"implied_series", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"implied_entity", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"implied_period", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"implied_op", IND_COL_TEXT, -1, IND_UNIT_PLAIN},
    {"implied_value", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"implied_lo", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
    {"implied_hi", IND_COL_NUMBER, -1, IND_UNIT_PLAIN},
};

static void number_or_empty(ind_table *tab, bool has, double v)
{
    if (has)
        ind_table_number(tab, v);
    else
        ind_table_empty(tab);
}

/* gt, ge, lt, le, eq: "=" would open a spreadsheet formula (and be quoted as "'=") */
static const char *op_code(ind_claim_op op)
{
    static const char *const codes[] = {"gt", "ge", "lt", "le", "eq"};
    return (unsigned)op < 5 ? codes[op] : "eq";
}

static int write_full(const check_args *args, const ind_claim_result *res)
{
    ind_table *tab = cli_table_new(&args->c, full_columns,
                                   sizeof full_columns / sizeof full_columns[0], stdout, "check");
    for (size_t i = 0; tab && i < args->n; i++) {
        const ind_claim_result *r = &res[i];
        bool range = r->verdict != IND_CLAIM_UNCHECKED && args->claims[i].op == IND_CLAIM_EQ &&
                     (args->claims[i].left.stat == IND_STAT_NUMBER ||
                      args->claims[i].right.stat == IND_STAT_NUMBER);
        char p[IND_PERIOD_TEXT_MAX] = "";
        ind_table_text(tab, args->claims[i].text);
        ind_table_text(tab, args->claims[i].label);
        number_or_empty(tab, r->has_left, r->left);
        number_or_empty(tab, r->has_right, r->right);
        number_or_empty(tab, range, r->lo);
        number_or_empty(tab, range, r->hi);
        ind_table_marked(tab, ind_claim_verdict_name(r->verdict), ind_claim_verdict_mark(r->verdict));
        ind_table_text(tab, r->reason);
        if (r->has_implied)
            ind_period_format(r->implied_period, p, sizeof p);
        ind_table_text(tab, r->has_implied ? r->implied_series : "");
        ind_table_text(tab, r->has_implied ? r->implied_entity : "");
        ind_table_text(tab, p);
        ind_table_text(tab, r->has_implied ? op_code(r->implied_op) : "");
        number_or_empty(tab, r->has_implied, r->implied_value);
        number_or_empty(tab, r->has_implied, r->implied_lo);
        number_or_empty(tab, r->has_implied, r->implied_hi);
        ind_table_end_row(tab);
    }
    return tab ? cli_table_finish(tab, stdout) : EXIT_DATA;
}

/* ---- running ---- */

/* EXIT_TARGET, saying so, when a claim is in the --fail-on state. */
static int fail_status(const check_args *args, const ind_claim_result *res)
{
    size_t fails = 0, unchecked = 0;
    for (size_t i = 0; i < args->n; i++) {
        fails += res[i].verdict == IND_CLAIM_FAILS;
        unchecked += res[i].verdict == IND_CLAIM_UNCHECKED;
    }
    size_t count = fails + (args->fail_on == FAIL_UNCHECKED ? unchecked : 0);
    if (args->fail_on == FAIL_NONE || count == 0)
        return EXIT_OK;
    cli_eprintf("indicators check: %zu of %zu claims %s (--fail-on %s)\n", count, args->n,
                args->fail_on == FAIL_FALSE ? "do not hold" : "do not hold or cannot be checked",
                fail_on_names[args->fail_on]);
    return EXIT_TARGET;
}

/* Loads --claims: its claims join the --claim ones, its derivations are computed into ds[0]. */
static int claims_file(check_args *args, ind_dataset *const *ds, size_t nds)
{
    ind_claims_file f;
    ind_error err;
    ind_error_clear(&err);
    if (ind_claims_load_sheet(args->claims_file, args->claims_sheet, &f, &err) != IND_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < f.nderive && status == EXIT_OK; i++) {
        ind_derive_info info;
        if (ind_derivation_apply(f.derive[i], ds, nds, ds[0], &info, &err) != IND_OK) {
            cli_eprintf("%s: error: %s\n", args->claims_file, err.message);
            status = EXIT_DATA;
        } else if (info.lacking) {
            cli_eprintf("indicators: note: %s: '%s': %s%s\n", args->claims_file,
                        ind_derivation_text(f.derive[i]), info.note,
                        info.lacking > 1 ? " (and more entities)" : "");
        }
    }
    for (size_t i = 0; i < f.n && status == EXIT_OK; i++)
        status = add_claim(args, &f.claims[i]);
    ind_claims_file_clear(&f);
    return status;
}

static int run(check_args *args)
{
    ind_dataset *ds[MAX_FILES] = {NULL};
    ind_claim_result *res = NULL;
    size_t nds = args->c.nfiles;
    int status = EXIT_OK;
    for (size_t k = 0; k < nds && status == EXIT_OK; k++)
        status = cli_load(args->c.files[k], &args->c.load, NULL, &ds[k], NULL);
    if (status == EXIT_OK)
        status = cli_derive(&args->c, ds, nds);
    if (status == EXIT_OK && args->claims_file)
        status = claims_file(args, ds, nds);
    if (status == EXIT_OK && !(res = calloc(args->n ? args->n : 1, sizeof *res)))
        status = EXIT_DATA;
    size_t checked = 0;
    for (size_t i = 0; status == EXIT_OK && i < args->n; i++) {
        ind_claim_check(&args->claims[i], ds, nds, &res[i]);
        checked += res[i].verdict != IND_CLAIM_UNCHECKED;
    }
    if (status == EXIT_OK) {
        bool full = !ind_format_for_reader(args->c.fmt);
        status = full ? write_full(args, res) : write_short(args, res);
    }
    if (status == EXIT_OK && args->n && !checked && args->fail_on != FAIL_UNCHECKED) {
        cli_eprintf("indicators check: error: no claim could be checked\n");
        status = EXIT_DATA;
    }
    if (status == EXIT_OK)
        status = fail_status(args, res);
    free(res);
    for (size_t k = 0; k < nds; k++)
        ind_dataset_free(ds[k]);
    return status;
}

int cli_check(int argc, char **argv)
{
    check_args args;
    memset(&args, 0, sizeof args);
    cli_common_init(&args.c);
    args.fail_on = FAIL_NONE;
    int status = cli_parse(&check_spec, argc, argv, &args);
    if (status == CLI_RUN) {
        if (args.c.nfiles > MAX_FILES)
            status = cli_usage_error("check", "at most %d data files", MAX_FILES);
        else if (args.c.nfiles == 0)
            status = cli_usage_error("check", "expects a data FILE");
        else if (args.n == 0 && !args.claims_file)
            status = cli_usage_error("check", "expects --claim TEXT or --claims FILE");
        else
            status = run(&args);
    }
    free(args.claims);
    return status;
}
