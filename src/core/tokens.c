/* SPDX-License-Identifier: MIT */
/*
 * tokens.c - cutting text into search tokens the way Japanese needs.
 *
 * Japanese has no spaces between words, and the words people look for are
 * short: 障害, 停止 and 遅刻 are two characters, 鍵 is one. Each run of
 * kanji and kana therefore becomes overlapping bigrams ("ネット障害" gives
 * ねっ っと と障 障害), the approach of Lucene's CJK analyzer, and a
 * query of two or more characters is the phrase of its bigrams. A
 * document also keeps the last character of each run, at the position of
 * the run's last bigram, so that a one-character query finds every place
 * as the prefix of a bigram or as that last character. Letters and digits
 * of other scripts make whole words ("PC", "03", "3456").
 *
 * Before cutting, each character is folded as customer search folds
 * readings (text.c): NFKC (half-width kana and full-width letters become
 * canonical), lower case, katakana to hiragana. Each token remembers the
 * byte range of the original text it came from, for highlighting.
 */
#include "core/tokens.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/buf.h"
#include "core/xalloc.h"

/* Longest word token kept, bytes; the rest of a longer word is dropped
 * (a URL or a hash is not searched by its tail). */
#define WORD_MAX 96

/* Where units are gathered. */
struct units {
    struct tokens_unit *items;
    size_t n;
    size_t cap;
};

