/* SPDX-License-Identifier: MIT */
/*
 * search.c - finding past cases, timeline entries and customers by their
 * words, Japanese included, from the indexes of migration 0008.
 *
 * A query is words separated by spaces (ASCII or ideographic); every word
 * must occur. Each word goes to FTS5 as a quoted phrase, so nothing a
 * person types is read as FTS5 syntax; taio's tokenizer turns the phrase
 * into bigrams, and a word of one kanji or kana becomes a prefix query
 * (db/sqlite_fts.c, core/tokens.c explain why that finds every place).
 *
 * Ranking: each index gives its most recent SEARCH_WINDOW matches that
 * pass the filters, with their relevance (taio_rank, db/sqlite_fts.c);
 * the hits of all indexes are then ordered by relevance. A word found in a million entries so
 * costs no more than one found in a few, and the best of the recent past
 * comes first: what a desk needs when it looks for the last time
 * something like this happened.
 *
 * Snippets are cut here, not by FTS5's snippet(): bigram tokens overlap,
 * which its highlighter does not expect.
 */
#include "search.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/tokens.h"
#include "core/validate.h"
#include "core/xalloc.h"

/* Matches each index hands over before ranking. */
#define SEARCH_WINDOW 300
/* Most hits one search returns. */
#define SEARCH_MAX 200
/* Most words in a query, and the longest query, in bytes. */
#define MAX_WORDS 16
#define MAX_QUERY 400
/* Characters of context before the first match in a snippet, and the
 * snippet's length. */
#define SNIPPET_BEFORE 24
#define SNIPPET_UNITS 100

const char *const SEARCH_TYPE_NAMES[] = {"case", "event", "customer",
                                         "report", NULL};

/*
 * Each index is asked in two steps. First its ranking: the rowids and
 * relevance of its SEARCH_WINDOW most recent matches ($1, at most $2). Without
 * filters that reads the index alone; with filters (kind $3, customer $4,
 * from $5, until $6, cause category $7) it joins what they need. Then,
 * once all indexes are ranked together, the few hits kept are read in
 * full by id (ROW queries: id, case number, title, customer, kind,
 * customer id, time, then the texts to cut the snippet from).
 */
struct source {
    enum search_type type;
    const char *rank;          /* no filter */
    const char *rank_filtered; /* NULL: no hits when filtered */
    const char *row;
    int n_texts;
};

/* The filters of $3..$7, as the _filtered ranking queries repeat them on
 * a case c. */
#define CASE_FILTERS                                                        \
    "   AND ($3 IS NULL OR c.kind = $3) AND ($4 IS NULL OR c.customer_id = $4)" \
    "   AND ($7 IS NULL OR EXISTS (SELECT 1 FROM reports r"                    \
    "        WHERE r.case_id = c.id AND r.cause_category = $7))"

