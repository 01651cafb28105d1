/* SPDX-License-Identifier: MIT */
/*
 * metrics.c - how the desk kept its word in a period: promises kept on
 * time, how long customers waited for the first call and the first ETA,
 * the longest silences, time to resolution, reports submitted the same
 * day, what kinds of trouble came from whom, and troubles that came back.
 *
 * The cases counted are those received in the period, of one manager's
 * team when asked (its members own them); the promises counted are those
 * due in it that the team's members own, cancelled ones left out.
 * Durations are wall-clock minutes. A silence is a stretch without news
 * from us: from receipt to our first contact, between our contacts, and
 * from the last one to resolution (or now). A recurrence is a case whose
 * customer had a case with a report of the same cause category received
 * in the 90 days before it, whoever handled that one.
 *
 * The timeline's part (our first contact, the first ETA, the longest
 * silence so far) and the report's (cause category, submission) are kept
 * on each case as they are written (migrations 0011, 0012), and one index
 * holds every column read: a period is one range of that index, and a
 * million cases are read without visiting a case row.
 */
#include "metrics.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#define RECURRENCE_DAYS 90
#define DAY 86400

/* The cases received in [$1, $2): every column comes from the index
 * cases_metrics (migration 0012), so no case row is read; names are
 * looked up once per customer and owner afterwards. Every case of the
 * period is read, a team's or not: a recurrence may follow anyone's
 * case, so the team is applied as the rows are counted. */
static const char SQL_CASES[] =
    "SELECT received_at, owner_id, kind, customer_id, first_outbound_at,"
    "  first_eta_at, resolved_at, longest_silence, last_outbound_at,"
    "  report_required, report_waived_at, report_cause, report_submitted_at"
    "  FROM cases INDEXED BY cases_metrics"
    " WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at";

/* The members of manager $1's team: the manager and who reports to them. */
static const char SQL_TEAM[] =
    "SELECT id FROM users WHERE id = $1 OR manager_id = $1";

/* The promises due in [$1, $2); a team's are those its members own
 * (manager $3 and whoever reports to them). Cancelled ones are left out
 * as they are counted: a promise has a state other than open only once
 * it ended, so the state is read for those alone. */
#define PROMISES                                                            \
    "SELECT due_at, ended_at, state FROM promises INDEXED BY promises_metrics"\
    " WHERE due_at >= $1 AND due_at < $2"
static const char SQL_PROMISES[] = PROMISES;
static const char SQL_PROMISES_TEAM[] =
    PROMISES " AND (owner_id = $3"
    "      OR owner_id IN (SELECT id FROM users WHERE manager_id = $3))";

/* The cases with a report's cause category received in [$1, $2) (the
 * 90 days before the period), in time order: what a recurrence in the
 * period may follow. */
static const char SQL_CAUSES_BEFORE[] =
    "SELECT customer_id, report_cause, received_at"
    "  FROM cases INDEXED BY cases_recurrence"
    " WHERE report_cause IS NOT NULL"
    "   AND received_at >= $1 AND received_at < $2"
    " ORDER BY received_at";

/* Names by id, for the customer and owner breakdowns. */
static const char SQL_CUSTOMER_NAMES[] = "SELECT id, name FROM customers";
static const char SQL_OWNER_NAMES[] = "SELECT id, display_name FROM users";

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

static void swap_values(int64_t *a, int64_t *b)
{
    int64_t t = *a;
    *a = *b;
    *b = t;
}

/* Put the k-th smallest of items[0..n) at items[k], smaller ones before
 * it and larger ones after (Hoare's selection): a median of a million
 * durations in linear time, where sorting them cost 80 ms a figure. */
static void select_kth(int64_t *items, size_t n, size_t k)
{
    ptrdiff_t lo = 0;
    ptrdiff_t hi = (ptrdiff_t)n - 1;
    ptrdiff_t want = (ptrdiff_t)k;
    while (lo < hi) {
        ptrdiff_t mid = lo + (hi - lo) / 2;
        /* the median of three as the pivot; it also stops both scans */
        if (items[mid] < items[lo]) {
            swap_values(&items[mid], &items[lo]);
        }
        if (items[hi] < items[lo]) {
            swap_values(&items[hi], &items[lo]);
        }
        if (items[hi] < items[mid]) {
            swap_values(&items[hi], &items[mid]);
        }
        int64_t pivot = items[mid];
        ptrdiff_t i = lo;
        ptrdiff_t j = hi;
        while (i <= j) {
            while (items[i] < pivot) {
                i++;
            }
            while (items[j] > pivot) {
                j--;
            }
            if (i <= j) {
                swap_values(&items[i], &items[j]);
                i++;
                j--;
            }
        }
        /* now [lo, j] <= pivot, [i, hi] >= pivot, between them = pivot */
        if (want <= j) {
            hi = j;
        } else if (want >= i) {
            lo = i;
        } else {
            return;
        }
    }
}