static struct tokens_unit *unit_push(struct units *u)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 64;
        u->items = xrealloc(u->items, u->cap * sizeof(*u->items));
    }
    struct tokens_unit *it = &u->items[u->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

/* True for the scripts written without spaces. */
static bool is_cjk_script(ucs4_t uc)
{
    if (uc == 0x30FC || uc == 0x3005) { /* ー 々 */
        return true;
    }
    const uc_script_t *script = uc_script(uc);
    if (script == NULL) {
        return false;
    }
    return strcmp(script->name, "Han") == 0 ||
           strcmp(script->name, "Hiragana") == 0 ||
           strcmp(script->name, "Katakana") == 0 ||
           strcmp(script->name, "Hangul") == 0;
}

/* The kind of a folded character. */
static int kind_of(ucs4_t uc)
{
    if (uc < 0x80) {
        bool alnum = (uc >= '0' && uc <= '9') || (uc >= 'a' && uc <= 'z') ||
                     (uc >= 'A' && uc <= 'Z');
        return alnum ? TOKENS_KIND_WORD : TOKENS_KIND_OTHER;
    }
    if (is_cjk_script(uc)) {
        return TOKENS_KIND_CJK;
    }
    if (uc_is_general_category(uc, UC_CATEGORY_L) ||
        uc_is_general_category(uc, UC_CATEGORY_N)) {
        return TOKENS_KIND_WORD;
    }
    return TOKENS_KIND_OTHER;
}

/* Katakana ァ..ヶ sit 0x60 above hiragana ぁ..ゖ. */
static ucs4_t fold_kana(ucs4_t uc)
{
    return uc >= 0x30A1 && uc <= 0x30F6 ? uc - 0x60 : uc;
}

/* Characters NFKC and lower case leave as they are: most Japanese text,
 * so most characters skip libunistring's normalisation. */
static bool is_stable(ucs4_t uc)
{
    return (uc >= 0x3041 && uc <= 0x3096) || (uc >= 0x30A1 && uc <= 0x30FA) ||
           uc == 0x30FC || uc == 0x3005 || (uc >= 0x4E00 && uc <= 0x9FFF) ||
           (uc >= 0x3400 && uc <= 0x4DBF);
}

/* Add folded character uc, from bytes [start, end) of the original, to
 * u; a combining mark (the voiced sound mark of half-width ｶﾞ) joins the
 * character before it. */
static void add_folded(struct units *u, ucs4_t uc, int start, int end)
{
    if (uc_is_general_category(uc, UC_CATEGORY_M)) {
        if (u->n == 0 || u->items[u->n - 1].kind == TOKENS_KIND_OTHER) {
            return;
        }
        struct tokens_unit *prev = &u->items[u->n - 1];
        uint8_t joined[sizeof(prev->text) + 8];
        size_t used = strlen(prev->text);
        memcpy(joined, prev->text, used);
        int m = u8_uctomb(joined + used, uc, 6);
        if (m <= 0) {
            return;
        }
        size_t len = sizeof(prev->text) - 1;
        uint8_t composed[sizeof(prev->text)];
        if (u8_normalize(UNINORM_NFC, joined, used + (size_t)m, composed,
                         &len) == composed) {
            memcpy(prev->text, composed, len);
            prev->text[len] = '\0';
            prev->end = end;
        }
        return;
    }
    struct tokens_unit *it = unit_push(u);
    uc = fold_kana(uc);
    int m = u8_uctomb((uint8_t *)it->text, uc, sizeof(it->text) - 1);
    it->text[m > 0 ? m : 0] = '\0';
    it->start = start;
    it->end = end;
    it->kind = kind_of(uc);
}

/* Fold the character uc found at bytes [start, end) into u. */
static void add_char(struct units *u, ucs4_t uc, int start, int end)
{
    if (uc < 0x80) {
        if (uc >= 'A' && uc <= 'Z') {
            uc += 'a' - 'A';
        }
        add_folded(u, uc, start, end);
        return;
    }
    if (is_stable(uc)) {
        add_folded(u, uc, start, end);
        return;
    }
    uint8_t enc[6];
    int m = u8_uctomb(enc, uc, sizeof(enc));
    size_t len = 0;
    uint8_t *folded = m > 0 ? u8_tolower(enc, (size_t)m, NULL, UNINORM_NFKC,
                                         NULL, &len)
                            : NULL;
    for (size_t i = 0; folded && i < len;) {
        ucs4_t part = 0;
        int step = u8_mbtouc(&part, folded + i, len - i);
        add_folded(u, part, start, end);
        i += (size_t)(step > 0 ? step : 1);
    }
    free(folded);
}

/* The folded characters of text[0..len), each with its byte range.
 * Invalid UTF-8 bytes count as separators. Returns how many; *out is
 * malloc'd (free with free(); NULL when none). */
size_t tokens_units(const char *text, int len, struct tokens_unit **out)
{
    struct units u = {0};
    const uint8_t *s = (const uint8_t *)text;
    for (int i = 0; i < len;) {
        ucs4_t uc = 0;
        int step = u8_mbtouc(&uc, s + i, (size_t)(len - i));
        if (step <= 0) {
            step = 1;
        }
        add_char(&u, uc, i, i + step);
        i += step;
    }
    *out = u.items;
    return u.n;
}

/* Emit the word units[from..to) as one token. */
static int emit_word(const struct tokens_unit *units, size_t from, size_t to,
                     tokens_fn fn, void *ctx)
{
    char word[WORD_MAX + sizeof(units->text)];
    size_t used = 0;
    for (size_t i = from; i < to && used < WORD_MAX; i++) {
        size_t n = strlen(units[i].text);
        memcpy(word + used, units[i].text, n);
        used += n;
    }
    return fn(ctx, 0, word, (int)used, units[from].start,
              units[to - 1].end);
}

/* Emit the run units[from..to) of kanji and kana as bigrams, or as the
 * one character when the run has one; a document adds the last
 * character colocated with the last bigram. */
static int emit_cjk(const struct tokens_unit *units, size_t from, size_t to,
                    enum tokens_mode mode, tokens_fn fn, void *ctx)
{
    if (to - from == 1) {
        return fn(ctx, 0, units[from].text, (int)strlen(units[from].text),
                  units[from].start, units[from].end);
    }
    char pair[2 * sizeof(units->text)];
    for (size_t i = from; i + 1 < to; i++) {
        size_t a = strlen(units[i].text);
        size_t b = strlen(units[i + 1].text);
        memcpy(pair, units[i].text, a);
        memcpy(pair + a, units[i + 1].text, b);
        int rc = fn(ctx, 0, pair, (int)(a + b), units[i].start,
                    units[i + 1].end);
        if (rc != 0) {
            return rc;
        }
    }
    if (mode == TOKENS_QUERY) {
        return 0;
    }
    const struct tokens_unit *last = &units[to - 1];
    return fn(ctx, TOKENS_COLOCATED, last->text, (int)strlen(last->text),
              last->start, last->end);
}

/* Cut text[0..len) into tokens for mode and hand each to fn (see
 * tokens_fn). Returns 0, or the first non-zero value fn returned. */
int tokens_each(const char *text, int len, enum tokens_mode mode,
                tokens_fn fn, void *ctx)
{
    struct tokens_unit *units = NULL;
    size_t n = tokens_units(text, len, &units);
    int rc = 0;
    size_t i = 0;
    while (rc == 0 && i < n) {
        int kind = units[i].kind;
        size_t end = i + 1;
        while (end < n && units[end].kind == kind) {
            end++;
        }
        if (kind == TOKENS_KIND_WORD) {
            rc = emit_word(units, i, end, fn, ctx);
        } else if (kind == TOKENS_KIND_CJK) {
            rc = emit_cjk(units, i, end, mode, fn, ctx);
        }
        i = end;
    }
    free(units);
    return rc;
}

/* True when text folds to exactly one kanji or kana (a query that must
 * be looked up as a prefix). */
bool tokens_is_one_cjk(const char *text)
{
    struct tokens_unit *units = NULL;
    size_t n = tokens_units(text, (int)strlen(text), &units);
    size_t cjk = 0;
    size_t other = 0;
    for (size_t i = 0; i < n; i++) {
        if (units[i].kind == TOKENS_KIND_CJK) {
            cjk++;
        } else if (units[i].kind == TOKENS_KIND_WORD) {
            other++;
        }
    }
    free(units);
    return cjk == 1 && other == 0;
}
