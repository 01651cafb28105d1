/* SPDX-License-Identifier: MIT */
/*
 * lesson_bench.c - the lessons suggested beside a case (issue 6), on the
 * benchmark's million cases: approved reports are written for the most
 * recent 20,000 closed troubles and complaints (the generator writes
 * none), then lesson_similar is asked for the words (title and the
 * customer's words) of open cases, as the case page and the intake page
 * ask. The reports are removed afterwards.
 */
#include "lesson_bench.h"

#include <stdlib.h>

#include "lesson.h"

/* Lessons written for the measurement. */
#define LESSONS 20000
/* Open cases whose words are asked about, in turn. */
#define ASKED 50

/* Approved reports of the most recent closed troubles and complaints,
 * their sections varied by case id; marked by their recipients. */
static const char SQL_WRITE[] =
    "INSERT INTO reports (case_id, state, cause, response, prevention,"
    "  cause_category, recipients, created_at, updated_at, approved_at)"
    " SELECT id, 'approved',"
    "   CASE id % 4 WHEN 0 THEN '電源ユニットの経年劣化'"
    "     WHEN 1 THEN 'ネットワーク設定の変更で接続先が変わった'"
    "     WHEN 2 THEN '部品の手配が遅れた'"
    "     ELSE '担当者の引き継ぎ漏れ' END,"
    "   '状況を電話で説明し、代替機を設置した',"
    "   CASE id % 3 WHEN 0 THEN '導入5年を超えた機器を定期点検する'"
    "     WHEN 1 THEN '設定変更の前に依存するシステムを確認する'"
    "     ELSE '引き継ぎ表に未完了の約束を書く' END,"
    "   'vendor', 'taio-bench', received_at, received_at, received_at"
    "   FROM cases WHERE is_open = 0 AND kind IN ('trouble', 'complaint')"
    "    AND id NOT IN (SELECT case_id FROM reports)"
    "  ORDER BY id DESC LIMIT $1";

static const char SQL_ASKED[] =
    "SELECT id, title || ' ' || reported FROM cases WHERE is_open = 1"
    " ORDER BY id DESC LIMIT $1";

static const char SQL_UNINDEX[] =
    "DELETE FROM reports_fts WHERE rowid IN"
    " (SELECT id FROM reports WHERE recipients = 'taio-bench')";
static const char SQL_REMOVE[] =
    "DELETE FROM reports WHERE recipients = 'taio-bench'";

/* Write the lessons, in one transaction; *n how many. */
static enum taio_status write_lessons(struct db *db, int64_t *n)
{
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_WRITE, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, LESSONS);
        status = db_run(st);
        *n = db_changes(db);
    }
    return db_end(db, status);
}

static enum taio_status remove_lessons(struct db *db)
{
    enum taio_status status = db_begin(db);
    if (status == TAIO_OK) {
        status = db_exec(db, SQL_UNINDEX);
    }
    if (status == TAIO_OK) {
        status = db_exec(db, SQL_REMOVE);
    }
    return db_end(db, status);
}

/* Measure the suggestions over rounds rounds (see the file comment). */
enum taio_status lesson_measure(struct db *db, int64_t rounds,
                                struct lesson_results *out)
{
    enum taio_status status = remove_lessons(db); /* an interrupted run's */
    if (status == TAIO_OK) {
        status = write_lessons(db, &out->lessons);
    }
    struct db_stmt *st = NULL;
    char *texts[ASKED] = {0};
    int64_t ids[ASKED] = {0};
    size_t n = 0;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_ASKED, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, ASKED);
        while (n < ASKED && db_step(st) == DB_ROW) {
            ids[n] = db_col_int64(st, 0);
            texts[n++] = db_col_strdup(st, 1);
        }
        db_finalize(st);
    }
    for (int64_t r = 0; status == TAIO_OK && r < rounds; r++) {
        for (size_t i = 0; status == TAIO_OK && i < n; i++) {
            struct lesson *list = NULL;
            size_t found = 0;
            int64_t start = sample_clock_ns();
            status = lesson_similar(db, texts[i], ids[i], LESSON_SUGGESTED,
                                    &list, &found);
            sample_add(&out->similar, sample_clock_ns() - start);
            out->suggested += (int64_t)found;
            lesson_list_free(list, found);
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(texts[i]);
    }
    enum taio_status removed = remove_lessons(db);
    return status != TAIO_OK ? status : removed;
}

void lesson_results_clear(struct lesson_results *r)
{
    sample_clear(&r->similar);
}
