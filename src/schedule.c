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
 *   promise broken     the owner and the owner's manager, and whoever
 *                      took it when promise.tell_taker is yes
 *   silent, no ETA     the case's owner
 *   deadline at risk   the owner and the owner's manager
 *   not acknowledged   the owner's manager and the owner: a case still
 *                      "new" longer than the escalation rules allow for
 *                      its kind or impact (escalate.kinds,
 *                      escalate.impacts; wall time)
 *   report due         the owner and the owner's manager: resolved, and
 *                      its report not submitted by the end of that
 *                      business day (report.due = same_day)
 *
 * A case nobody owns goes to the managers. Someone who is out or off
 * has a stand-in: the colleague named as such when at work, else their
 * manager, gets it instead, and the message says for whom. Webhooks (hook.c) get every event once. The whole pass
 * is one transaction.
 */
#include "schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "core/validate.h"
#include "hook.h"
#include "notify.h"
#include "user.h"

/* Most people told of one item (owner or managers, plus a manager). */
#define MAX_TOLD 8
/* Seconds between sweeps of every open case. */
#define SWEEP_EVERY 3600
/* How far back the first pass looks for promises that came due. */
#define FIRST_LOOKBACK 86400

/* Who took a promise (0: the system). */
static const char SQL_TAKER[] =
    "SELECT COALESCE(taken_by, 0) FROM promises WHERE id = $1";

/* Where a person is, their manager, and who stands in for them. */
static const char SQL_PERSON[] =
    "SELECT presence, manager_id, stand_in_id FROM users"
    " WHERE id = $1 AND active = 1";

/* Who looks after cases nobody owns. */
static const char SQL_MANAGERS[] =
    "SELECT id FROM users WHERE role = 'manager' AND active = 1 ORDER BY id"
    " LIMIT 4";

/* Cases still new, received in [$2, $1]: the candidates of the
 * escalation rules. */
static const char SQL_UNACKNOWLEDGED[] =
    "SELECT c.id, c.number, c.title, cu.name, c.kind, c.impact,"
    "  c.received_at, c.owner_id"
    "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
    " WHERE c.is_open = 1 AND c.status = 'new' AND c.received_at <= $1"
    "   AND c.received_at >= $2"
    " ORDER BY c.received_at";

/* Resolved cases that need a report not yet submitted (none, a draft or
 * returned) and not waived, resolved since $1. */
static const char SQL_REPORTS_OWED[] =
    "SELECT c.id, c.number, c.title, cu.name, c.resolved_at, c.owner_id"
    "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
    "  LEFT JOIN reports r ON r.case_id = c.id"
    " WHERE c.report_required = 1 AND c.report_waived_at IS NULL"
    "   AND c.resolved_at >= $1 AND c.resolved_at < $2"
    "   AND (r.state IS NULL OR r.state IN ('draft', 'returned'))";

static const char SQL_STATE[] =
    "SELECT passed_at, swept_at FROM schedule_state WHERE id = 1";

static const char SQL_STATE_SET[] =
    "INSERT INTO schedule_state (id, passed_at, swept_at) VALUES (1, $1, $2)"
    " ON CONFLICT (id) DO UPDATE SET passed_at = $1, swept_at = $2";

/* Open cases changed since $1 (that second included: a change in the
 * second of the last pass may have come after it), and cases due to be
 * looked at by $2. */
static const char SQL_TO_CHECK[] =
    "SELECT id FROM cases WHERE is_open = 1 AND updated_at >= $1"
    " UNION SELECT case_id FROM case_watch WHERE next_at <= $2";

static const char SQL_WATCH_SET[] =
    "INSERT INTO case_watch (case_id, next_at) VALUES ($1, $2)"
    " ON CONFLICT (case_id) DO UPDATE SET next_at = $2";

static const char SQL_WATCH_DROP[] =
    "DELETE FROM case_watch WHERE case_id = $1";

/* Whether user_id is away (out or off), their manager and their stand-in
 * (0: none named); false when not an active user. */
static bool person_full(struct db *db, int64_t user_id, bool *away,
                        int64_t *manager_id, int64_t *stand_in_id)
{
    *away = false;
    *manager_id = 0;
    *stand_in_id = 0;
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
        *stand_in_id = db_col_int64(st, 2);
    }
    db_finalize(st);
    return found;
}

