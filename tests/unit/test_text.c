/* SPDX-License-Identifier: MIT */
/*
 * test_text.c - unit tests for core/text.c: UTF-8 validation and the
 * folding that lets a kana reading or a phone number be found however it
 * was typed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

static void assert_key(const char *input, const char *want)
{
    char *key = NULL;
    assert_int_equal(text_search_key(input, &key), TAIO_OK);
    assert_string_equal(key, want);
    free(key);
}

static void assert_phone(const char *input, const char *want)
{
    char *key = NULL;
    assert_int_equal(text_phone_key(input, &key), TAIO_OK);
    assert_string_equal(key, want);
    free(key);
}

/* Hiragana, katakana and half-width katakana readings give one key. */
static void test_search_key_folds_kana_forms(void **state)
{
    (void)state;
    assert_key("やまだ たろう", "やまだたろう");
    assert_key("ヤマダ タロウ", "やまだたろう");
    assert_key("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだたろう");
    assert_key("ヤマダ・タロウ", "やまだたろう");
    assert_key("やまだ\u3000たろう", "やまだたろう");
    assert_key("ヴァイオリン", "ゔぁいおりん");
}

/* Full-width Latin letters and digits become ASCII, and case is ignored,
 * while kanji stay as they are. */
static void test_search_key_folds_width_and_case(void **state)
{
    (void)state;
    assert_key("ＡＢＣ商事", "abc商事");
    assert_key("Taio Support", "taiosupport");
    assert_key("山田製作所", "山田製作所");
    assert_key("", "");
}

/* Phone numbers match with or without hyphens, in full-width digits, and
 * in the international form of a Japanese number. */
static void test_phone_key_keeps_only_digits(void **state)
{
    (void)state;
    assert_phone("03-1234-5678", "0312345678");
    assert_phone("０３－１２３４－５６７８", "0312345678");
    assert_phone("(03) 1234 5678", "0312345678");
    assert_phone("+81 3-1234-5678", "0312345678");
    assert_phone("+81-90-1111-2233", "09011112233");
}

/* Malformed UTF-8 (a stray byte, an overlong form, a surrogate) is
 * rejected everywhere. */
static void test_invalid_utf8_is_rejected(void **state)
{
    (void)state;
    const char *bad[] = {"\xff", "abc\xfe", "\xc0\xaf", "\xed\xa0\x80",
                         "\xe3\x81"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char *out = NULL;
        assert_false(text_is_utf8(bad[i]));
        assert_int_equal(text_search_key(bad[i], &out), TAIO_EINVAL);
        assert_int_equal(text_phone_key(bad[i], &out), TAIO_EINVAL);
        assert_int_equal(text_nfkc(bad[i], &out), TAIO_EINVAL);
        assert_null(out);
    }
    assert_true(text_is_utf8("日本語"));
    assert_true(text_is_utf8(NULL));
}

/* The ideographic space counts as blank and is trimmed like ASCII space. */
static void test_blank_and_trim_know_the_ideographic_space(void **state)
{
    (void)state;
    assert_true(text_is_blank("\u3000 \t"));
    assert_true(text_is_blank(""));
    assert_false(text_is_blank(" あ "));
    char *t = text_trim("\u3000 田中 一郎 \u3000");
    assert_string_equal(t, "田中 一郎");
    free(t);
    t = text_trim("\u3000");
    assert_string_equal(t, "");
    free(t);
}

/* Wide characters take two terminal columns; length counts characters. */
static void test_width_and_length_count_characters(void **state)
{
    (void)state;
    assert_int_equal(text_width("日本"), 4);
    assert_int_equal(text_width("ab"), 2);
    assert_int_equal(text_chars("日本語abc"), 6);
}

static void test_quality_lists_are_read_item_by_item(void **state)
{
    (void)state;
    const char *cursor = " ja-JP , ,en;q=0.5;x=1,\t*;Q=0 ";
    struct text_qitem it;
    assert_true(text_qlist_next(&cursor, &it));
    assert_int_equal(it.len, 5);
    assert_memory_equal(it.name, "ja-JP", 5);
    assert_true(it.q == 1.0);
    assert_true(text_qlist_next(&cursor, &it));
    assert_memory_equal(it.name, "en", 2);
    assert_int_equal(it.len, 2);
    assert_true(it.q == 0.5);
    assert_true(text_qlist_next(&cursor, &it));
    assert_int_equal(it.len, 1);
    assert_true(it.q == 0.0);
    assert_false(text_qlist_next(&cursor, &it));
    assert_false(text_qlist_next(&cursor, &it));
    cursor = "";
    assert_false(text_qlist_next(&cursor, &it));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_key_folds_kana_forms),
        cmocka_unit_test(test_search_key_folds_width_and_case),
        cmocka_unit_test(test_phone_key_keeps_only_digits),
        cmocka_unit_test(test_invalid_utf8_is_rejected),
        cmocka_unit_test(test_blank_and_trim_know_the_ideographic_space),
        cmocka_unit_test(test_width_and_length_count_characters),
        cmocka_unit_test(test_quality_lists_are_read_item_by_item),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