/* The stat of v (emptied). */
static struct metrics_stat stat_of(struct values *v)
{
    struct metrics_stat st = {.n = (int64_t)v->n};
    if (v->n) {
        int64_t sum = 0;
        int64_t max = v->items[0];
        for (size_t i = 0; i < v->n; i++) {
            sum += v->items[i];
            max = v->items[i] > max ? v->items[i] : max;
        }
        size_t half = v->n / 2;
        select_kth(v->items, v->n, half);
        st.median_min = v->items[half];
        if (v->n % 2 == 0) {
            /* the other middle one: the largest of the lower half */
            int64_t below = v->items[0];
            for (size_t i = 1; i < half; i++) {
                below = v->items[i] > below ? v->items[i] : below;
            }
            st.median_min = (below + st.median_min) / 2;
        }
        st.mean_min = sum / (int64_t)v->n;
        st.max_min = max;
    }
    free(v->items);
    memset(v, 0, sizeof(*v));
    return st;
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

/* Sort c largest first. */
static void counts_sort(struct metrics_counts *c)
{
    if (c->n) {
        qsort(c->items, c->n, sizeof(*c->items), by_count);
    }
}

static void counts_clear(struct metrics_counts *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].name);
    }
    free(c->items);
    memset(c, 0, sizeof(*c));
}

/* Numbers by ids too large for an array (struct id_table): open
 * addressing over id + 1, so 0 marks a free slot. */
struct id_map {
    int64_t *keys;   /* owned; id + 1, 0: free */
    int64_t *values; /* owned */
    size_t size;     /* a power of two, or 0 */
    size_t used;
};

static size_t id_slot(const struct id_map *c, int64_t key)
{
    size_t mask = c->size - 1;
    size_t at = (size_t)((uint64_t)key * 11400714819323198485u >> 32) & mask;
    while (c->keys[at] && c->keys[at] != key) {
        at = (at + 1) & mask;
    }
    return at;
}

/* The value of id (0 when new, and then kept). */
static int64_t *id_value(struct id_map *c, int64_t id)
{
    if ((c->used + 1) * 2 > c->size) {
        struct id_map bigger = {.size = c->size ? c->size * 2 : 256};
        bigger.keys = xcalloc(bigger.size, sizeof(*bigger.keys));
        bigger.values = xcalloc(bigger.size, sizeof(*bigger.values));
        for (size_t i = 0; i < c->size; i++) {
            if (c->keys[i]) {
                size_t at = id_slot(&bigger, c->keys[i]);
                bigger.keys[at] = c->keys[i];
                bigger.values[at] = c->values[i];
            }
        }
        bigger.used = c->used;
        free(c->keys);
        free(c->values);
        *c = bigger;
    }
    size_t at = id_slot(c, id + 1);
    if (!c->keys[at]) {
        c->keys[at] = id + 1;
        c->used++;
    }
    return &c->values[at];
}

/* The value of id, 0 if it has none. */
static int64_t id_get(const struct id_map *c, int64_t id)
{
    if (!c->size) {
        return 0;
    }
    size_t at = id_slot(c, id + 1);
    return c->keys[at] ? c->values[at] : 0;
}

static void id_map_clear(struct id_map *c)
{
    free(c->keys);
    free(c->values);
    memset(c, 0, sizeof(*c));
}

/* Numbers by id (case counts by customer and owner, a team's members,
 * the latest case of each customer): ids below DENSE_IDS index an array,
 * as rowids handed out in turn are small and close together (a hashed
 * slot per case cost more than reading its row); any other id goes to a
 * map. */
#define DENSE_IDS (1 << 22)
struct id_table {
    int64_t *dense;  /* owned; by id */
    size_t size;
    struct id_map sparse;
    bool any;        /* a number was asked for */
};

