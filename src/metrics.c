/* SPDX-License-Identifier: MIT */
/*
 * metrics.c - how the desk kept its word in a period: promises kept on
 * time, how long customers waited for the first call and the first ETA,
 * the longest silences, time to resolution, reports submitted the same
 * day, what kinds of trouble came from whom, and troubles that came back.
 *
 * The cases counted are those received in the period (of one manager's
 * team when asked); the promises counted are those due in it, cancelled
 * ones left out. Durations are wall-clock minutes. A silence is a
 * stretch without news from us: from receipt to our first contact,
 * between our contacts, and from the last one to resolution (or now).
 * A recurrence is a case whose customer had a case with a report of the
 * same cause category received in the 90 days before it.
 *
 * The timeline's part (our first contact, the first ETA, the longest
 * silence so far) is kept on each case as entries are written (migration
 * 0011), so a period is one range read of its cases.
 */
#include "metrics.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#define RECURRENCE_DAYS 90
#define DAY 86400

/* The team filter, on the case c's owner. */
#define TEAM                                                                \
    " AND ($3 = 0 OR c.owner_id = $3"                                      \
    "      OR c.owner_id IN (SELECT id FROM users WHERE manager_id = $3))"

/* The cases received in [$1, $2) with what the figures need: the
 * summary the timeline keeps on each case (migration 0011) spares reading
 * the timeline itself. */
static const char SQL_CASES[] =
    "SELECT c.id, c.kind, cu.name, coalesce(u.display_name, ''),"
    "  c.received_at, c.first_outbound_at, c.first_eta_at,"
    "  c.resolved_at, r.cause_category, r.submitted_at,"
    "  c.report_required, c.report_waived_at, c.last_outbound_at,"
    "  c.longest_silence"
    "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
    "  LEFT JOIN users u ON u.id = c.owner_id"
    "  LEFT JOIN reports r ON r.case_id = c.id"
    " WHERE c.received_at >= $1 AND c.received_at < $2" TEAM
    " ORDER BY c.id";

/* The promises due in [$1, $2), cancelled ones left out. */
static const char SQL_PROMISES[] =
    "SELECT p.due_at, p.state, p.ended_at"
    "  FROM promises p JOIN cases c ON c.id = p.case_id"
    " WHERE p.due_at >= $1 AND p.due_at < $2 AND p.state <> 'cancelled'"
    TEAM;

/* The cases with a report's cause category received since $1 (90 days
 * before the period) until $2, for recurrences. */
static const char SQL_CAUSES[] =
    "SELECT c.customer_id, r.cause_category, c.received_at"
    "  FROM cases c JOIN reports r ON r.case_id = c.id"
    " WHERE r.cause_category IS NOT NULL"
    "   AND c.received_at >= $1 AND c.received_at < $2" TEAM
    " ORDER BY c.customer_id, r.cause_category, c.received_at";

/* A growing list of durations, in minutes. */
struct values {
    int64_t *items;
    size_t n;
    size_t cap;
};

static void values_add(struct values *v, int64_t minutes)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->items = xrealloc(v->items, v->cap * sizeof(*v->items));
    }
    v->items[v->n++] = minutes;
}

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The stat of v (emptied). */
static struct metrics_stat stat_of(struct values *v)
{
    struct metrics_stat st = {.n = (int64_t)v->n};
    if (v->n) {
        qsort(v->items, v->n, sizeof(*v->items), by_value);
        int64_t sum = 0;
        for (size_t i = 0; i < v->n; i++) {
            sum += v->items[i];
        }
        st.median_min = v->n % 2 ? v->items[v->n / 2]
                                 : (v->items[v->n / 2 - 1] +
                                    v->items[v->n / 2]) / 2;
        st.mean_min = sum / (int64_t)v->n;
        st.max_min = v->items[v->n - 1];
    }
    free(v->items);
    memset(v, 0, sizeof(*v));
    return st;
}

/* FNV-1a of a name, for the counts' index. */
static uint64_t name_hash(const char *name)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        h = (h ^ *c) * 1099511628211u;
    }
    return h;
}

/* Put item i of c into c's index (open addressing, a power of two). */
static void index_put(struct metrics_counts *c, size_t i)
{
    size_t mask = c->index_size - 1;
    size_t at = (size_t)name_hash(c->items[i].name) & mask;
    while (c->index[at]) {
        at = (at + 1) & mask;
    }
    c->index[at] = i + 1;
}

/* Add one to the count named name: a hashed index keeps a period of a
 * million cases and twenty thousand customers linear. */
