/* SPDX-License-Identifier: MIT */
/*
 * text.c - UTF-8 validation and the folding that makes Japanese text
 * findable, on top of libunistring.
 *
 * A person may type a kana reading in hiragana or katakana, full- or
 * half-width, and a phone number with or without hyphens, in full-width
 * digits. Search keys remove those differences: NFKC (half-width kana and
 * full-width ASCII become canonical), lower case, katakana mapped to
 * hiragana, and spacing and joining punctuation dropped. Keys are computed
 * when a record is written and stored beside it, so a search compares keys
 * with keys.
 */
#include "core/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "core/buf.h"
#include "core/xalloc.h"

/* White space as people type it, including the ideographic space U+3000
 * that a Japanese keyboard produces. */
static bool is_space(ucs4_t uc)
{
    return uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' ||
           uc == 0x3000;
}

/* True when s is well-formed UTF-8 (no overlongs, surrogates or bytes past
 * U+10FFFF). NULL counts as valid (absent). */
bool text_is_utf8(const char *s)
{
    if (s == NULL) {
        return true;
    }
    return u8_check((const uint8_t *)s, strlen(s)) == NULL;
}

/* A copy of s that is valid UTF-8: each ill-formed sequence becomes U+FFFD.
 * Messages quote what the user typed, and must stay printable and
 * encodable as JSON even when the input was not. */
char *text_make_utf8(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    const uint8_t *end = p + strlen(s);
    struct buf out = {0};
    while (p < end) {
        ucs4_t uc;
        int n = u8_mbtoucr(&uc, p, (size_t)(end - p));
        if (n < 0) {
            buf_append(&out, "\xEF\xBF\xBD", 3);
            p++;
            continue;
        }
        buf_append(&out, (const char *)p, (size_t)n);
        p += n;
    }
    return buf_steal(&out);
}

/* True when s is NULL, empty, or only white space (ASCII or the
 * ideographic space U+3000 that Japanese keyboards type). */
bool text_is_blank(const char *s)
{
    if (s == NULL) {
        return true;
    }
    const uint8_t *p = (const uint8_t *)s;
    while (*p) {
        ucs4_t uc;
        int n = u8_strmbtouc(&uc, p);
        if (n <= 0) {
            return false;
        }
        if (!is_space(uc)) {
            return false;
        }
        p += n;
    }
    return true;
}

/* Number of Unicode characters in valid UTF-8 s. */
size_t text_chars(const char *s)
{
    return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

/* NFKC normal form of s. Returns TAIO_EINVAL if s is not valid UTF-8.
 * *out is malloc'd; free with free(). */
enum taio_status text_nfkc(const char *s, char **out)
{
    size_t n = strlen(s);
    if (u8_check((const uint8_t *)s, n) != NULL) {
        return TAIO_EINVAL;
    }
    size_t len = 0;
    uint8_t *norm = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, n, NULL,
                                 &len);
    if (norm == NULL) {
        return TAIO_EINVAL;
    }
    char *result = xmalloc(len + 1);
    memcpy(result, norm, len);
    result[len] = '\0';
    free(norm);
    *out = result;
    return TAIO_OK;
}

/* Characters that people put inside names and readings inconsistently and
 * that carry no meaning for a search. */
static bool is_ignorable(ucs4_t uc)
{
    return is_space(uc) || uc == 0x30FB /* katakana middle dot */ || uc == '-' ||
           uc == '.' || uc == 0x2010 || uc == 0x2011 || uc == 0x2212;
}

/* The search key of s: NFKC, lower case, katakana folded to hiragana,
 * spaces and dots dropped. "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ・タロウ" and "やまだたろう" all
 * give "やまだたろう". Returns TAIO_EINVAL for invalid UTF-8. *out is
 * malloc'd; free with free(). */
enum taio_status text_search_key(const char *s, char **out)
{
    size_t n = strlen(s);
    if (u8_check((const uint8_t *)s, n) != NULL) {
        return TAIO_EINVAL;
    }
    size_t len = 0;
    uint8_t *lower = u8_tolower((const uint8_t *)s, n, NULL, UNINORM_NFKC,
                                NULL, &len);
    if (lower == NULL) {
        return TAIO_EINVAL;
    }
    struct buf key = {0};
    size_t i = 0;
    while (i < len) {
        ucs4_t uc;
        int step = u8_mbtouc(&uc, lower + i, len - i);
        i += (size_t)step;
        if (is_ignorable(uc)) {
            continue;
        }
        /* Katakana ァ..ヶ sit 0x60 above hiragana ぁ..ゖ. */
        if (uc >= 0x30A1 && uc <= 0x30F6) {
            uc -= 0x60;
        }
        uint8_t enc[6];
        int m = u8_uctomb(enc, uc, sizeof(enc));
        if (m > 0) {
            buf_append(&key, enc, (size_t)m);
        }
    }
    free(lower);
    *out = buf_steal(&key);
    return TAIO_OK;
}

