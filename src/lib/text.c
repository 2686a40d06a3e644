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
