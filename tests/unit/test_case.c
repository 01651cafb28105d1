/* SPDX-License-Identifier: MIT */
/*
 * test_case.c - unit tests for case.c: the status state machine, yearly
 * numbering in the organisation's zone, validation that reports every
 * problem at once and writes nothing, and who may do what.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "core/tz.h"
#include "promise.h"
#include "testdb.h"
#include "timeline.h"

/* Open a minimal trouble case received at received_at; returns its id. */
static int64_t open_case(struct testdb *t, const struct actor *a,
                         int64_t received_at)
{
    struct case_open_input in = {
        .kind = "trouble",
        .title = "制御PCが起動しない",
        .reported = "朝から起動しない",
        .impact = "stopped",
        .customer_id = t->customer_id,
        .received_at = received_at,
    };
    struct problems p = {0};
    int64_t id = 0;
    assert_int_equal(case_open(t->db, a, t->settings.zone, &in, &p, &id),
                     TAIO_OK);
    problems_clear(&p);
    return id;
}

/* Every move the state machine allows, and a sample of the ones it
 * forbids. */
static void test_status_moves_follow_the_state_machine(void **state)
{
    (void)state;
    assert_true(case_status_can_move(CASE_NEW, CASE_ACKNOWLEDGED));
    assert_true(case_status_can_move(CASE_ACKNOWLEDGED, CASE_IN_PROGRESS));
    assert_true(case_status_can_move(CASE_IN_PROGRESS, CASE_WAITING_CUSTOMER));
    assert_true(case_status_can_move(CASE_WAITING_CUSTOMER, CASE_IN_PROGRESS));
    assert_true(case_status_can_move(CASE_IN_PROGRESS, CASE_WAITING_VENDOR));
    assert_true(case_status_can_move(CASE_WAITING_VENDOR, CASE_IN_PROGRESS));
    assert_true(case_status_can_move(CASE_IN_PROGRESS, CASE_RESOLVED));
    assert_true(case_status_can_move(CASE_RESOLVED, CASE_REPORTED));
    assert_true(case_status_can_move(CASE_REPORTED, CASE_CLOSED));
    assert_true(case_status_can_move(CASE_RESOLVED, CASE_CLOSED));
    assert_true(case_status_can_move(CASE_CLOSED, CASE_IN_PROGRESS));
    assert_false(case_status_can_move(CASE_NEW, CASE_CLOSED));
    assert_false(case_status_can_move(CASE_IN_PROGRESS, CASE_NEW));
    assert_false(case_status_can_move(CASE_CLOSED, CASE_RESOLVED));
    assert_false(case_status_can_move(CASE_IN_PROGRESS, CASE_CLOSED));
    assert_false(case_status_can_move(CASE_NEW, CASE_NEW));
    for (int s = 0; s < CASE_STATUS_COUNT; s++) {
        assert_false(case_status_can_move((enum case_status)s, CASE_NEW));
    }
    assert_true(case_status_is_open(CASE_WAITING_VENDOR));
    assert_false(case_status_is_open(CASE_RESOLVED));
}

/* Numbers restart each year of the organisation's zone: 00:10 on New
 * Year's Day in Tokyo is still 31 December in UTC, yet a 2027 case. */
static void test_numbers_restart_with_the_local_year(void **state)
{
    struct testdb *t = *state;
    struct actor a = t->agent;
    a.now = testdb_tokyo(2027, 1, 1, 0, 30);
    int64_t first = open_case(t, &a, testdb_tokyo(2026, 12, 31, 23, 30));
    int64_t second = open_case(t, &a, testdb_tokyo(2026, 12, 31, 23, 50));
    int64_t third = open_case(t, &a, testdb_tokyo(2027, 1, 1, 0, 10));
    struct case_rec c;
    assert_int_equal(case_get(t->db, first, &c), TAIO_OK);
    assert_string_equal(c.number, "2026-0001");
    case_rec_clear(&c);
    assert_int_equal(case_get(t->db, second, &c), TAIO_OK);
    assert_string_equal(c.number, "2026-0002");
    case_rec_clear(&c);
    assert_int_equal(case_get(t->db, third, &c), TAIO_OK);
    assert_string_equal(c.number, "2027-0001");
    case_rec_clear(&c);
    int64_t id = 0;
    assert_int_equal(case_find(t->db, "2027-1", &id), TAIO_OK);
    assert_int_equal(id, third);
    assert_int_equal(case_find(t->db, "2026-0009", &id), TAIO_ENOTFOUND);
    assert_int_equal(case_find(t->db, "42", &id), TAIO_EINVAL);
}

