/* SPDX-License-Identifier: MIT */
/*
 * test_calendar.c - unit tests for calendar.c: the text forms of weekly
 * hours and date ranges, and business-time arithmetic (holidays, company
 * closing days, customer windows, daylight-saving days).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/problems.h"
#include "core/tz.h"

/* Parse text, which must be valid, into *week. */
static void parse_ok(const char *text, struct calendar_week *week)
{
    struct problems problems = {0};
    enum taio_status status =
        calendar_week_parse(text, week, "hours", &problems);
    if (status != TAIO_OK) {
        fail_msg("\"%s\" rejected: %s", text,
                 problems.n > 0 ? problems.items[0].message : "?");
    }
    assert_false(problems_any(&problems));
    problems_clear(&problems);
}

/* Format week and compare with want. */
static void assert_format(const struct calendar_week *week, const char *want)
{
    char *text = calendar_week_format(week);
    assert_string_equal(text, want);
    free(text);
}

/* Spans of weekday (0 = Sunday) are exactly the given "HH:MM-HH:MM"
 * minute pairs: n pairs of start, end. */
static void assert_day(const struct calendar_week *week, int weekday, int n,
                       ...)
{
    assert_int_equal(week->n_spans[weekday], n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(week->spans[weekday][i].start, va_arg(ap, int));
        assert_int_equal(week->spans[weekday][i].end, va_arg(ap, int));
    }
    va_end(ap);
}

/* The usual office week parses into Monday-Friday and Saturday spans. */
static void test_week_parse_weekdays_and_saturday(void **state)
{
    (void)state;
    struct calendar_week week;
    parse_ok("mon-fri 09:00-18:00; sat 09:00-12:00", &week);
    assert_day(&week, 0, 0);
    for (int weekday = 1; weekday <= 5; weekday++) {
        assert_day(&week, weekday, 1, 540, 1080);
    }
    assert_day(&week, 6, 1, 540, 720);
    assert_format(&week, "mon-fri 09:00-18:00; sat 09:00-12:00");
}

/* Japanese day names, one-digit hours and upper case are accepted. */
static void test_week_parse_japanese_names_and_short_hours(void **state)
{
    (void)state;
    struct calendar_week week;
    parse_ok("月-金 9:00-18:00", &week);
    assert_day(&week, 1, 1, 540, 1080);
    assert_day(&week, 5, 1, 540, 1080);
    assert_day(&week, 6, 0);
    assert_format(&week, "mon-fri 09:00-18:00");

    parse_ok("土,日 10:00-16:00", &week);
    assert_format(&week, "sat-sun 10:00-16:00");

    parse_ok("  MON - Wed 8:30-17:15 ", &week);
    assert_format(&week, "mon-wed 08:30-17:15");
}

/* Comma lists, wrapping ranges and several spans per group. */
static void test_week_parse_lists_ranges_and_several_spans(void **state)
{
    (void)state;
    struct calendar_week week;
    parse_ok("mon,wed,fri 09:00-12:00,13:00-18:00", &week);
    assert_day(&week, 1, 2, 540, 720, 780, 1080);
    assert_day(&week, 2, 0);
    assert_day(&week, 3, 2, 540, 720, 780, 1080);
    assert_format(&week, "mon 09:00-12:00,13:00-18:00; "
                         "wed 09:00-12:00,13:00-18:00; "
                         "fri 09:00-12:00,13:00-18:00");

    parse_ok("fri-mon 20:00-24:00", &week);
    assert_day(&week, 5, 1, 1200, 1440);
    assert_day(&week, 6, 1, 1200, 1440);
    assert_day(&week, 0, 1, 1200, 1440);
    assert_day(&week, 1, 1, 1200, 1440);
    assert_day(&week, 2, 0);
    assert_format(&week, "mon 20:00-24:00; fri-sun 20:00-24:00");

    parse_ok("sun-sat 07:00-08:00", &week);
    for (int weekday = 0; weekday < 7; weekday++) {
        assert_day(&week, weekday, 1, 420, 480);
    }
    assert_format(&week, "mon-sun 07:00-08:00");
}

/* Overlapping, touching and unsorted spans of a day are merged and
 * sorted, also across groups. */
static void test_week_parse_merges_and_sorts_spans(void **state)
{
    (void)state;
    struct calendar_week week;
    parse_ok("mon 13:00-18:00,09:00-12:00,11:00-12:30; "
             "mon 18:00-19:00; tue 10:00-11:00,10:15-10:45",
             &week);
    assert_day(&week, 1, 2, 540, 750, 780, 1140);
    assert_day(&week, 2, 1, 600, 660);
    assert_format(&week, "mon 09:00-12:30,13:00-19:00; tue 10:00-11:00");

    /* Five spans that merge into four are fine. */
    parse_ok("wed 01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00,"
             "07:30-09:00",
             &week);
    assert_day(&week, 3, 4, 60, 120, 180, 240, 300, 360, 420, 540);
}

