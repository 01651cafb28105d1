/* SPDX-License-Identifier: MIT */
/*
 * lesson.c - the lessons a new case should be read with: the approved
 * reports of the past cases most like it, with what was done so it would
 * not happen again.
 *
 * Likeness is shared words. The case's title and the customer's words
 * are cut into the search tokens (core/tokens.c); the tokens made of
 * hiragana alone (particles, verb endings: が起, しな) say little and are
 * left out; the rest, each an alternative, are matched against the
 * lessons' index (their case's words and the report's sections) and
 * ranked by BM25, whose inverse document frequency gives a rare word
 * like 勤怠 more weight than a common one like 対応. Lessons are few, so
 * BM25's full count of each word is cheap here.
 */
#include "lesson.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/buf.h"
#include "core/tokens.h"
#include "core/xalloc.h"

/* Most tokens a likeness query holds. */
#define MAX_TOKENS 32

/* The approved lessons matching $1 (alternatives), best first, without
 * case $2; at most $3. */
static const char SQL_SIMILAR[] =
    "SELECT c.id, c.number, c.title, cu.name, r.cause_category, r.cause,"
    "  r.prevention"
    "  FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid"
    "  JOIN cases c ON c.id = r.case_id"
    "  JOIN customers cu ON cu.id = c.customer_id"
    " WHERE reports_fts MATCH $1 AND r.state IN ('approved', 'sent')"
    "   AND c.id <> $2"
    " ORDER BY bm25(reports_fts, 3.0, 2.0, 2.0, 1.0, 1.0, 0.5, 0.5)"
    " LIMIT $3";

/* The tokens gathered for a query. */
struct gathered {
    const char *text;  /* the original */
    struct buf expr;   /* "tok" OR "tok" ... */
    char *seen[MAX_TOKENS];
    size_t n;
};

/* True when bytes [start, end) of text hold a character that is not
 * hiragana (a kanji, katakana, a letter or a digit). */
static bool says_something(const char *text, int start, int end)
{
    const uint8_t *s = (const uint8_t *)text;
    for (int i = start; i < end;) {
        ucs4_t uc = 0;
        int step = u8_mbtouc(&uc, s + i, (size_t)(end - i));
        if (!(uc >= 0x3041 && uc <= 0x309F)) {
            return true;
        }
        i += step > 0 ? step : 1;
    }
    return false;
}

static int gather(void *ctx, int flags, const char *token, int len,
                  int start, int end)
{
    struct gathered *g = ctx;
    (void)flags;
    if (g->n >= MAX_TOKENS) {
        return 1; /* enough */
    }
    if (!says_something(g->text, start, end)) {
        return 0;
    }
    for (size_t i = 0; i < g->n; i++) {
        if ((int)strlen(g->seen[i]) == len &&
            memcmp(g->seen[i], token, (size_t)len) == 0) {
            return 0;
        }
    }
    char *copy = xmalloc((size_t)len + 1);
    memcpy(copy, token, (size_t)len);
    copy[len] = '\0';
    g->seen[g->n++] = copy;
    /* The token is folded text: letters, digits, kana, kanji; no quote. */
    buf_printf(&g->expr, "%s\"%s\"", g->n > 1 ? " OR " : "", copy);
    return 0;
}

/* The FTS5 expression of text's telling tokens, each an alternative;
 * "" when it has none. Free with free(). */
char *lesson_query(const char *text)
{
    struct gathered g = {.text = text};
    tokens_each(text, (int)strlen(text), TOKENS_QUERY, gather, &g);
    for (size_t i = 0; i < g.n; i++) {
        free(g.seen[i]);
    }
    return g.expr.data ? buf_steal(&g.expr) : xstrdup("");
}

static void read_lesson(struct db_stmt *st, void *record)
{
    struct lesson *l = record;
    l->case_id = db_col_int64(st, 0);
    l->case_number = db_col_strdup(st, 1);
    l->title = db_col_strdup(st, 2);
    l->customer_name = db_col_strdup(st, 3);
    l->cause_category = db_col_strdup(st, 4);
    l->cause = db_col_strdup(st, 5);
    l->prevention = db_col_strdup(st, 6);
}

/* The lessons most like text (a case's title and the customer's words),
 * best first, at most limit, leaving out case exclude_case_id (0: none).
 * Free *out with lesson_list_free(). */
enum taio_status lesson_similar(struct db *db, const char *text,
                                int64_t exclude_case_id, size_t limit,
                                struct lesson **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    char *expr = lesson_query(text ? text : "");
    if (*expr == '\0') {
        free(expr);
        return TAIO_OK;
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_SIMILAR, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, expr);
        db_bind_int64(st, 2, exclude_case_id);
        db_bind_int64(st, 3, (int64_t)limit);
        void *records = NULL;
        status = db_fetch_all(st, read_lesson, sizeof(struct lesson),
                              &records, n_out);
        *out = records;
    }
    free(expr);
    return status;
}

void lesson_list_free(struct lesson *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].case_number);
        free(list[i].title);
        free(list[i].customer_name);
        free(list[i].cause_category);
        free(list[i].cause);
        free(list[i].prevention);
    }
    free(list);
}