/* A case missing its title, words and customer gets all three problems
 * at once, and nothing is written. */
static void test_open_reports_every_problem_and_writes_nothing(void **state)
{
    struct testdb *t = *state;
    struct case_open_input in = {.kind = "accident", .title = "\u3000",
                                 .received_at = 0};
    struct problems p = {0};
    int64_t id = 0;
    assert_int_equal(case_open(t->db, &t->agent, t->settings.zone, &in, &p,
                               &id),
                     TAIO_EINVAL);
    assert_true(problems_has(&p, "kind"));
    assert_true(problems_has(&p, "title"));
    assert_true(problems_has(&p, "reported"));
    assert_true(problems_has(&p, "customer"));
    problems_clear(&p);
    struct case_filter all = {.status = -1, .kind = -1};
    struct case_rec *list = NULL;
    size_t n = 9;
    assert_int_equal(case_list(t->db, &all, &list, &n), TAIO_OK);
    assert_int_equal(n, 0);
    case_list_free(list, n);
}

/* A clerk's case waits unassigned; an agent's is theirs; a viewer may not
 * open one at all. */
static void test_owner_defaults_by_role(void **state)
{
    struct testdb *t = *state;
    struct case_rec c;
    int64_t mine = open_case(t, &t->agent, t->agent.now);
    assert_int_equal(case_get(t->db, mine, &c), TAIO_OK);
    assert_int_equal(c.owner_id, t->agent.user_id);
    case_rec_clear(&c);
    int64_t clerks = open_case(t, &t->clerk, t->clerk.now);
    assert_int_equal(case_get(t->db, clerks, &c), TAIO_OK);
    assert_int_equal(c.owner_id, 0);
    case_rec_clear(&c);
    struct case_open_input in = {.kind = "trouble", .title = "x",
                                 .reported = "y",
                                 .customer_id = t->customer_id};
    struct problems p = {0};
    assert_int_equal(case_open(t->db, &t->viewer, t->settings.zone, &in, &p,
                               NULL),
                     TAIO_EPERM);
    problems_clear(&p);
}

/* A forbidden move is refused with a problem; closing with an open
 * promise is a conflict; the status history lands in the timeline. */
static void test_status_changes_are_checked_and_recorded(void **state)
{
    struct testdb *t = *state;
    int64_t id = open_case(t, &t->agent, t->agent.now);
    struct problems p = {0};
    assert_int_equal(case_set_status(t->db, &t->agent, id, "closed", NULL,
                                     &p),
                     TAIO_EINVAL);
    assert_true(problems_has(&p, "status"));
    problems_clear(&p);
    assert_int_equal(case_set_status(t->db, &t->clerk, id, "resolved", NULL,
                                     &p),
                     TAIO_EPERM);
    struct promise_input pin = {.case_id = id, .to_whom = "田中 一郎",
                                .due_at = t->agent.now + 3600,
                                .remind_min = -1};
    assert_int_equal(promise_add(t->db, &t->agent, &pin, 15, &p, NULL),
                     TAIO_OK);
    assert_int_equal(case_set_status(t->db, &t->agent, id, "resolved",
                                     "部品交換", &p),
                     TAIO_OK);
    assert_int_equal(case_set_status(t->db, &t->agent, id, "closed", NULL,
                                     &p),
                     TAIO_ECONFLICT);
    problems_clear(&p);
    struct timeline_event *events = NULL;
    size_t n = 0;
    assert_int_equal(timeline_list(t->db, id, &events, &n), TAIO_OK);
    assert_int_equal(n, 3);
    assert_int_equal(events[0].kind, TIMELINE_OPENED);
    assert_int_equal(events[1].kind, TIMELINE_PROMISE_ADDED);
    assert_int_equal(events[2].kind, TIMELINE_STATUS);
    assert_string_equal(events[2].old_value, "new");
    assert_string_equal(events[2].new_value, "resolved");
    assert_string_equal(events[2].body, "部品交換");
    timeline_list_free(events, n);
}

