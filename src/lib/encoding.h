/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * encoding.h - private to the loader: UTF-8 validation and iconv conversion
 * to UTF-8, both streaming (a multibyte sequence may straddle two chunks).
 */
#ifndef INDICATORS_ENCODING_H
#define INDICATORS_ENCODING_H

#include <iconv.h>
#include <stddef.h>

/* State of a UTF-8 check carried from one chunk to the next; zero it to start. */
typedef struct enc_utf8 {
    unsigned need;        /* continuation bytes still expected */
    unsigned char lo, hi; /* allowed range of the next continuation byte */
    size_t sequences;     /* complete multibyte sequences seen */
} enc_utf8;

/*
 * Checks s[0..len) continuing st. Returns len when every byte is valid so
 * far (a sequence may stay open at the end: st->need > 0), else the offset
 * of the first byte that cannot occur there.
 */
size_t enc_utf8_check(enc_utf8 *st, const unsigned char *s, size_t len);

/*
 * Counts the valid multibyte UTF-8 sequences of s[0..len) and the bytes that
 * cannot start or continue one (a sequence cut off by the end counts as
 * neither: it may go on in the next chunk).
 */
void enc_utf8_survey(const unsigned char *s, size_t len, size_t *valid, size_t *invalid);

/*
 * Whether text with these counts is UTF-8, maybe with a few bad bytes, rather
 * than another encoding: no invalid bytes, or at least 4 valid sequences for
 * each. GBK text read as UTF-8 has about 4 invalid bytes for each accidental
 * valid sequence; a UTF-8 file with a damaged cell has hundreds of valid ones.
 */
int enc_mostly_utf8(size_t valid, size_t invalid);

/* Whether name spells UTF-8 ("utf-8", "UTF8", ...). */
int enc_is_utf8(const char *name);

/* A streaming converter from some encoding to UTF-8. */
typedef struct enc_conv {
    iconv_t cd;
    char carry[16]; /* incomplete sequence left from the previous chunk */
    size_t ncarry;
    char *stage; /* carry + the next input chunk */
    size_t stagecap;
    char *out; /* converted text of the last call */
    size_t outcap;
} enc_conv;

/* Opens a converter from `from`; -1 when iconv does not know the name. */
int enc_conv_open(enc_conv *c, const char *from);
void enc_conv_close(enc_conv *c);

enum { ENC_OK = 0, ENC_INVALID = -1, ENC_NOMEM = -2 };

/*
 * Converts the next chunk in[0..len) (final: no more input follows). Sets
 * *out, *outlen to the UTF-8 text converted; on ENC_INVALID that is the text
 * before the first invalid (or, when final, truncated) sequence, so that the
 * caller can locate it. The output stays valid until the next call.
 */
int enc_conv_chunk(enc_conv *c, const char *in, size_t len, int final, const char **out,
                   size_t *outlen);

#endif