static const struct source SOURCES[SEARCH_TYPE_COUNT] = {
    {SEARCH_CASE,
     "SELECT rowid,"
     "  CAST(taio_rank(cases_fts, 3.0, 2.0, 1.0, 1.0) * 1000000"
     "       AS INTEGER)"
     "  FROM cases_fts WHERE cases_fts MATCH $1"
     " ORDER BY rowid DESC LIMIT $2",
     "SELECT c.id,"
     "  CAST(taio_rank(cases_fts, 3.0, 2.0, 1.0, 1.0) * 1000000"
     "       AS INTEGER)"
     "  FROM cases_fts JOIN cases c ON c.id = cases_fts.rowid"
     " WHERE cases_fts MATCH $1" CASE_FILTERS
     "   AND ($5 IS NULL OR c.received_at >= $5)"
     "   AND ($6 IS NULL OR c.received_at < $6)"
     " ORDER BY cases_fts.rowid DESC LIMIT $2",
     "SELECT c.id, c.number, c.title, cu.name, c.kind, c.customer_id,"
     "  c.received_at, c.reported, c.affected, c.workaround, c.title"
     "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
     " WHERE c.id = $1",
     4},
    /* Entries that opened a case are not indexed: the case's own hit
     * stands for the words they repeat. */
    {SEARCH_EVENT,
     "SELECT rowid, CAST(taio_rank(case_events_fts) * 1000000 AS INTEGER)"
     "  FROM case_events_fts WHERE case_events_fts MATCH $1"
     " ORDER BY rowid DESC LIMIT $2",
     "SELECT e.id, CAST(taio_rank(case_events_fts) * 1000000 AS INTEGER)"
     "  FROM case_events_fts JOIN case_events e"
     "    ON e.id = case_events_fts.rowid"
     "  JOIN cases c ON c.id = e.case_id"
     " WHERE case_events_fts MATCH $1" CASE_FILTERS
     "   AND ($5 IS NULL OR e.at >= $5) AND ($6 IS NULL OR e.at < $6)"
     " ORDER BY case_events_fts.rowid DESC LIMIT $2",
     "SELECT e.id, c.number, c.title, cu.name, e.kind, c.customer_id, e.at,"
     "  e.body"
     "  FROM case_events e JOIN cases c ON c.id = e.case_id"
     "  JOIN customers cu ON cu.id = c.customer_id"
     " WHERE e.id = $1",
     1},
    /* Customers have no kind, time or cause: filtered, only the one
     * customer asked for can be a hit. */
    {SEARCH_CUSTOMER,
     "SELECT rowid,"
     "  CAST(taio_rank(customers_fts, 3.0, 3.0, 1.0, 1.0) * 1000000"
     "       AS INTEGER)"
     "  FROM customers_fts WHERE customers_fts MATCH $1"
     " ORDER BY rowid DESC LIMIT $2",
     "SELECT rowid,"
     "  CAST(taio_rank(customers_fts, 3.0, 3.0, 1.0, 1.0) * 1000000"
     "       AS INTEGER)"
     "  FROM customers_fts WHERE customers_fts MATCH $1 AND rowid = $4"
     "   AND coalesce($3, $5, $6, $7) IS NULL"
     " ORDER BY rowid DESC LIMIT $2",
     "SELECT id, NULL, name, name, kind, id, 0, notes, address, reading,"
     "  name FROM customers WHERE id = $1",
     4},
    /* Approved (or sent) reports: the lessons. */
    {SEARCH_REPORT,
     "SELECT r.id,"
     "  CAST(taio_rank(reports_fts, 1.0, 1.0, 3.0, 2.0, 3.0, 1.0,"
     "       1.0) * 1000000"
     "       AS INTEGER)"
     "  FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid"
     " WHERE reports_fts MATCH $1 AND r.state IN ('approved', 'sent')"
     " ORDER BY reports_fts.rowid DESC LIMIT $2",
     "SELECT r.id,"
     "  CAST(taio_rank(reports_fts, 1.0, 1.0, 3.0, 2.0, 3.0, 1.0,"
     "       1.0) * 1000000"
     "       AS INTEGER)"
     "  FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid"
     "  JOIN cases c ON c.id = r.case_id"
     " WHERE reports_fts MATCH $1 AND r.state IN ('approved', 'sent')"
     "   AND ($3 IS NULL OR c.kind = $3) AND ($4 IS NULL OR c.customer_id = $4)"
     "   AND ($5 IS NULL OR r.approved_at >= $5)"
     "   AND ($6 IS NULL OR r.approved_at < $6)"
     "   AND ($7 IS NULL OR r.cause_category = $7)"
     " ORDER BY reports_fts.rowid DESC LIMIT $2",
     "SELECT r.id, c.number, c.title, cu.name, r.cause_category,"
     "  c.customer_id, r.approved_at, r.prevention, r.cause, r.response,"
     "  r.went_badly"
     "  FROM reports r JOIN cases c ON c.id = r.case_id"
     "  JOIN customers cu ON cu.id = c.customer_id"
     " WHERE r.id = $1",
     4},
};

/* The words of a query: split at ASCII and ideographic spaces. */
struct words {
    char *items[MAX_WORDS]; /* owned */
    size_t n;
};

static void words_clear(struct words *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->items[i]);
    }
    w->n = 0;
}

/* True at a space byte sequence of text; *len its length. */
static bool space_at(const char *text, size_t *len)
{
    if (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r') {
        *len = 1;
        return true;
    }
    if (strncmp(text, "\xe3\x80\x80", 3) == 0) { /* U+3000 */
        *len = 3;
        return true;
    }
    return false;
}

/* Split text into words; words that hold no letter, digit or kana (bare
 * punctuation) are dropped, as the index holds none. */