/* "always", "closed" and blank text; format gives them back. */
static void test_week_parse_always_closed_and_blank(void **state)
{
    (void)state;
    struct calendar_week week;
    parse_ok("always", &week);
    for (int weekday = 0; weekday < 7; weekday++) {
        assert_day(&week, weekday, 1, 0, 1440);
    }
    assert_format(&week, "always");
    assert_int_equal(calendar_week_longest_day(&week), 1440);

    parse_ok("mon-sun 00:00-24:00", &week);
    assert_format(&week, "always");

    parse_ok("closed", &week);
    for (int weekday = 0; weekday < 7; weekday++) {
        assert_day(&week, weekday, 0);
    }
    assert_format(&week, "closed");
    assert_int_equal(calendar_week_longest_day(&week), 0);

    parse_ok("  ", &week);
    assert_format(&week, "closed");
    parse_ok("CLOSED", &week);
    assert_format(&week, "closed");
    parse_ok("", &week);
    assert_format(&week, "closed");
}

/* Formatting and parsing again gives an identical week, for a fixed set
 * of texts and for pseudo-random weeks. */
static void test_week_format_parses_back_identically(void **state)
{
    (void)state;
    static const char *const TEXTS[] = {
        "mon-fri 09:00-18:00; sat 09:00-12:00",
        "mon-fri 09:00-12:00,13:00-18:00",
        "sun 00:00-00:01; sat 23:59-24:00",
        "tue,thu 10:00-11:00; wed 10:00-11:00,12:00-13:00",
        "月,水,金 9:00-17:00; 土-日 10:00-12:00",
        "mon 00:00-24:00",
    };
    for (size_t i = 0; i < sizeof(TEXTS) / sizeof(TEXTS[0]); i++) {
        struct calendar_week week;
        struct calendar_week again;
        parse_ok(TEXTS[i], &week);
        char *text = calendar_week_format(&week);
        parse_ok(text, &again);
        assert_memory_equal(&week, &again, sizeof(week));
        char *text_again = calendar_week_format(&again);
        assert_string_equal(text, text_again);
        free(text);
        free(text_again);
    }
    uint32_t seed = 12345;
    for (int round = 0; round < 500; round++) {
        struct calendar_week week = {0};
        for (int weekday = 0; weekday < 7; weekday++) {
            seed = seed * 1103515245u + 12345u;
            int n = (int)((seed >> 16) % (CALENDAR_MAX_SPANS + 1));
            /* Pick some copies of the previous day to exercise runs. */
            if (weekday > 0 && (seed >> 8) % 3 == 0) {
                memcpy(week.spans[weekday], week.spans[weekday - 1],
                       sizeof(week.spans[0]));
                week.n_spans[weekday] = week.n_spans[weekday - 1];
                continue;
            }
            int minute = 0;
            for (int i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                int start = minute + 1 + (int)((seed >> 16) % 200);
                seed = seed * 1103515245u + 12345u;
                int end = start + 1 + (int)((seed >> 16) % 200);
                if (end > 1440) {
                    break;
                }
                week.spans[weekday][i].start = start;
                week.spans[weekday][i].end = end;
                week.n_spans[weekday] = i + 1;
                minute = end;
            }
        }
        char *text = calendar_week_format(&week);
        struct calendar_week again;
        parse_ok(text, &again);
        assert_memory_equal(&week, &again, sizeof(week));
        free(text);
    }
}

/* Each malformed text is rejected with TAIO_EINVAL and one problem for
 * the field whose message names what is wrong. */
static void test_week_parse_errors_name_the_problem(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *message_part;
    } CASES[] = {
        {"mun-fri 09:00-18:00", "unknown day name \"mun\""},
        {"mon-fry 09:00-18:00", "unknown day name \"fry\""},
        {"mon,,fri 09:00-18:00", "missing day name"},
        {"月-金曜 9:00-18:00", "unknown day name \"金曜\""},
        {"mon 9-18", "time \"9\" is not HH:MM"},
        {"mon 09:00-18:0", "time \"18:0\" is not HH:MM"},
        {"mon 25:00-26:00", "time \"25:00\" is not HH:MM"},
        {"mon 09:60-18:00", "time \"09:60\" is not HH:MM"},
        {"mon 09:00-24:01", "time \"24:01\" is not HH:MM"},
        {"mon 123:00-18:00", "time \"123:00\" is not HH:MM"},
        {"mon 09:00", "not a span"},
        {"mon 09:00-12:00,", "not a span"},
        {"mon 18:00-09:00", "must end after"},
        {"mon 24:00-24:00", "must end after"},
        {"mon 09:00-09:00", "must end after"},
        {"mon-fri", "no opening hours"},
        {"09:00-18:00", "day names"},
        {"mon 01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00,"
         "09:00-10:00",
         "mon has more than 4 opening spans"},
        {"mon-fri 09:00-18:00; sat", "no opening hours"},
        {"always 09:00-18:00", "unknown day name \"always\""},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
        struct problems problems = {0};
        struct calendar_week week;
        enum taio_status status =
            calendar_week_parse(CASES[i].text, &week, "hours", &problems);
        if (status != TAIO_EINVAL) {
            fail_msg("\"%s\" was accepted", CASES[i].text);
        }
        assert_int_equal(problems.n, 1);
        assert_true(problems_has(&problems, "hours"));
        if (strstr(problems.items[0].message, CASES[i].message_part) == NULL) {
            fail_msg("\"%s\": message \"%s\" lacks \"%s\"", CASES[i].text,
                     problems.items[0].message, CASES[i].message_part);
        }
        problems_clear(&problems);
    }
    /* A NULL problems list is allowed: only the status comes back. */
    struct calendar_week week;
    assert_int_equal(calendar_week_parse("xyz 1:00-2:00", &week, "h", NULL),
                     TAIO_EINVAL);
}