/* The number of id, made 0 when new. */
static int64_t *id_at(struct id_table *t, int64_t id)
{
    t->any = true;
    if (id < 0 || id >= DENSE_IDS) {
        return id_value(&t->sparse, id);
    }
    if ((size_t)id >= t->size) {
        size_t size = t->size ? t->size : 1024;
        while (size <= (size_t)id) {
            size *= 2;
        }
        t->dense = xrealloc(t->dense, size * sizeof(*t->dense));
        memset(t->dense + t->size, 0, (size - t->size) * sizeof(*t->dense));
        t->size = size;
    }
    return &t->dense[id];
}

/* The number of id, 0 if it has none. */
static int64_t id_read(const struct id_table *t, int64_t id)
{
    if (id >= 0 && (size_t)id < t->size) {
        return t->dense[id];
    }
    return id >= 0 && id < DENSE_IDS ? 0 : id_get(&t->sparse, id);
}

static void id_table_clear(struct id_table *t)
{
    free(t->dense);
    id_map_clear(&t->sparse);
    memset(t, 0, sizeof(*t));
}

static void counts_append(struct metrics_counts *c, const char *name,
                          int64_t n)
{
    c->items = xrealloc(c->items, (c->n + 1) * sizeof(*c->items));
    c->items[c->n++] = (struct metrics_count){xstrdup(name), n};
}

/* One named row and the id it counts, while the names are checked. */
struct named {
    const char *name;
    int64_t id;
    size_t item;   /* its row in the counts */
};

