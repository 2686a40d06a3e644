/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html.h - the one writer of HTML text. Every byte of an HTML page the
 * library makes (the report) goes through these functions, and nothing
 * writes raw strings beside them, as gnuplot text goes through gpscript.c.
 *
 * Rules it enforces, whatever the data holds:
 *   - text from data (element text, attribute values) is escaped: & < > " '
 *     become references, control characters become spaces, bytes that are
 *     not UTF-8 become U+FFFD; so "<script>", "\"onload=" or "</svg>" in a
 *     series name is shown, never run;
 *   - tag and attribute names come from the program, never from data: they
 *     must be lower-case identifiers, an attribute name may not start with
 *     "on" (no event handler), and a URL attribute (href, src ...) may only
 *     hold a fragment ("#sec-3"): the page loads nothing from outside;
 *   - the style sheet is a constant of the program and may not hold "<";
 *   - SVG (gnuplot's svg terminal) is not copied but parsed and re-written
 *     element by element through the same escaping: only drawing elements
 *     and attributes of an allow-list survive (no script, foreignObject,
 *     image, a or style element, no on* attribute, no reference but to an
 *     element of the same chart), and ids get a per-chart prefix so that
 *     several charts on one page do not share them.
 * A misuse by the program (a bad tag name, an event attribute) is refused
 * and makes ind_html_finish fail with IND_E_ARG, so a test finds it.
 */
#ifndef INDICATORS_HTML_H
#define INDICATORS_HTML_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "indicators/error.h"
#include "indicators/export.h"

IND_BEGIN_DECLS

typedef struct ind_html ind_html;

/* A writer to out (not closed by the writer); NULL when out of memory. */
ind_html *ind_html_new(FILE *out);

/*
 * Flushes out and frees h. Returns IND_OK, IND_E_IO when a write failed, or
 * IND_E_ARG when the program misused the writer (err says how). NULL: IND_OK.
 */
ind_status ind_html_finish(ind_html *h, ind_error *err);

/*
 * A start tag: tag, then attribute name / value pairs, ended by NULL
 * (ind_html_open(h, "a", "href", "#s1", "class", "toc", NULL)). A NULL
 * value (in a pair whose name is not NULL) leaves that attribute out; an
 * empty value writes the bare name (a boolean attribute such as "open").
 * Values are escaped. Void elements (meta, br) need no close.
 */
void ind_html_open(ind_html *h, const char *tag, ...);
void ind_html_vopen(ind_html *h, const char *tag, va_list ap);

/* An end tag. */
void ind_html_close(ind_html *h, const char *tag);

/* Escaped element text. */
void ind_html_text(ind_html *h, const char *text);

/* printf, then escaped as element text (the format too is treated as data). */
void ind_html_textf(ind_html *h, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* <tag attrs...>text</tag> in one call: attributes as ind_html_open, NULL-ended. */
void ind_html_element(ind_html *h, const char *tag, const char *text, ...);

/* A newline between elements, for a readable source. */
void ind_html_newline(ind_html *h);

/* The doctype line. */
void ind_html_doctype(ind_html *h);

/* A <style> element holding css, a constant of the program (refused if it holds '<'). */
void ind_html_style(ind_html *h, const char *css);

/*
 * Embeds svg[0..len) (an SVG document, as gnuplot's svg terminal writes it)
 * as inline SVG: parsed, the allowed elements and attributes re-written
 * with escaped text and values, ids (and references to them) prefixed with
 * prefix (letters, digits, '-'), everything else left out. The prolog,
 * comments, doctype and processing instructions are dropped. Returns IND_OK,
 * or IND_E_FORMAT when svg is not well-formed (unbalanced tags, an
 * unterminated tag or reference, no svg root): nothing is written then.
 * removed, when not NULL, receives how many elements and attributes were
 * left out. h NULL only checks svg.
 */
ind_status ind_html_svg(ind_html *h, const char *svg, size_t len, const char *prefix,
                        size_t *removed, ind_error *err);

/*
 * text escaped as the writer escapes it, into out[0..n) (NUL-terminated when
 * n > 0). Returns the length wanted, like snprintf.
 */
size_t ind_html_escape(const char *text, char *out, size_t n);

IND_END_DECLS

#endif
