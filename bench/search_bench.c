/* SPDX-License-Identifier: MIT */
/*
 * search_bench.c - Japanese search over the benchmark's five million timeline
 * entries (issue 6): taio's own search (search_run: the bigram indexes of
 * migration 0008, their joins, the snippets) for words of 1, 2, 3 and 6
 * characters; and, side by side on the same entries, two bare FTS5
 * indexes built for the comparison in scratch files next to the
 * database: taio's bigram tokenizer and SQLite's trigram tokenizer. The
 * trigram index cannot answer words under three characters (it has no
 * token for them, and its LIKE shortcut returns nothing for Japanese on
 * SQLite 3.40), so for those its column holds what remains: a LIKE scan
 * of the entries. Every word is asked the same way of each: the 300 most
 * recent matches, as taio asks.
 *
 * The words come from the generator's vocabulary, common and rare, and
 * one word of each length that occurs nowhere (a miss must be as fast).
 */
#include "search_bench.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "search.h"

/* Matches each index hands over, as search.c asks. */
#define WINDOW 300
/* Rounds of the slow LIKE scan (it reads every entry for a miss). */
#define LIKE_ROUNDS 3

const int SEARCH_LENGTH_CHARS[SEARCH_LENGTHS] = {1, 2, 3, 6};

static const char *const ONE[] = {"症", "音", "機", "鍵", NULL};
static const char *const TWO[] = {"症状", "異音", "部品", "停電", NULL};
static const char *const THREE[] = {"複合機", "折り返", "冷蔵庫", "発電機",
                                    NULL};
static const char *const SIX[] = {"ネットワーク", "型番と設置場", "技術問い合わ",
                                  "無停電電源装", NULL};

const char *const *const SEARCH_WORDS[SEARCH_LENGTHS] = {ONE, TWO, THREE,
                                                         SIX};

/* The scratch index files beside the database. */
static void scratch_path(const char *db_path, const char *name, char *out,
                         size_t size)
{
    const char *slash = strrchr(db_path, '/');
    int dir = slash ? (int)(slash - db_path) : 1;
    snprintf(out, size, "%.*s/%s", dir, slash ? db_path : ".", name);
}

static int64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int64_t)st.st_size : -1;
}

/* Build the scratch index schema.idx with tokenizer in file path from
 * every timeline entry with words; *ns its time, *bytes its file. */
static enum taio_status build(struct db *db, const char *path,
                              const char *schema, const char *tokenizer,
                              int64_t *ns, int64_t *bytes)
{
    unlink(path);
    struct buf sql = {0};
    /* Paths and names are the benchmark's own, never input. */
    buf_printf(&sql, "ATTACH DATABASE '%s' AS %s", path, schema);
    enum taio_status status = db_exec(db, buf_str(&sql));
    buf_reset(&sql);
    /* The bigram index has the one-character prefix index taio's own
     * has; the trigram one needs none. */
    buf_printf(&sql,
               "CREATE VIRTUAL TABLE %s.idx USING fts5(body, content='',"
               " tokenize='%s'%s)",
               schema, tokenizer,
               strcmp(tokenizer, "taio") == 0 ? ", prefix='1'" : "");
    if (status == TAIO_OK) {
        status = db_exec(db, buf_str(&sql));
    }
    buf_reset(&sql);
    buf_printf(&sql,
               "INSERT INTO %s.idx (rowid, body) SELECT id, body"
               " FROM main.case_events WHERE body IS NOT NULL"
               " AND body <> '' AND kind <> 'opened'",
               schema);
    int64_t start = sample_clock_ns();
    if (status == TAIO_OK) {
        status = db_exec(db, buf_str(&sql));
    }
    *ns = sample_clock_ns() - start;
    buf_clear(&sql);
    *bytes = file_size(path);
    return status;
}

/* Run sql with text bound to $1, count its rows into *rows, time it. */
static enum taio_status timed_query(struct db *db, const char *sql,
                                    const char *text, struct sample *s,
                                    int64_t *rows)
{
    int64_t start = sample_clock_ns();
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, text);
    db_bind_int64(st, 2, WINDOW);
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        (*rows)++;
    }
    db_finalize(st);
    sample_add(s, sample_clock_ns() - start);
    return step == DB_DONE ? TAIO_OK : db_last_status(db);
}