/* The longest day counts every span of the day. */
static void test_week_longest_day_sums_spans(void **state)
{
    (void)state;
    struct calendar_week week;
    parse_ok("mon-fri 09:00-12:00,13:00-18:00; sat 08:00-17:00", &week);
    assert_int_equal(calendar_week_longest_day(&week), 540);
    parse_ok("mon-fri 09:00-12:00,13:00-18:00; sat 10:00-12:00", &week);
    assert_int_equal(calendar_week_longest_day(&week), 480);
}

/* ------------------------------------------------------------------ */
/* Date ranges                                                        */
/* ------------------------------------------------------------------ */

/* The four range forms parse into the right fields and format back. */
static void test_range_parse_and_format_round_trip(void **state)
{
    (void)state;
    struct calendar_range range;
    assert_int_equal(calendar_range_parse("2026-08-13..2026-08-16", &range),
                     TAIO_OK);
    assert_false(range.annual);
    assert_int_equal(range.from_year, 2026);
    assert_int_equal(range.from_month, 8);
    assert_int_equal(range.from_day, 13);
    assert_int_equal(range.to_year, 2026);
    assert_int_equal(range.to_day, 16);

    assert_int_equal(calendar_range_parse("12-29..01-03", &range), TAIO_OK);
    assert_true(range.annual);
    assert_int_equal(range.from_month, 12);
    assert_int_equal(range.from_day, 29);
    assert_int_equal(range.to_month, 1);
    assert_int_equal(range.to_day, 3);

    static const struct {
        const char *text;
        const char *canonical;
    } CASES[] = {
        {"2026-08-13..2026-08-16", "2026-08-13..2026-08-16"},
        {"2026-08-13", "2026-08-13"},
        {"2026-08-13..2026-08-13", "2026-08-13"},
        {"2026-12-28..2027-01-04", "2026-12-28..2027-01-04"},
        {" 2026-8-3 .. 2026-9-1 ", "2026-08-03..2026-09-01"},
        {"12-29..01-03", "12-29..01-03"},
        {"08-13", "08-13"},
        {"8-13..8-16", "08-13..08-16"},
        {"02-29", "02-29"},
        {"2028-02-29", "2028-02-29"},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
        struct calendar_range again;
        if (calendar_range_parse(CASES[i].text, &range) != TAIO_OK) {
            fail_msg("\"%s\" rejected", CASES[i].text);
        }
        char *text = calendar_range_format(&range);
        assert_string_equal(text, CASES[i].canonical);
        assert_int_equal(calendar_range_parse(text, &again), TAIO_OK);
        assert_memory_equal(&range, &again, sizeof(range));
        free(text);
    }
}

/* Impossible dates, reversed dated ranges and other shapes are
 * rejected. */
