/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h - private text helpers: the spaces people put around CSV cells
 * (ASCII blanks, the no-break space U+00A0 and the ideographic space U+3000
 * that Chinese spreadsheets use), shared by the value parser (number.c) and
 * the header and cell code (rows.c); and control characters, which no name
 * may hold (dataset.c) and no terminal may receive (output.c).
 */
#ifndef INDICATORS_TEXT_H
#define INDICATORS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Inline: the value parser calls these for every cell of a file. */

/* Byte length of the space character starting s (left bytes available), or 0. */
static inline size_t text_space_at(const char *s, size_t left)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (c == 0xC2 && left >= 2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (c == 0xE3 && left >= 3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

/* Byte length of the space character ending s[0..len) (len > 0), or 0. */
static inline size_t text_space_before(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[len - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (c == 0xA0 && len >= 2 && (unsigned char)s[len - 2] == 0xC2)
        return 2;
    if (c == 0x80 && len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/*
 * Byte length of the control character starting s, or 0: C0 (U+0000..U+001F,
 * line breaks and tabs included), DEL, and C1 (U+0080..U+009F, two bytes in
 * UTF-8), which terminals obey as commands (ESC, CSI, OSC).
 */
static inline size_t text_control_at(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if ((c > 0 && c < 0x20) || c == 0x7f)
        return 1;
    if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
        return 2;
    return 0;
}

/*
 * Copies s into out (room for strlen(s) + 1 bytes) with each run of control
 * characters made one space ("GDP\r\n(%)" -> "GDP (%)"). Returns whether
 * anything changed. The one rule for names, entities, units and labels.
 */
bool text_normalise(const char *s, char *out);

/* Whether raw, normalised, equals normal (a text stored normalised): no copy made. */
bool text_same(const char *normal, const char *raw);

/* Bytes of the valid UTF-8 sequence starting at p (>= 0x80), or 0 when it is not one. */
size_t text_utf8_len(const unsigned char *p);

/* Whether s holds a control character (see text_control_at). */
bool text_has_control(const char *s);

#endif
