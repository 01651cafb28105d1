/* SPDX-License-Identifier: MIT */
/*
 * feed.c - each person's calendar feed: their open promises and the
 * business deadlines of their open cases as an iCalendar document
 * (RFC 5545, written with libical), each with an alarm, for any calendar
 * app to subscribe to.
 *
 * Owns the calendar_feeds table. A feed is read through a private address
 * holding a random token; only its hash is stored, issuing a new one
 * replaces the old, and revoking deletes it. Events keep their UID across
 * reads, so a moved promise moves in the calendar instead of appearing
 * twice.
 */
#include "feed.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/secret.h"
#include "core/validate.h"

/* Minutes a promise is shown as taking in the calendar. */
#define PROMISE_MINUTES 15
/* The alarm before a deadline, minutes. */
#define DEADLINE_ALARM_MIN 60

static const char SQL_ISSUE[] =
    "INSERT INTO calendar_feeds (user_id, token_hash, created_at)"
    " VALUES ($1, $2, $3)"
    " ON CONFLICT (user_id) DO UPDATE SET token_hash = $2, created_at = $3";

static const char SQL_REVOKE[] =
    "DELETE FROM calendar_feeds WHERE user_id = $1";

static const char SQL_OWNER[] =
    "SELECT f.user_id, u.lang FROM calendar_feeds f"
    "  JOIN users u ON u.id = f.user_id"
    " WHERE f.token_hash = $1 AND u.active = 1";

static const char SQL_PROMISES[] =
    "SELECT p.id, p.due_at, p.remind_min, p.body, p.to_whom, c.number,"
    "  c.title, cu.name"
    "  FROM promises p JOIN cases c ON c.id = p.case_id"
    "  JOIN customers cu ON cu.id = c.customer_id"
    " WHERE p.owner_id = $1 AND p.state = 'open' ORDER BY p.due_at";

static const char SQL_DEADLINES[] =
    "SELECT c.id, c.deadline_at, c.number, c.title, cu.name FROM cases c"
    "  JOIN customers cu ON cu.id = c.customer_id"
    " WHERE c.owner_id = $1 AND c.is_open = 1 AND c.deadline_at IS NOT NULL"
    " ORDER BY c.deadline_at";

/* Issue a new feed address for the actor (replacing any earlier one, which
 * stops working). *token_out (free with free()) is the token of the
 * address, shown once. */
enum taio_status feed_issue(struct db *db, const struct actor *actor,
                            char **token_out)
{
    *token_out = NULL;
    if (actor->user_id == 0) {
        return TAIO_EPERM;
    }
    char *token = secret_random("cal_");
    char hash[SECRET_HASH_HEX];
    secret_hash(token, hash);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ISSUE, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, actor->user_id);
        db_bind_text(st, 2, hash);
        db_bind_int64(st, 3, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        *token_out = token;
    } else {
        free(token);
    }
    return status;
}

/* Stop the actor's feed address from working. */
enum taio_status feed_revoke(struct db *db, const struct actor *actor)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_REVOKE, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, actor->user_id);
        status = db_run(st);
    }
    return status;
}

/* Whose feed token is: *user_id, and in *lang the language they chose
 * (left as it is when they chose none); or TAIO_ENOTFOUND for an unknown,
 * replaced or revoked token (or a deactivated user). */
enum taio_status feed_owner(struct db *db, const char *token,
                            int64_t *user_id, enum i18n_lang *lang)
{
    *user_id = 0;
    char hash[SECRET_HASH_HEX];
    secret_hash(token, hash);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_OWNER, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, hash);
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        *user_id = db_col_int64(st, 0);
        const char *chosen = db_col_text(st, 1);
        int named = chosen ? validate_index(chosen, I18N_LANG_NAMES) : -1;
        if (named >= 0) {
            *lang = (enum i18n_lang)named;
        }
    } else {
        status = step == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* A UTC date-time property value for at. */
static struct icaltimetype utc(int64_t at)
{
    return icaltime_from_timet_with_zone((time_t)at, 0,
                                         icaltimezone_get_utc_timezone());
}

/* An event of minutes at at, with an alarm alarm_min before. The summary
 * and description are copied. */
static icalcomponent *event(const char *uid, int64_t at, int minutes,
                            int alarm_min, const char *summary,
                            const char *description, int64_t now)
{
    icalcomponent *ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(uid));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(now)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(at)));
    icalcomponent_add_property(
        ev, icalproperty_new_dtend(utc(at + 60 * (int64_t)minutes)));
    icalcomponent_add_property(ev, icalproperty_new_summary(summary));
    icalcomponent_add_property(ev, icalproperty_new_description(description));
    icalcomponent *alarm = icalcomponent_new_valarm();
    icalcomponent_add_property(alarm,
                               icalproperty_new_action(ICAL_ACTION_DISPLAY));
    icalcomponent_add_property(alarm, icalproperty_new_description(summary));
    struct icaltriggertype trigger = {0};
    trigger.time = icaltime_null_time();
    trigger.duration = icaldurationtype_from_int(-60 * alarm_min);
    icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
    icalcomponent_add_component(ev, alarm);
    return ev;
}

