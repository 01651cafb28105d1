/* SPDX-License-Identifier: MIT */
/*
 * test_agenda.c - unit tests for agenda.c: each rule as a pure function
 * of facts, calendar and a fixed clock, the ordering, and collection from
 * a real store.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "case.h"
#include "core/tz.h"
#include "promise.h"
#include "testdb.h"

#define MIN 60
#define HOUR 3600

static int64_t tokyo(int month, int day, int hour, int minute)
{
    return testdb_tokyo(2026, month, day, hour, minute);
}

/* The default organisation: Tokyo, weekdays 09:00-18:00. */
static void default_calendar(struct settings *s, struct calendar *cal,
                             struct agenda_policy *policy)
{
    settings_defaults(s);
    settings_calendar(s, cal);
    agenda_policy_from(s, policy);
}

/* Due at 15:30 with a 15-minute lead: nothing at 15:14:59, due from
 * 15:15 through 15:30 inclusive, broken one second later. */
static void test_promise_rule_boundaries(void **state)
{
    (void)state;
    int64_t due = tokyo(11, 24, 15, 30);
    enum agenda_kind kind;
    assert_false(agenda_promise_rule(due, 15, due - 15 * MIN - 1, &kind));
    assert_true(agenda_promise_rule(due, 15, due - 15 * MIN, &kind));
    assert_int_equal(kind, AGENDA_PROMISE_DUE);
    assert_true(agenda_promise_rule(due, 15, due, &kind));
    assert_int_equal(kind, AGENDA_PROMISE_DUE);
    assert_true(agenda_promise_rule(due, 15, due + 1, &kind));
    assert_int_equal(kind, AGENDA_PROMISE_BROKEN);
    assert_false(agenda_promise_rule(due, 0, due - 1, &kind));
}

/* A stopped case (60-minute cadence) last contacted at 10:00 on a
 * Tuesday goes silent at 11:00; waiting on the customer it never does. */
static void test_silent_rule_on_a_business_day(void **state)
{
    (void)state;
    struct settings s;
    struct calendar cal;
    struct agenda_policy policy;
    default_calendar(&s, &cal, &policy);
    struct agenda_case_facts facts = {
        .status = CASE_IN_PROGRESS,
        .impact = CASE_IMPACT_STOPPED,
        .received_at = tokyo(11, 24, 9, 0),
        .last_outbound_at = tokyo(11, 24, 10, 0),
    };
    int64_t since = 0;
    assert_false(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                    tokyo(11, 24, 10, 59), &since));
    assert_true(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                   tokyo(11, 24, 11, 0), &since));
    assert_int_equal(since, tokyo(11, 24, 11, 0));
    facts.status = CASE_WAITING_CUSTOMER;
    assert_false(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                    tokyo(11, 24, 17, 0), &since));
    facts.status = CASE_RESOLVED;
    assert_false(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                    tokyo(11, 24, 17, 0), &since));
    settings_clear(&s);
}

/* Silence is not counted over a weekend and a holiday: contacted Friday
 * 2026-11-20 17:30, Monday 11-23 is 勤労感謝の日, so the stopped case goes
 * silent on Tuesday at 09:30. A case never contacted counts from
 * receipt: received at 17:00, its hour ran out at closing time. */
static void test_silent_rule_skips_weekend_and_holiday(void **state)
{
    (void)state;
    struct settings s;
    struct calendar cal;
    struct agenda_policy policy;
    default_calendar(&s, &cal, &policy);
    struct agenda_case_facts facts = {
        .status = CASE_ACKNOWLEDGED,
        .impact = CASE_IMPACT_STOPPED,
        .received_at = tokyo(11, 20, 17, 0),
        .last_outbound_at = tokyo(11, 20, 17, 30),
    };
    int64_t since = 0;
    assert_false(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                    tokyo(11, 23, 12, 0), &since));
    assert_true(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                   tokyo(11, 24, 9, 30), &since));
    assert_int_equal(since, tokyo(11, 24, 9, 30));
    facts.last_outbound_at = 0;
    assert_true(agenda_silent_rule(&cal, NULL, &policy, &facts,
                                   tokyo(11, 24, 9, 30), &since));
    assert_int_equal(since, tokyo(11, 20, 18, 0));
    settings_clear(&s);
}

