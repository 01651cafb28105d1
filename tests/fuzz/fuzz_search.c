/* SPDX-License-Identifier: MIT */
/*
 * fuzz_search.c - what a person types into search: the tokenizer on any
 * bytes (every token non-empty, its range inside the text), and the FTS5
 * expression taio makes of the words, which FTS5 must always accept.
 */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/tokens.h"
#include "db/sqlite_fts.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_token(void *ctx, int flags, const char *token, int len,
                       int start, int end)
{
    int size = *(int *)ctx;
    (void)flags;
    if (len <= 0 || token == NULL || start < 0 || end > size ||
        start >= end) {
        abort();
    }
    return 0;
}

/* One in-memory database with a search table, for every input. */
static sqlite3 *memory_db(void)
{
    static sqlite3 *db;
    if (db == NULL) {
        sqlite3_open(":memory:", &db);
        sqlite_fts_register(db);
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(body,"
                     " tokenize='taio', prefix='1');"
                     "INSERT INTO t VALUES ('ネットワーク障害で受注停止');",
                     NULL, NULL, NULL);
    }
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    int len = (int)strlen(text);
    tokens_each(text, len, TOKENS_DOCUMENT, check_token, &len);
    tokens_each(text, len, TOKENS_QUERY, check_token, &len);
    char *expr = search_fts_query(text);
    if (*expr) {
        sqlite3_stmt *st = NULL;
        sqlite3_prepare_v2(memory_db(), "SELECT rowid FROM t WHERE t MATCH ?",
                           -1, &st, NULL);
        sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) {
            abort(); /* the words made an expression FTS5 refused */
        }
        sqlite3_finalize(st);
    }
    free(expr);
    free(text);
    return 0;
}
