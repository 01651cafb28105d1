/* SPDX-License-Identifier: MIT */
/*
 * agenda.c - what needs attention now, most urgent first: promises that
 * are broken or coming due, silent cases, cases with no ETA, and deadlines
 * at risk.
 *
 * The rules are pure functions of a case's facts, the calendar and the
 * clock (agenda_*_rule), so any moment can be reproduced with TAIO_NOW and
 * unit-tested with a fixed clock. agenda_collect() only gathers the facts:
 * it asks the store for the few rows that could qualify (indexed on due
 * times and open cases) and applies the rules to them.
 *
 * Silence is measured in time the customer can be reached (their windows
 * inside our business hours), so a case is not "silent" over a weekend.
 * The grace for a first ETA is measured in our business time.
 */
#include "agenda.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "windows.h"

/* A promise can be on the agenda at most this long before it is due (the
 * longest reminder lead time a promise may have). */
#define AGENDA_MAX_LEAD_MIN (24 * 60)

#define PROMISE_SELECT                                                      \
    "SELECT p.id, p.case_id, c.number, c.title, cu.name, p.owner_id,"      \
    "       u.login, c.impact, p.due_at, p.remind_min, p.body, p.to_whom"  \
    "  FROM promises p JOIN cases c ON c.id = p.case_id"                   \
    "  JOIN customers cu ON cu.id = c.customer_id"                         \
    "  JOIN users u ON u.id = p.owner_id"

static const char SQL_PROMISES_OF_USER[] =
    PROMISE_SELECT
    " WHERE p.state = 'open' AND p.owner_id = $1 AND p.due_at <= $2";

static const char SQL_PROMISES_OF_TEAM[] =
    PROMISE_SELECT " WHERE p.state = 'open' AND p.due_at <= $2"
                   "   AND $1 = 0";

/* Open cases that could be on the agenda: silent for at least the
 * shortest cadence in wall time ($2), without an ETA since before the
 * shortest grace ($3), or with a deadline. Business time is never longer
 * than wall time, so nothing that qualifies is filtered out. */
#define CASE_SELECT                                                         \
    "SELECT c.id, c.number, c.title, cu.name, c.owner_id, u.login,"        \
    "       c.status, c.impact, c.received_at, c.last_outbound_at,"        \
    "       c.eta_at, c.eta_given_at, c.deadline_at, c.customer_id,"       \
    "       c.contact_id, COALESCE(k.hours, cu.hours),"                    \
    "       COALESCE(k.closed_days, cu.closed_days),"                      \
    "       EXISTS (SELECT 1 FROM busy_periods b"                          \
    "                WHERE b.customer_id = c.customer_id"                  \
    "                   OR b.contact_id = c.contact_id)"                   \
    "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"            \
    "  LEFT JOIN contacts k ON k.id = c.contact_id"                        \
    "  LEFT JOIN users u ON u.id = c.owner_id"

#define CASE_CANDIDATE                                                      \
    "   AND (COALESCE(c.last_outbound_at, c.received_at) <= $2"            \
    "        OR (c.eta_given_at IS NULL AND c.received_at <= $3)"          \
    "        OR c.deadline_at IS NOT NULL)"

static const char SQL_CASES_OF_USER[] =
    CASE_SELECT " WHERE c.is_open = 1 AND c.owner_id = $1" CASE_CANDIDATE;

static const char SQL_CASES_OF_TEAM[] =
    CASE_SELECT " WHERE c.is_open = 1 AND $1 = 0" CASE_CANDIDATE;

/* The scheduler's queries: open promises whose reminder time is in
 * ($1, $2], whose due time is in [$1, $2) (it is broken once the clock is
 * past it), or made since $1 already inside their reminder time; one open
 * case; every open case. */
static const char SQL_PROMISES_BETWEEN[] =
    PROMISE_SELECT
    " WHERE p.state = 'open'"
    "   AND p.due_at - p.remind_min * 60 > $1"
    "   AND p.due_at - p.remind_min * 60 <= $2"
    " UNION " PROMISE_SELECT
    " WHERE p.state = 'open' AND p.due_at >= $1 AND p.due_at < $2"
    " UNION " PROMISE_SELECT
    " WHERE p.state = 'open' AND p.created_at >= $1"
    "   AND p.due_at - p.remind_min * 60 <= $2";

