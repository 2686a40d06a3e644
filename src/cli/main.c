/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the `indicators` program: dispatches to a subcommand from one
 * table. Each subcommand lives in its own file and parses its own options.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
    {"inspect", cli_inspect, "show how a file was read: shape, encoding, series, periods, gaps"},
    {"growth", cli_growth, "growth figures: YoY, PoP, CAGR, pp change, multiple, index, YTD"},
    {"chart", cli_chart, "draw series with gnuplot: trend with forecast and target, growth, index, compare"},
    {"target", cli_target, "check targets: on track, at risk or off track, by published methods"},
    {"check", cli_check, "check the figures a report states: holds, does not hold, or what is missing"},
    {"forecast", cli_forecast, "forecasts with prediction intervals (auto, ets, arima, theta ...)"},
    {"backtest", cli_backtest, "score forecasting methods on held-out values: sMAPE, MASE, coverage"},
    {"report", cli_report_command, "the whole analysis as one HTML (or Markdown) report"},
};

static void usage(FILE *out)
{
    fputs("Usage: indicators COMMAND [OPTIONS] FILE\n"
          "\n"
          "Analyse indicator time series (yearly, half-yearly, quarterly, monthly):\n"
          "how fast is it growing, where will it be, will it meet its target?\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Exit status, the same for every command:\n"
          "  0  done; what cannot be computed for a series (no observations, too few for a\n"
          "     method, a figure undefined) is a note on stderr or in the output, not a failure\n"
          "  1  bad or unreadable input, a computation that failed, a write that failed,\n"
          "     or nothing at all could be computed (the message on stderr says which)\n"
          "  2  bad command line (unknown option, malformed value)\n"
          "  3  target or check --fail-on: a target or claim is in the state named\n"
          "\n"
          "Run 'indicators COMMAND --help' for a command's options.\n"
          "Example: indicators growth datasets/rd.csv\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return cli_close_stdout(EXIT_OK);
    }
    if (strcmp(name, "--version") == 0) {
        puts("indicators " INDICATORS_VERSION);
        return cli_close_stdout(EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return cli_close_stdout(commands[i].run(argc - 1, argv + 1));
    cli_eprintf("indicators: unknown command '%s'\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
}