/* One event as a row describes it. */
struct event_text {
    char uid[64];
    int64_t at;
    int minutes;
    int alarm_min;
    struct buf summary;
    struct buf description;
};

/* An open promise (SQL_PROMISES row) as an event. */
static void promise_event(struct db_stmt *st, struct event_text *e)
{
    snprintf(e->uid, sizeof(e->uid), "promise-%lld@taio",
             (long long)db_col_int64(st, 0));
    e->at = db_col_int64(st, 1);
    e->minutes = PROMISE_MINUTES;
    e->alarm_min = (int)db_col_int64(st, 2);
    buf_printf(&e->summary, _("Promise to %s: %s"), db_col_text(st, 4),
               db_col_text(st, 3));
    buf_printf(&e->description, "%s %s / %s", db_col_text(st, 5),
               db_col_text(st, 7), db_col_text(st, 6));
}

/* A business deadline (SQL_DEADLINES row) as an event. */
static void deadline_event(struct db_stmt *st, struct event_text *e)
{
    snprintf(e->uid, sizeof(e->uid), "deadline-%lld@taio",
             (long long)db_col_int64(st, 0));
    e->at = db_col_int64(st, 1);
    e->minutes = 0;
    e->alarm_min = DEADLINE_ALARM_MIN;
    buf_printf(&e->summary, _("Deadline: %s %s"), db_col_text(st, 2),
               db_col_text(st, 4));
    buf_printf(&e->description, "%s", db_col_text(st, 3));
}

/* The rows of sql for user_id, each made an event by describe, into
 * cal. */
static enum taio_status add_events(struct db *db, const char *sql,
                                   void (*describe)(struct db_stmt *,
                                                    struct event_text *),
                                   int64_t user_id, int64_t now,
                                   icalcomponent *cal)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        struct event_text e = {0};
        describe(st, &e);
        icalcomponent_add_component(
            cal, event(e.uid, e.at, e.minutes, e.alarm_min,
                       buf_str(&e.summary), buf_str(&e.description), now));
        buf_clear(&e.summary);
        buf_clear(&e.description);
    }
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* The feed of user_id at now as iCalendar text into out: a VEVENT with a
 * VALARM for each open promise (alarm at its reminder lead time) and for
 * each business deadline of an open case (an hour before). Texts in the
 * thread's language; times in UTC. zone names the calendar. */
enum taio_status feed_render(struct db *db, const struct tz *zone,
                             int64_t user_id, int64_t now, struct buf *out)
{
    icalcomponent *cal = icalcomponent_new_vcalendar();
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//taio//desk//EN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty *name = icalproperty_new_x(_("taio promises"));
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal, name);
    icalproperty *tzid = icalproperty_new_x(tz_name(zone));
    icalproperty_set_x_name(tzid, "X-WR-TIMEZONE");
    icalcomponent_add_property(cal, tzid);
    enum taio_status status =
        add_events(db, SQL_PROMISES, promise_event, user_id, now, cal);
    if (status == TAIO_OK) {
        status =
            add_events(db, SQL_DEADLINES, deadline_event, user_id, now, cal);
    }
    if (status == TAIO_OK) {
        char *text = icalcomponent_as_ical_string_r(cal);
        buf_puts(out, text);
        free(text);
    }
    icalcomponent_free(cal);
    return status;
}
