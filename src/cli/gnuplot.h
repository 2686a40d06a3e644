/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gnuplot.h - running gnuplot, for the commands that draw (chart, report):
 * the script written to a temporary file, gnuplot spawned on it with an argv
 * array (posix_spawnp, never a shell), its output read through a pipe and
 * handed to a sink, its messages collected. The library builds the scripts
 * (chart.h) and never runs a program.
 */
#ifndef INDICATORS_CLI_GNUPLOT_H
#define INDICATORS_CLI_GNUPLOT_H

#include <stddef.h>

/* Receives the next piece of gnuplot's output; returns 0, or an errno (the rest is dropped). */
typedef int (*gp_sink)(void *ctx, const char *chunk, size_t n);

/*
 * Runs `gnuplot SCRIPT_PATH` with stdin from /dev/null, stdout through a pipe
 * into sink (a sink's error goes to *sink_error; gnuplot is read to its end
 * all the same, so that it never blocks on a full pipe) and stderr collected
 * into msg[0..n). Returns gnuplot's exit status (0 ok), or -1 with errno set
 * when it could not be started (ENOENT: not installed).
 */
int gp_spawn(const char *script_path, gp_sink sink, void *ctx, int *sink_error, char *msg,
             size_t n);

/*
 * Writes script into a new temporary file ($TMPDIR or /tmp,
 * indicators-chart-XXXXXX), its name into path[0..n). Returns 0, or an errno
 * (the message printed, naming cmd).
 */
int gp_write_script(const char *cmd, const char *script, char *path, size_t n);

/* Writes all of text[0..len) to fd; 0, or an errno. */
int gp_write_all(int fd, const char *text, size_t len);

/* Prints each line of text to stderr after prefix (gnuplot's messages). */
void gp_print_lines(const char *prefix, const char *text);

/* Prints that gnuplot is missing and how to install it (cmd names the command); EXIT_DATA. */
int gp_missing(const char *cmd);

/*
 * Finds the chart templates (ind_chart_find_templates: INDICATORS_SCRIPTS,
 * beside the program, the compiled-in places) into dir[0..n); EXIT_OK, or
 * EXIT_DATA after printing why.
 */
int gp_templates_dir(char *dir, size_t n);

#endif