static void test_range_parse_rejects_bad_ranges(void **state)
{
    (void)state;
    static const char *const BAD[] = {
        "",
        "2026-02-30",
        "2027-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-08-16..2026-08-13",
        "02-30",
        "13-01",
        "2026-08-13..08-16",
        "08-13..2026-08-16",
        "2026-08-13..",
        "..08-13",
        "26-08-13",
        "2026-008-13",
        "2026/08/13",
        "2026-08-13-01",
        "08",
        "tomorrow",
        "2026-08-13...2026-08-14",
    };
    for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); i++) {
        struct calendar_range range;
        if (calendar_range_parse(BAD[i], &range) != TAIO_EINVAL) {
            fail_msg("\"%s\" was accepted", BAD[i]);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Business time                                                      */
/* ------------------------------------------------------------------ */

/* The zone called name; fails the test if unknown. */
static const struct tz *zone_named(const char *name)
{
    const struct tz *zone = NULL;
    assert_int_equal(tz_lookup(name, &zone), TAIO_OK);
    return zone;
}

/* A Tokyo calendar with the given hours and no company closing days. */
static struct calendar tokyo_calendar(const char *hours)
{
    struct calendar cal = {0};
    cal.zone = zone_named("Asia/Tokyo");
    parse_ok(hours, &cal.hours);
    return cal;
}

/* The instant of a Tokyo wall-clock time. */
static int64_t tokyo(int year, int month, int day, int hour, int minute)
{
    return tz_from_local(zone_named("Asia/Tokyo"), year, month, day, hour,
                         minute, 0);
}

/* Add minutes of business time, which must succeed, and return the
 * result. */
static int64_t add_ok(const struct calendar *cal,
                      const struct calendar_windows *win, int64_t from,
                      int64_t minutes)
{
    int64_t result = 0;
    assert_int_equal(calendar_add_business(cal, win, from, minutes, &result),
                     TAIO_OK);
    return result;
}

/* Holidays and company ranges close a day; open_on_holidays keeps
 * national holidays open but not company ranges. */
static void test_closed_days_are_holidays_and_company_ranges(void **state)
{
    (void)state;
    struct calendar_range closed[2];
    assert_int_equal(calendar_range_parse("12-29..01-03", &closed[0]), TAIO_OK);
    assert_int_equal(calendar_range_parse("2026-08-13..2026-08-16", &closed[1]),
                     TAIO_OK);
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    cal.closed = closed;
    cal.n_closed = 2;
    assert_true(calendar_is_closed_day(&cal, 2026, 11, 23));
    assert_true(calendar_is_closed_day(&cal, 2026, 12, 29));
    assert_true(calendar_is_closed_day(&cal, 2026, 12, 31));
    assert_true(calendar_is_closed_day(&cal, 2027, 1, 3));
    assert_false(calendar_is_closed_day(&cal, 2027, 1, 4));
    assert_false(calendar_is_closed_day(&cal, 2026, 12, 28));
    assert_true(calendar_is_closed_day(&cal, 2026, 8, 14));
    assert_false(calendar_is_closed_day(&cal, 2027, 8, 16));
    /* Weekends are not closed days; the weekly hours handle them. */
    assert_false(calendar_is_closed_day(&cal, 2026, 11, 21));
    cal.open_on_holidays = true;
    assert_false(calendar_is_closed_day(&cal, 2026, 11, 23));
    assert_true(calendar_is_closed_day(&cal, 2027, 1, 1));
}

/* Friday 17:30 plus one hour skips the weekend and the Labour Thanksgiving
 * Day on Monday 2026-11-23, ending Tuesday 09:30. */
static void test_add_business_skips_weekend_and_holiday(void **state)
{
    (void)state;
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    int64_t from = tokyo(2026, 11, 20, 17, 30);
    assert_int_equal(add_ok(&cal, NULL, from, 60), tokyo(2026, 11, 24, 9, 30));
    assert_int_equal(
        calendar_business_minutes(&cal, NULL, from, tokyo(2026, 11, 24, 9, 30)),
        60);
    /* Open on holidays: Monday counts. */
    cal.open_on_holidays = true;
    assert_int_equal(add_ok(&cal, NULL, from, 60), tokyo(2026, 11, 23, 9, 30));
}

/* A company closing 12-29..01-03 every year is skipped, across the year
 * end. */
static void test_add_business_skips_company_year_end_closing(void **state)
{
    (void)state;
    struct calendar_range closed;
    assert_int_equal(calendar_range_parse("12-29..01-03", &closed), TAIO_OK);
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    cal.closed = &closed;
    cal.n_closed = 1;
    /* Monday 2026-12-28 17:00 + 2h: one hour that day, then closed until
     * Monday 2027-01-04. */
    int64_t from = tokyo(2026, 12, 28, 17, 0);
    int64_t result = add_ok(&cal, NULL, from, 120);
    assert_int_equal(result, tokyo(2027, 1, 4, 10, 0));
    assert_int_equal(calendar_business_minutes(&cal, NULL, from, result), 120);
    assert_false(
        calendar_is_business_time(&cal, NULL, tokyo(2026, 12, 30, 10, 0)));
}

/* The lunch break is not business time. */
static void test_add_business_skips_lunch_break(void **state)
{
    (void)state;
    struct calendar cal = tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00");
    int64_t from = tokyo(2026, 11, 19, 11, 30);
    assert_int_equal(add_ok(&cal, NULL, from, 60), tokyo(2026, 11, 19, 13, 30));
    /* Starting inside the break counts from 13:00. */
    assert_int_equal(add_ok(&cal, NULL, tokyo(2026, 11, 19, 12, 15), 10),
                     tokyo(2026, 11, 19, 13, 10));
    assert_false(
        calendar_is_business_time(&cal, NULL, tokyo(2026, 11, 19, 12, 0)));
    assert_true(
        calendar_is_business_time(&cal, NULL, tokyo(2026, 11, 19, 11, 59)));
    assert_true(
        calendar_is_business_time(&cal, NULL, tokyo(2026, 11, 19, 13, 0)));
    assert_int_equal(calendar_business_minutes(&cal, NULL,
                                               tokyo(2026, 11, 19, 0, 0),
                                               tokyo(2026, 11, 20, 0, 0)),
                     480);
}

/* A result exactly at the end of a span is that end, not the next
 * morning; zero minutes gives the start itself, even outside hours. */
static void
test_add_business_ends_at_span_end_and_zero_is_identity(void **state)
{
    (void)state;
    struct calendar cal = tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00");
    int64_t from = tokyo(2026, 11, 19, 9, 0);
    assert_int_equal(add_ok(&cal, NULL, from, 180), tokyo(2026, 11, 19, 12, 0));
    assert_int_equal(add_ok(&cal, NULL, from, 480), tokyo(2026, 11, 19, 18, 0));
    assert_int_equal(add_ok(&cal, NULL, from, 481), tokyo(2026, 11, 20, 9, 1));
    int64_t saturday = tokyo(2026, 11, 21, 3, 7);
    assert_int_equal(add_ok(&cal, NULL, saturday, 0), saturday);
    /* Seconds are kept: 09:00:30 + 1 minute is 09:01:30. */
    assert_int_equal(add_ok(&cal, NULL, from + 30, 1), from + 90);
}

/* A customer closed on Wednesdays, and reachable only in the mornings,
 * moves the deadline. */
static void test_customer_window_closed_on_wednesdays(void **state)
{
    (void)state;
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    struct calendar_windows win = {0};
    win.has_week = true;
    parse_ok("mon-tue,thu-sun 00:00-24:00", &win.week);
    /* Tuesday 2026-11-17 17:00 + 2h: 1h Tuesday, Wednesday skipped. */
    int64_t from = tokyo(2026, 11, 17, 17, 0);
    assert_int_equal(add_ok(&cal, &win, from, 120), tokyo(2026, 11, 19, 10, 0));
    assert_int_equal(add_ok(&cal, NULL, from, 120), tokyo(2026, 11, 18, 10, 0));
    assert_false(
        calendar_is_business_time(&cal, &win, tokyo(2026, 11, 18, 10, 0)));
    assert_true(
        calendar_is_business_time(&cal, NULL, tokyo(2026, 11, 18, 10, 0)));
    assert_int_equal(calendar_business_minutes(&cal, &win,
                                               tokyo(2026, 11, 16, 0, 0),
                                               tokyo(2026, 11, 21, 0, 0)),
                     4 * 540);

    /* Mornings only: reachable business time is the intersection. */
    parse_ok("mon-fri 08:00-11:00", &win.week);
    assert_int_equal(add_ok(&cal, &win, tokyo(2026, 11, 17, 10, 0), 90),
                     tokyo(2026, 11, 18, 9, 30));

    /* A customer's own closed days are skipped too. */
    struct calendar_range closed;
    assert_int_equal(calendar_range_parse("2026-11-18", &closed), TAIO_OK);
    win.has_week = false;
    win.closed = &closed;
    win.n_closed = 1;
    assert_int_equal(add_ok(&cal, &win, from, 120), tokyo(2026, 11, 19, 10, 0));
}

/* Busy intervals are not business time, even when they overlap each
 * other or straddle a span boundary. */
static void test_customer_busy_interval_is_skipped(void **state)
{
    (void)state;
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    struct calendar_interval busy[3] = {
        {tokyo(2026, 11, 19, 10, 0), tokyo(2026, 11, 19, 12, 0)},
        {tokyo(2026, 11, 19, 11, 0), tokyo(2026, 11, 19, 13, 0)},
        {tokyo(2026, 11, 19, 17, 0), tokyo(2026, 11, 20, 10, 0)},
    };
    struct calendar_windows win = {0};
    win.busy = busy;
    win.n_busy = 3;
    int64_t from = tokyo(2026, 11, 19, 9, 30);
    assert_int_equal(add_ok(&cal, &win, from, 30), tokyo(2026, 11, 19, 10, 0));
    assert_int_equal(add_ok(&cal, &win, from, 31), tokyo(2026, 11, 19, 13, 1));
    assert_int_equal(add_ok(&cal, &win, from, 30 + 240),
                     tokyo(2026, 11, 19, 17, 0));
    assert_int_equal(add_ok(&cal, &win, from, 30 + 240 + 1),
                     tokyo(2026, 11, 20, 10, 1));
    assert_false(
        calendar_is_business_time(&cal, &win, tokyo(2026, 11, 19, 12, 30)));
    assert_true(
        calendar_is_business_time(&cal, &win, tokyo(2026, 11, 19, 13, 0)));
    assert_int_equal(calendar_business_minutes(&cal, &win,
                                               tokyo(2026, 11, 19, 0, 0),
                                               tokyo(2026, 11, 21, 0, 0)),
                     240 + 60 + 480);
}

/* Minutes from Friday afternoon to Monday morning count only Friday and
 * Monday; reversed or empty ranges count nothing. */
static void test_business_minutes_across_weekend(void **state)
{
    (void)state;
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    int64_t friday = tokyo(2026, 11, 13, 16, 0);
    int64_t monday = tokyo(2026, 11, 16, 10, 30);
    assert_int_equal(calendar_business_minutes(&cal, NULL, friday, monday),
                     120 + 90);
    assert_int_equal(calendar_business_minutes(&cal, NULL, monday, friday), 0);
    assert_int_equal(calendar_business_minutes(&cal, NULL, friday, friday), 0);
    /* Partial minutes round down. */
    assert_int_equal(
        calendar_business_minutes(&cal, NULL, friday, friday + 119), 1);
}

/* business_minutes(from, add_business(from, m)) == m for many
 * pseudo-random starts and amounts, with and without windows, and the
 * second before the result is business time. */
static void test_business_minutes_inverts_add_business(void **state)
{
    (void)state;
    struct calendar_range closed;
    assert_int_equal(calendar_range_parse("12-29..01-03", &closed), TAIO_OK);
    struct calendar cal =
        tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00; sat 10:00-12:00");
    cal.closed = &closed;
    cal.n_closed = 1;
    int64_t base = tokyo(2026, 1, 1, 0, 0);
    struct calendar_interval busy[2] = {
        {tokyo(2026, 5, 11, 10, 0), tokyo(2026, 5, 13, 11, 0)},
        {tokyo(2026, 9, 1, 0, 0), tokyo(2026, 9, 30, 0, 0)},
    };
    struct calendar_windows win = {0};
    win.has_week = true;
    parse_ok("mon-wed,fri-sat 11:30-16:00", &win.week);
    win.busy = busy;
    win.n_busy = 2;
    uint64_t seed = 42;
    for (int round = 0; round < 3000; round++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int64_t from = base + (int64_t)((seed >> 33) % (2 * 366 * 86400));
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int64_t minutes = (int64_t)((seed >> 33) % 6000);
        const struct calendar_windows *use = round % 2 ? &win : NULL;
        int64_t result = add_ok(&cal, use, from, minutes);
        assert_true(result >= from);
        assert_int_equal(calendar_business_minutes(&cal, use, from, result),
                         minutes);
        if (minutes > 0) {
            assert_true(calendar_is_business_time(&cal, use, result - 1));
            assert_int_equal(
                calendar_business_minutes(&cal, use, from, result - 1),
                minutes - 1);
        }
    }
}

/* business_minutes agrees with a minute-by-minute count built from
 * calendar_is_business_time, over a week with every kind of limit. */
static void test_business_minutes_matches_minute_scan(void **state)
{
    (void)state;
    struct calendar cal =
        tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00; sat 10:00-12:00");
    struct calendar_range closed;
    assert_int_equal(calendar_range_parse("2026-11-26", &closed), TAIO_OK);
    struct calendar_interval busy[2] = {
        {tokyo(2026, 11, 24, 11, 17), tokyo(2026, 11, 24, 13, 29)},
        {tokyo(2026, 11, 25, 17, 59), tokyo(2026, 11, 30, 9, 1)},
    };
    struct calendar_windows win = {0};
    win.has_week = true;
    parse_ok("mon-fri 10:00-16:00; sat 00:00-24:00", &win.week);
    win.closed = &closed;
    win.n_closed = 1;
    win.busy = busy;
    win.n_busy = 2;
    int64_t from = tokyo(2026, 11, 20, 0, 0);
    int64_t to = tokyo(2026, 12, 2, 0, 0);
    for (int variant = 0; variant < 2; variant++) {
        const struct calendar_windows *use = variant ? &win : NULL;
        int64_t scanned = 0;
        for (int64_t at = from; at < to; at += 60) {
            scanned += calendar_is_business_time(&cal, use, at) ? 1 : 0;
        }
        assert_int_equal(calendar_business_minutes(&cal, use, from, to),
                         scanned);
    }
}

/* Targets that can never be reached are TAIO_EINVAL, not a hang. */
static void test_unreachable_target_is_einval(void **state)
{
    (void)state;
    int64_t from = tokyo(2026, 11, 20, 9, 0);
    int64_t result = 7;
    struct calendar closed_cal = tokyo_calendar("closed");
    assert_int_equal(calendar_add_business(&closed_cal, NULL, from, 1, &result),
                     TAIO_EINVAL);
    assert_int_equal(result, 7);

    /* The customer is only reachable on Sundays, when the office is
     * closed. */
    struct calendar cal = tokyo_calendar("mon-fri 09:00-18:00");
    struct calendar_windows win = {0};
    win.has_week = true;
    parse_ok("sun 09:00-18:00", &win.week);
    assert_int_equal(calendar_add_business(&cal, &win, from, 1, &result),
                     TAIO_EINVAL);

    /* Busy for four years. */
    struct calendar_interval busy = {from - 1, from + 4LL * 366 * 86400};
    struct calendar_windows busy_win = {0};
    busy_win.busy = &busy;
    busy_win.n_busy = 1;
    assert_int_equal(calendar_add_business(&cal, &busy_win, from, 1, &result),
                     TAIO_EINVAL);

    /* More minutes than three years hold, and negative minutes. */
    assert_int_equal(
        calendar_add_business(&cal, NULL, from, 3 * 366 * 540, &result),
        TAIO_EINVAL);
    assert_int_equal(calendar_add_business(&cal, NULL, from, -1, &result),
                     TAIO_EINVAL);
    /* Two years of business days are still reachable. */
    assert_int_equal(
        calendar_add_business(&cal, NULL, from, 2 * 240 * 540, &result),
        TAIO_OK);
}

/* On 2027-03-28 Berlin skips 02:00-03:00: a 00:00-24:00 day holds 23
 * hours and a 01:00-04:00 span holds two; the autumn change day holds
 * 25 hours. */
/* The end of the business day: the same evening during business hours,
 * the next business day's evening after hours, over a weekend and a
 * holiday; a lunch break does not end the day. */
static void test_day_end_is_the_business_days_close(void **state)
{
    (void)state;
    struct calendar cal =
        tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00");
    int64_t end = 0;
    assert_int_equal(calendar_day_end(&cal, tokyo(2026, 11, 24, 10, 0), &end),
                     TAIO_OK);
    assert_int_equal(end, tokyo(2026, 11, 24, 18, 0));
    calendar_day_end(&cal, tokyo(2026, 11, 24, 12, 30), &end);
    assert_int_equal(end, tokyo(2026, 11, 24, 18, 0));
    calendar_day_end(&cal, tokyo(2026, 11, 24, 18, 0), &end);
    assert_int_equal(end, tokyo(2026, 11, 25, 18, 0));
    calendar_day_end(&cal, tokyo(2026, 11, 20, 19, 0), &end);
    assert_int_equal(end, tokyo(2026, 11, 24, 18, 0)); /* 11-23 勤労感謝の日 */
    calendar_day_end(&cal, tokyo(2026, 11, 24, 7, 0), &end);
    assert_int_equal(end, tokyo(2026, 11, 24, 18, 0));
    struct calendar never = tokyo_calendar("");
    assert_int_equal(calendar_day_end(&never, tokyo(2026, 11, 24, 7, 0), &end),
                     TAIO_EINVAL);
}

/* The next of a fixed sequence of pseudo-random numbers (xorshift), so
 * the tests below see the same times on every run. */
static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* The memo answers as calendar_day_end() does, for times in order and
 * out of it, across a lunch break, nights, a weekend and a holiday. */
static void test_day_end_memo_matches(void **state)
{
    (void)state;
    struct calendar cal =
        tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00");
    struct calendar_day_ends *memo = calloc(1, sizeof(*memo));
    assert_non_null(memo);
    int64_t from = tokyo(2026, 11, 1, 0, 0);
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 40000; i++) {
        next_random(&x);
        /* the first half in order, 97 s apart; then at random */
        int64_t at = i < 20000 ? from + (int64_t)i * 97
                               : from + (int64_t)(x % (40 * 86400));
        int64_t plain = 0;
        int64_t memoed = 0;
        assert_int_equal(calendar_day_end(&cal, at, &plain), TAIO_OK);
        assert_int_equal(calendar_day_end_memo(&cal, memo, at, &memoed),
                         TAIO_OK);
        assert_int_equal(memoed, plain);
    }
    free(memo);
}

/* The latest day end at or before t splits the times whose day ends
 * after t from those whose day ended by t. */
static void test_day_end_before_splits_the_resolutions(void **state)
{
    (void)state;
    struct calendar cal =
        tokyo_calendar("mon-fri 09:00-12:00,13:00-18:00");
    int64_t end = 0;
    assert_int_equal(
        calendar_day_end_before(&cal, tokyo(2026, 11, 24, 10, 0), &end),
        TAIO_OK);
    assert_int_equal(end, tokyo(2026, 11, 20, 18, 0)); /* over 11-23 */
    calendar_day_end_before(&cal, tokyo(2026, 11, 24, 18, 0), &end);
    assert_int_equal(end, tokyo(2026, 11, 24, 18, 0));
    int64_t from = tokyo(2026, 11, 1, 0, 0);
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 4000; i++) {
        next_random(&x);
        int64_t r = from + (int64_t)(x % (40 * 86400));
        int64_t t = from + (int64_t)((x >> 24) % (40 * 86400));
        int64_t due = 0;
        int64_t before = 0;
        assert_int_equal(calendar_day_end(&cal, r, &due), TAIO_OK);
        assert_int_equal(calendar_day_end_before(&cal, t, &before), TAIO_OK);
        assert_true((due > t) == (r >= before));
    }
    struct calendar never = tokyo_calendar("");
    assert_int_equal(calendar_day_end_before(&never, from, &end),
                     TAIO_EINVAL);
}

