/* SPDX-License-Identifier: MIT */
/*
 * gen_cases.c - the bulk of the benchmark database: a million cases
 * received over the past years, their timelines and their open promises,
 * written with raw prepared INSERTs in large transactions through db.h.
 *
 * Going through case_open() and friends would take hours, so this file
 * writes the rows those functions would have written, with the same
 * columns and values: numbers per year ("2026-0042", the domain's
 * "%04d-%04d"), statuses reached through the state machine's moves (each
 * one a "status" timeline entry), is_open matching the status, contacts,
 * ETAs and notes on the timeline with the case columns that mirror them
 * (last_outbound_at, eta_at, version, ...), and open promises only on
 * cases that are not closed (the domain refuses to close a case with open
 * promises), owned by the case owner, each with its promise_added entry.
 *
 * Generation runs in two passes. The first plans every case (status,
 * owner, how many promises and timeline entries), so the totals come out
 * exact; the second writes the rows in case order with explicit ids.
 * Everything is derived from one seeded random stream: the same
 * parameters give the same database.
 */
#include "gen_cases.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "case.h"
#include "core/log.h"
#include "core/progress.h"
#include "core/tz.h"
#include "core/xalloc.h"
#include "timeline.h"

#define MIN 60
#define HOUR 3600
#define DAY 86400

/* Cases written per transaction. */
#define CASES_PER_COMMIT 5000

/* Open promises are due at most this long after now. */
#define PROMISE_HORIZON (60 * DAY)

static const char SQL_CASE[] =
    "INSERT INTO cases (id, number, year, seq, kind, title, customer_id,"
    "  contact_id, channel, occurred_at, received_at, reported, impact,"
    "  affected, deadline_at, eta_at, eta_text, eta_given_at, workaround,"
    "  owner_id, status, is_open, last_outbound_at, last_contact_at,"
    "  resolved_at, closed_at, created_by, created_at, updated_at, version,"
    "  report_required)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    "         $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,"
    "         $27, $28, $29, $30, $31)";

static const char SQL_PROMISE[] =
    "INSERT INTO promises (id, case_id, body, to_whom, contact_id, channel,"
    "  due_at, remind_min, owner_id, taken_by, state, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11)";

static const char SQL_EVENT[] =
    "INSERT INTO case_events (id, case_id, at, actor_id, kind, direction,"
    "  channel, with_whom, contact_id, duration_min, occurred_at, body,"
    "  field, old_value, new_value, old_at, new_at, promise_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    "         $15, $16, $17, $18)";

static const char SQL_MAX_IDS[] =
    "SELECT (SELECT COALESCE(MAX(id), 0) FROM cases),"
    "       (SELECT COALESCE(MAX(id), 0) FROM case_events),"
    "       (SELECT COALESCE(MAX(id), 0) FROM promises)";

static const char *const DEVICE[] = {
    "2号ライン制御PC", "包装機",       "複合機",       "空調設備",
    "業務用冷蔵庫",    "POSレジ",      "ファイルサーバー", "校内ネットワーク",
    "電子黒板",        "受付端末",
};

/* What is wrong with the device of a trouble, after its name. */
static const char *const TROUBLE_TITLE[] = {
    "が起動しない", "でエラーが表示される", "から異音がする",
    "が停止した",   "に接続できない",
};

static const char *const OTHER_TITLE[][4] = {
    [CASE_COMPLAINT] = {"担当者の対応についての苦情",
                        "約束の時間に連絡がなかった", "請求金額の誤り",
                        "作業後の清掃が不十分だった"},
    [CASE_INQUIRY] = {"保守契約の内容について", "部品の在庫確認",
                      "操作方法の問い合わせ", "見積もりについて"},
    [CASE_REQUEST] = {"定期点検の日程調整", "設定変更の依頼",
                      "操作研修の依頼", "訪問作業の依頼"},
};

static const char *const DETAIL[] = {
    "朝から症状が続いている。",     "リセットしても改善しない。",
    "至急対応してほしいとのこと。", "先週も同じことがあった。",
    "午後の出荷に間に合わせたい。", "担当者が不在のため折り返し希望。",
    "他の拠点でも同様か確認中。",   "詳しい状況はメールで送るとのこと。",
};

static const char *const SUMMARY_IN[] = {
    "症状の詳細を聞き取り。型番と設置場所を確認した。",
    "先方より状況の追加連絡。症状は継続中。",
    "進捗の問い合わせ。手配状況を説明した。",
};