/* The digits of a phone number, after NFKC (so "０３－１２３４" and
 * "03-1234" agree): every non-digit is dropped, and a leading "+81" (the
 * country code of Japan) becomes the domestic "0". Returns TAIO_EINVAL for
 * invalid UTF-8. *out is malloc'd; free with free(). */
enum taio_status text_phone_key(const char *s, char **out)
{
    char *norm = NULL;
    enum taio_status status = text_nfkc(s, &norm);
    if (status != TAIO_OK) {
        return status;
    }
    struct buf key = {0};
    const char *p = norm;
    while (*p == ' ') {
        p++;
    }
    /* An international Japanese number "+81 3-..." is "03-..." at home. */
    if (strncmp(p, "+81", 3) == 0) {
        buf_putc(&key, '0');
        p += 3;
    }
    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            buf_putc(&key, *p);
        }
    }
    free(norm);
    *out = buf_steal(&key);
    return TAIO_OK;
}

/* Copy of s without leading and trailing white space (ASCII or U+3000).
 * s must be valid UTF-8. Free with free(). */
char *text_trim(const char *s)
{
    const uint8_t *start = (const uint8_t *)s;
    const uint8_t *end = start + strlen(s);
    for (;;) {
        ucs4_t uc;
        int n = u8_strmbtouc(&uc, start);
        if (n <= 0 || !is_space(uc)) {
            break;
        }
        start += n;
    }
    while (end > start) {
        ucs4_t uc;
        const uint8_t *prev = u8_prev(&uc, end, start);
        if (prev == NULL || !is_space(uc)) {
            break;
        }
        end = prev;
    }
    return xstrndup((const char *)start, (size_t)(end - start));
}

/* The search key of s, or "" when s is NULL or not valid UTF-8 (stored
 * text was validated, so that case is for absent values). Free with
 * free(). */
char *text_key_or_empty(const char *s)
{
    char *key = NULL;
    if (s == NULL || text_search_key(s, &key) != TAIO_OK) {
        return xstrdup("");
    }
    return key;
}

/* Replace the owned string *slot with value, trimmed, when value is not
 * NULL (NULL means "leave it"). An empty value stores NULL when
 * empty_is_null, for optional fields that "" clears. */
void text_assign_trimmed(char **slot, const char *value, bool empty_is_null)
{
    if (value == NULL) {
        return;
    }
    free(*slot);
    *slot = (*value == '\0' && empty_is_null) ? NULL : text_trim(value);
}

/* Columns s occupies in a terminal: East Asian wide characters count two. */
size_t text_width(const char *s)
{
    int w = u8_strwidth((const uint8_t *)s, "UTF-8");
    return w < 0 ? strlen(s) : (size_t)w;
}

/* Read the next item of an HTTP list with quality values (Accept-Encoding,
 * Accept-Language: RFC 9110, 12.4.2) at *cursor into item and move *cursor
 * past it; false at the end. Empty items are skipped; parameters other
 * than q are ignored. */
bool text_qlist_next(const char **cursor, struct text_qitem *item)
{
    const char *p = *cursor;
    while (*p) {
        const char *end = p + strcspn(p, ",");
        while (p < end && (*p == ' ' || *p == '\t')) {
            p++;
        }
        size_t name_len = strcspn(p, ";, \t");
        if (name_len > (size_t)(end - p)) {
            name_len = (size_t)(end - p);
        }
        double q = 1.0;
        const char *semi = memchr(p, ';', (size_t)(end - p));
        if (semi) {
            const char *qp = semi + 1;
            while (qp < end && (*qp == ' ' || *qp == '\t')) {
                qp++;
            }
            if (end - qp >= 2 && (qp[0] == 'q' || qp[0] == 'Q') &&
                qp[1] == '=') {
                q = strtod(qp + 2, NULL);
            }
        }
        const char *name = p;
        p = *end ? end + 1 : end;
        if (name_len > 0) {
            *item = (struct text_qitem){name, name_len, q};
            *cursor = p;
            return true;
        }
    }
    *cursor = p;
    return false;
}

/* Append text to out with & < > " ' replaced by entities: safe as HTML
 * element content and as a quoted attribute value (web pages write
 * through web/html.c, which uses this; mails' HTML parts use it too). */
void text_escape_html(struct buf *out, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        const char *entity = NULL;
        switch (*p) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        buf_append(out, run, (size_t)(p - run));
        buf_puts(out, entity);
        run = p + 1;
    }
    buf_puts(out, run);
}