static const char SQL_CASE_OPEN[] = CASE_SELECT
    " WHERE c.id = $1 AND c.is_open = 1";

static const char SQL_CASES_OPEN[] = CASE_SELECT " WHERE c.is_open = 1";

const char *const AGENDA_KIND_NAMES[] = {"promise_broken", "promise_due",
                                         "silent", "no_eta", "deadline_risk",
                                         NULL};

/* Translated kind for people. */
const char *agenda_kind_label(enum agenda_kind kind)
{
    static const char *const LABELS[] = {
        N_("promise broken"), N_("promise due"), N_("silent"),
        N_("no ETA"), N_("deadline at risk")};
    return _(LABELS[kind]);
}

/* The rule parameters held in the organisation's settings. */
void agenda_policy_from(const struct settings *s, struct agenda_policy *out)
{
    for (int i = 0; i < CASE_IMPACT_COUNT; i++) {
        out->cadence_min[i] = s->cadence_min[i];
    }
    out->eta_grace_min = s->eta_grace_min;
    out->risk_percent = s->risk_percent;
}

/* An open promise due at due_at with a reminder lead of remind_min: is it
 * on the agenda at now, and as what? Broken once now is past due_at; due
 * from due_at - remind_min until then. */
bool agenda_promise_rule(int64_t due_at, int64_t remind_min, int64_t now,
                         enum agenda_kind *kind)
{
    if (now > due_at) {
        *kind = AGENDA_PROMISE_BROKEN;
        return true;
    }
    if (now >= due_at - remind_min * 60) {
        *kind = AGENDA_PROMISE_DUE;
        return true;
    }
    return false;
}

/* When the case becomes silent (see agenda_silent_rule), into *at; false
 * when it cannot (not open, waiting on the customer, never reachable). */
static bool silent_threshold(const struct calendar *cal,
                             const struct calendar_windows *win,
                             const struct agenda_policy *policy,
                             const struct agenda_case_facts *facts,
                             int64_t *at)
{
    if (!case_status_is_open(facts->status) ||
        facts->status == CASE_WAITING_CUSTOMER) {
        return false;
    }
    int64_t base = facts->last_outbound_at ? facts->last_outbound_at
                                           : facts->received_at;
    int64_t cadence = policy->cadence_min[facts->impact];
    /* Never reachable: nobody can be blamed for silence. */
    return calendar_add_business(cal, win, base, cadence, at) == TAIO_OK;
}

/* Is the case silent at now: has it gone longer than its impact's cadence,
 * counted in the customer's reachable time (win, inside cal's business
 * hours), since our last outbound contact (or since it was received, if we
 * never contacted them)? *since gets the moment it became silent. A case
 * waiting on the customer is never silent: the next move is theirs. */
bool agenda_silent_rule(const struct calendar *cal,
                        const struct calendar_windows *win,
                        const struct agenda_policy *policy,
                        const struct agenda_case_facts *facts, int64_t now,
                        int64_t *since)
{
    int64_t silent_at = 0;
    if (!silent_threshold(cal, win, policy, facts, &silent_at) ||
        now < silent_at) {
        return false;
    }
    *since = silent_at;
    return true;
}

/* When the case's ETA becomes overdue, into *at; false when it cannot. */
static bool no_eta_threshold(const struct calendar *cal,
                             const struct agenda_policy *policy,
                             const struct agenda_case_facts *facts,
                             int64_t *at)
{
    if (!case_status_is_open(facts->status) || facts->eta_given_at != 0) {
        return false;
    }
    return calendar_add_business(cal, NULL, facts->received_at,
                                 policy->eta_grace_min, at) == TAIO_OK;
}

/* Has the case gone without an ETA for longer than the grace period,
 * counted in business time from when it was received? *since gets the
 * moment the ETA became overdue. */