static const char *const SUMMARY_OUT[] = {
    "進捗を連絡。部品を手配中と伝えた。",
    "作業日程を調整し、了承を得た。",
    "復旧を確認いただいた。",
    "留守電に折り返しの依頼を残した。",
};

static const char *const NOTE[] = {
    "メーカーに技術問い合わせ中。",
    "代替機の手配を検討。",
    "前回の対応記録を確認。同型機で既知の不具合あり。",
};

/* Wordings of an ETA; text index 3 gives a time without words. */
static const char *const ETA_TEXT[] = {"1〜2日", "本日中", "3営業日程度"};

static const char *const PROMISE_BODY[] = {
    "折り返し電話", "見積書を送付", "訪問日時を連絡",
    "部品の入荷予定を連絡", "調査結果を報告",
};

static const char *const CASE_CHANNEL[] = {
    "phone", "phone", "phone", "phone", "phone", "phone",
    "email", "email", "email", "fax",   "chat",  "visit",
};

/* The plan of one case, made in the first pass. */
struct plan {
    int64_t owner_id;         /* 0: unassigned */
    uint32_t n_promises;      /* open promises on it */
    uint16_t n_extras;        /* contacts, ETAs and notes */
    uint8_t status;           /* enum case_status */
    uint8_t n_moves;          /* status entries to reach status */
};

/* One business day: when the desk opens and how long it is open (cut
 * at the benchmark's clock on its last day). */
struct day {
    int64_t start_at;
    int64_t length; /* seconds */
};

/* One timeline entry of the case being written. */
struct event {
    int64_t at;
    enum timeline_kind kind;
    bool outbound;          /* contact: we called them */
    int from;               /* status: enum case_status before */
    int to;                 /* status: after */
    size_t promise;         /* promise_added: index into the case's */
    int64_t eta_at;         /* eta */
    int64_t duration_min;   /* contact */
    int text;               /* which summary, note or ETA wording */
};

/* One open promise of the case being written. */
struct promise_plan {
    int64_t created_at;
    int64_t due_at;
    int64_t taken_by;
    int64_t remind_min;
    const char *body;
    bool by_email;
};

/* Everything one generation run works with. */
struct gen {
    struct db *db;
    const struct settings *s;
    const struct people *people;
    const struct gen_cases_params *params;
    struct rng *rng;
    struct plan *plans;       /* owned; one per case */
    struct day *days;         /* owned; business days, oldest first */
    size_t n_days;
    int64_t business_seconds; /* total length of days */
    size_t day;               /* day of the case being written */
    int64_t day_offset;       /* business seconds before that day */
    int year;                 /* year of the last numbered case */
    int64_t seq;              /* its number within the year */
    int64_t next_case;        /* ids to use */
    int64_t next_event;
    int64_t next_promise;
    struct event *events;     /* owned scratch for one case */
    size_t events_cap;
    struct promise_plan *promises; /* owned scratch for one case */
    size_t promises_cap;
};

/* The business days between from and until (exclusive), in the
 * organisation's zone, hours and holidays; each day runs from its first
 * opening to its last closing. */
static void find_days(struct gen *g, int64_t from, int64_t until)
{
    struct calendar cal;
    settings_calendar(g->s, &cal);
    struct tz_tm tm;
    tz_local(g->s->zone, from, &tm);
    int64_t first = tz_days_from_civil(tm.year, tm.month, tm.day);
    tz_local(g->s->zone, until, &tm);
    int64_t last = tz_days_from_civil(tm.year, tm.month, tm.day);
    size_t cap = 0;
    for (int64_t days = first; days <= last; days++) {
        int weekday = tz_weekday_of_days(days);
        int n_spans = g->s->hours.n_spans[weekday];
        int year;
        int month;
        int mday;
        tz_civil_from_days(days, &year, &month, &mday);
        if (n_spans == 0 || calendar_is_closed_day(&cal, year, month, mday)) {
            continue;
        }
        int open = g->s->hours.spans[weekday][0].start;
        int close = g->s->hours.spans[weekday][n_spans - 1].end;
        int64_t start = tz_from_local(g->s->zone, year, month, mday,
                                      open / 60, open % 60, 0);
        int64_t end = tz_from_local(g->s->zone, year, month, mday,
                                    close / 60, close % 60, 0);
        if (end > until) {
            end = until;
        }
        if (end <= start) {
            continue;
        }
        g->days = xgrow(g->days, &cap, g->n_days + 1, sizeof(*g->days));
        g->days[g->n_days].start_at = start;
        g->days[g->n_days].length = end - start;
        g->n_days++;
        g->business_seconds += end - start;
    }
}