/* Quiet hours: a stretch of the day that may pass midnight. */
static void test_daily_span_passing_midnight(void **state)
{
    (void)state;
    const struct tz *tokyo = zone_named("Asia/Tokyo");
    struct calendar_daily d;
    struct problems p = {0};
    assert_int_equal(calendar_daily_parse("20:00-08:00", &d, "quiet", &p),
                     TAIO_OK);
    assert_int_equal(d.from, 20 * 60);
    assert_int_equal(d.to, 8 * 60);
    int64_t evening = tz_from_local(tokyo, 2026, 12, 31, 21, 15, 0);
    int64_t morning = tz_from_local(tokyo, 2027, 1, 1, 7, 59, 0);
    int64_t end = tz_from_local(tokyo, 2027, 1, 1, 8, 0, 0);
    assert_int_equal(calendar_daily_end(tokyo, &d, evening), end);
    assert_int_equal(calendar_daily_end(tokyo, &d, morning), end);
    assert_int_equal(calendar_daily_end(tokyo, &d, end), 0);
    assert_int_equal(
        calendar_daily_end(tokyo, &d,
                           tz_from_local(tokyo, 2027, 1, 1, 19, 59, 0)),
        0);
    assert_int_equal(calendar_daily_parse(" 12:00 - 24:00 ", &d, "quiet", &p),
                     TAIO_OK);
    assert_int_equal(calendar_daily_end(tokyo, &d, end), 0);
    assert_int_equal(
        calendar_daily_end(tokyo, &d,
                           tz_from_local(tokyo, 2027, 1, 31, 23, 0, 0)),
        tz_from_local(tokyo, 2027, 2, 1, 0, 0, 0));
    assert_false(problems_any(&p));
    const char *bad[] = {"", "20:00", "8-9", "25:00-08:00", "09:00-09:00",
                         "00:00-24:00", "24:00-08:00"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(calendar_daily_parse(bad[i], &d, "quiet", &p),
                         TAIO_EINVAL);
    }
    assert_true(problems_any(&p));
    problems_clear(&p);
}