/* An outbound contact moves the silence clock; an inbound one does not. */
static void test_outbound_contact_restarts_silence_clock(void **state)
{
    struct testdb *t = *state;
    int64_t id = open_case(t, &t->agent, t->agent.now);
    struct problems p = {0};
    struct case_contact_input in = {.direction = "in", .channel = "phone",
                                    .summary = "催促の電話",
                                    .duration_min = 3};
    assert_int_equal(case_log_contact(t->db, &t->agent, id, &in, &p, NULL),
                     TAIO_OK);
    struct case_rec c;
    assert_int_equal(case_get(t->db, id, &c), TAIO_OK);
    assert_int_equal(c.last_outbound_at, 0);
    assert_int_equal(c.last_contact_at, t->agent.now);
    case_rec_clear(&c);
    in.direction = "out";
    in.occurred_at = t->agent.now - 60;
    assert_int_equal(case_log_contact(t->db, &t->agent, id, &in, &p, NULL),
                     TAIO_OK);
    assert_int_equal(case_get(t->db, id, &c), TAIO_OK);
    assert_int_equal(c.last_outbound_at, t->agent.now - 60);
    assert_int_equal(c.last_contact_at, t->agent.now);
    case_rec_clear(&c);
    in.occurred_at = t->agent.now + 3600;
    assert_int_equal(case_log_contact(t->db, &t->agent, id, &in, &p, NULL),
                     TAIO_EINVAL);
    assert_true(problems_has(&p, "at"));
    problems_clear(&p);
}

/* An ETA must be in the future or be only words; both are kept. */
static void test_eta_checks_and_keeps_wording(void **state)
{
    struct testdb *t = *state;
    int64_t id = open_case(t, &t->agent, t->agent.now);
    struct problems p = {0};
    assert_int_equal(case_set_eta(t->db, &t->agent, id, t->agent.now - 1,
                                  NULL, &p),
                     TAIO_EINVAL);
    assert_true(problems_has(&p, "eta"));
    problems_clear(&p);
    assert_int_equal(case_set_eta(t->db, &t->agent, id, 0, "", &p),
                     TAIO_EINVAL);
    problems_clear(&p);
    assert_int_equal(case_set_eta(t->db, &t->clerk, id, 0, "1〜2日", &p),
                     TAIO_OK);
    struct case_rec c;
    assert_int_equal(case_get(t->db, id, &c), TAIO_OK);
    assert_string_equal(c.eta_text, "1〜2日");
    assert_int_equal(c.eta_at, 0);
    assert_int_equal(c.eta_given_at, t->clerk.now);
    case_rec_clear(&c);
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
        cmocka_unit_test(test_status_moves_follow_the_state_machine),
        cmocka_unit_test_setup_teardown(
            test_numbers_restart_with_the_local_year, testdb_setup,
            testdb_teardown),
        cmocka_unit_test_setup_teardown(
            test_open_reports_every_problem_and_writes_nothing, testdb_setup,
            testdb_teardown),
        cmocka_unit_test_setup_teardown(test_owner_defaults_by_role,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(
            test_status_changes_are_checked_and_recorded, testdb_setup,
            testdb_teardown),
        cmocka_unit_test_setup_teardown(
            test_outbound_contact_restarts_silence_clock, testdb_setup,
            testdb_teardown),
        cmocka_unit_test_setup_teardown(test_eta_checks_and_keeps_wording,
                                        testdb_setup, testdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, release);
}