/* When case i of n was received: cases are spread evenly over the
 * business time of the days, in order. Days are walked forwards, so
 * calls must come in increasing i. */
static int64_t received_at(struct gen *g, int64_t i)
{
    int64_t n = g->params->cases;
    int64_t pos = (int64_t)(((double)i + 0.5) *
                            (double)g->business_seconds / (double)n);
    while (g->day + 1 < g->n_days &&
           pos >= g->day_offset + g->days[g->day].length) {
        g->day_offset += g->days[g->day].length;
        g->day++;
    }
    int64_t into = pos - g->day_offset;
    if (into >= g->days[g->day].length) {
        into = g->days[g->day].length - 1;
    }
    return g->days[g->day].start_at + into;
}

/* The status moves from new to status, as case_set_status records them;
 * moves[] receives (from, to) pairs. Returns how many. */
static int moves_to(enum case_status status, int moves[3][2])
{
    switch (status) {
    case CASE_NEW:
        return 0;
    case CASE_ACKNOWLEDGED:
    case CASE_IN_PROGRESS:
    case CASE_RESOLVED:
        moves[0][0] = CASE_NEW;
        moves[0][1] = (int)status;
        return 1;
    case CASE_WAITING_CUSTOMER:
    case CASE_WAITING_VENDOR:
        moves[0][0] = CASE_NEW;
        moves[0][1] = CASE_IN_PROGRESS;
        moves[1][0] = CASE_IN_PROGRESS;
        moves[1][1] = (int)status;
        return 2;
    case CASE_REPORTED:
    case CASE_CLOSED:
        moves[0][0] = CASE_NEW;
        moves[0][1] = CASE_RESOLVED;
        moves[1][0] = CASE_RESOLVED;
        moves[1][1] = (int)status;
        return 2;
    case CASE_STATUS_COUNT:
        break;
    }
    return 0;
}

/* The status of a case that is not closed: mostly in progress or
 * waiting; "new" only for the freshest. */
static enum case_status open_status(struct rng *rng, bool is_fresh)
{
    int roll = (int)rng_range(rng, 0, 99);
    if (is_fresh && roll < 30) {
        return CASE_NEW;
    }
    if (roll < 45) {
        return roll < 15 ? CASE_ACKNOWLEDGED : CASE_IN_PROGRESS;
    }
    if (roll < 70) {
        return roll < 60 ? CASE_IN_PROGRESS : CASE_WAITING_CUSTOMER;
    }
    if (roll < 82) {
        return CASE_WAITING_VENDOR;
    }
    return roll < 94 ? CASE_RESOLVED : CASE_REPORTED;
}

/* First pass: status and owner of every case, then the open promises
 * spread evenly over the owned cases that are not closed, then the
 * remaining timeline entries (contacts, ETAs, notes) spread evenly over
 * all cases. Fails with TAIO_EINVAL when the totals cannot be met. */