/* Whether user_id is away, and their manager; false when not active. */
static bool person(struct db *db, int64_t user_id, bool *away,
                   int64_t *manager_id)
{
    int64_t stand_in_id = 0;
    return person_full(db, user_id, away, manager_id, &stand_in_id);
}

/* Who takes user_id's reminders now: themself when at work; while they
 * are out or off, their stand-in when that one is at work, else their
 * manager (themself when they have neither). */
static int64_t taker_now(struct db *db, int64_t user_id)
{
    bool away = false;
    int64_t manager = 0;
    int64_t stand_in = 0;
    if (!person_full(db, user_id, &away, &manager, &stand_in) || !away) {
        return user_id;
    }
    bool stand_in_away = true;
    int64_t unused = 0;
    if (stand_in && person(db, stand_in, &stand_in_away, &unused) &&
        !stand_in_away) {
        return stand_in;
    }
    return manager ? manager : user_id;
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

/* Add whoever took promise id to told (n entries so far) when they are not
 * there yet; returns how many were added (0 or 1). */
static size_t taker(struct db *db, int64_t id, int64_t told[MAX_TOLD],
                    size_t n)
{
    struct db_stmt *st = NULL;
    int64_t user_id = 0;
    if (n >= MAX_TOLD || db_prepare(db, SQL_TAKER, &st) != TAIO_OK) {
        return 0;
    }
    db_bind_int64(st, 1, id);
    if (db_fetch_one(st, db_read_int64, &user_id) != TAIO_OK ||
        user_id == 0) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (told[i] == user_id) {
            return 0;
        }
    }
    told[n] = user_id;
    return 1;
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

/* One pass at work: what every step of it shares. */
struct pass {
    struct db *db;
    const struct settings *s;
    enum i18n_lang lang;           /* for people who chose none */
    int64_t now;
    const struct hook *hooks;      /* the webhooks, read once a pass */
    size_t n_hooks;
    struct schedule_counts *counts;
};

/* Tell one person (or, when they are away, who stands in) of ev. */
static enum taio_status tell_one(const struct pass *pa,
                                 struct notify_event *ev, int64_t user_id)
{
    ev->user_id = taker_now(pa->db, user_id);
    ev->stand_in_for = ev->user_id != user_id ? user_id : 0;
    bool created = false;
    enum taio_status status =
        notify_raise(pa->db, pa->s->zone, pa->lang, ev, pa->now, &created);
    pa->counts->notified += created ? 1 : 0;
    return status;
}

/* Post ev to the webhooks (once per event, in the thread's language) and
 * tell the n people in told. */
static enum taio_status tell_event(const struct pass *pa,
                                   struct notify_event *ev,
                                   const int64_t *told, size_t n)
{
    enum taio_status status = hook_enqueue(pa->db, pa->s->zone, pa->hooks,
                                           pa->n_hooks, ev, pa->now);
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        status = tell_one(pa, ev, told[i]);
    }
    return status;
}

/* Tell everyone concerned of item it. */
static enum taio_status tell(const struct pass *pa,
                             const struct agenda_item *it)
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
    size_t n = who_to_tell(pa->db, it->owner_id, manager_too, told);
    if (it->kind == AGENDA_PROMISE_BROKEN && pa->s->promise_tell_taker) {
        n += taker(pa->db, it->promise_id, told, n);
    }
    return tell_event(pa, &ev, told, n);
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

/* The escalation rules: every case still new that passed its limit after
 * from (0: at any time) goes to the owner's manager (the managers, when
 * nobody owns it) and the owner. */
