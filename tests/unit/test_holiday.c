/* SPDX-License-Identifier: MIT */
/*
 * test_holiday.c - unit tests for holiday.c: Japan's national holidays,
 * computed from the rules of the law, against the published list.
 *
 * The oracle is $TAIO_TEST_DATA/holidays_jp.csv (meson sets the variable
 * to tests/data).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "holiday.h"

/* One row of the oracle file. */
struct oracle_row {
    int year, month, day;
    char name[96];
};

/* The whole oracle file, owned by the test that reads it. */
struct oracle {
    struct oracle_row *rows; /* owned; n_rows entries */
    size_t n_rows;
};

/* Setup: read every row of holidays_jp.csv into a struct oracle stored in
 * *state (freed by free_oracle). Fails the test if the file is missing or
 * malformed. */
static int read_oracle(void **state)
{
    struct oracle *oracle = calloc(1, sizeof(*oracle));
    assert_non_null(oracle);
    *state = oracle;
    const char *dir = getenv("TAIO_TEST_DATA");
    char path[4096];
    snprintf(path, sizeof(path), "%s/holidays_jp.csv",
             dir != NULL ? dir : "tests/data");
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        fail_msg("cannot open %s (set TAIO_TEST_DATA)", path);
    }
    size_t cap = 2048;
    struct oracle_row *rows = calloc(cap, sizeof(*rows));
    assert_non_null(rows);
    oracle->rows = rows;
    size_t count = 0;
    char line[256];
    while (fgets(line, sizeof(line), file) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0') {
            continue;
        }
        assert_true(count < cap);
        struct oracle_row *row = &rows[count];
        int consumed = 0;
        int matched = sscanf(line, "%d-%d-%d,%n", &row->year, &row->month,
                             &row->day, &consumed);
        assert_int_equal(matched, 3);
        assert_true(strlen(line + consumed) < sizeof(row->name));
        strcpy(row->name, line + consumed);
        count++;
    }
    fclose(file);
    oracle->n_rows = count;
    return 0;
}

/* Teardown: free what read_oracle stored in *state. */
static int free_oracle(void **state)
{
    struct oracle *oracle = *state;
    if (oracle != NULL) {
        free(oracle->rows);
        free(oracle);
    }
    return 0;
}

/* For every year 1970-2050 the computed holidays are exactly the rows of
 * the published list, in order, with the same names; every other day of
 * those years has no holiday name. */
static void test_holidays_match_oracle_1970_2050(void **state)
{
    const struct oracle *oracle = *state;
    const struct oracle_row *rows = oracle->rows;
    size_t n_rows = oracle->n_rows;
    assert_true(n_rows > 1000);
    size_t next_row = 0;
    for (int year = 1970; year <= 2050; year++) {
        struct holiday got[40];
        size_t n_got = holiday_list(year, got, 40);
        assert_true(n_got <= 40);
        size_t first_row = next_row;
        while (next_row < n_rows && rows[next_row].year == year) {
            next_row++;
        }
        for (size_t i = 0; i < n_got && first_row + i < next_row; i++) {
            const struct oracle_row *want = &rows[first_row + i];
            if (got[i].month != want->month || got[i].day != want->day ||
                strcmp(got[i].name, want->name) != 0) {
                fail_msg("%d: got %02d-%02d %s, want %02d-%02d %s", year,
                         got[i].month, got[i].day, got[i].name, want->month,
                         want->day, want->name);
            }
            assert_int_equal(got[i].year, year);
        }
        assert_int_equal(n_got, next_row - first_row);
        /* Day by day: listed days carry their name, all others NULL. */
        size_t row = first_row;
        for (int month = 1; month <= 12; month++) {
            for (int day = 1; day <= tz_days_in_month(year, month); day++) {
                const char *name = holiday_name(year, month, day);
                if (row < next_row && rows[row].month == month &&
                    rows[row].day == day) {
                    assert_non_null(name);
                    assert_string_equal(name, rows[row].name);
                    row++;
                } else if (name != NULL) {
                    fail_msg("%d-%02d-%02d: unexpected holiday %s", year, month,
                             day, name);
                }
            }
        }
        assert_int_equal(row, next_row);
    }
    assert_int_equal(next_row, n_rows);
}

/* The holiday name of year-month-day is want (NULL: no holiday). */
static void assert_holiday(int year, int month, int day, const char *want)
{
    const char *name = holiday_name(year, month, day);
    if (want == NULL ? name != NULL : name == NULL || strcmp(name, want) != 0) {
        fail_msg("%d-%02d-%02d: got %s, want %s", year, month, day,
                 name != NULL ? name : "(none)",
                 want != NULL ? want : "(none)");
    }
}

/* Days outside the oracle's years follow the same law: nothing before it
 * took effect on 1948-07-20, the one-off 1959 wedding day, and invalid
 * dates give NULL. */
static void test_holiday_name_outside_oracle_years(void **state)
{
    (void)state;
    assert_holiday(1948, 5, 3, NULL);
    assert_holiday(1948, 7, 19, NULL);
    assert_holiday(1948, 9, 23, "秋分の日");
    assert_holiday(1948, 11, 23, "勤労感謝の日");
    assert_holiday(1949, 1, 1, "元日");
    assert_holiday(1959, 4, 10, "結婚の儀");
    /* 敬老の日 and 体育の日 exist from 1966, 建国記念の日 from 1967. */
    assert_holiday(1965, 9, 15, NULL);
    assert_holiday(1965, 10, 10, NULL);
    assert_holiday(1966, 9, 15, "敬老の日");
    assert_holiday(1966, 10, 10, "体育の日");
    assert_holiday(1966, 2, 11, NULL);
    assert_holiday(1967, 2, 11, "建国記念の日");
    /* No substitute holidays before 1973: 1967-01-15 was a Sunday. */
    assert_holiday(1967, 1, 15, "成人の日");
    assert_holiday(1967, 1, 16, NULL);
    assert_holiday(2026, 2, 30, NULL);
    assert_holiday(2026, 13, 1, NULL);
    assert_holiday(2026, 0, 1, NULL);
    /* 2051: 天皇誕生日 on Thursday, 春分の日 on 03-21. */
    assert_holiday(2051, 2, 23, "天皇誕生日");
    assert_holiday(2051, 3, 21, "春分の日");
}

/* holiday_list fills at most cap entries but returns the full count;
 * years before the law have none. */
static void test_holidays_report_total_beyond_cap(void **state)
{
    (void)state;
    struct holiday some[3];
    size_t total = holiday_list(2026, some, 3);
    assert_int_equal(total, 18);
    assert_string_equal(some[0].name, "元日");
    assert_int_equal(some[2].month, 2);
    assert_int_equal(some[2].day, 11);
    assert_int_equal(holiday_list(2026, NULL, 0), 18);
    assert_int_equal(holiday_list(1947, NULL, 0), 0);
}

/* ------------------------------------------------------------------ */
/* Weekly hours                                                       */
/* ------------------------------------------------------------------ */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_holidays_match_oracle_1970_2050,
                                        read_oracle, free_oracle),
        cmocka_unit_test(test_holiday_name_outside_oracle_years),
        cmocka_unit_test(test_holidays_report_total_beyond_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