static void count(struct metrics_counts *c, const char *name)
{
    if (c->index_size) {
        size_t mask = c->index_size - 1;
        for (size_t at = (size_t)name_hash(name) & mask; c->index[at];
             at = (at + 1) & mask) {
            struct metrics_count *it = &c->items[c->index[at] - 1];
            if (strcmp(it->name, name) == 0) {
                it->n++;
                return;
            }
        }
    }
    c->items = xrealloc(c->items, (c->n + 1) * sizeof(*c->items));
    c->items[c->n++] = (struct metrics_count){xstrdup(name), 1};
    if (c->n * 2 > c->index_size) {
        free(c->index);
        c->index_size = c->index_size ? c->index_size * 2 : 64;
        c->index = xcalloc(c->index_size, sizeof(*c->index));
        for (size_t i = 0; i < c->n; i++) {
            index_put(c, i);
        }
    } else {
        index_put(c, c->n - 1);
    }
}

static int by_count(const void *a, const void *b)
{
    const struct metrics_count *x = a;
    const struct metrics_count *y = b;
    if (x->n != y->n) {
        return x->n > y->n ? -1 : 1;
    }
    return strcmp(x->name, y->name);
}

/* Sort c largest first (its index is done with then). */
static void counts_sort(struct metrics_counts *c)
{
    if (c->n) {
        qsort(c->items, c->n, sizeof(*c->items), by_count);
    }
    free(c->index);
    c->index = NULL;
    c->index_size = 0;
}

static void counts_clear(struct metrics_counts *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].name);
    }
    free(c->items);
    free(c->index);
    memset(c, 0, sizeof(*c));
}

/* The local Monday 00:00 of the week of at. */
static int64_t week_of(const struct tz *zone, int64_t at)
{
    struct tz_tm t;
    tz_local(zone, at, &t);
    int64_t days = tz_days_from_civil(t.year, t.month, t.day) -
                   (t.wday + 6) % 7;
    int year = 0;
    int month = 0;
    int day = 0;
    tz_civil_from_days(days, &year, &month, &day);
    return tz_from_local(zone, year, month, day, 0, 0, 0);
}

/* The week row of m starting at start, or NULL outside the period. The
 * rows are consecutive weeks, so the row is found by arithmetic; half a
 * week of slack absorbs a week an hour short or long (daylight saving). */
static struct metrics_week *week(struct metrics *m, int64_t start)
{
    if (m->n_weeks == 0 || start < m->weeks[0].start_at) {
        return NULL;
    }
    size_t i = (size_t)((start - m->weeks[0].start_at + 3 * DAY) / (7 * DAY));
    return i < m->n_weeks && m->weeks[i].start_at == start ? &m->weeks[i]
                                                           : NULL;
}

/* Make a row for every week of [from, to). */
static void make_weeks(struct metrics *m, const struct tz *zone, int64_t from,
                       int64_t to)
{
    for (int64_t at = week_of(zone, from); at < to;
         at = week_of(zone, at + 8 * DAY)) {
        m->weeks = xrealloc(m->weeks, (m->n_weeks + 1) * sizeof(*m->weeks));
        m->weeks[m->n_weeks++] = (struct metrics_week){.start_at = at};
        if (m->n_weeks > 600) {
            break; /* over ten years: a period that long shows no trend */
        }
    }
}

static void bind_query(struct db_stmt *st, const struct metrics_query *q,
                       int64_t from)
{
    db_bind_int64(st, 1, from);
    db_bind_int64(st, 2, q->to_at);
    db_bind_int64(st, 3, q->manager_id);
}

/* The longest silence of a case, seconds: the longest stretch its
 * timeline kept (longest), or the one from our latest contact (or
 * receipt: last_news) to resolution, or to now. */
static int64_t longest_silence(int64_t longest, int64_t last_news,
                               int64_t resolved_at, int64_t now)
{
    int64_t end = resolved_at ? resolved_at : now;
    int64_t tail = end > last_news ? end - last_news : 0;
    return tail > longest ? tail : longest;
}

