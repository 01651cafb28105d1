/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_TOKENS_H
#define TAIO_CORE_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

/* What the tokens are for: a document keeps, at the end of each run of
 * Japanese text, its last character too (colocated with the last
 * bigram), so that a one-character query finds it by prefix; a query
 * needs no such extra. */
enum tokens_mode {
    TOKENS_DOCUMENT,
    TOKENS_QUERY,
};

/* Flag of a token that shares the position of the one before. */
#define TOKENS_COLOCATED 1

/* Receives each token: its folded text (not NUL-terminated), and the byte
 * range [start, end) of the original text it came from. A non-zero return
 * stops the walk and is returned by tokens_each(). */
typedef int (*tokens_fn)(void *ctx, int flags, const char *token, int len,
                         int start, int end);

/* A character of the original text after folding, with where it was. */
struct tokens_unit {
    char text[24]; /* folded; NUL-terminated */
    int start;     /* byte range in the original text */
    int end;
    int kind;      /* TOKENS_KIND_* */
};

enum {
    TOKENS_KIND_OTHER, /* spaces and punctuation: they separate tokens */
    TOKENS_KIND_WORD,  /* letters and digits of alphabetic scripts */
    TOKENS_KIND_CJK,   /* kanji, kana and the long vowel mark */
};

int tokens_each(const char *text, int len, enum tokens_mode mode,
                tokens_fn fn, void *ctx);
size_t tokens_units(const char *text, int len, struct tokens_unit **out);
bool tokens_is_one_cjk(const char *text);

#endif