static int by_name(const void *a, const void *b)
{
    const struct named *x = a;
    const struct named *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Tell apart the rows of c that share a name (two customers named
 * 田中 一郎) by their id, as the CLI names them: "田中 一郎 #12". */
static void name_apart(struct metrics_counts *c, struct named *rows,
                       size_t n)
{
    qsort(rows, n, sizeof(*rows), by_name);
    bool *shared = xcalloc(n ? n : 1, sizeof(*shared));
    for (size_t i = 1; i < n; i++) {
        if (strcmp(rows[i].name, rows[i - 1].name) == 0) {
            shared[i] = shared[i - 1] = true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (shared[i]) {
            struct buf label = {0};
            buf_printf(&label, "%s #%lld", rows[i].name,
                       (long long)rows[i].id);
            free(c->items[rows[i].item].name);
            c->items[rows[i].item].name = buf_steal(&label);
        }
    }
    free(shared);
}

/* Name the counts of ids by sql (id, name) into out; id 0 (no owner) is
 * named "". */
static enum taio_status name_counts(struct db *db, const char *sql,
                                    const struct id_table *ids,
                                    struct metrics_counts *out)
{
    if (!ids->any) {
        return TAIO_OK;
    }
    int64_t nobody = id_read(ids, 0);
    if (nobody) {
        counts_append(out, "", nobody);
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    struct named *rows = NULL;
    size_t n_rows = 0;
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        int64_t n = id_read(ids, id);
        if (n) {
            const char *name = db_col_text(st, 1);
            counts_append(out, name ? name : "", n);
            rows = xrealloc(rows, (n_rows + 1) * sizeof(*rows));
            rows[n_rows++] = (struct named){out->items[out->n - 1].name, id,
                                            out->n - 1};
        }
    }
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    name_apart(out, rows, n_rows);
    free(rows);
    return status;
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

/* The week of the latest of rows read in time order: a new week is
 * looked up only when they leave the current one. */
struct week_cursor {
    int64_t from;               /* [from, to) */
    int64_t to;
    struct metrics_week *row;   /* NULL: outside the period */
};

/* The week row of m holding at (NULL: none), through c. */
static struct metrics_week *week_at(struct week_cursor *c, struct metrics *m,
                                    const struct tz *zone, int64_t at)
{
    if (at < c->from || at >= c->to) {
        c->from = week_of(zone, at);
        c->to = week_of(zone, c->from + 8 * DAY);
        c->row = week(m, c->from);
    }
    return c->row;
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

/* Most kinds or cause categories told apart: report.causes holds a
 * handful, and its 1,000 characters at most 500; a later one is not
 * counted. */
#define MAX_NAMES 1024

/* The case kinds or cause categories met, numbered in turn, with the
 * period's cases of each: a few names, so a search is a few strcmp. */
struct names {
    char *names[MAX_NAMES]; /* owned */
    int64_t cases[MAX_NAMES];
    int n;
};

/* The number of name (added when new), or -1 past MAX_NAMES. */
static int name_number(struct names *c, const char *name)
{
    for (int i = 0; i < c->n; i++) {
        if (strcmp(c->names[i], name) == 0) {
            return i;
        }
    }
    if (c->n == MAX_NAMES) {
        return -1;
    }
    c->names[c->n] = xstrdup(name);
    return c->n++;
}

/* What one pass over the cases gathers besides the figures of m. */
struct pass {
    struct values first_out;
    struct values first_eta;
    struct values resolution;
    struct values silence;
    struct id_table customers;
    struct id_table owners;
    struct id_table team;       /* members by id; unused for everyone */
    bool whole_desk;
    struct names kinds;
    struct names causes;
    struct id_table latest[MAX_NAMES]; /* by cause: customer -> when its
                                           latest such case came */
    struct week_cursor weeks;
    struct calendar_day_ends day_ends;
};

/* Note a case of customer with cause received at; true when the customer
 * had a case of that cause in the 90 days before. Returns the cause's
 * number through *number (-1: none). */
static bool recurs(struct pass *ps, int64_t customer, const char *cause,
                   int64_t at, int *number)
{
    *number = cause ? name_number(&ps->causes, cause) : -1;
    if (*number < 0) {
        return false;
    }
    int64_t *previous = id_at(&ps->latest[*number], customer);
    bool again = *previous && at - *previous <= RECURRENCE_DAYS * DAY;
    *previous = at;
    return again;
}

/* Count the case of the row st (SQL_CASES) into m and ps. */
static void count_case(struct db_stmt *st, const struct settings *s,
                       const struct calendar *cal, int64_t now,
                       struct metrics *m, struct pass *ps)
{
    int64_t received_at = db_col_int64(st, 0);
    int64_t owner = db_col_int64(st, 1);
    int64_t customer = db_col_int64(st, 3);
    int cause = -1;
    bool again = recurs(ps, customer, db_col_text(st, 11), received_at,
                        &cause);
    if (!ps->whole_desk && !id_read(&ps->team, owner)) {
        return; /* another team's: only its cause was noted */
    }
    int64_t first_out_at = db_col_int64(st, 4);
    int64_t first_eta_at = db_col_int64(st, 5);
    int64_t resolved_at = db_col_int64(st, 6);
    int64_t last_news = db_col_int64(st, 8); /* 0: no contact yet */
    m->cases++;
    m->resolved += resolved_at != 0;
    m->recurrences += again;
    (*id_at(&ps->owners, owner))++;
    const char *kind = db_col_text(st, 2);
    int k = kind ? name_number(&ps->kinds, kind) : -1;
    if (k >= 0) {
        ps->kinds.cases[k]++;
    }
    (*id_at(&ps->customers, customer))++;
    if (cause >= 0) {
        ps->causes.cases[cause]++;
    }
    if (first_out_at) {
        values_add(&ps->first_out, (first_out_at - received_at) / 60);
    }
    if (first_eta_at) {
        values_add(&ps->first_eta, (first_eta_at - received_at) / 60);
    }
    if (resolved_at) {
        values_add(&ps->resolution, (resolved_at - received_at) / 60);
    }
    values_add(&ps->silence,
               longest_silence(db_col_int64(st, 7),
                               last_news ? last_news : received_at,
                               resolved_at, now) /
                   60);
    /* the report's columns matter only once the case is resolved */
    int64_t due = 0;
    if (resolved_at && db_col_int64(st, 9) != 0 && db_col_is_null(st, 10) &&
        calendar_day_end_memo(cal, &ps->day_ends, resolved_at, &due) ==
            TAIO_OK) {
        int64_t submitted = db_col_int64(st, 12);
        m->reports_due++;
        m->reports_same_day += submitted && submitted <= due;
    }
    struct metrics_week *w = week_at(&ps->weeks, m, s->zone, received_at);
    if (w) {
        w->cases++;
    }
}

/* Run sql with $1.. bound to the n values, passing each row to each
 * with ps. */
static enum taio_status each_row(struct db *db, const char *sql,
                                 const int64_t *values, int n,
                                 void (*each)(struct db_stmt *st,
                                              struct pass *ps),
                                 struct pass *ps)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    for (int i = 0; i < n; i++) {
        db_bind_int64(st, i + 1, values[i]);
    }
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        each(st, ps);
    }
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

static void add_member(struct db_stmt *st, struct pass *ps)
{
    *id_at(&ps->team, db_col_int64(st, 0)) = 1;
}

static void note_cause(struct db_stmt *st, struct pass *ps)
{
    int number = -1;
    recurs(ps, db_col_int64(st, 0), db_col_text(st, 1), db_col_int64(st, 2),
           &number);
}

/* The period's cases by kind or cause, from the pass. */
static void names_counts(const struct names *c, struct metrics_counts *out)
{
    for (int i = 0; i < c->n; i++) {
        if (c->cases[i]) {
            counts_append(out, c->names[i], c->cases[i]);
        }
    }
}

static void pass_free(struct pass *ps)
{
    id_table_clear(&ps->customers);
    id_table_clear(&ps->owners);
    id_table_clear(&ps->team);
    for (int i = 0; i < ps->causes.n; i++) {
        free(ps->causes.names[i]);
        id_table_clear(&ps->latest[i]);
    }
    for (int i = 0; i < ps->kinds.n; i++) {
        free(ps->kinds.names[i]);
    }
    free(ps->first_out.items);
    free(ps->first_eta.items);
    free(ps->resolution.items);
    free(ps->silence.items);
    free(ps);
}

/* Read the cases received in the period (and, for recurrences, those
 * with a cause in the 90 days before) and count what they give. */
static enum taio_status read_cases(struct db *db, const struct settings *s,
                                   const struct metrics_query *q,
                                   int64_t now, struct metrics *m)
{
    struct calendar cal;
    settings_calendar(s, &cal);
    /* about 100 KB (day ends, names): on the heap */
    struct pass *ps = xcalloc(1, sizeof(*ps));
    ps->whole_desk = q->manager_id == 0;
    enum taio_status status = TAIO_OK;
    if (!ps->whole_desk) {
        status = each_row(db, SQL_TEAM, &q->manager_id, 1, add_member, ps);
    }
    if (status == TAIO_OK) {
        const int64_t before[] = {q->from_at - RECURRENCE_DAYS * DAY,
                                  q->from_at};
        status = each_row(db, SQL_CAUSES_BEFORE, before, 2, note_cause, ps);
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_CASES, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, q->from_at);
        db_bind_int64(st, 2, q->to_at);
        enum db_step step;
        while ((step = db_step(st)) == DB_ROW) {
            count_case(st, s, &cal, now, m, ps);
        }
        if (step == DB_ERROR) {
            status = db_last_status(db);
        }
        db_finalize(st);
    }
    m->first_contact = stat_of(&ps->first_out);
    m->first_eta = stat_of(&ps->first_eta);
    m->resolution = stat_of(&ps->resolution);
    m->silence = stat_of(&ps->silence);
    names_counts(&ps->kinds, &m->by_kind);
    names_counts(&ps->causes, &m->by_cause);
    if (status == TAIO_OK) {
        status = name_counts(db, SQL_CUSTOMER_NAMES, &ps->customers,
                             &m->by_customer);
    }
    if (status == TAIO_OK) {
        status = name_counts(db, SQL_OWNER_NAMES, &ps->owners, &m->by_owner);
    }
    pass_free(ps);
    return status;
}

/* Promises due in the period: how many, how many kept on time. */
static enum taio_status promises(struct db *db, const struct settings *s,
                                 const struct metrics_query *q,
                                 struct metrics *m)
{
    struct db_stmt *st = NULL;
    enum taio_status status =
        db_prepare(db, q->manager_id ? SQL_PROMISES_TEAM : SQL_PROMISES, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, q->from_at);
    db_bind_int64(st, 2, q->to_at);
    if (q->manager_id) {
        db_bind_int64(st, 3, q->manager_id);
    }
    struct week_cursor weeks = {0};
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        int64_t due = db_col_int64(st, 0);
        int64_t ended = db_col_int64(st, 1);
        const char *state = ended ? db_col_text(st, 2) : NULL;
        if (state && strcmp(state, "cancelled") == 0) {
            continue;
        }
        bool on_time = ended && ended <= due && state &&
                       (strcmp(state, "kept") == 0 ||
                        strcmp(state, "renegotiated") == 0);
        m->promises_due++;
        m->promises_on_time += on_time;
        struct metrics_week *w = week_at(&weeks, m, s->zone, due);
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