static void split_words(const char *text, struct words *w)
{
    const char *p = text;
    while (*p && w->n < MAX_WORDS) {
        size_t skip = 0;
        if (space_at(p, &skip)) {
            p += skip;
            continue;
        }
        const char *start = p;
        while (*p && !space_at(p, &skip)) {
            p++;
        }
        char *word = xmalloc((size_t)(p - start) + 1);
        memcpy(word, start, (size_t)(p - start));
        word[p - start] = '\0';
        struct tokens_unit *units = NULL;
        size_t n = tokens_units(word, (int)strlen(word), &units);
        bool has_token = false;
        for (size_t i = 0; i < n; i++) {
            has_token = has_token || units[i].kind != TOKENS_KIND_OTHER;
        }
        free(units);
        if (has_token) {
            w->items[w->n++] = word;
        } else {
            free(word);
        }
    }
}

/* The FTS5 expression of w: each word a quoted phrase (inner quotes
 * doubled), a one-character Japanese word a prefix; all required. */
static char *fts_expression(const struct words *w)
{
    struct buf out = {0};
    for (size_t i = 0; i < w->n; i++) {
        buf_puts(&out, i ? " AND \"" : "\"");
        for (const char *c = w->items[i]; *c; c++) {
            buf_append(&out, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
        }
        buf_puts(&out, tokens_is_one_cjk(w->items[i]) ? "\"*" : "\"");
    }
    return buf_steal(&out);
}

/* The FTS5 expression for a query text (for the benchmark and tests);
 * "" when it has no word. Free with free(). */
char *search_fts_query(const char *text)
{
    struct words w = {0};
    split_words(text, &w);
    char *expr = w.n ? fts_expression(&w) : xstrdup("");
    words_clear(&w);
    return expr;
}

/* The folded units of text that are not separators, as indexes into
 * units. */
static size_t solid_units(const struct tokens_unit *units, size_t n,
                          size_t *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (units[i].kind != TOKENS_KIND_OTHER) {
            out[m++] = i;
        }
    }
    return m;
}

/* True when word (its solid units w[0..n_w)) starts at solid unit at of
 * the text. */
static bool word_at(const struct tokens_unit *text, const size_t *t,
                    size_t n_t, size_t at, const struct tokens_unit *word,
                    const size_t *w, size_t n_w)
{
    if (n_w == 0 || at + n_w > n_t) {
        return false;
    }
    for (size_t k = 0; k < n_w; k++) {
        if (strcmp(text[t[at + k]].text, word[w[k]].text) != 0) {
            return false;
        }
    }
    return true;
}

/* Mark every place in units (n of them) where a word of w occurs, as
 * unit index ranges [from, to) in marks (sorted, not overlapping). */
static size_t find_words(const struct tokens_unit *units, size_t n,
                         const struct words *w, struct search_mark *marks,
                         size_t max_marks)
{
    size_t *t = xmalloc((n ? n : 1) * sizeof(*t));
    size_t n_t = solid_units(units, n, t);
    bool *marked = xcalloc(n ? n : 1, sizeof(*marked));
    for (size_t i = 0; i < w->n; i++) {
        struct tokens_unit *word = NULL;
        size_t n_word = tokens_units(w->items[i], (int)strlen(w->items[i]),
                                     &word);
        size_t *wi = xmalloc((n_word ? n_word : 1) * sizeof(*wi));
        size_t n_w = solid_units(word, n_word, wi);
        for (size_t at = 0; at < n_t; at++) {
            if (word_at(units, t, n_t, at, word, wi, n_w)) {
                for (size_t k = t[at]; k <= t[at + n_w - 1]; k++) {
                    marked[k] = true;
                }
            }
        }
        free(wi);
        free(word);
    }
    size_t n_marks = 0;
    for (size_t i = 0; i < n && n_marks < max_marks; i++) {
        if (marked[i] && (i == 0 || !marked[i - 1])) {
            size_t end = i;
            while (end < n && marked[end]) {
                end++;
            }
            marks[n_marks++] = (struct search_mark){i, end};
        }
    }
    free(marked);
    free(t);
    return n_marks;
}

/* Cut the snippet of text around the first place a word of w occurs,
 * with the marks in it; false when no word occurs in text. */