bool agenda_no_eta_rule(const struct calendar *cal,
                        const struct agenda_policy *policy,
                        const struct agenda_case_facts *facts, int64_t now,
                        int64_t *since)
{
    int64_t overdue_at = 0;
    if (!no_eta_threshold(cal, policy, facts, &overdue_at) ||
        now < overdue_at) {
        return false;
    }
    *since = overdue_at;
    return true;
}

/* When the case's deadline becomes at risk, into *at (the ETA given later
 * than the deadline: when it was given, else now); false when it cannot. */
static bool deadline_threshold(const struct agenda_policy *policy,
                               const struct agenda_case_facts *facts,
                               int64_t now, int64_t *at,
                               bool *eta_after_deadline)
{
    if (!case_status_is_open(facts->status) || facts->deadline_at == 0) {
        return false;
    }
    if (facts->eta_at != 0 && facts->eta_at > facts->deadline_at) {
        *at = facts->eta_given_at ? facts->eta_given_at : now;
        *eta_after_deadline = true;
        return true;
    }
    int64_t total = facts->deadline_at - facts->received_at;
    if (total < 0) {
        total = 0;
    }
    *at = facts->deadline_at - total * policy->risk_percent / 100;
    *eta_after_deadline = false;
    return true;
}

/* Is the case's business deadline at risk: the ETA given is later than
 * the deadline (then *since is when that ETA was given), or less than
 * risk_percent of the time between receipt and deadline is left (then
 * *since is the moment that threshold passed; it stays on the agenda after
 * the deadline too)? */
bool agenda_deadline_rule(const struct agenda_policy *policy,
                          const struct agenda_case_facts *facts, int64_t now,
                          int64_t *since, bool *eta_after_deadline)
{
    int64_t threshold = 0;
    bool eta_after = false;
    if (!deadline_threshold(policy, facts, now, &threshold, &eta_after) ||
        now < threshold) {
        return false;
    }
    *since = threshold;
    *eta_after_deadline = eta_after;
    return true;
}

/* The smallest of an array of minutes. */
static int64_t min_of(const int64_t *values, size_t n)
{
    int64_t m = values[0];
    for (size_t i = 1; i < n; i++) {
        if (values[i] < m) {
            m = values[i];
        }
    }
    return m;
}

/* A growing list of items. */
struct items {
    struct agenda_item *list;
    size_t n;
    size_t cap;
};

