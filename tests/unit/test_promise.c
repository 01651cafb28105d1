/* SPDX-License-Identifier: MIT */
/*
 * test_promise.c - unit tests for promise.c: the state machine, derived
 * "broken", renegotiation with consent, and keeping late.
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

/* A case owned by the agent and a promise on it due in an hour. */
static int64_t make_promise(struct testdb *t, int64_t *case_out)
{
    struct case_open_input in = {.kind = "trouble", .title = "停止",
                                 .reported = "止まった",
                                 .customer_id = t->customer_id,
                                 .contact_id = t->contact_id};
    struct problems p = {0};
    int64_t case_id = 0;
    assert_int_equal(case_open(t->db, &t->agent, t->settings.zone, &in, &p,
                               &case_id),
                     TAIO_OK);
    struct promise_input pin = {.case_id = case_id,
                                .contact_id = t->contact_id,
                                .due_at = t->agent.now + 3600,
                                .remind_min = -1};
    int64_t id = 0;
    assert_int_equal(promise_add(t->db, &t->clerk, &pin, 15, &p, &id),
                     TAIO_OK);
    problems_clear(&p);
    if (case_out) {
        *case_out = case_id;
    }
    return id;
}

/* Defaults: a callback, to the contact person, owned by the case owner,
 * reminded with the organisation's lead time, taken by the clerk. */
static void test_promise_defaults_come_from_the_case(void **state)
{
    struct testdb *t = *state;
    int64_t id = make_promise(t, NULL);
    struct promise p;
    assert_int_equal(promise_get(t->db, id, &p), TAIO_OK);
    assert_string_equal(p.to_whom, "田中 一郎");
    assert_int_equal(p.owner_id, t->agent.user_id);
    assert_int_equal(p.taken_by, t->clerk.user_id);
    assert_int_equal(p.remind_min, 15);
    assert_int_equal(p.state, PROMISE_OPEN);
    promise_clear(&p);
}

/* Broken is derived: open and past due. Nothing is written for it. */
static void test_open_promise_past_due_is_broken(void **state)
{
    struct testdb *t = *state;
    int64_t id = make_promise(t, NULL);
    struct promise p;
    assert_int_equal(promise_get(t->db, id, &p), TAIO_OK);
    assert_int_equal(promise_state_at(&p, p.due_at), PROMISE_OPEN);
    assert_int_equal(promise_state_at(&p, p.due_at + 1), PROMISE_BROKEN);
    promise_clear(&p);
}

/* A promise ends exactly once. */
static void test_promise_cannot_be_kept_twice(void **state)
{
    struct testdb *t = *state;
    int64_t id = make_promise(t, NULL);
    struct problems pr = {0};
    assert_int_equal(promise_keep(t->db, &t->agent, id, "連絡済み", &pr),
                     TAIO_OK);
    assert_int_equal(promise_keep(t->db, &t->agent, id, NULL, &pr),
                     TAIO_ECONFLICT);
    assert_true(problems_has(&pr, "promise"));
    problems_clear(&pr);
    assert_int_equal(promise_cancel(t->db, &t->agent, id, "不要", &pr),
                     TAIO_ECONFLICT);
    problems_clear(&pr);
    struct promise p;
    assert_int_equal(promise_get(t->db, id, &p), TAIO_OK);
    assert_int_equal(p.state, PROMISE_KEPT);
    assert_true(promise_on_time(&p));
    promise_clear(&p);
}

/* Renegotiating needs consent and a future time, and links old and new
 * both ways. */
