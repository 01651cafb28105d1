/* SPDX-License-Identifier: MIT */
/*
 * test_tokens.c - the search tokens: bigrams of Japanese runs with the
 * last character kept in documents, folded words, byte ranges back into
 * the original text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tokens.h"

/* The tokens as one line: "a b +c" (+ marks a colocated token), with the
 * original text of each token's range after '=' when it differs. */
struct seen {
    char line[1024];
    const char *text;
};

static int collect(void *ctx, int flags, const char *token, int len,
                   int start, int end)
{
    struct seen *s = ctx;
    size_t used = strlen(s->line);
    snprintf(s->line + used, sizeof(s->line) - used, "%s%s%.*s",
             used ? " " : "", flags & TOKENS_COLOCATED ? "+" : "", len,
             token);
    used = strlen(s->line);
    bool same = end - start == len &&
                strncmp(token, s->text + start, (size_t)len) == 0;
    if (!same) {
        snprintf(s->line + used, sizeof(s->line) - used, "=%.*s",
                 end - start, s->text + start);
    }
    return 0;
}

static const char *tokens_of(const char *text, enum tokens_mode mode,
                             struct seen *s)
{
    memset(s, 0, sizeof(*s));
    s->text = text;
    assert_int_equal(tokens_each(text, (int)strlen(text), mode, collect, s),
                     0);
    return s->line;
}

static void test_japanese_runs_become_bigrams(void **state)
{
    (void)state;
    struct seen s;
    assert_string_equal(tokens_of("障害対応", TOKENS_DOCUMENT, &s),
                        "障害 害対 対応 +応");
    assert_string_equal(tokens_of("障害対応", TOKENS_QUERY, &s),
                        "障害 害対 対応");
    /* One character alone is its own token. */
    assert_string_equal(tokens_of("鍵", TOKENS_DOCUMENT, &s), "鍵");
    /* Punctuation ends a run; words of other scripts are whole. */
    assert_string_equal(tokens_of("制御PCが停止。再起動", TOKENS_DOCUMENT, &s),
                        "制御 +御 pc=PC が停 停止 +止 再起 起動 +動");
}

static void test_folding_matches_what_people_type(void **state)
{
    (void)state;
    struct seen s;
    /* Katakana folds to hiragana; half-width kana with its voiced mark
     * is one character; full-width letters and digits are ASCII. */
    assert_string_equal(tokens_of("ﾈｯﾄﾜｰｸ", TOKENS_QUERY, &s),
                        "ねっ=ﾈｯ っと=ｯﾄ とわ=ﾄﾜ わー=ﾜｰ ーく=ｰｸ");
    assert_string_equal(tokens_of("ｶﾞｽ", TOKENS_QUERY, &s), "がす=ｶﾞｽ");
    assert_string_equal(tokens_of("ＰＣ　０３－３４５６", TOKENS_QUERY, &s),
                        "pc=ＰＣ 03=０３ 3456=３４５６");
    assert_string_equal(tokens_of("ネットワーク", TOKENS_QUERY, &s),
                        "ねっ=ネッ っと=ット とわ=トワ わー=ワー ーく=ーク");
    assert_string_equal(tokens_of("ねっとわーく", TOKENS_QUERY, &s),
                        "ねっ っと とわ わー ーく");
}

static void test_invalid_bytes_separate_tokens(void **state)
{
    (void)state;
    struct seen s;
    assert_string_equal(tokens_of("ab\xff" "cd", TOKENS_QUERY, &s), "ab cd");
    assert_string_equal(tokens_of("", TOKENS_QUERY, &s), "");
}

static void test_one_character_queries_are_known(void **state)
{
    (void)state;
    assert_true(tokens_is_one_cjk("鍵"));
    assert_true(tokens_is_one_cjk(" ｶ "));
    assert_false(tokens_is_one_cjk("障害"));
    assert_false(tokens_is_one_cjk("a"));
    assert_false(tokens_is_one_cjk("鍵a"));
    assert_false(tokens_is_one_cjk(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_japanese_runs_become_bigrams),
        cmocka_unit_test(test_folding_matches_what_people_type),
        cmocka_unit_test(test_invalid_bytes_separate_tokens),
        cmocka_unit_test(test_one_character_queries_are_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
