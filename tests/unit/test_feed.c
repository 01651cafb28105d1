/* SPDX-License-Identifier: MIT */
/* The calendar feed (feed.c) parsed back with libical, its token's life,
 * and the scheduler's once-per-event rule (schedule.c, notify.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "feed.h"
#include "promise.h"
#include "schedule.h"
#include "testdb.h"

/* A case of the agent's with a deadline, and a promise due in an hour
 * with a 15-minute reminder. */
static void make_case(struct testdb *t)
{
    struct case_open_input in = {.kind = "trouble", .title = "停止",
                                 .reported = "止まった",
                                 .customer_id = t->customer_id,
                                 .contact_id = t->contact_id,
                                 .deadline_at = t->agent.now + 86400};
    struct problems p = {0};
    int64_t case_id = 0;
    assert_int_equal(case_open(t->db, &t->agent, t->settings.zone, &in, &p,
                               &case_id),
                     TAIO_OK);
    struct promise_input pin = {.case_id = case_id,
                                .contact_id = t->contact_id,
                                .due_at = t->agent.now + 3600,
                                .remind_min = -1};
    assert_int_equal(promise_add(t->db, &t->agent, &pin, 15, &p, NULL),
                     TAIO_OK);
    problems_clear(&p);
}

/* The feed parses, holds one event per promise and deadline, each with
 * its alarm. */
static void test_feed_parses_with_libical(void **state)
{
    struct testdb *t = *state;
    make_case(t);
    struct buf text = {0};
    assert_int_equal(feed_render(t->db, t->settings.zone, t->agent.user_id,
                                 t->agent.now, &text),
                     TAIO_OK);
    icalcomponent *cal = icalparser_parse_string(buf_str(&text));
    assert_non_null(cal);
    assert_int_equal(icalcomponent_count_errors(cal), 0);
    assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT),
                     2);
    icalcomponent *ev = icalcomponent_get_first_component(
        cal, ICAL_VEVENT_COMPONENT);
    assert_string_equal(icalcomponent_get_uid(ev), "promise-1@taio");
    struct icaltimetype start = icalcomponent_get_dtstart(ev);
    assert_int_equal((int64_t)icaltime_as_timet_with_zone(
                         start, icaltimezone_get_utc_timezone()),
                     t->agent.now + 3600);
    icalcomponent *alarm =
        icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
    assert_non_null(alarm);
    struct icaltriggertype trigger = icalproperty_get_trigger(
        icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
    assert_int_equal(icaldurationtype_as_int(trigger.duration), -15 * 60);
    assert_non_null(strstr(icalcomponent_get_summary(ev), "田中 一郎"));
    icalcomponent_free(cal);
    buf_clear(&text);
}

/* Only the latest token opens the feed; revoking closes it. */
static void test_feed_token_is_replaced_and_revoked(void **state)
{
    struct testdb *t = *state;
    char *first = NULL;
    char *second = NULL;
    assert_int_equal(feed_issue(t->db, &t->agent, &first), TAIO_OK);
    assert_int_equal(feed_issue(t->db, &t->agent, &second), TAIO_OK);
    int64_t user = 0;
    enum i18n_lang lang = I18N_EN;
    assert_int_equal(feed_owner(t->db, first, &user, &lang), TAIO_ENOTFOUND);
    assert_int_equal(feed_owner(t->db, second, &user, &lang), TAIO_OK);
    assert_int_equal(user, t->agent.user_id);
    assert_int_equal(lang, I18N_EN); /* they chose none: as it was */
    assert_int_equal(user_set_lang(t->db, user, "ja"), TAIO_OK);
    assert_int_equal(feed_owner(t->db, second, &user, &lang), TAIO_OK);
    assert_int_equal(lang, I18N_JA);
    assert_int_equal(feed_revoke(t->db, &t->agent), TAIO_OK);
    assert_int_equal(feed_owner(t->db, second, &user, &lang),
                     TAIO_ENOTFOUND);
    free(first);
    free(second);
}

/* A pass of the scheduler tells each event once, however often it runs;
 * a renegotiated promise is a new event. */
static void test_each_event_is_told_once(void **state)
{
    struct testdb *t = *state;
    make_case(t);
    int64_t due_soon = t->agent.now + 3600 - 10 * 60;
    struct schedule_counts c = {0};
    assert_int_equal(schedule_tick(t->db, &t->settings, I18N_EN, due_soon,
                                   &c),
                     TAIO_OK);
    assert_int_equal(c.notified, 2); /* the promise due, and no ETA yet */
    assert_int_equal(schedule_tick(t->db, &t->settings, I18N_EN,
                                   due_soon + 60, &c),
                     TAIO_OK);
    assert_int_equal(c.notified, 0);
    struct actor later = t->agent;
    later.now = due_soon + 120;
    struct problems p = {0};
    assert_int_equal(promise_renegotiate(t->db, &later, 1,
                                         later.now + 600, "田中", NULL, &p,
                                         NULL),
                     TAIO_OK);
    assert_int_equal(schedule_tick(t->db, &t->settings, I18N_EN,
                                   later.now + 60, &c),
                     TAIO_OK);
    assert_int_equal(c.notified, 1); /* the moved promise, due again */
    problems_clear(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_feed_parses_with_libical,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(test_feed_token_is_replaced_and_revoked,
                                        testdb_setup, testdb_teardown),
        cmocka_unit_test_setup_teardown(test_each_event_is_told_once,
                                        testdb_setup, testdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