static void test_renegotiation_links_and_needs_consent(void **state)
{
    struct testdb *t = *state;
    int64_t id = make_promise(t, NULL);
    struct problems pr = {0};
    int64_t new_id = 0;
    assert_int_equal(promise_renegotiate(t->db, &t->agent, id,
                                         t->agent.now + 7200, NULL, NULL,
                                         &pr, &new_id),
                     TAIO_EINVAL);
    assert_true(problems_has(&pr, "consented_by"));
    problems_clear(&pr);
    assert_int_equal(promise_renegotiate(t->db, &t->agent, id,
                                         t->agent.now - 60, "田中 一郎",
                                         NULL, &pr, &new_id),
                     TAIO_EINVAL);
    assert_true(problems_has(&pr, "due"));
    problems_clear(&pr);
    assert_int_equal(promise_renegotiate(t->db, &t->agent, id,
                                         t->agent.now + 7200, "田中 一郎",
                                         "部品待ち", &pr, &new_id),
                     TAIO_OK);
    struct promise old;
    struct promise next;
    assert_int_equal(promise_get(t->db, id, &old), TAIO_OK);
    assert_int_equal(promise_get(t->db, new_id, &next), TAIO_OK);
    assert_int_equal(old.state, PROMISE_RENEGOTIATED);
    assert_int_equal(old.successor_id, new_id);
    assert_int_equal(next.predecessor_id, id);
    assert_int_equal(next.state, PROMISE_OPEN);
    assert_string_equal(next.consented_by, "田中 一郎");
    assert_string_equal(next.to_whom, old.to_whom);
    assert_int_equal(next.due_at, t->agent.now + 7200);
    promise_clear(&old);
    promise_clear(&next);
}

/* Keeping after the due time is allowed but not on time. */
static void test_keeping_late_is_not_on_time(void **state)
{
    struct testdb *t = *state;
    int64_t id = make_promise(t, NULL);
    struct actor late = t->agent;
    late.now += 2 * 3600;
    struct problems pr = {0};
    assert_int_equal(promise_keep(t->db, &late, id, NULL, &pr), TAIO_OK);
    struct promise p;
    assert_int_equal(promise_get(t->db, id, &p), TAIO_OK);
    assert_int_equal(p.state, PROMISE_KEPT);
    assert_false(promise_on_time(&p));
    promise_clear(&p);
}

/* A promise due in the past, or on a closed case, is refused; a viewer
 * cannot promise anything. */
static void test_promise_refused_in_the_past_and_on_closed_cases(
    void **state)
{
    struct testdb *t = *state;
    int64_t case_id = 0;
    int64_t id = make_promise(t, &case_id);
    struct problems pr = {0};
    struct promise_input pin = {.case_id = case_id, .to_whom = "田中",
                                .due_at = t->agent.now - 1,
                                .remind_min = -1};
    assert_int_equal(promise_add(t->db, &t->agent, &pin, 15, &pr, NULL),
                     TAIO_EINVAL);
    assert_true(problems_has(&pr, "due"));
    problems_clear(&pr);
    pin.due_at = t->agent.now + 60;
    assert_int_equal(promise_add(t->db, &t->viewer, &pin, 15, &pr, NULL),
                     TAIO_EPERM);
    assert_int_equal(promise_keep(t->db, &t->agent, id, NULL, &pr), TAIO_OK);
    assert_int_equal(case_set_status(t->db, &t->agent, case_id, "resolved",
                                     NULL, &pr),
                     TAIO_OK);
    assert_int_equal(case_set_status(t->db, &t->agent, case_id, "closed",
                                     NULL, &pr),
                     TAIO_OK);
    assert_int_equal(promise_add(t->db, &t->agent, &pin, 15, &pr, NULL),
                     TAIO_EINVAL);
    assert_true(problems_has(&pr, "case"));
    problems_clear(&pr);
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
        cmocka_unit_test_setup_teardown(
            test_promise_defaults_come_from_the_case, testdb_setup,
            testdb_teardown),
        cmocka_unit_test_setup_teardown(test_open_promise_past_due_is_broken,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(test_promise_cannot_be_kept_twice,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(
            test_renegotiation_links_and_needs_consent, testdb_setup,
            testdb_teardown),
        cmocka_unit_test_setup_teardown(test_keeping_late_is_not_on_time,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(
            test_promise_refused_in_the_past_and_on_closed_cases,
            testdb_setup, testdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, release);
}