static enum taio_status plan_cases(struct gen *g)
{
    const struct gen_cases_params *pa = g->params;
    int64_t n = pa->cases;
    double open_scale = (double)n * pa->open_permille / 1000.0;
    g->plans = xcalloc((size_t)n, sizeof(*g->plans));
    int64_t n_eligible = 0;
    for (int64_t i = 0; i < n; i++) {
        struct plan *p = &g->plans[i];
        int64_t age_rank = n - 1 - i; /* 0: the newest */
        bool not_closed = open_scale > 0 &&
                          rng_unit(g->rng) < exp(-(double)age_rank /
                                                 open_scale);
        p->status = (uint8_t)(not_closed
                                  ? open_status(g->rng,
                                                age_rank < open_scale / 10)
                                  : CASE_CLOSED);
        const struct people *pe = g->people;
        if (p->status == CASE_NEW && rng_chance(g->rng, 100)) {
            p->owner_id = 0; /* a clerk took it; nobody has taken it yet */
        } else if (rng_chance(g->rng, 30)) {
            p->owner_id = pe->managers[rng_index(g->rng, pe->n_managers)];
        } else {
            p->owner_id = pe->agents[rng_index(g->rng, pe->n_agents)];
        }
        int moves[3][2];
        p->n_moves = (uint8_t)moves_to((enum case_status)p->status, moves);
        if (p->status != CASE_CLOSED && p->owner_id != 0) {
            n_eligible++;
        }
    }
    if (pa->promises > 0 && n_eligible == 0) {
        log_error("bench: no open owned case to hold the promises");
        return TAIO_EINVAL;
    }
    int64_t min_events = 0;
    int64_t j = 0;
    for (int64_t i = 0; i < n; i++) {
        struct plan *p = &g->plans[i];
        if (p->status != CASE_CLOSED && p->owner_id != 0) {
            int64_t k = (j + 1) * pa->promises / n_eligible -
                        j * pa->promises / n_eligible;
            p->n_promises = (uint32_t)k;
            j++;
        }
        min_events += 1 + p->n_moves + p->n_promises;
    }
    int64_t extras = pa->events - min_events;
    if (extras < 0 || extras / n > 60000) {
        log_error("bench: %lld timeline entries cannot be spread over these "
                  "cases: between %lld and %lld are possible",
                  (long long)pa->events, (long long)min_events,
                  (long long)(min_events + 60000 * n));
        return TAIO_EINVAL;
    }
    for (int64_t i = 0; i < n; i++) {
        g->plans[i].n_extras =
            (uint16_t)((i + 1) * extras / n - i * extras / n);
    }
    return TAIO_OK;
}

/* The wording of an ETA with text index text; NULL: a time only. */
static const char *eta_text(int text)
{
    return text < 3 ? ETA_TEXT[text] : NULL;
}

/* Bind text, or NULL when absent. */
static void bind_text(struct db_stmt *st, int index, const char *text)
{
    db_bind_text(st, index, text);
}

/* Bind an id or time, NULL for 0. */
static void bind_opt(struct db_stmt *st, int index, int64_t value)
{
    db_bind_opt_int64(st, index, value != 0, value);
}

/* qsort order of a case's events: by time, the opening first. */
static int compare_events(const void *a, const void *b)
{
    const struct event *x = a;
    const struct event *y = b;
    if (x->at != y->at) {
        return x->at < y->at ? -1 : 1;
    }
    return (x->kind == TIMELINE_OPENED ? 0 : 1) -
           (y->kind == TIMELINE_OPENED ? 0 : 1);
}

/* Add an event at time at of kind to the scratch list of n events. */
static struct event *add_event(struct gen *g, size_t *n, int64_t at,
                               enum timeline_kind kind)
{
    g->events = xgrow(g->events, &g->events_cap, *n + 1, sizeof(*g->events));
    struct event *e = &g->events[(*n)++];
    memset(e, 0, sizeof(*e));
    e->at = at;
    e->kind = kind;
    e->duration_min = -1;
    return e;
}

/* The text columns of one case. */
struct case_text {
    char title[160];
    char reported[512];
    char affected[96];
    const char *with_whom; /* borrowed: the contact person or customer */
    const char *channel;
};

/* Write the title, reported words and affected parties of a case of
 * kind. */
static void make_text(struct gen *g, enum case_kind kind,
                      struct case_text *t)
{
    const char *device = RNG_PICK(g->rng, DEVICE);
    if (kind == CASE_TROUBLE) {
        snprintf(t->title, sizeof(t->title), "%s%s", device,
                 RNG_PICK(g->rng, TROUBLE_TITLE));
        snprintf(t->affected, sizeof(t->affected), "%s（1台）", device);
    } else {
        snprintf(t->title, sizeof(t->title), "%s",
                 OTHER_TITLE[kind][rng_index(g->rng, 4)]);
        t->affected[0] = '\0';
    }
    snprintf(t->reported, sizeof(t->reported), "%s。%s%s", t->title,
             RNG_PICK(g->rng, DETAIL), RNG_PICK(g->rng, DETAIL));
}

/* The moments of one case's life. */
struct case_times {
    int64_t received_at;
    int64_t created_at;
    int64_t resolved_at; /* 0: not resolved */
    int64_t closed_at;   /* 0: not closed */
};

/* Fill the scratch events (sorted by time) and the p->n_promises scratch
 * promises of one case planned as p, with times ct. Returns the number
 * of events. */