static void test_berlin_span_on_dst_change_day(void **state)
{
    (void)state;
    const struct tz *berlin = zone_named("Europe/Berlin");
    struct calendar cal = {0};
    cal.zone = berlin;
    parse_ok("always", &cal.hours);
    int64_t midnight = tz_from_local(berlin, 2027, 3, 28, 0, 0, 0);
    int64_t next_midnight = tz_from_local(berlin, 2027, 3, 29, 0, 0, 0);
    assert_int_equal(next_midnight - midnight, 23 * 3600);
    assert_int_equal(
        calendar_business_minutes(&cal, NULL, midnight, next_midnight),
        23 * 60);
    /* Two hours after midnight is 03:00 summer time. */
    int64_t result = add_ok(&cal, NULL, midnight, 120);
    assert_int_equal(result, tz_from_local(berlin, 2027, 3, 28, 3, 0, 0));
    struct tz_tm local;
    tz_local(berlin, result, &local);
    assert_int_equal(local.hour, 3);

    parse_ok("sun 01:00-04:00", &cal.hours);
    int64_t one = tz_from_local(berlin, 2027, 3, 28, 1, 0, 0);
    assert_int_equal(
        calendar_business_minutes(&cal, NULL, midnight, next_midnight), 120);
    assert_int_equal(add_ok(&cal, NULL, one, 120),
                     tz_from_local(berlin, 2027, 3, 28, 4, 0, 0));
    /* 150 minutes do not fit on that day: 30 go into the next Sunday. */
    int64_t saturday = tz_from_local(berlin, 2027, 3, 27, 12, 0, 0);
    assert_int_equal(add_ok(&cal, NULL, saturday, 150),
                     tz_from_local(berlin, 2027, 4, 4, 1, 30, 0));
    assert_true(calendar_is_business_time(&cal, NULL, one));
    assert_true(calendar_is_business_time(
        &cal, NULL, tz_from_local(berlin, 2027, 3, 28, 3, 59, 0)));
    assert_false(calendar_is_business_time(
        &cal, NULL, tz_from_local(berlin, 2027, 3, 28, 4, 0, 0)));

    /* On 2027-10-31 02:00-03:00 happens twice: the day holds 25 hours. */
    parse_ok("always", &cal.hours);
    int64_t autumn = tz_from_local(berlin, 2027, 10, 31, 0, 0, 0);
    int64_t autumn_end = tz_from_local(berlin, 2027, 11, 1, 0, 0, 0);
    assert_int_equal(calendar_business_minutes(&cal, NULL, autumn, autumn_end),
                     25 * 60);
    assert_int_equal(add_ok(&cal, NULL, autumn, 25 * 60), autumn_end);
}