/* Read the cases received in the period and count what they give. */
static enum taio_status read_cases(struct db *db, const struct settings *s,
                                   const struct metrics_query *q,
                                   int64_t now, struct metrics *m)
{
    struct calendar cal;
    settings_calendar(s, &cal);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CASES, &st);
    if (status != TAIO_OK) {
        return status;
    }
    bind_query(st, q, q->from_at);
    struct values first_out = {0};
    struct values first_eta = {0};
    struct values resolution = {0};
    struct values silence = {0};
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        int64_t received_at = db_col_int64(st, 4);
        int64_t first_out_at = db_col_int64(st, 5);
        int64_t first_eta_at = db_col_int64(st, 6);
        int64_t resolved_at = db_col_int64(st, 7);
        int64_t last_news = db_col_is_null(st, 12) ? received_at
                                                   : db_col_int64(st, 12);
        m->cases++;
        m->resolved += resolved_at != 0;
        count(&m->by_kind, db_col_text(st, 1));
        count(&m->by_customer, db_col_text(st, 2));
        count(&m->by_owner, db_col_text(st, 3));
        const char *cause = db_col_text(st, 8);
        if (cause) {
            count(&m->by_cause, cause);
        }
        if (first_out_at) {
            values_add(&first_out, (first_out_at - received_at) / 60);
        }
        if (first_eta_at) {
            values_add(&first_eta, (first_eta_at - received_at) / 60);
        }
        if (resolved_at) {
            values_add(&resolution, (resolved_at - received_at) / 60);
        }
        values_add(&silence, longest_silence(db_col_int64(st, 13), last_news,
                                             resolved_at, now) /
                                 60);
        int64_t submitted = db_col_int64(st, 9);
        bool needs = db_col_int64(st, 10) != 0 && db_col_is_null(st, 11);
        int64_t due = 0;
        if (needs && resolved_at &&
            calendar_day_end(&cal, resolved_at, &due) == TAIO_OK) {
            m->reports_due++;
            m->reports_same_day += submitted && submitted <= due;
        }
        struct metrics_week *w = week(m, week_of(s->zone, received_at));
        if (w) {
            w->cases++;
        }
    }
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    m->first_contact = stat_of(&first_out);
    m->first_eta = stat_of(&first_eta);
    m->resolution = stat_of(&resolution);
    m->silence = stat_of(&silence);
    return status;
}

/* Promises due in the period: how many, how many kept on time. */
static enum taio_status promises(struct db *db, const struct settings *s,
                                 const struct metrics_query *q,
                                 struct metrics *m)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_PROMISES, &st);
    if (status != TAIO_OK) {
        return status;
    }
    bind_query(st, q, q->from_at);
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        int64_t due = db_col_int64(st, 0);
        const char *state = db_col_text(st, 1);
        int64_t ended = db_col_int64(st, 2);
        bool on_time = ended && ended <= due && state &&
                       (strcmp(state, "kept") == 0 ||
                        strcmp(state, "renegotiated") == 0);
        m->promises_due++;
        m->promises_on_time += on_time;
        struct metrics_week *w = week(m, week_of(s->zone, due));
        if (w) {
            w->promises_due++;
            w->promises_on_time += on_time;
        }
    }
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Cases in the period whose customer had one of the same cause in the
 * 90 days before. */
static enum taio_status recurrences(struct db *db,
                                    const struct metrics_query *q,
                                    struct metrics *m)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CAUSES, &st);
    if (status != TAIO_OK) {
        return status;
    }
    bind_query(st, q, q->from_at - RECURRENCE_DAYS * DAY);
    int64_t customer = -1;
    char *cause = NULL;
    int64_t previous = 0;
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        int64_t this_customer = db_col_int64(st, 0);
        const char *this_cause = db_col_text(st, 1);
        int64_t at = db_col_int64(st, 2);
        bool same = this_customer == customer && cause && this_cause &&
                    strcmp(cause, this_cause) == 0;
        if (same && at >= q->from_at &&
            at - previous <= RECURRENCE_DAYS * DAY) {
            m->recurrences++;
        }
        customer = this_customer;
        free(cause);
        cause = this_cause ? xstrdup(this_cause) : NULL;
        previous = at;
    }
    free(cause);
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* The figures of q at now into *out (clear with metrics_clear()).
 * Problems name "to" for a period that ends before it starts. */
enum taio_status metrics_compute(struct db *db, const struct settings *s,
                                 const struct metrics_query *q, int64_t now,
                                 struct problems *p, struct metrics *out)
{
    memset(out, 0, sizeof(*out));
    if (q->to_at <= q->from_at) {
        problems_add(p, "to", "%s", _("must be after the start"));
        return TAIO_EINVAL;
    }
    make_weeks(out, s->zone, q->from_at, q->to_at);
    enum taio_status status = read_cases(db, s, q, now, out);
    if (status == TAIO_OK) {
        status = promises(db, s, q, out);
    }
    if (status == TAIO_OK) {
        status = recurrences(db, q, out);
    }
    counts_sort(&out->by_kind);
    counts_sort(&out->by_cause);
    counts_sort(&out->by_customer);
    counts_sort(&out->by_owner);
    return status;
}

void metrics_clear(struct metrics *m)
{
    counts_clear(&m->by_kind);
    counts_clear(&m->by_cause);
    counts_clear(&m->by_customer);
    counts_clear(&m->by_owner);
    free(m->weeks);
    memset(m, 0, sizeof(*m));
}

/* part of whole in whole percent, rounded; -1 when whole is 0. */
int64_t metrics_percent(int64_t part, int64_t whole)
{
    return whole > 0 ? (part * 100 + whole / 2) / whole : -1;
}