static size_t plan_events(struct gen *g, const struct plan *p,
                          const struct case_times *ct)
{
    int64_t now = g->params->now;
    size_t n = 0;
    add_event(g, &n, ct->created_at, TIMELINE_OPENED);
    int moves[3][2];
    int n_moves = moves_to((enum case_status)p->status, moves);
    bool finished = ct->resolved_at != 0;
    /* Work happens between opening and resolution (or now). A case still
     * open makes its first move after the first contact and the rest
     * last; a finished one is resolved (and closed) at its own times. */
    int64_t horizon = finished ? ct->resolved_at : now - MIN;
    int n_open_moves = finished ? 0 : n_moves;
    int n_work = p->n_extras + n_open_moves;
    int first_move_slot = p->n_extras >= 1 ? 1 : 0;
    /* The first contact is the call being taken in, minutes after the
     * case was opened; the rest spreads evenly up to the horizon. */
    int64_t at = ct->created_at;
    int64_t first_at = at + rng_range(g->rng, MIN, 5 * MIN);
    if (first_at >= horizon) {
        first_at = at + 1;
    }
    int64_t step = (horizon - first_at) / (n_work + 1);
    if (step < 1) {
        step = 1;
    }
    int move = 0;
    for (int k = 0; k < n_work; k++) {
        at = k == 0 && p->n_extras >= 1 ? first_at : at + step;
        bool is_move =
            move < n_open_moves &&
            ((move == 0 && k == first_move_slot) ||
             (move > 0 && k >= n_work - (n_open_moves - move)));
        if (is_move) {
            struct event *e = add_event(g, &n, at, TIMELINE_STATUS);
            e->from = moves[move][0];
            e->to = moves[move][1];
            move++;
            continue;
        }
        int extra = k - move; /* extras written before this one */
        enum timeline_kind kind = TIMELINE_CONTACT;
        if (extra == 1 && p->status != CASE_NEW) {
            kind = TIMELINE_ETA;
        } else if (extra >= 3 && extra % 3 == 0) {
            kind = TIMELINE_NOTE;
        }
        struct event *e = add_event(g, &n, at, kind);
        e->text = (int)rng_range(g->rng, 0, 3);
        if (kind == TIMELINE_CONTACT) {
            e->outbound = extra != 0 && rng_chance(g->rng, 700);
            e->duration_min = rng_range(g->rng, 1, 20);
        } else if (kind == TIMELINE_ETA) {
            e->eta_at = at + rng_range(g->rng, 2 * HOUR, 5 * DAY);
        }
    }
    if (finished) {
        struct event *e = add_event(g, &n, ct->resolved_at, TIMELINE_STATUS);
        e->from = moves[0][0];
        e->to = moves[0][1];
        if (n_moves > 1) {
            e = add_event(g, &n, ct->closed_at ? ct->closed_at
                                               : ct->resolved_at + 1,
                          TIMELINE_STATUS);
            e->from = moves[1][0];
            e->to = moves[1][1];
        }
    }
    g->promises = xgrow(g->promises, &g->promises_cap, p->n_promises + 1,
                        sizeof(*g->promises));
    for (size_t k = 0; k < p->n_promises; k++) {
        struct promise_plan *pr = &g->promises[k];
        pr->created_at = rng_range(g->rng, ct->created_at + 1, now - MIN);
        if (rng_chance(g->rng, g->params->overdue_permille)) {
            pr->due_at = rng_range(g->rng, pr->created_at + MIN, now - 1);
        } else {
            pr->due_at = now + rng_range(g->rng, 5 * MIN, PROMISE_HORIZON);
        }
        pr->taken_by = rng_chance(g->rng, 200)
                           ? g->people->clerks[rng_index(
                                 g->rng, g->people->n_clerks)]
                           : p->owner_id;
        pr->remind_min = rng_chance(g->rng, 800) ? 15 : 60;
        pr->body = RNG_PICK(g->rng, PROMISE_BODY);
        pr->by_email = rng_chance(g->rng, 200);
        struct event *e = add_event(g, &n, pr->created_at,
                                    TIMELINE_PROMISE_ADDED);
        e->promise = k;
    }
    qsort(g->events, n, sizeof(*g->events), compare_events);
    return n;
}