static bool cut_snippet(const char *text, const struct words *w,
                        struct search_hit *hit)
{
    if (text == NULL || *text == '\0') {
        return false;
    }
    struct tokens_unit *units = NULL;
    size_t n = tokens_units(text, (int)strlen(text), &units);
    struct search_mark found[64];
    size_t n_found = find_words(units, n, w, found, 64);
    if (n_found == 0) {
        free(units);
        return false;
    }
    size_t first = found[0].from > SNIPPET_BEFORE
                       ? found[0].from - SNIPPET_BEFORE
                       : 0;
    size_t last = first + SNIPPET_UNITS < n ? first + SNIPPET_UNITS : n;
    struct buf out = {0};
    if (first > 0) {
        buf_puts(&out, "…");
    }
    size_t base = out.len;
    size_t begin = (size_t)units[first].start;
    buf_append(&out, text + begin, (size_t)units[last - 1].end - begin);
    if (last < n) {
        buf_puts(&out, "…");
    }
    hit->marks = xcalloc(n_found, sizeof(*hit->marks));
    for (size_t i = 0; i < n_found && found[i].from < last; i++) {
        size_t to = found[i].to < last ? found[i].to : last;
        hit->marks[hit->n_marks++] = (struct search_mark){
            base + (size_t)units[found[i].from].start - begin,
            base + (size_t)units[to - 1].end - begin,
        };
    }
    for (size_t i = 0; i < out.len; i++) {
        if (out.data[i] == '\n' || out.data[i] == '\r') {
            out.data[i] = ' '; /* one line, the marks stay where they are */
        }
    }
    hit->snippet = buf_steal(&out);
    free(units);
    return true;
}

/* Most texts a hit keeps to cut its snippet from. */
#define MAX_TEXTS 4

/* A hit while the indexes are read, with the texts its snippet will be
 * cut from (only the hits kept after ranking get one). */
struct candidate {
    struct search_hit hit;
    char *texts[MAX_TEXTS]; /* owned; in order of preference; may be NULL */
};

/* Where candidates are gathered. */
struct hits {
    struct candidate *items;
    size_t n;
    size_t cap;
};

static void candidate_clear(struct candidate *c);

/* Cut the snippet of c from the first of its texts that holds a word of
 * w (else the first text, unmarked). */
static void snippet_of(struct candidate *c, const struct words *w)
{
    for (int i = 0; i < MAX_TEXTS; i++) {
        if (cut_snippet(c->texts[i], w, &c->hit)) {
            return;
        }
    }
    c->hit.snippet = xstrdup(c->texts[0] ? c->texts[0] : "");
}

/* True when q filters by anything but its words. */
static bool is_filtered(const struct search_query *q)
{
    return q->kind || q->cause || q->customer_id || q->from_at || q->to_at;
}

