/* SPDX-License-Identifier: MIT */
/*
 * test_html.c - unit tests for web/html.c: data is escaped as text, as an
 * attribute and inside URLs; only the programmer's markup is written as
 * it is.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "web/html.h"

#define HOSTILE "<script>alert(\"x&y\")</script>'"

static void test_text_is_escaped(void **state)
{
    (void)state;
    struct buf out = {0};
    struct html h;
    html_init(&h, &out);
    html_text(&h, HOSTILE);
    html_text(&h, NULL);
    assert_string_equal(buf_str(&out),
                        "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/"
                        "script&gt;&#39;");
    buf_clear(&out);
}

static void test_printf_escapes_arguments_not_markup(void **state)
{
    (void)state;
    struct buf out = {0};
    struct html h;
    html_init(&h, &out);
    html_printf(&h, "<td class=\"%s\">%s %d %lld %zu %u %ld 100%%</td>",
                "a\"b", "障害 <b>", -3, 1234567890123LL, (size_t)7, 8u, 9L);
    assert_string_equal(buf_str(&out),
                        "<td class=\"a&quot;b\">障害 &lt;b&gt; -3 "
                        "1234567890123 7 8 9 100%</td>");
    buf_clear(&out);
}

static void test_attr_and_literal(void **state)
{
    (void)state;
    struct buf out = {0};
    struct html h;
    html_init(&h, &out);
    html_lit(&h, "<input");
    html_attr(&h, "value", "\" onfocus=\"alert(1)");
    html_lit(&h, ">");
    assert_string_equal(buf_str(&out),
                        "<input value=\"&quot; onfocus=&quot;alert(1)\">");
    buf_clear(&out);
}

static void test_href_encodes_its_parts(void **state)
{
    (void)state;
    struct buf out = {0};
    struct html h;
    html_init(&h, &out);
    html_href(&h, "/customers?q=%s&limit=%d", "山田 & \"x\"/?#", 5);
    assert_string_equal(
        buf_str(&out),
        " href=\"/customers?q=%E5%B1%B1%E7%94%B0%20%26%20%22x%22%2F%3F%23"
        "&amp;limit=5\"");
    buf_clear(&out);
    html_href(&h, "/cases/%s", "javascript:alert(1)");
    assert_string_equal(buf_str(&out),
                        " href=\"/cases/javascript%3Aalert%281%29\"");
    buf_clear(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_escaped),
        cmocka_unit_test(test_printf_escapes_arguments_not_markup),
        cmocka_unit_test(test_attr_and_literal),
        cmocka_unit_test(test_href_encodes_its_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
