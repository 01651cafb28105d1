/* SPDX-License-Identifier: MIT */
/*
 * test_form.c - unit tests for web/form.c: posted form fields decoded,
 * repeated fields kept in order, textarea line ends folded, and bytes
 * that are not UTF-8 refused with the field named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "web/form.h"

static void test_fields_are_decoded(void **state)
{
    (void)state;
    const char body[] = "title=%E6%AD%A2%E3%81%BE%E3%81%A3%E3%81%9F+now"
                        "&empty=&flag&channel=phone&channel=fax"
                        "&&text=a%0D%0Ab%0Ac%0D";
    struct form f = {0};
    struct problems p = {0};
    assert_true(form_parse(body, strlen(body), &f, &p));
    assert_string_equal(form_get(&f, "title"), "止まった now");
    assert_string_equal(form_get(&f, "empty"), "");
    assert_string_equal(form_get(&f, "flag"), "");
    assert_string_equal(form_get(&f, "text"), "a\nb\nc\r");
    assert_null(form_get(&f, "missing"));
    const char *channels[4];
    assert_int_equal(form_all(&f, "channel", channels, 4), 2);
    assert_string_equal(channels[0], "phone");
    assert_string_equal(channels[1], "fax");
    form_clear(&f);
    form_clear(&f);
    problems_clear(&p);
}

static void test_bad_utf8_names_the_field(void **state)
{
    (void)state;
    const char body[] = "ok=1&summary=%FF%FE&%C3=x&nul=a%00b";
    struct form f = {0};
    struct problems p = {0};
    assert_false(form_parse(body, strlen(body), &f, &p));
    assert_string_equal(form_get(&f, "ok"), "1");
    assert_null(form_get(&f, "summary"));
    assert_int_equal(p.n, 3);
    assert_string_equal(p.items[0].field, "summary");
    assert_string_equal(p.items[1].field, "form");
    assert_string_equal(p.items[2].field, "nul");
    form_clear(&f);
    problems_clear(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_are_decoded),
        cmocka_unit_test(test_bad_utf8_names_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