/* Insert one timeline entry e of case case_id. */
static enum taio_status write_event(struct gen *g, int64_t case_id,
                                    int64_t actor_id, const struct event *e,
                                    const struct case_text *t,
                                    int64_t contact_id, int64_t first_promise,
                                    const char *number)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(g->db, SQL_EVENT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, g->next_event++);
    db_bind_int64(st, 2, case_id);
    db_bind_int64(st, 3, e->at);
    bind_opt(st, 4, actor_id);
    db_bind_text(st, 5, timeline_kind_name(e->kind));
    const char *direction = NULL;
    const char *channel = NULL;
    const char *with_whom = NULL;
    const char *body = NULL;
    const char *old_value = NULL;
    const char *new_value = NULL;
    int64_t occurred_at = 0;
    int64_t new_at = 0;
    int64_t promise_id = 0;
    int64_t contact = 0;
    switch (e->kind) {
    case TIMELINE_OPENED:
        channel = t->channel;
        body = t->reported;
        new_value = number;
        break;
    case TIMELINE_CONTACT:
        direction = e->outbound ? "out" : "in";
        channel = e->outbound ? "phone" : t->channel;
        with_whom = t->with_whom;
        contact = contact_id;
        occurred_at = e->at - e->duration_min * MIN;
        body = e->outbound ? SUMMARY_OUT[e->text % 4] : SUMMARY_IN[e->text % 3];
        break;
    case TIMELINE_NOTE:
        body = NOTE[e->text % 3];
        break;
    case TIMELINE_STATUS:
        old_value = CASE_STATUS_NAMES[e->from];
        new_value = CASE_STATUS_NAMES[e->to];
        break;
    case TIMELINE_ETA:
        new_at = e->eta_at;
        new_value = eta_text(e->text);
        break;
    case TIMELINE_PROMISE_ADDED: {
        const struct promise_plan *pr = &g->promises[e->promise];
        promise_id = first_promise + (int64_t)e->promise;
        new_at = pr->due_at;
        body = pr->body;
        with_whom = t->with_whom;
        channel = pr->by_email ? "email" : "phone";
        break;
    }
    default:
        break;
    }
    bind_text(st, 6, direction);
    bind_text(st, 7, channel);
    bind_text(st, 8, with_whom);
    bind_opt(st, 9, contact);
    db_bind_opt_int64(st, 10, e->duration_min >= 0, e->duration_min);
    bind_opt(st, 11, occurred_at);
    bind_text(st, 12, body);
    db_bind_null(st, 13);
    bind_text(st, 14, old_value);
    bind_text(st, 15, new_value);
    db_bind_null(st, 16);
    bind_opt(st, 17, new_at);
    bind_opt(st, 18, promise_id);
    return db_run(st);
}

/* The number of case i received at received: the next in its year (in
 * the organisation's zone), written as the domain writes it. */
static void number_case(struct gen *g, int64_t received, int *year,
                        int64_t *seq, char number[32])
{
    struct tz_tm tm;
    tz_local(g->s->zone, received, &tm);
    if (tm.year != g->year) {
        g->year = tm.year;
        g->seq = 0;
    }
    *year = g->year;
    *seq = ++g->seq;
    snprintf(number, 32, "%04d-%04lld", *year, (long long)*seq);
}

/* The times of case i planned as p. Resolution and closing fall between
 * the opening and now, sooner for recent cases. */
static void case_times(struct gen *g, int64_t i, const struct plan *p,
                       struct case_times *ct)
{
    int64_t now = g->params->now;
    memset(ct, 0, sizeof(*ct));
    ct->received_at = received_at(g, i);
    ct->created_at = ct->received_at + rng_range(g->rng, MIN, 5 * MIN);
    if (ct->created_at > now - 5 * MIN) {
        ct->created_at = ct->received_at + 1;
    }
    if (p->status < CASE_RESOLVED) {
        return;
    }
    int64_t room = now - MIN - ct->created_at;
    int64_t delay = rng_range(g->rng, HOUR, 15 * DAY);
    if (delay > room * 6 / 10) {
        delay = room * 6 / 10;
    }
    ct->resolved_at = ct->created_at + (delay > 2 ? delay : 2);
    if (p->status == CASE_CLOSED || p->status == CASE_REPORTED) {
        int64_t rest = now - MIN - ct->resolved_at;
        int64_t wait = rng_range(g->rng, 10 * MIN, 5 * DAY);
        if (wait > rest * 8 / 10) {
            wait = rest * 8 / 10;
        }
        ct->closed_at = ct->resolved_at + (wait > 1 ? wait : 1);
    }
}

/* What the case columns mirror from its timeline. */
struct mirror {
    int64_t last_outbound_at;
    int64_t last_contact_at;
    int64_t eta_at;
    const char *eta_text;
    int64_t eta_given_at;
    int64_t updated_at;
    int64_t version;
};