/* The customer's windows narrow the clock: reachable only 13:00-17:00,
 * a degraded case (4 h) contacted at 10:00 goes silent at 17:00. */
static void test_silent_rule_counts_customer_windows_only(void **state)
{
    (void)state;
    struct settings s;
    struct calendar cal;
    struct agenda_policy policy;
    default_calendar(&s, &cal, &policy);
    struct calendar_windows win = {.has_week = true};
    assert_int_equal(calendar_week_parse("mon-fri 13:00-17:00", &win.week,
                                         "hours", NULL),
                     TAIO_OK);
    struct agenda_case_facts facts = {
        .status = CASE_IN_PROGRESS,
        .impact = CASE_IMPACT_DEGRADED,
        .received_at = tokyo(11, 24, 9, 0),
        .last_outbound_at = tokyo(11, 24, 10, 0),
    };
    int64_t since = 0;
    assert_false(agenda_silent_rule(&cal, &win, &policy, &facts,
                                    tokyo(11, 24, 16, 59), &since));
    assert_true(agenda_silent_rule(&cal, &win, &policy, &facts,
                                   tokyo(11, 24, 17, 0), &since));
    assert_int_equal(since, tokyo(11, 24, 17, 0));
    settings_clear(&s);
}

/* No ETA after 30 business minutes: received at 17:50 on a Tuesday, the
 * ETA is due at 09:20 next morning. An ETA given clears it. */
static void test_no_eta_rule_uses_business_time(void **state)
{
    (void)state;
    struct settings s;
    struct calendar cal;
    struct agenda_policy policy;
    default_calendar(&s, &cal, &policy);
    struct agenda_case_facts facts = {
        .status = CASE_NEW,
        .impact = CASE_IMPACT_MINOR,
        .received_at = tokyo(11, 24, 17, 50),
    };
    int64_t since = 0;
    assert_false(agenda_no_eta_rule(&cal, &policy, &facts,
                                    tokyo(11, 25, 9, 19), &since));
    assert_true(agenda_no_eta_rule(&cal, &policy, &facts,
                                   tokyo(11, 25, 9, 20), &since));
    assert_int_equal(since, tokyo(11, 25, 9, 20));
    facts.eta_given_at = tokyo(11, 24, 18, 0);
    assert_false(agenda_no_eta_rule(&cal, &policy, &facts,
                                    tokyo(11, 26, 9, 0), &since));
    settings_clear(&s);
}

/* A deadline is at risk when the ETA is after it, or when less than a
 * quarter of the time from receipt to deadline is left. */
static void test_deadline_rule(void **state)
{
    (void)state;
    struct agenda_policy policy = {.risk_percent = 25};
    int64_t received = tokyo(11, 24, 9, 0);
    struct agenda_case_facts facts = {
        .status = CASE_IN_PROGRESS,
        .received_at = received,
        .deadline_at = received + 100 * HOUR,
    };
    int64_t since = 0;
    bool after = true;
    assert_false(agenda_deadline_rule(&policy, &facts,
                                      received + 75 * HOUR - 1, &since,
                                      &after));
    assert_true(agenda_deadline_rule(&policy, &facts, received + 75 * HOUR,
                                     &since, &after));
    assert_int_equal(since, received + 75 * HOUR);
    assert_false(after);
    facts.eta_at = received + 101 * HOUR;
    facts.eta_given_at = received + HOUR;
    assert_true(agenda_deadline_rule(&policy, &facts, received + 2 * HOUR,
                                     &since, &after));
    assert_true(after);
    assert_int_equal(since, received + HOUR);
    facts.deadline_at = 0;
    assert_false(agenda_deadline_rule(&policy, &facts, received + 2 * HOUR,
                                      &since, &after));
}