/* One taio search of word, timed. */
static enum taio_status timed_search(struct db *db, const char *word,
                                     struct sample *s, int64_t *hits)
{
    struct search_query q = {.text = word, .limit = 20};
    struct problems p = {0};
    struct search_hit *found = NULL;
    size_t n = 0;
    int64_t start = sample_clock_ns();
    enum taio_status status = search_run(db, &q, &p, &found, &n);
    sample_add(s, sample_clock_ns() - start);
    *hits += (int64_t)n;
    search_hits_free(found, n);
    problems_clear(&p);
    return status;
}

static const char SQL_BIGRAM[] =
    "SELECT rowid FROM bigram.idx WHERE idx MATCH $1"
    " ORDER BY rowid DESC LIMIT $2";
static const char SQL_TRIGRAM[] =
    "SELECT rowid FROM trigram.idx WHERE idx MATCH $1"
    " ORDER BY rowid DESC LIMIT $2";
static const char SQL_LIKE[] =
    "SELECT id FROM case_events WHERE body LIKE '%' || $1 || '%'"
    "   AND kind <> 'opened' ORDER BY id DESC LIMIT $2";

/* One round: every word of every length, each way. */
static enum taio_status round_once(struct db *db, bool like_too,
                                   struct search_results *out)
{
    enum taio_status status = TAIO_OK;
    for (int l = 0; status == TAIO_OK && l < SEARCH_LENGTHS; l++) {
        for (size_t w = 0; status == TAIO_OK && SEARCH_WORDS[l][w]; w++) {
            const char *word = SEARCH_WORDS[l][w];
            status = timed_search(db, word, &out->taio[l], &out->hits[l]);
            char *expr = search_fts_query(word);
            if (status == TAIO_OK) {
                status = timed_query(db, SQL_BIGRAM, expr, &out->bigram[l],
                                     &out->bigram_hits[l]);
            }
            free(expr);
            if (status == TAIO_OK && SEARCH_LENGTH_CHARS[l] >= 3) {
                struct buf phrase = {0};
                buf_printf(&phrase, "\"%s\"", word);
                status = timed_query(db, SQL_TRIGRAM, buf_str(&phrase),
                                     &out->trigram[l],
                                     &out->trigram_hits[l]);
                buf_clear(&phrase);
            } else if (status == TAIO_OK && like_too) {
                status = timed_query(db, SQL_LIKE, word, &out->trigram[l],
                                     &out->trigram_hits[l]);
            }
        }
    }
    return status;
}

/* The bytes of the product's timeline index (dbstat), -1 when SQLite
 * was built without dbstat. */
static int64_t product_bytes(struct db *db)
{
    int64_t bytes = -1;
    if (db_query_int64(db,
                       "SELECT SUM(pgsize) FROM dbstat"
                       " WHERE name LIKE 'case_events_fts%'",
                       &bytes) != TAIO_OK) {
        return -1;
    }
    return bytes;
}

/* Measure search on db (the file at db_path) over rounds rounds. */
enum taio_status search_measure(struct db *db, const char *db_path,
                                int64_t rounds, struct search_results *out)
{
    char bigram[4096];
    char trigram[4096];
    scratch_path(db_path, "search-bigram.db", bigram, sizeof(bigram));
    scratch_path(db_path, "search-trigram.db", trigram, sizeof(trigram));
    enum taio_status status = db_query_int64(
        db,
        "SELECT COUNT(*) FROM case_events WHERE body IS NOT NULL"
        " AND body <> '' AND kind <> 'opened'",
        &out->rows);
    out->product_bytes = product_bytes(db);
    if (status == TAIO_OK) {
        fprintf(stderr, "taio-bench: building the bigram index\n");
        status = build(db, bigram, "bigram", "taio", &out->bigram_ns,
                       &out->bigram_bytes);
    }
    if (status == TAIO_OK) {
        fprintf(stderr, "taio-bench: building the trigram index\n");
        status = build(db, trigram, "trigram", "trigram", &out->trigram_ns,
                       &out->trigram_bytes);
    }
    for (int64_t i = 0; status == TAIO_OK && i < rounds; i++) {
        status = round_once(db, i < LIKE_ROUNDS, out);
    }
    db_exec(db, "DETACH DATABASE bigram");
    db_exec(db, "DETACH DATABASE trigram");
    unlink(bigram);
    unlink(trigram);
    return status;
}

void search_results_clear(struct search_results *r)
{
    for (int l = 0; l < SEARCH_LENGTHS; l++) {
        sample_clear(&r->taio[l]);
        sample_clear(&r->bigram[l]);
        sample_clear(&r->trigram[l]);
    }
}
