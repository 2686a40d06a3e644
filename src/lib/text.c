/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.c - control characters in names (see text.h).
 */
#include "text.h"

bool text_has_control(const char *s)
{
    for (; *s; s++)
        if (text_control_at(s))
            return true;
    return false;
}

bool text_normalise(const char *s, char *out)
{
    bool changed = false;
    while (*s) {
        size_t k = text_control_at(s);
        if (!k) {
            *out++ = *s++;
            continue;
        }
        changed = true;
        while ((k = text_control_at(s)) > 0)
            s += k;
        *out++ = ' ';
    }
    *out = '\0';
    return changed;
}

bool text_same(const char *normal, const char *raw)
{
    if (strcmp(normal, raw) == 0) /* nearly always (a long file's rows of one series) */
        return true;              /* normal holds no control character, so raw holds none */
    while (*raw) {
        size_t k = text_control_at(raw);
        if (!k) {
            if (*normal++ != *raw++)
                return false;
            continue;
        }
        if (*normal++ != ' ')
            return false;
        while ((k = text_control_at(raw)) > 0)
            raw += k;
    }
    return *normal == '\0';
}

size_t text_utf8_len(const unsigned char *p)
{
    size_t k = *p >= 0xf0 && *p <= 0xf4 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc2 && *p < 0xe0 ? 2 : 0;
    if (k == 0 || (k == 3 && *p > 0xef))
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((k == 3 && *p == 0xe0 && p[1] < 0xa0) || (k == 3 && *p == 0xed && p[1] > 0x9f) ||
        (k == 4 && *p == 0xf0 && p[1] < 0x90) || (k == 4 && *p == 0xf4 && p[1] > 0x8f))
        return 0; /* overlong, surrogate or beyond U+10FFFF */
    return k;
}
