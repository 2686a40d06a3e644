/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gpscript.h - the one writer of gnuplot script text (private to the
 * library; chart.c builds charts with it).
 *
 * Every piece of text that is not this program's own fixed syntax goes
 * through a function here that makes it inert, whatever its origin (series
 * names, entities, units, target labels, --title, --ylabel, --font, the
 * output path). What gnuplot would otherwise obey, and what is done about it:
 *
 *   line breaks        a string or comment ends; in a data block a line
 *                      starting with the end marker ends the block and the
 *                      rest runs as commands: control characters become
 *                      spaces; data blocks hold only numbers and short
 *                      checked texts, and gp_block_end checks every line
 *   !cmd, system()     only as code: text is only ever inside strings
 *   `cmd`              substituted inside double quotes: strings are single
 *                      quoted
 *   @macro             expanded outside quotes only
 *   ''                 the doubled quote gnuplot 5.4 misreads next to another
 *                      quote ('a''''b' ends after a'): a quote in the text is
 *                      a separate "'" joined with the . operator
 *   \ at a line end    continues the line, comments included: comments never
 *                      end in one
 *   & _ ^ { } @ ~ \    enhanced-text markup: the templates' terminals are
 *                      noenhanced
 *   set output '|cmd'  a pipe: relative paths are written as ./PATH
 *   ]]>                forbidden in XML text, and gnuplot's SVG terminal
 *                      writes it as is: a zero-width space goes after "]"
 *   long lines         gnuplot reads a data block in 1023-byte pieces: texts
 *                      are cut at GP_TEXT_MAX bytes (at a character boundary)
 *
 * Writes never fail one by one: an allocation failure or a broken rule marks
 * the script failed (gp_failed) and later writes do nothing.
 */
#ifndef INDICATORS_GPSCRIPT_H
#define INDICATORS_GPSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest text (bytes, before escaping) written into a script; longer is cut with "...". */
#define GP_TEXT_MAX 400

typedef struct gp_script {
    char *s;
    size_t len, cap;
    const char *failed; /* NULL, or why the script is unusable */
    size_t block;       /* offset of the open data block's first line, or 0 */
} gp_script;

/* This program's own gnuplot syntax: a string constant, never data. */
void gp_syntax(gp_script *w, const char *code);

/* Syntax with numbers: fmt may hold only numeric conversions (no %s or %c). */
void gp_syntaxf(gp_script *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A number, C locale, shortest text that reads back (NaN when not finite). */
void gp_number(gp_script *w, double v);

/*
 * Any text as a gnuplot string expression. Titles and labels print it as it
 * is because the templates' terminals are noenhanced (no & _ ^ { } @ ~ \
 * markup, which gnuplot's SVG terminal also writes unescaped: "R&D" made
 * malformed XML).
 */
void gp_string(gp_script *w, const char *text);

/*
 * A file name as a string expression. Relative names get "./" in front
 * (gnuplot pipes "|cmd" and expands "~"). A name with control characters is
 * refused (the script fails): replacing them would name another file.
 */
void gp_path(gp_script *w, const char *path);

/* A comment line "# TEXT" (control characters made spaces, never ending in "\"). */
void gp_comment(gp_script *w, const char *text);

/* Opens the data block $name (name: lower-case letters and '_'). */
void gp_block_begin(gp_script *w, const char *name);

/* A text column inside a data block: double-quoted; only [A-Za-z0-9 .,%+()-] kept, else '?'. */
void gp_block_text(gp_script *w, const char *text);

/* Closes the open data block after checking each of its lines. */
void gp_block_end(gp_script *w);

/* Text of a template file, appended as it is (the user's own configuration). */
void gp_template(gp_script *w, const char *text, size_t len);

/* Why the script is unusable, or NULL. */
const char *gp_failed(const gp_script *w);

/* gp_syntax and gp_syntaxf take string literals only: "" glued in front fails on anything else. */
#define gp_syntax(w, code) gp_syntax((w), "" code)
#define gp_syntaxf(w, ...) gp_syntaxf((w), "" __VA_ARGS__)

/* Writes text as gp_string does into out[0..n); returns the length wanted, like snprintf. */
size_t gp_quote(const char *text, char *out, size_t n);

#endif