/* Broken promises first, then due ones, silent, no ETA, deadlines; within
 * a kind the worse impact, then the earlier time. */
static void test_sort_puts_most_urgent_first(void **state)
{
    (void)state;
    struct agenda_item items[] = {
        {.kind = AGENDA_DEADLINE_RISK, .due_at = 10, .case_id = 1},
        {.kind = AGENDA_SILENT, .since_at = 50,
         .impact = CASE_IMPACT_MINOR, .case_id = 2},
        {.kind = AGENDA_PROMISE_DUE, .due_at = 30, .case_id = 3},
        {.kind = AGENDA_SILENT, .since_at = 90,
         .impact = CASE_IMPACT_STOPPED, .case_id = 4},
        {.kind = AGENDA_PROMISE_BROKEN, .due_at = 20, .case_id = 5},
        {.kind = AGENDA_PROMISE_DUE, .due_at = 25, .case_id = 6},
        {.kind = AGENDA_NO_ETA, .since_at = 1, .case_id = 7},
    };
    agenda_sort(items, sizeof(items) / sizeof(items[0]));
    const int64_t want[] = {5, 6, 3, 4, 2, 7, 1};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_int_equal(items[i].case_id, want[i]);
    }
}

/* From the store: an open promise inside its lead time is on its owner's
 * agenda and nobody else's; once kept, it is gone. */
static void test_collect_finds_promises_of_the_owner(void **state)
{
    struct testdb *t = *state;
    struct case_open_input in = {.kind = "trouble", .title = "停止",
                                 .reported = "止まった",
                                 .customer_id = t->customer_id};
    struct problems p = {0};
    int64_t case_id = 0;
    assert_int_equal(case_open(t->db, &t->agent, t->settings.zone, &in, &p,
                               &case_id),
                     TAIO_OK);
    assert_int_equal(case_set_eta(t->db, &t->agent, case_id, 0, "本日中", &p),
                     TAIO_OK);
    struct promise_input pin = {.case_id = case_id, .to_whom = "田中",
                                .due_at = t->agent.now + 10 * MIN,
                                .remind_min = -1};
    int64_t promise_id = 0;
    assert_int_equal(promise_add(t->db, &t->agent, &pin, 15, &p,
                                 &promise_id),
                     TAIO_OK);
    struct agenda_item *items = NULL;
    size_t n = 0;
    assert_int_equal(agenda_collect(t->db, &t->settings, t->agent.user_id,
                                    t->agent.now, &items, &n),
                     TAIO_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].kind, AGENDA_PROMISE_DUE);
    assert_int_equal(items[0].promise_id, promise_id);
    assert_string_equal(items[0].case_number, "2026-0001");
    agenda_free(items, n);
    assert_int_equal(agenda_collect(t->db, &t->settings, t->clerk.user_id,
                                    t->agent.now, &items, &n),
                     TAIO_OK);
    assert_int_equal(n, 0);
    agenda_free(items, n);
    assert_int_equal(promise_keep(t->db, &t->agent, promise_id, NULL, &p),
                     TAIO_OK);
    assert_int_equal(agenda_collect(t->db, &t->settings, 0, t->agent.now,
                                    &items, &n),
                     TAIO_OK);
    assert_int_equal(n, 0);
    agenda_free(items, n);
    problems_clear(&p);
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
        cmocka_unit_test(test_promise_rule_boundaries),
        cmocka_unit_test(test_silent_rule_on_a_business_day),
        cmocka_unit_test(test_silent_rule_skips_weekend_and_holiday),
        cmocka_unit_test(test_silent_rule_counts_customer_windows_only),
        cmocka_unit_test(test_no_eta_rule_uses_business_time),
        cmocka_unit_test(test_deadline_rule),
        cmocka_unit_test(test_sort_puts_most_urgent_first),
        cmocka_unit_test_setup_teardown(
            test_collect_finds_promises_of_the_owner, testdb_setup,
            testdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, release);
}
