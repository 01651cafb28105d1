/* SPDX-License-Identifier: MIT */
/*
 * test_timeutil.c - unit tests for core/timeutil.c and core/tz.c: the
 * clock override, times and durations as people type them, and their
 * formatting in a zone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/tz.h"

/* 2026-11-24T05:10:00Z = 14:10 in Tokyo. */
#define NOW_UTC INT64_C(1795497000)

static const struct tz *zone(const char *name)
{
    const struct tz *z = NULL;
    assert_int_equal(tz_lookup(name, &z), TAIO_OK);
    return z;
}

static int64_t parse(const char *text)
{
    int64_t at = 0;
    if (timeutil_parse(text, zone("Asia/Tokyo"), NOW_UTC, &at) != TAIO_OK) {
        fail_msg("could not parse \"%s\"", text);
    }
    return at;
}

static void assert_rejected(const char *text)
{
    int64_t at = 0;
    if (timeutil_parse(text, zone("Asia/Tokyo"), NOW_UTC, &at) !=
        TAIO_EINVAL) {
        fail_msg("\"%s\" was accepted", text);
    }
}

/* The anchor value itself is what it claims to be. */
static void test_now_constant_is_tokyo_afternoon(void **state)
{
    (void)state;
    struct tz_tm tm;
    tz_local(zone("Asia/Tokyo"), NOW_UTC, &tm);
    assert_int_equal(tm.year, 2026);
    assert_int_equal(tm.month, 11);
    assert_int_equal(tm.day, 24);
    assert_int_equal(tm.hour, 14);
    assert_int_equal(tm.minute, 10);
    assert_int_equal(tm.wday, 2);
}

/* Offsets, Z, and local times without an offset all land on the same
 * instant. */
static void test_parse_iso_forms_agree(void **state)
{
    (void)state;
    assert_int_equal(parse("2026-11-24T14:10:00+09:00"), NOW_UTC);
    assert_int_equal(parse("2026-11-24T05:10:00Z"), NOW_UTC);
    assert_int_equal(parse("2026-11-24T14:10"), NOW_UTC);
    assert_int_equal(parse("2026-11-24 14:10"), NOW_UTC);
    assert_int_equal(parse("2026/11/24 14:10"), NOW_UTC);
    assert_int_equal(parse("2026-11-24T14:10:00.250+0900"), NOW_UTC);
    assert_int_equal(parse("２０２６－１１－２４　１４：１０"), NOW_UTC);
    assert_int_equal(parse("2026-11-24"), NOW_UTC - (14 * 3600 + 600));
}

/* Times of day, "now" and offsets from now are anchored on now. */
static void test_parse_relative_forms(void **state)
{
    (void)state;
    assert_int_equal(parse("now"), NOW_UTC);
    assert_int_equal(parse("15:30"), NOW_UTC + 80 * 60);
    assert_int_equal(parse("１５：３０"), NOW_UTC + 80 * 60);
    assert_int_equal(parse("+45m"), NOW_UTC + 45 * 60);
    assert_int_equal(parse("+1h30m"), NOW_UTC + 90 * 60);
    assert_int_equal(parse("+2d"), NOW_UTC + 2 * 86400);
}

/* Impossible dates and times are refused, never normalised. */
static void test_parse_rejects_impossible_times(void **state)
{
    (void)state;
    assert_rejected("2026-02-30");
    assert_rejected("2026-13-01");
    assert_rejected("2026-00-10");
    assert_rejected("2026-11-24T25:00");
    assert_rejected("2026-11-24T12:60");
    assert_rejected("24:00");
    assert_rejected("2026-11-24T12:00+15:00");
    assert_rejected("");
    assert_rejected("tomorrow");
    assert_rejected("2026-11-24T12:00 extra");
    assert_rejected("\xff\xfe");
    assert_rejected("+");
    assert_rejected("+-5m");
}

/* TAIO_NOW replaces the clock; a malformed one is an error rather than a
 * silent fall back to the real time. */
static void test_taio_now_overrides_the_clock(void **state)
{
    (void)state;
    int64_t now = 0;
    setenv("TAIO_NOW", "2026-11-24T14:10:00+09:00", 1);
    assert_int_equal(timeutil_now(&now), TAIO_OK);
    assert_int_equal(now, NOW_UTC);
    setenv("TAIO_NOW", "2026-11-24T05:10:00", 1);
    assert_int_equal(timeutil_now(&now), TAIO_OK);
    assert_int_equal(now, NOW_UTC);
    setenv("TAIO_NOW", "yesterday", 1);
    assert_int_equal(timeutil_now(&now), TAIO_EINVAL);
    unsetenv("TAIO_NOW");
    assert_int_equal(timeutil_now(&now), TAIO_OK);
    assert_true(now > NOW_UTC - 10 * 365 * 86400);
}

