/* SPDX-License-Identifier: MIT */
/*
 * test_compress.c - unit tests for web/compress.c: which Accept-Encoding
 * values take gzip, and that what is compressed inflates back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <zlib.h>

#include "web/compress.h"

static void test_accept_encoding(void **state)
{
    (void)state;
    assert_false(compress_gzip_accepted(NULL));
    assert_false(compress_gzip_accepted(""));
    assert_true(compress_gzip_accepted("gzip"));
    assert_true(compress_gzip_accepted("gzip, deflate, br"));
    assert_true(compress_gzip_accepted("br;q=1.0, GZIP;q=0.5"));
    assert_true(compress_gzip_accepted("x-gzip"));
    assert_true(compress_gzip_accepted("*"));
    assert_false(compress_gzip_accepted("gzip;q=0"));
    assert_false(compress_gzip_accepted("gzip ; q=0.0, deflate"));
    assert_false(compress_gzip_accepted("*, gzip;q=0"));
    assert_false(compress_gzip_accepted("*;q=0"));
    assert_false(compress_gzip_accepted("deflate, br"));
    assert_false(compress_gzip_accepted("gzipx, xgzip"));
    assert_true(compress_gzip_accepted("identity, *;q=0.1"));
}

static void test_gzip_round_trip(void **state)
{
    (void)state;
    char text[4000];
    for (size_t i = 0; i < sizeof(text); i++) {
        text[i] = "{\"kind\":\"note\",\"text\":\"停止\"}"[i % 30];
    }
    struct buf out;
    buf_init(&out);
    assert_true(compress_gzip(text, sizeof(text), &out));
    assert_true(out.len < sizeof(text) / 4);
    assert_int_equal((unsigned char)out.data[0], 0x1f); /* gzip magic */
    assert_int_equal((unsigned char)out.data[1], 0x8b);
    char back[5000];
    z_stream z;
    memset(&z, 0, sizeof(z));
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = (Bytef *)out.data;
    z.avail_in = (uInt)out.len;
    z.next_out = (Bytef *)back;
    z.avail_out = sizeof(back);
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(sizeof(back) - z.avail_out, sizeof(text));
    assert_memory_equal(back, text, sizeof(text));
    inflateEnd(&z);
    buf_clear(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept_encoding),
        cmocka_unit_test(test_gzip_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
