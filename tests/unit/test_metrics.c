/* SPDX-License-Identifier: MIT */
/*
 * test_metrics.c - unit tests for metrics.c's durations: the median
 * found by selection (not sorting) against a sorted copy, for odd and
 * even counts, repeated values, and times written in order, reversed and
 * shuffled; the mean and the maximum with them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "case.h"
#include "metrics.h"
#include "testdb.h"

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Open n cases received a minute apart from received_at. */
static void open_cases(struct testdb *t, int64_t received_at, int n)
{
    for (int i = 0; i < n; i++) {
        struct case_open_input in = {
            .kind = "inquiry",
            .title = "問い合わせ",
            .reported = "r",
            .impact = "minor",
            .customer_id = t->customer_id,
            .received_at = received_at + i * 60,
        };
        struct problems p = {0};
        int64_t id = 0;
        assert_int_equal(case_open(t->db, &t->agent, t->settings.zone, &in,
                                   &p, &id),
                         TAIO_OK);
        problems_clear(&p);
    }
}

/* Give the cases first contacts of minutes[i] (case i + 1) and check the
 * first-contact figures against a sorted copy. */
static void check_first_contact(struct testdb *t, int64_t from, int n,
                                const int64_t *minutes)
{
    char sql[200];
    assert_int_equal(db_exec(t->db, "BEGIN"), TAIO_OK);
    for (int i = 0; i < n; i++) {
        snprintf(sql, sizeof(sql),
                 "UPDATE cases SET first_outbound_at = received_at + %lld"
                 " WHERE id = (SELECT id FROM cases ORDER BY id"
                 "             LIMIT 1 OFFSET %d)",
                 (long long)minutes[i] * 60, i);
        assert_int_equal(db_exec(t->db, sql), TAIO_OK);
    }
    assert_int_equal(db_exec(t->db, "COMMIT"), TAIO_OK);
    int64_t *sorted = malloc((size_t)n * sizeof(*sorted));
    assert_non_null(sorted);
    int64_t sum = 0;
    for (int i = 0; i < n; i++) {
        sorted[i] = minutes[i];
        sum += minutes[i];
    }
    qsort(sorted, (size_t)n, sizeof(*sorted), by_value);
    int64_t median = n % 2 ? sorted[n / 2]
                           : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    struct metrics_query q = {.from_at = from, .to_at = from + 86400 * 30};
    struct metrics m = {0};
    struct problems p = {0};
    assert_int_equal(metrics_compute(t->db, &t->settings, &q, from, &p, &m),
                     TAIO_OK);
    assert_int_equal(m.first_contact.n, n);
    assert_int_equal(m.first_contact.median_min, median);
    assert_int_equal(m.first_contact.mean_min, sum / n);
    assert_int_equal(m.first_contact.max_min, sorted[n - 1]);
    metrics_clear(&m);
    problems_clear(&p);
    free(sorted);
}

static void run_orders(void **state, int n)
{
    struct testdb *t = *state;
    int64_t from = testdb_tokyo(2026, 11, 2, 0, 0);
    open_cases(t, from + 9 * 3600, n);
    int64_t *minutes = malloc((size_t)n * sizeof(*minutes));
    assert_non_null(minutes);
    uint64_t x = 2463534242u;
    for (int order = 0; order < 5; order++) {
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            switch (order) {
            case 0: minutes[i] = i; break;              /* in order */
            case 1: minutes[i] = n - i; break;          /* reversed */
            case 2: minutes[i] = (int64_t)(x % 5000); break; /* shuffled */
            case 3: minutes[i] = (int64_t)(x % 7); break;    /* repeats */
            default: minutes[i] = 42; break;            /* all equal */
            }
        }
        check_first_contact(t, from, n, minutes);
    }
    free(minutes);
}

static void test_median_of_an_odd_count(void **state)
{
    run_orders(state, 501);
}

static void test_median_of_an_even_count(void **state)
{
    run_orders(state, 500);
}

static void test_median_of_one_and_two(void **state)
{
    run_orders(state, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_median_of_an_odd_count,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(test_median_of_an_even_count,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(test_median_of_one_and_two,
                                        testdb_setup, testdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