/* Append a zeroed item to items and return it. */
static struct agenda_item *items_add(struct items *items)
{
    items->list = xgrow(items->list, &items->cap, items->n + 1,
                        sizeof(*items->list));
    struct agenda_item *it = &items->list[items->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

/* The impact named name, minor when unknown. */
static int impact_of(const char *name)
{
    int i = validate_index(name, CASE_IMPACT_NAMES);
    return i < 0 ? CASE_IMPACT_MINOR : i;
}

/* Add the open promises of user_id (0: everyone) that are due or broken. */
static enum taio_status promise_rows(struct db *db, struct db_stmt *st,
                                     int64_t now, struct items *items);

static enum taio_status collect_promises(struct db *db, int64_t user_id,
                                         int64_t now, struct items *items)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(
        db, user_id ? SQL_PROMISES_OF_USER : SQL_PROMISES_OF_TEAM, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    db_bind_int64(st, 2, now + AGENDA_MAX_LEAD_MIN * 60);
    return promise_rows(db, st, now, items);
}

/* Windows of one (customer, contact) pair, kept for the length of one
 * agenda computation: many cases share a customer. */
struct window_cache {
    struct cached_windows {
        int64_t customer_id;
        int64_t contact_id;
        struct windows w;
    } *entries;
    size_t n;
    size_t cap;
};

/* Free every cached window and the cache itself. */
static void window_cache_clear(struct window_cache *cache)
{
    for (size_t i = 0; i < cache->n; i++) {
        windows_clear(&cache->entries[i].w);
    }
    free(cache->entries);
    memset(cache, 0, sizeof(*cache));
}

/* The windows of the case in the current row of st (columns 13-17),
 * from the cache or built now. NULL means "whenever we are open". */
static const struct calendar_windows *case_windows(struct db *db,
                                                   const struct tz *zone,
                                                   int64_t now,
                                                   struct db_stmt *st,
                                                   struct window_cache *cache)
{
    int64_t customer_id = db_col_int64(st, 13);
    int64_t contact_id = db_col_int64(st, 14);
    for (size_t i = 0; i < cache->n; i++) {
        struct cached_windows *e = &cache->entries[i];
        if (e->customer_id == customer_id && e->contact_id == contact_id) {
            return &e->w.win;
        }
    }
    cache->entries = xgrow(cache->entries, &cache->cap, cache->n + 1,
                           sizeof(*cache->entries));
    struct cached_windows *e = &cache->entries[cache->n++];
    e->customer_id = customer_id;
    e->contact_id = contact_id;
    windows_from_texts(&e->w, db_col_text(st, 15), db_col_text(st, 16));
    if (db_col_int64(st, 17) != 0) {
        windows_load_busy(db, zone, now, customer_id, contact_id, &e->w);
    }
    return &e->w.win;
}

/* Fill the case part of an item from the current row of st. */
static void fill_case(struct agenda_item *it, struct db_stmt *st,
                      enum agenda_kind kind)
{
    it->kind = kind;
    it->case_id = db_col_int64(st, 0);
    it->case_number = db_col_strdup(st, 1);
    it->case_title = db_col_strdup(st, 2);
    it->customer_name = db_col_strdup(st, 3);
    it->owner_id = db_col_int64(st, 4);
    it->owner_login = db_col_strdup(st, 5);
    it->impact = (enum case_impact)impact_of(db_col_text(st, 7));
}

/* The later of a threshold in the future and *next (0: none yet). */
static void keep_next(int64_t at, int64_t now, int64_t *next)
{
    if (at > now && (*next == 0 || at < *next)) {
        *next = at;
    }
}

/* Apply the case rules to one candidate row; *next (may be NULL) gets the
 * next moment after now at which a rule not holding yet starts to (0:
 * none). */
static void evaluate_case(struct db *db, struct db_stmt *st,
                          const struct calendar *cal,
                          const struct agenda_policy *policy, int64_t now,
                          struct window_cache *cache, struct items *items,
                          int64_t *next)
{
    int status = validate_index(db_col_text(st, 6), CASE_STATUS_NAMES);
    struct agenda_case_facts facts = {
        .status = status < 0 ? CASE_NEW : (enum case_status)status,
        .impact = (enum case_impact)impact_of(db_col_text(st, 7)),
        .received_at = db_col_int64(st, 8),
        .last_outbound_at = db_col_int64(st, 9),
        .eta_at = db_col_int64(st, 10),
        .eta_given_at = db_col_int64(st, 11),
        .deadline_at = db_col_int64(st, 12),
    };
    int64_t later = 0;
    int64_t at = 0;
    const struct calendar_windows *win =
        case_windows(db, cal->zone, now, st, cache);
    if (silent_threshold(cal, win, policy, &facts, &at)) {
        keep_next(at, now, &later);
        if (now >= at) {
            struct agenda_item *it = items_add(items);
            fill_case(it, st, AGENDA_SILENT);
            it->since_at = at;
            it->last_outbound_at = facts.last_outbound_at;
            it->cadence_min = policy->cadence_min[facts.impact];
        }
    }
    if (no_eta_threshold(cal, policy, &facts, &at)) {
        keep_next(at, now, &later);
        if (now >= at) {
            struct agenda_item *it = items_add(items);
            fill_case(it, st, AGENDA_NO_ETA);
            it->since_at = at;
        }
    }
    bool eta_after = false;
    if (deadline_threshold(policy, &facts, now, &at, &eta_after)) {
        keep_next(at, now, &later);
        if (now >= at) {
            struct agenda_item *it = items_add(items);
            fill_case(it, st, AGENDA_DEADLINE_RISK);
            it->since_at = at;
            it->due_at = facts.deadline_at;
            it->eta_after_deadline = eta_after;
        }
    }
    if (next) {
        *next = later;
    }
}

/* Add the open cases of user_id (0: everyone) that are silent, lack an
 * ETA or have a deadline at risk. */
static enum taio_status collect_cases(struct db *db, const struct settings *s,
                                      int64_t user_id, int64_t now,
                                      struct items *items)
{
    struct agenda_policy policy;
    agenda_policy_from(s, &policy);
    struct calendar cal;
    settings_calendar(s, &cal);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(
        db, user_id ? SQL_CASES_OF_USER : SQL_CASES_OF_TEAM, &st);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t min_cadence = min_of(policy.cadence_min, CASE_IMPACT_COUNT);
    db_bind_int64(st, 1, user_id);
    db_bind_int64(st, 2, now - min_cadence * 60);
    db_bind_int64(st, 3, now - policy.eta_grace_min * 60);
    struct window_cache cache = {0};
    enum db_step r;
    while ((r = db_step(st)) == DB_ROW) {
        evaluate_case(db, st, &cal, &policy, now, &cache, items, NULL);
    }
    if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    window_cache_clear(&cache);
    return status;
}

/* Add the items of the promises that st (PROMISE_SELECT) yields and that
 * are on the agenda at now. */
static enum taio_status promise_rows(struct db *db, struct db_stmt *st,
                                     int64_t now, struct items *items)
{
    enum taio_status status = TAIO_OK;
    enum db_step r;
    while ((r = db_step(st)) == DB_ROW) {
        enum agenda_kind kind;
        int64_t due_at = db_col_int64(st, 8);
        if (!agenda_promise_rule(due_at, db_col_int64(st, 9), now, &kind)) {
            continue;
        }
        struct agenda_item *it = items_add(items);
        it->kind = kind;
        it->promise_id = db_col_int64(st, 0);
        it->case_id = db_col_int64(st, 1);
        it->case_number = db_col_strdup(st, 2);
        it->case_title = db_col_strdup(st, 3);
        it->customer_name = db_col_strdup(st, 4);
        it->owner_id = db_col_int64(st, 5);
        it->owner_login = db_col_strdup(st, 6);
        it->impact = (enum case_impact)impact_of(db_col_text(st, 7));
        it->due_at = due_at;
        it->since_at = kind == AGENDA_PROMISE_BROKEN ? due_at : 0;
        it->promise_body = db_col_strdup(st, 10);
        it->to_whom = db_col_strdup(st, 11);
    }
    if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* The promise items that started to hold between from and to: reminders
 * that came due in (from, to], promises broken as the clock passed their
 * due time in [from, to), promises made since from already inside their
 * reminder time, each as it stands at to. For the scheduler,
 * which remembers when it last looked (schedule.c). Free with
 * agenda_free(). */
enum taio_status agenda_promises_between(struct db *db, int64_t from,
                                         int64_t to,
                                         struct agenda_item **out,
                                         size_t *n_out)
{
    struct items items = {0};
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_PROMISES_BETWEEN, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, from);
        db_bind_int64(st, 2, to);
        status = promise_rows(db, st, to, &items);
    }
    *out = items.list;
    *n_out = items.n;
    return status;
}

/* Apply the case rules at now to the open cases ids (n_ids of them; ids
 * NULL: every open case), adding their items to *out and, per case looked
 * at, the next moment a rule can start to hold to *watch (next_at 0:
 * none). Closed or unknown ids are skipped. Free with agenda_free() and
 * free(). */
enum taio_status agenda_cases_check(struct db *db, const struct settings *s,
                                    const int64_t *ids, size_t n_ids,
                                    int64_t now, struct agenda_item **out,
                                    size_t *n_out, struct agenda_watch **watch,
                                    size_t *n_watch)
{
    struct agenda_policy policy;
    agenda_policy_from(s, &policy);
    struct calendar cal;
    settings_calendar(s, &cal);
    struct items items = {0};
    struct agenda_watch *watched = NULL;
    size_t n = 0;
    size_t cap = 0;
    struct window_cache cache = {0};
    enum taio_status status = TAIO_OK;
    size_t rounds = ids ? n_ids : 1;
    for (size_t i = 0; status == TAIO_OK && i < rounds; i++) {
        struct db_stmt *st = NULL;
        status = db_prepare(db, ids ? SQL_CASE_OPEN : SQL_CASES_OPEN, &st);
        if (status != TAIO_OK) {
            break;
        }
        if (ids) {
            db_bind_int64(st, 1, ids[i]);
        }
        enum db_step r;
        while ((r = db_step(st)) == DB_ROW) {
            watched = xgrow(watched, &cap, n + 1, sizeof(*watched));
            watched[n].case_id = db_col_int64(st, 0);
            evaluate_case(db, st, &cal, &policy, now, &cache, &items,
                          &watched[n].next_at);
            n++;
        }
        if (r == DB_ERROR) {
            status = db_last_status(db);
        }
        db_finalize(st);
    }
    window_cache_clear(&cache);
    *out = items.list;
    *n_out = items.n;
    *watch = watched;
    *n_watch = n;
    return status;
}

/* Everything on the agenda of user_id (0: the whole team) at now, most
 * urgent first (see agenda_sort). Free with agenda_free(). */
enum taio_status agenda_collect(struct db *db, const struct settings *s,
                                int64_t user_id, int64_t now,
                                struct agenda_item **out, size_t *n_out)
{
    struct items items = {0};
    enum taio_status status = collect_promises(db, user_id, now, &items);
    if (status == TAIO_OK) {
        status = collect_cases(db, s, user_id, now, &items);
    }
    if (status != TAIO_OK) {
        agenda_free(items.list, items.n);
        return status;
    }
    agenda_sort(items.list, items.n);
    *out = items.list;
    *n_out = items.n;
    return TAIO_OK;
}

/* The moment an item is ordered by within its kind: the due time for
 * promises and deadlines, else when the condition began. */
static int64_t sort_time(const struct agenda_item *it)
{
    switch (it->kind) {
    case AGENDA_PROMISE_BROKEN:
    case AGENDA_PROMISE_DUE:
    case AGENDA_DEADLINE_RISK:
        return it->due_at;
    default:
        return it->since_at;
    }
}

/* The sort key of an item: see agenda_sort(). */
void agenda_key_of(const struct agenda_item *it, struct agenda_key *key)
{
    key->kind = it->kind;
    key->impact = it->impact;
    key->time = sort_time(it);
    key->case_id = it->case_id;
    key->promise_id = it->promise_id;
}

static int compare_numbers(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

/* Negative, zero or positive as a comes before, with or after b. */
int agenda_key_compare(const struct agenda_key *a, const struct agenda_key *b)
{
    int c = compare_numbers(a->kind, b->kind);
    if (c == 0) {
        c = compare_numbers(a->impact, b->impact);
    }
    if (c == 0) {
        c = compare_numbers(a->time, b->time);
    }
    if (c == 0) {
        c = compare_numbers(a->case_id, b->case_id);
    }
    return c != 0 ? c : compare_numbers(a->promise_id, b->promise_id);
}

/* qsort order of agenda items: see agenda_sort(). */
static int compare_items(const void *a, const void *b)
{
    struct agenda_key x;
    struct agenda_key y;
    agenda_key_of(a, &x);
    agenda_key_of(b, &y);
    return agenda_key_compare(&x, &y);
}

/* Order items most urgent first: broken promises, promises coming due,
 * silent cases, cases without an ETA, deadlines at risk; within a kind the
 * worse impact first, then the oldest (or soonest due); ties by case and
 * promise, so that the order is total and a page cursor is exact. */
void agenda_sort(struct agenda_item *items, size_t n)
{
    if (n > 1) {
        qsort(items, n, sizeof(*items), compare_items);
    }
}

/* The number of items of each kind, into counts (indexed by kind). */
void agenda_count(const struct agenda_item *items, size_t n,
                  size_t counts[AGENDA_KIND_COUNT])
{
    memset(counts, 0, AGENDA_KIND_COUNT * sizeof(*counts));
    for (size_t i = 0; i < n; i++) {
        counts[items[i].kind]++;
    }
}

/* Free a list from agenda_collect(). */
void agenda_free(struct agenda_item *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++) {
        free(items[i].case_number);
        free(items[i].case_title);
        free(items[i].customer_name);
        free(items[i].owner_login);
        free(items[i].promise_body);
        free(items[i].to_whom);
    }
    free(items);
}