static int64_t minutes(const char *text, int64_t business_day)
{
    int64_t m = -1;
    if (timeutil_parse_duration(text, business_day, &m) != TAIO_OK) {
        fail_msg("could not parse duration \"%s\"", text);
    }
    return m;
}

/* Durations in the forms people write, including Japanese units and
 * business days. */
static void test_parse_duration_forms(void **state)
{
    (void)state;
    assert_int_equal(minutes("90", 0), 90);
    assert_int_equal(minutes("90m", 0), 90);
    assert_int_equal(minutes("2h", 0), 120);
    assert_int_equal(minutes("1h30m", 0), 90);
    assert_int_equal(minutes("1d", 0), 1440);
    assert_int_equal(minutes("2時間", 0), 120);
    assert_int_equal(minutes("30分", 0), 30);
    assert_int_equal(minutes("１時間３０分", 0), 90);
    assert_int_equal(minutes("1bd", 540), 540);
    assert_int_equal(minutes("2営業日", 540), 1080);
    int64_t m = 0;
    assert_int_equal(timeutil_parse_duration("1bd", 0, &m), TAIO_EINVAL);
    assert_int_equal(timeutil_parse_duration("-5m", 0, &m), TAIO_EINVAL);
    assert_int_equal(timeutil_parse_duration("", 0, &m), TAIO_EINVAL);
    assert_int_equal(timeutil_parse_duration("5x", 0, &m), TAIO_EINVAL);
    assert_int_equal(timeutil_parse_duration("h", 0, &m), TAIO_EINVAL);
}

/* Formatting shows the zone's offset, including summer time. */
static void test_format_iso_uses_the_zone_offset(void **state)
{
    (void)state;
    char out[TIMEUTIL_ISO_MAX];
    timeutil_format_iso(zone("Asia/Tokyo"), NOW_UTC, out);
    assert_string_equal(out, "2026-11-24T14:10:00+09:00");
    timeutil_format_iso(zone("UTC"), NOW_UTC, out);
    assert_string_equal(out, "2026-11-24T05:10:00+00:00");
    int64_t summer = NOW_UTC - 150 * 86400;
    timeutil_format_iso(zone("Europe/Berlin"), summer, out);
    assert_non_null(strstr(out, "+02:00"));
    timeutil_format_local(zone("Asia/Tokyo"), NOW_UTC, out);
    assert_string_equal(out, "2026-11-24 14:10");
}

/* Durations print in the form they parse from. */
static void test_format_duration_round_trips(void **state)
{
    (void)state;
    const int64_t values[] = {0, 1, 59, 60, 90, 1440, 1500, 10000};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        char out[TIMEUTIL_ISO_MAX];
        timeutil_format_duration(values[i], out);
        assert_int_equal(minutes(out, 0), values[i]);
    }
}

/* Local midnight and back, across years, in two zones. */
static void test_local_and_back_agree(void **state)
{
    (void)state;
    const char *names[] = {"Asia/Tokyo", "Europe/Berlin"};
    for (int z = 0; z < 2; z++) {
        for (int day = 0; day < 800; day += 7) {
            int64_t at = tz_from_local(zone(names[z]), 2026, 1, 1 + day, 9,
                                       30, 0);
            struct tz_tm tm;
            tz_local(zone(names[z]), at, &tm);
            assert_int_equal(tm.hour, 9);
            assert_int_equal(tm.minute, 30);
        }
    }
    assert_false(tz_is_valid_date(2026, 2, 29));
    assert_true(tz_is_valid_date(2028, 2, 29));
    assert_int_equal(tz_weekday(2026, 11, 23), 1);
}

static int release(void **state)
{
    (void)state;
    tz_release_all();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_now_constant_is_tokyo_afternoon),
        cmocka_unit_test(test_parse_iso_forms_agree),
        cmocka_unit_test(test_parse_relative_forms),
        cmocka_unit_test(test_parse_rejects_impossible_times),
        cmocka_unit_test(test_taio_now_overrides_the_clock),
        cmocka_unit_test(test_parse_duration_forms),
        cmocka_unit_test(test_format_iso_uses_the_zone_offset),
        cmocka_unit_test(test_format_duration_round_trips),
        cmocka_unit_test(test_local_and_back_agree),
    };
    return cmocka_run_group_tests(tests, NULL, release);
}