/* Rank the matches of expr in source src (see struct source) into h. */
static enum taio_status rank(struct db *db, const struct source *src,
                             const char *expr, const struct search_query *q,
                             struct hits *h)
{
    bool filtered = is_filtered(q);
    struct db_stmt *st = NULL;
    enum taio_status status =
        db_prepare(db, filtered ? src->rank_filtered : src->rank, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, expr);
    db_bind_int64(st, 2, SEARCH_WINDOW);
    if (filtered) {
        db_bind_text(st, 3, q->kind);
        db_bind_opt_int64(st, 4, q->customer_id != 0, q->customer_id);
        db_bind_opt_int64(st, 5, q->from_at != 0, q->from_at);
        db_bind_opt_int64(st, 6, q->to_at != 0, q->to_at);
        db_bind_text(st, 7, q->cause);
    }
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        if (h->n == h->cap) {
            h->cap = h->cap ? h->cap * 2 : 64;
            h->items = xrealloc(h->items, h->cap * sizeof(*h->items));
        }
        struct candidate *c = &h->items[h->n++];
        memset(c, 0, sizeof(*c));
        c->hit.type = src->type;
        c->hit.id = db_col_int64(st, 0);
        c->hit.score = db_col_int64(st, 1);
    }
    if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Read the ranked candidate c in full (its source's ROW query). */
static enum taio_status fetch(struct db *db, struct candidate *c)
{
    const struct source *src = &SOURCES[c->hit.type];
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, src->row, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, c->hit.id);
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        struct search_hit *hit = &c->hit;
        hit->case_number = db_col_strdup(st, 1);
        hit->title = db_col_strdup(st, 2);
        hit->customer_name = db_col_strdup(st, 3);
        hit->kind = db_col_strdup(st, 4);
        hit->customer_id = db_col_int64(st, 5);
        hit->at = db_col_int64(st, 6);
        for (int i = 0; i < src->n_texts && i < MAX_TEXTS; i++) {
            c->texts[i] = db_col_strdup(st, 7 + i);
        }
    } else {
        status = step == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Best first: higher relevance, then the later written. */
static int by_relevance(const void *a, const void *b)
{
    const struct search_hit *x = &((const struct candidate *)a)->hit;
    const struct search_hit *y = &((const struct candidate *)b)->hit;
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    return x->id > y->id ? -1 : (x->id < y->id); /* newer first */
}

static void hit_clear(struct search_hit *hit);

/* Check q; problems name "q", "kind", "limit" and "to". */
static bool query_ok(const struct search_query *q, struct problems *p)
{
    static const char *const KINDS[] = {"trouble", "complaint", "inquiry",
                                        "request", NULL};
    if (validate_text(p, "q", q->text, true, MAX_QUERY)) {
        struct words w = {0};
        split_words(q->text, &w);
        if (w.n == 0) {
            problems_add(p, "q", "%s",
                         _("has no word to look for (letters, digits, kana "
                           "or kanji)"));
        }
        words_clear(&w);
    }
    if (q->kind) {
        validate_one_of(p, "kind", q->kind, KINDS);
    }
    if (q->limit > SEARCH_MAX) {
        problems_add(p, "limit", _("must be at most %d"), SEARCH_MAX);
    }
    if (q->from_at && q->to_at && q->to_at <= q->from_at) {
        problems_add(p, "to", "%s", _("must be after the start"));
    }
    return !problems_any(p);
}

/* Search for q: cases, timeline entries, customers and lessons (approved
 * reports), best first (see
 * the top of this file), at most q->limit (default 20). *out (free with
 * search_hits_free()) gets the hits. TAIO_EINVAL with problems for a
 * query without words, an unknown kind or a bad range. */
enum taio_status search_run(struct db *db, const struct search_query *q,
                            struct problems *p, struct search_hit **out,
                            size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (!query_ok(q, p)) {
        return TAIO_EINVAL;
    }
    struct words w = {0};
    split_words(q->text, &w);
    char *expr = fts_expression(&w);
    struct hits h = {0};
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < SEARCH_TYPE_COUNT; i++) {
        status = rank(db, &SOURCES[i], expr, q, &h);
    }
    free(expr);
    size_t limit = q->limit ? q->limit : 20;
    size_t kept = 0;
    struct search_hit *hits = NULL;
    if (status == TAIO_OK) {
        if (h.n) {
            qsort(h.items, h.n, sizeof(*h.items), by_relevance);
        }
        hits = xcalloc(limit < h.n ? limit : (h.n ? h.n : 1), sizeof(*hits));
    }
    for (size_t i = 0; status == TAIO_OK && i < h.n && kept < limit; i++) {
        status = fetch(db, &h.items[i]);
        if (status == TAIO_ENOTFOUND) {
            status = TAIO_OK; /* gone since it was ranked: not a hit */
            continue;
        }
        if (status == TAIO_OK) {
            snippet_of(&h.items[i], &w);
            hits[kept++] = h.items[i].hit; /* moved: the candidate lets go */
            memset(&h.items[i].hit, 0, sizeof(h.items[i].hit));
        }
    }
    for (size_t i = 0; i < h.n; i++) {
        candidate_clear(&h.items[i]);
    }
    free(h.items);
    words_clear(&w);
    if (status != TAIO_OK) {
        search_hits_free(hits, kept);
        return status;
    }
    *out = hits;
    *n_out = kept;
    return TAIO_OK;
}

/* Free what hit owns and leave it zeroed. */
static void hit_clear(struct search_hit *hit)
{
    free(hit->case_number);
    free(hit->title);
    free(hit->customer_name);
    free(hit->kind);
    free(hit->snippet);
    free(hit->marks);
    memset(hit, 0, sizeof(*hit));
}

static void candidate_clear(struct candidate *c)
{
    hit_clear(&c->hit);
    for (int i = 0; i < MAX_TEXTS; i++) {
        free(c->texts[i]);
    }
}

/* Free the hits of a result from search_run(). */
void search_hits_free(struct search_hit *hits, size_t n)
{
    for (size_t i = 0; hits && i < n; i++) {
        hit_clear(&hits[i]);
    }
    free(hits);
}
