/* SPDX-License-Identifier: MIT */
/*
 * schedule.c - what is due and whom to tell: one pass of the scheduler.
 *
 * A tick takes the whole team's agenda at a moment (agenda.c's rules:
 * promises due within their lead time or broken, silent cases, no ETA,
 * deadlines at risk) and turns each item into notifications (notify.c),
 * each event told to each person once however often ticks run:
 *
 *   promise due        the promise's owner
 *   promise broken     the owner and the owner's manager
 *   silent, no ETA     the case's owner
 *   deadline at risk   the owner and the owner's manager
 *   not acknowledged   the owner's manager and the owner: a case still
 *                      "new" longer than the escalation rules allow for
 *                      its kind or impact (escalate.kinds,
 *                      escalate.impacts; wall time)
 *
 * A case nobody owns goes to the managers. Someone who is out or off
 * today has a stand-in: their manager gets it instead, and the message
 * says for whom. Webhooks (hook.c) get every event once. The whole pass
 * is one transaction.
 */
#include "schedule.h"

#include <stdio.h>
#include <stdlib.h>

#include "agenda.h"
#include "core/validate.h"
#include "hook.h"
#include "notify.h"
#include "user.h"

/* Most people told of one item (owner or managers, plus a manager). */
#define MAX_TOLD 8

/* Where a person is and who stands in for them. */
static const char SQL_PERSON[] =
    "SELECT presence, manager_id FROM users WHERE id = $1 AND active = 1";

/* Who looks after cases nobody owns. */
static const char SQL_MANAGERS[] =
    "SELECT id FROM users WHERE role = 'manager' AND active = 1 ORDER BY id"
    " LIMIT 4";

/* Cases still new since before $1, the oldest first: the candidates of
 * the escalation rules. */
static const char SQL_UNACKNOWLEDGED[] =
    "SELECT c.id, c.number, c.title, cu.name, c.kind, c.impact,"
    "  c.received_at, c.owner_id"
    "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
    " WHERE c.is_open = 1 AND c.status = 'new' AND c.received_at <= $1"
    " ORDER BY c.received_at";

/* The presence and manager of user_id; false when not an active user. */
static bool person(struct db *db, int64_t user_id, bool *away,
                   int64_t *manager_id)
{
    *away = false;
    *manager_id = 0;
    struct db_stmt *st = NULL;
    if (db_prepare(db, SQL_PERSON, &st) != TAIO_OK) {
        return false;
    }
    db_bind_int64(st, 1, user_id);
    bool found = db_step(st) == DB_ROW;
    if (found) {
        enum user_presence p = PRESENCE_IN;
        user_presence_parse(db_col_text(st, 0), &p);
        *away = p == PRESENCE_OUT || p == PRESENCE_OFF;
        *manager_id = db_col_int64(st, 1);
    }
    db_finalize(st);
    return found;
}

/* The people to tell about a case owned by owner_id (0: nobody): the
 * owner, or the managers when nobody owns it; and, when manager_too, the
 * owner's manager. */
static size_t who_to_tell(struct db *db, int64_t owner_id, bool manager_too,
                          int64_t told[MAX_TOLD])
{
    size_t n = 0;
    if (owner_id) {
        told[n++] = owner_id;
    } else {
        struct db_stmt *st = NULL;
        if (db_prepare(db, SQL_MANAGERS, &st) == TAIO_OK) {
            while (n < MAX_TOLD - 1 && db_step(st) == DB_ROW) {
                told[n++] = db_col_int64(st, 0);
            }
            db_finalize(st);
        }
    }
    bool away = false;
    int64_t manager = 0;
    if (manager_too && owner_id && person(db, owner_id, &away, &manager) &&
        manager) {
        told[n++] = manager;
    }
    return n;
}

/* The event's key: its kind, what it is about, and the moment that makes
 * it a new event (a promise moved to a new time, a new last contact, a
 * new deadline is another event). */
static void event_key(const struct agenda_item *it, char *out, size_t size)
{
    switch (it->kind) {
    case AGENDA_PROMISE_BROKEN:
    case AGENDA_PROMISE_DUE:
        snprintf(out, size, "%s:%lld:%lld", AGENDA_KIND_NAMES[it->kind],
                 (long long)it->promise_id, (long long)it->due_at);
        break;
    case AGENDA_SILENT:
        snprintf(out, size, "silent:%lld:%lld", (long long)it->case_id,
                 (long long)it->last_outbound_at);
        break;
    case AGENDA_NO_ETA:
        snprintf(out, size, "no_eta:%lld", (long long)it->case_id);
        break;
    case AGENDA_DEADLINE_RISK:
        snprintf(out, size, "deadline_risk:%lld:%lld",
                 (long long)it->case_id, (long long)it->due_at);
        break;
    case AGENDA_KIND_COUNT:
        out[0] = '\0';
        break;
    }
}

/* The notify kind of an agenda kind (the same events, in order). */
static enum notify_kind kind_of(enum agenda_kind kind)
{
    static const enum notify_kind KINDS[] = {
        [AGENDA_PROMISE_BROKEN] = NOTIFY_PROMISE_BROKEN,
        [AGENDA_PROMISE_DUE] = NOTIFY_PROMISE_DUE,
        [AGENDA_SILENT] = NOTIFY_SILENT,
        [AGENDA_NO_ETA] = NOTIFY_NO_ETA,
        [AGENDA_DEADLINE_RISK] = NOTIFY_DEADLINE_RISK,
    };
    return KINDS[kind];
}