/* Derive the mirrored case columns from the n scratch events. */
static void mirror_of(const struct gen *g, size_t n, struct mirror *m)
{
    memset(m, 0, sizeof(*m));
    m->version = 1;
    for (size_t k = 0; k < n; k++) {
        const struct event *e = &g->events[k];
        switch (e->kind) {
        case TIMELINE_OPENED:
            m->updated_at = e->at;
            continue;
        case TIMELINE_PROMISE_ADDED:
            continue; /* promise_add leaves the case row alone */
        case TIMELINE_CONTACT: {
            int64_t occurred = e->at - e->duration_min * MIN;
            if (occurred > m->last_contact_at) {
                m->last_contact_at = occurred;
            }
            if (e->outbound && occurred > m->last_outbound_at) {
                m->last_outbound_at = occurred;
            }
            break;
        }
        case TIMELINE_ETA:
            m->eta_at = e->eta_at;
            m->eta_text = eta_text(e->text);
            m->eta_given_at = e->at;
            break;
        default:
            break;
        }
        m->version++;
        if (e->at > m->updated_at) {
            m->updated_at = e->at;
        }
    }
}

/* Write case i with its promises and timeline. */
static enum taio_status write_case(struct gen *g, int64_t i)
{
    const struct plan *p = &g->plans[i];
    struct case_times ct;
    case_times(g, i, p, &ct);
    const struct people_customer *cu =
        &g->people->customers[rng_index(g->rng, g->people->n_customers)];
    int roll = (int)rng_range(g->rng, 0, 99);
    enum case_kind kind = roll < 45   ? CASE_TROUBLE
                          : roll < 60 ? CASE_COMPLAINT
                          : roll < 85 ? CASE_INQUIRY
                                      : CASE_REQUEST;
    roll = (int)rng_range(g->rng, 0, 99);
    enum case_impact impact = roll < 5    ? CASE_IMPACT_STOPPED
                              : roll < 30 ? CASE_IMPACT_DEGRADED
                                          : CASE_IMPACT_MINOR;
    struct case_text t;
    make_text(g, kind, &t);
    int64_t contact_id = cu->contact_id && rng_chance(g->rng, 600)
                             ? cu->contact_id
                             : 0;
    t.with_whom = contact_id ? cu->contact_name : cu->name;
    t.channel = RNG_PICK(g->rng, CASE_CHANNEL);
    int64_t created_by =
        p->owner_id == 0 || rng_chance(g->rng, 300)
            ? g->people->clerks[rng_index(g->rng, g->people->n_clerks)]
            : p->owner_id;
    int64_t deadline_at = rng_chance(g->rng, 80)
                              ? ct.received_at +
                                    rng_range(g->rng, DAY, 14 * DAY)
                              : 0;
    int64_t occurred_at =
        kind == CASE_TROUBLE
            ? ct.received_at - rng_range(g->rng, 5 * MIN, 3 * HOUR)
            : 0;
    size_t n_events = plan_events(g, p, &ct);
    struct mirror m;
    mirror_of(g, n_events, &m);
    int year = 0;
    int64_t seq = 0;
    char number[32];
    number_case(g, ct.received_at, &year, &seq, number);
    int64_t case_id = g->next_case++;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(g->db, SQL_CASE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, case_id);
    db_bind_text(st, 2, number);
    db_bind_int64(st, 3, year);
    db_bind_int64(st, 4, seq);
    db_bind_text(st, 5, CASE_KIND_NAMES[kind]);
    db_bind_text(st, 6, t.title);
    db_bind_int64(st, 7, cu->id);
    bind_opt(st, 8, contact_id);
    db_bind_text(st, 9, t.channel);
    bind_opt(st, 10, occurred_at);
    db_bind_int64(st, 11, ct.received_at);
    db_bind_text(st, 12, t.reported);
    db_bind_text(st, 13, CASE_IMPACT_NAMES[impact]);
    db_bind_text(st, 14, t.affected);
    bind_opt(st, 15, deadline_at);
    bind_opt(st, 16, m.eta_at);
    bind_text(st, 17, m.eta_text);
    bind_opt(st, 18, m.eta_given_at);
    db_bind_text(st, 19, "");
    bind_opt(st, 20, p->owner_id);
    db_bind_text(st, 21, CASE_STATUS_NAMES[p->status]);
    db_bind_int64(st, 22,
                  case_status_is_open((enum case_status)p->status) ? 1 : 0);
    bind_opt(st, 23, m.last_outbound_at);
    bind_opt(st, 24, m.last_contact_at);
    bind_opt(st, 25, ct.resolved_at);
    bind_opt(st, 26, p->status == CASE_CLOSED ? ct.closed_at : 0);
    db_bind_int64(st, 27, created_by);
    db_bind_int64(st, 28, ct.created_at);
    db_bind_int64(st, 29, m.updated_at);
    db_bind_int64(st, 30, m.version);
    /* report.kinds' default: troubles and complaints owe a report */
    db_bind_int64(st, 31, kind == CASE_TROUBLE || kind == CASE_COMPLAINT);
    status = db_run(st);
    int64_t first_promise = g->next_promise;
    for (size_t k = 0; k < p->n_promises && status == TAIO_OK; k++) {
        const struct promise_plan *pr = &g->promises[k];
        status = db_prepare(g->db, SQL_PROMISE, &st);
        if (status != TAIO_OK) {
            break;
        }
        db_bind_int64(st, 1, g->next_promise++);
        db_bind_int64(st, 2, case_id);
        db_bind_text(st, 3, pr->body);
        db_bind_text(st, 4, t.with_whom);
        bind_opt(st, 5, contact_id);
        db_bind_text(st, 6, pr->by_email ? "email" : "phone");
        db_bind_int64(st, 7, pr->due_at);
        db_bind_int64(st, 8, pr->remind_min);
        db_bind_int64(st, 9, p->owner_id);
        db_bind_int64(st, 10, pr->taken_by);
        db_bind_int64(st, 11, pr->created_at);
        status = db_run(st);
    }
    for (size_t k = 0; k < n_events && status == TAIO_OK; k++) {
        const struct event *e = &g->events[k];
        /* Who recorded it: the opener, the promise taker, else the
         * owner working on the case. */
        int64_t actor = p->owner_id ? p->owner_id : created_by;
        if (e->kind == TIMELINE_OPENED) {
            actor = created_by;
        } else if (e->kind == TIMELINE_PROMISE_ADDED) {
            actor = g->promises[e->promise].taken_by;
        }
        status = write_event(g, case_id, actor, e, &t, contact_id,
                             first_promise, number);
    }
    return status;
}

