/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * encoding.c - streaming UTF-8 validation and conversion to UTF-8 with
 * iconv, for the loader (see encoding.h).
 *
 * The UTF-8 check runs over every byte of every file, so pure-ASCII runs are
 * skipped eight bytes at a time; the multibyte rules are those of RFC 3629
 * (no overlong forms, no surrogates, nothing above U+10FFFF).
 */
#include "encoding.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t enc_utf8_check(enc_utf8 *st, const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (st->need) {
            if (c < st->lo || c > st->hi)
                return i;
            st->lo = 0x80;
            st->hi = 0xBF;
            if (--st->need == 0)
                st->sequences++;
            i++;
            continue;
        }
        if (c < 0x80) {
            uint64_t w;
            i++;
            while (i + 8 <= len) {
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080u)
                    break;
                i += 8;
            }
            continue;
        }
        if (c < 0xC2 || c > 0xF4)
            return i;
        st->lo = 0x80;
        st->hi = 0xBF;
        if (c < 0xE0) {
            st->need = 1;
        } else if (c < 0xF0) {
            st->need = 2;
            if (c == 0xE0)
                st->lo = 0xA0; /* overlong */
            if (c == 0xED)
                st->hi = 0x9F; /* surrogates */
        } else {
            st->need = 3;
            if (c == 0xF0)
                st->lo = 0x90; /* overlong */
            if (c == 0xF4)
                st->hi = 0x8F; /* above U+10FFFF */
        }
        i++;
    }
    return len;
}

/* Length of the valid sequence at s[0..len), 0 when invalid, len + 1 when cut off. */
static size_t sequence_at(const unsigned char *s, size_t len)
{
    enc_utf8 st;
    memset(&st, 0, sizeof st);
    size_t n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    size_t ok = enc_utf8_check(&st, s, len < n ? len : n);
    if (ok < (len < n ? len : n))
        return 0;
    return st.need ? len + 1 : n;
}

void enc_utf8_survey(const unsigned char *s, size_t len, size_t *valid, size_t *invalid)
{
    *valid = *invalid = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = sequence_at(s + i, len - i);
        if (n > len - i)
            break; /* cut off by the end */
        if (n == 0) {
            ++*invalid;
            i++;
        } else {
            ++*valid;
            i += n;
        }
    }
}

int enc_mostly_utf8(size_t valid, size_t invalid)
{
    return invalid == 0 || valid >= 4 * invalid;
}

int enc_is_utf8(const char *name)
{
    return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

int enc_conv_open(enc_conv *c, const char *from)
{
    memset(c, 0, sizeof *c);
    c->cd = iconv_open("UTF-8", from);
    return c->cd == (iconv_t)-1 ? -1 : 0;
}

void enc_conv_close(enc_conv *c)
{
    if (c->cd != (iconv_t)-1 && c->cd != NULL)
        iconv_close(c->cd);
    c->cd = NULL;
    free(c->stage);
    free(c->out);
    c->stage = c->out = NULL;
}

static int grow(char **buf, size_t *cap, size_t want)
{
    if (*cap >= want)
        return 0;
    char *p = realloc(*buf, want);
    if (!p)
        return -1;
    *buf = p;
    *cap = want;
    return 0;
}

int enc_conv_chunk(enc_conv *c, const char *in, size_t len, int final, const char **out,
                   size_t *outlen)
{
    size_t total = c->ncarry + len;
    if (grow(&c->stage, &c->stagecap, total + 1) != 0 ||
        grow(&c->out, &c->outcap, 2 * total + 64) != 0)
        return ENC_NOMEM;
    memcpy(c->stage, c->carry, c->ncarry);
    if (len)
        memcpy(c->stage + c->ncarry, in, len);
    c->ncarry = 0;
    char *src = c->stage, *dst = c->out;
    size_t srcleft = total, dstleft = c->outcap;
    int status = ENC_OK;
    while (srcleft > 0) {
        if (iconv(c->cd, &src, &srcleft, &dst, &dstleft) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(dst - c->out);
            if (grow(&c->out, &c->outcap, 2 * c->outcap) != 0)
                return ENC_NOMEM;
            dst = c->out + used;
            dstleft = c->outcap - used;
        } else if (errno == EINVAL && !final && srcleft < sizeof c->carry) {
            memcpy(c->carry, src, srcleft); /* a sequence continued in the next chunk */
            c->ncarry = srcleft;
            break;
        } else {
            status = ENC_INVALID;
            break;
        }
    }
    if (final && status == ENC_OK) { /* flush a stateful encoding's shift sequence */
        if (iconv(c->cd, NULL, NULL, &dst, &dstleft) == (size_t)-1)
            status = ENC_INVALID;
    }
    *out = c->out;
    *outlen = (size_t)(dst - c->out);
    return status;
}