/* Tell one person (or, when they are away, their stand-in) of ev. */
static enum taio_status tell_one(struct db *db, const struct settings *s,
                                 enum i18n_lang lang, struct notify_event *ev,
                                 int64_t user_id, int64_t now,
                                 struct schedule_counts *counts)
{
    bool away = false;
    int64_t manager = 0;
    ev->user_id = user_id;
    ev->stand_in_for = 0;
    if (person(db, user_id, &away, &manager) && away && manager) {
        ev->user_id = manager;
        ev->stand_in_for = user_id;
    }
    bool created = false;
    enum taio_status status =
        notify_raise(db, s->zone, lang, ev, now, &created);
    counts->notified += created ? 1 : 0;
    return status;
}

/* Tell everyone concerned of item it. */
static enum taio_status tell(struct db *db, const struct settings *s,
                             enum i18n_lang lang,
                             const struct agenda_item *it, int64_t now,
                             struct schedule_counts *counts)
{
    char key[96];
    event_key(it, key, sizeof(key));
    struct notify_event ev = {
        .kind = kind_of(it->kind),
        .key = key,
        .case_id = it->case_id,
        .case_number = it->case_number,
        .case_title = it->case_title,
        .customer_name = it->customer_name,
        .promise_id = it->promise_id,
        .promise_body = it->promise_body,
        .to_whom = it->to_whom,
        .at = it->kind == AGENDA_SILENT   ? it->last_outbound_at
              : it->kind == AGENDA_NO_ETA ? it->since_at
                                          : it->due_at,
    };
    int64_t told[MAX_TOLD];
    bool manager_too = it->kind == AGENDA_PROMISE_BROKEN ||
                       it->kind == AGENDA_DEADLINE_RISK;
    size_t n = who_to_tell(db, it->owner_id, manager_too, told);
    /* Webhooks get each event once, in the organisation's language. */
    enum taio_status status = hook_enqueue(db, s->zone, &ev, now);
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        status = tell_one(db, s, lang, &ev, told[i], now, counts);
    }
    return status;
}

/* The escalation rules' limit for a case of kind and impact, minutes (0:
 * no rule). */
static int64_t escalation_limit(const struct settings *s, int kind,
                                int impact)
{
    int64_t by_kind = kind >= 0 ? s->escalate_kind_min[kind] : 0;
    int64_t by_impact = impact >= 0 ? s->escalate_impact_min[impact] : 0;
    if (by_kind && by_impact) {
        return by_kind < by_impact ? by_kind : by_impact;
    }
    return by_kind ? by_kind : by_impact;
}

/* The escalation rules: every case still new past its limit goes to the
 * owner's manager (the managers, when nobody owns it) and the owner. */
static enum taio_status escalate(struct db *db, const struct settings *s,
                                 enum i18n_lang lang, int64_t now,
                                 struct schedule_counts *counts)
{
    int64_t shortest = 0;
    for (int k = 0; k < CASE_KIND_COUNT; k++) {
        for (int i = 0; i < CASE_IMPACT_COUNT; i++) {
            int64_t limit = escalation_limit(s, k, i);
            shortest = limit && (!shortest || limit < shortest) ? limit
                                                                : shortest;
        }
    }
    if (shortest == 0) {
        return TAIO_OK;
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_UNACKNOWLEDGED, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, now - 60 * shortest);
    enum db_step step = DB_DONE;
    while (status == TAIO_OK && (step = db_step(st)) == DB_ROW) {
        int kind = validate_index(db_col_text(st, 4), CASE_KIND_NAMES);
        int impact = validate_index(db_col_text(st, 5), CASE_IMPACT_NAMES);
        int64_t limit = escalation_limit(s, kind, impact);
        int64_t received = db_col_int64(st, 6);
        if (limit == 0 || received + 60 * limit > now) {
            continue;
        }
        char key[64];
        snprintf(key, sizeof(key), "unacknowledged:%lld",
                 (long long)db_col_int64(st, 0));
        struct notify_event ev = {
            .kind = NOTIFY_UNACKNOWLEDGED,
            .key = key,
            .case_id = db_col_int64(st, 0),
            .case_number = db_col_text(st, 1),
            .case_title = db_col_text(st, 2),
            .customer_name = db_col_text(st, 3),
            .at = received,
        };
        int64_t told[MAX_TOLD];
        size_t n = who_to_tell(db, db_col_int64(st, 7), true, told);
        status = hook_enqueue(db, s->zone, &ev, now);
        for (size_t i = 0; status == TAIO_OK && i < n; i++) {
            status = tell_one(db, s, lang, &ev, told[i], now, counts);
        }
    }
    if (status == TAIO_OK && step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* One pass of the scheduler at now: every item on the team's agenda
 * becomes notifications for the people concerned, each event told to
 * each person once (mails in their language, else lang). One transaction.
 * *counts: the items seen and the notifications written. */
enum taio_status schedule_tick(struct db *db, const struct settings *s,
                               enum i18n_lang lang, int64_t now,
                               struct schedule_counts *counts)
{
    counts->items = 0;
    counts->notified = 0;
    struct agenda_item *items = NULL;
    size_t n = 0;
    enum taio_status status = agenda_collect(db, s, 0, now, &items, &n);
    if (status == TAIO_OK) {
        status = db_begin(db);
    }
    if (status == TAIO_OK) {
        for (size_t i = 0; status == TAIO_OK && i < n; i++) {
            status = tell(db, s, lang, &items[i], now, counts);
        }
        if (status == TAIO_OK) {
            status = escalate(db, s, lang, now, counts);
        }
        counts->items = n;
        status = db_end(db, status);
    }
    agenda_free(items, n);
    return status;
}