/* Read the largest ids in use, so new rows continue after them. */
static enum taio_status read_next_ids(struct gen *g)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(g->db, SQL_MAX_IDS, &st);
    if (status != TAIO_OK) {
        return status;
    }
    if (db_step(st) == DB_ROW) {
        g->next_case = db_col_int64(st, 0) + 1;
        g->next_event = db_col_int64(st, 1) + 1;
        g->next_promise = db_col_int64(st, 2) + 1;
    } else {
        status = db_last_status(g->db);
    }
    db_finalize(st);
    return status;
}

/* Generate params->cases cases received over the past params->years
 * before params->now, exactly params->events timeline entries and
 * params->promises open promises, for the staff and customers of people.
 * Commits every CASES_PER_COMMIT cases and shows a progress bar on a
 * terminal. TAIO_EINVAL (logged) when the totals are impossible. */
enum taio_status gen_cases(struct db *db, const struct settings *s,
                           const struct people *people,
                           const struct gen_cases_params *params,
                           struct rng *rng)
{
    struct gen g = {
        .db = db, .s = s, .people = people, .params = params, .rng = rng};
    find_days(&g, params->now - (int64_t)params->years * 365 * DAY,
              params->now - 10 * MIN);
    enum taio_status status = TAIO_OK;
    if (g.n_days == 0 || params->cases <= 0) {
        log_error("bench: no business days to receive cases on");
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK) {
        status = plan_cases(&g);
    }
    if (status == TAIO_OK) {
        status = read_next_ids(&g);
    }
    struct progress bar;
    progress_start(&bar, "cases", params->cases);
    for (int64_t i = 0; i < params->cases && status == TAIO_OK;) {
        status = db_begin(db);
        int64_t end = i + CASES_PER_COMMIT;
        for (; i < end && i < params->cases && status == TAIO_OK; i++) {
            status = write_case(&g, i);
        }
        status = db_end(db, status);
        progress_step(&bar, i);
    }
    progress_finish(&bar);
    free(g.plans);
    free(g.days);
    free(g.events);
    free(g.promises);
    return status;
}