static enum taio_status escalate(const struct pass *pa, int64_t from)
{
    struct db *db = pa->db;
    const struct settings *s = pa->s;
    int64_t now = pa->now;
    int64_t shortest = 0;
    int64_t longest = 0;
    for (int k = 0; k < CASE_KIND_COUNT; k++) {
        for (int i = 0; i < CASE_IMPACT_COUNT; i++) {
            int64_t limit = escalation_limit(s, k, i);
            shortest = limit && (!shortest || limit < shortest) ? limit
                                                                : shortest;
            longest = limit > longest ? limit : longest;
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
    db_bind_int64(st, 2, from ? from - 60 * longest : 0);
    enum db_step step = DB_DONE;
    while (status == TAIO_OK && (step = db_step(st)) == DB_ROW) {
        int kind = validate_index(db_col_text(st, 4), CASE_KIND_NAMES);
        int impact = validate_index(db_col_text(st, 5), CASE_IMPACT_NAMES);
        int64_t limit = escalation_limit(s, kind, impact);
        int64_t received = db_col_int64(st, 6);
        if (limit == 0 || received + 60 * limit > now ||
            (from && received + 60 * limit <= from)) {
            continue; /* not past it, or past it before the last pass */
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
        status = tell_event(pa, &ev, told, n);
    }
    if (status == TAIO_OK && step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* How far back a pass looks for resolved cases whose report is owed:
 * a reminder comes once, at the end of the business day of resolution,
 * and a week covers a long holiday. */
#define REPORT_LOOKBACK (8 * 86400)

/* The same-day rule (report.due = same_day): a case resolved whose
 * report is not submitted by the end of that business day is told to its
 * owner and the owner's manager, once per resolution. The cases read are
 * those whose business day closed since from (the last pass; 0: within
 * the lookback), a range of resolution times: between one pass and the
 * next within a business day it is empty. A resolution written with a
 * time before the last pass's range (committed late, or backdated) is
 * found by the next sweep, which reads the whole lookback. */
static enum taio_status reports_due(const struct pass *pa, int64_t from)
{
    if (!pa->s->report_same_day) {
        return TAIO_OK;
    }
    struct calendar cal;
    settings_calendar(pa->s, &cal);
    int64_t lo = pa->now - REPORT_LOOKBACK;
    int64_t closed_by_from = 0;
    if (from && calendar_day_end_before(&cal, from, &closed_by_from) ==
                    TAIO_OK && closed_by_from > lo) {
        lo = closed_by_from;
    }
    int64_t hi = 0;
    if (calendar_day_end_before(&cal, pa->now, &hi) != TAIO_OK || hi <= lo) {
        return TAIO_OK; /* no business day closed since */
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(pa->db, SQL_REPORTS_OWED, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, lo);
    db_bind_int64(st, 2, hi);
    enum db_step step = DB_DONE;
    while (status == TAIO_OK && (step = db_step(st)) == DB_ROW) {
        int64_t resolved = db_col_int64(st, 4);
        int64_t due = 0;
        if (calendar_day_end(&cal, resolved, &due) != TAIO_OK ||
            due > pa->now) {
            continue;
        }
        char key[64];
        snprintf(key, sizeof(key), "report_due:%lld:%lld",
                 (long long)db_col_int64(st, 0), (long long)resolved);
        struct notify_event ev = {
            .kind = NOTIFY_REPORT_DUE,
            .key = key,
            .case_id = db_col_int64(st, 0),
            .case_number = db_col_text(st, 1),
            .case_title = db_col_text(st, 2),
            .customer_name = db_col_text(st, 3),
            .at = due,
        };
        int64_t told[MAX_TOLD];
        size_t n = who_to_tell(pa->db, db_col_int64(st, 5), true, told);
        status = tell_event(pa, &ev, told, n);
    }
    if (status == TAIO_OK && step == DB_ERROR) {
        status = db_last_status(pa->db);
    }
    db_finalize(st);
    return status;
}

/* When the scheduler last passed and last swept. */
struct pass_state {
    bool known;        /* false before the first pass */
    int64_t passed_at;
    int64_t swept_at;
};

static enum taio_status load_state(struct db *db, struct pass_state *ps)
{
    memset(ps, 0, sizeof(*ps));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_STATE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        ps->known = true;
        ps->passed_at = db_col_int64(st, 0);
        ps->swept_at = db_col_int64(st, 1);
    } else if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

static enum taio_status save_state(struct db *db, const struct pass_state *ps)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_STATE_SET, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, ps->passed_at);
        db_bind_int64(st, 2, ps->swept_at);
        status = db_run(st);
    }
    return status;
}

/* The open cases to look at again: changed since from, or whose next
 * rule time has come by now. Free *ids with free(). */
static enum taio_status cases_to_check(struct db *db, int64_t from,
                                       int64_t now, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_TO_CHECK, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, from);
    db_bind_int64(st, 2, now);
    void *records = NULL;
    status = db_fetch_all(st, db_read_int64, sizeof(int64_t), &records, n);
    *ids = records;
    return status;
}

/* Remember when each case looked at is to be looked at again. */
static enum taio_status save_watch(struct db *db,
                                   const struct agenda_watch *watch, size_t n)
{
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        struct db_stmt *st = NULL;
        status = db_prepare(db, watch[i].next_at ? SQL_WATCH_SET
                                                 : SQL_WATCH_DROP, &st);
        if (status == TAIO_OK) {
            db_bind_int64(st, 1, watch[i].case_id);
            if (watch[i].next_at) {
                db_bind_int64(st, 2, watch[i].next_at);
            }
            status = db_run(st);
        }
    }
    return status;
}

/* Tell everyone concerned of every item of a list. */
static enum taio_status tell_all(const struct pass *pa,
                                 const struct agenda_item *items, size_t n)
{
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        status = tell(pa, &items[i]);
    }
    pa->counts->items += n;
    return status;
}