/* Free libical's zone cache so the leak checker stays quiet. */
static int release_zones(void **state)
{
    (void)state;
    tz_release_all();
    return 0;
}

/* Run every calendar test. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_week_parse_weekdays_and_saturday),
        cmocka_unit_test(test_week_parse_japanese_names_and_short_hours),
        cmocka_unit_test(test_week_parse_lists_ranges_and_several_spans),
        cmocka_unit_test(test_week_parse_merges_and_sorts_spans),
        cmocka_unit_test(test_week_parse_always_closed_and_blank),
        cmocka_unit_test(test_week_format_parses_back_identically),
        cmocka_unit_test(test_week_parse_errors_name_the_problem),
        cmocka_unit_test(test_week_longest_day_sums_spans),
        cmocka_unit_test(test_range_parse_and_format_round_trip),
        cmocka_unit_test(test_range_parse_rejects_bad_ranges),
        cmocka_unit_test(test_closed_days_are_holidays_and_company_ranges),
        cmocka_unit_test(test_add_business_skips_weekend_and_holiday),
        cmocka_unit_test(test_add_business_skips_company_year_end_closing),
        cmocka_unit_test(test_add_business_skips_lunch_break),
        cmocka_unit_test(
            test_add_business_ends_at_span_end_and_zero_is_identity),
        cmocka_unit_test(test_customer_window_closed_on_wednesdays),
        cmocka_unit_test(test_customer_busy_interval_is_skipped),
        cmocka_unit_test(test_business_minutes_across_weekend),
        cmocka_unit_test(test_business_minutes_inverts_add_business),
        cmocka_unit_test(test_business_minutes_matches_minute_scan),
        cmocka_unit_test(test_unreachable_target_is_einval),
        cmocka_unit_test(test_berlin_span_on_dst_change_day),
        cmocka_unit_test(test_daily_span_passing_midnight),
        cmocka_unit_test(test_day_end_is_the_business_days_close),
        cmocka_unit_test(test_day_end_memo_matches),
        cmocka_unit_test(test_day_end_before_splits_the_resolutions),
    };
    return cmocka_run_group_tests(tests, NULL, release_zones);
}