/* The case part of a pass: every open case on a sweep, else only those
 * changed since from or due to be looked at again. */
static enum taio_status pass_cases(const struct pass *pa, bool sweep,
                                   int64_t from)
{
    struct db *db = pa->db;
    int64_t *ids = NULL;
    size_t n_ids = 0;
    enum taio_status status = TAIO_OK;
    if (!sweep) {
        status = cases_to_check(db, from, pa->now, &ids, &n_ids);
    }
    struct agenda_item *items = NULL;
    size_t n = 0;
    struct agenda_watch *watch = NULL;
    size_t n_watch = 0;
    if (status == TAIO_OK && (sweep || n_ids > 0)) {
        status = agenda_cases_check(db, pa->s, sweep ? NULL : ids, n_ids,
                                    pa->now, &items, &n, &watch, &n_watch);
    }
    if (status == TAIO_OK && sweep) {
        status = db_exec(db, "DELETE FROM case_watch");
    }
    if (status == TAIO_OK) {
        status = save_watch(db, watch, n_watch);
    }
    if (status == TAIO_OK) {
        status = tell_all(pa, items, n);
    }
    agenda_free(items, n);
    free(watch);
    free(ids);
    return status;
}

/* One pass of the scheduler at now. It looks only at what can have
 * changed since the last pass: promises whose reminder or due time passed
 * since then (an index range each), cases changed since then or whose next
 * rule time has come (case_watch), cases newly past an escalation limit;
 * so a pass with nothing due reads a few index entries. Once an hour it
 * sweeps every open case instead, which also catches what no case change
 * shows (new settings, a customer's new reachable hours). The first pass
 * sweeps, and looks back a day for promises. Each item becomes
 * notifications for the people concerned, each event told to each person
 * once (mails in their language, else lang). One transaction. *counts:
 * the items seen and the notifications written. */
enum taio_status schedule_tick(struct db *db, const struct settings *s,
                               enum i18n_lang lang, int64_t now,
                               struct schedule_counts *counts)
{
    counts->items = 0;
    counts->notified = 0;
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct pass_state ps;
    status = load_state(db, &ps);
    bool back = ps.known && now < ps.passed_at; /* the clock moved back */
    bool sweep = !ps.known || back || now - ps.swept_at >= SWEEP_EVERY;
    int64_t from = ps.known && !back ? ps.passed_at : now - FIRST_LOOKBACK;
    struct pass pa = {.db = db, .s = s, .lang = lang, .now = now,
                      .counts = counts};
    struct hook *hooks = NULL;
    if (status == TAIO_OK) {
        status = hook_active(db, &hooks, &pa.n_hooks);
        pa.hooks = hooks;
    }
    struct agenda_item *items = NULL;
    size_t n = 0;
    if (status == TAIO_OK) {
        status = agenda_promises_between(db, from, now, &items, &n);
    }
    if (status == TAIO_OK) {
        status = tell_all(&pa, items, n);
    }
    agenda_free(items, n);
    if (status == TAIO_OK) {
        status = pass_cases(&pa, sweep, from);
    }
    if (status == TAIO_OK) {
        status = escalate(&pa, sweep ? 0 : from);
    }
    if (status == TAIO_OK) {
        status = reports_due(&pa, sweep ? 0 : from);
    }
    if (status == TAIO_OK) {
        ps.passed_at = now;
        ps.swept_at = sweep ? now : ps.swept_at;
        status = save_state(db, &ps);
    }
    hook_list_free(hooks, pa.n_hooks);
    return db_end(db, status);
}
