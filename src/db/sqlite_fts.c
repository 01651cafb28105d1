/* SPDX-License-Identifier: MIT */
/*
 * sqlite_fts.c - taio's FTS5 tokenizer: Japanese bigrams and words
 * (core/tokens.c) for the search tables of migration 0008, and the rank
 * function search.c orders hits by.
 *
 * FTS5 finds a tokenizer by name on each connection, so every connection
 * registers it before it touches a search table (sqlite.c, on open).
 * Queries are tokenized the same way, without the extra last character
 * a document keeps (FTS5_TOKENIZE_QUERY).
 */
#include "db/sqlite_fts.h"

#include <stddef.h>

#include "core/tokens.h"

/* The tokenizer has no options and no state: one static instance. */
struct tokenizer {
    int unused;
};

static struct tokenizer the_tokenizer;

static int create(void *ctx, const char **args, int n_args,
                  Fts5Tokenizer **out)
{
    (void)ctx;
    (void)args;
    if (n_args != 0) {
        return SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)&the_tokenizer;
    return SQLITE_OK;
}

static void destroy(Fts5Tokenizer *tokenizer)
{
    (void)tokenizer;
}

/* Hands tokens from core/tokens.c to FTS5's callback. */
struct relay {
    void *ctx;
    int (*token)(void *ctx, int flags, const char *token, int len,
                 int start, int end);
};

static int relay_token(void *ctx, int flags, const char *token, int len,
                       int start, int end)
{
    struct relay *r = ctx;
    return r->token(r->ctx, flags & TOKENS_COLOCATED ? FTS5_TOKEN_COLOCATED
                                                     : 0,
                    token, len, start, end);
}

static int tokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags,
                    const char *text, int len,
                    int (*token)(void *ctx, int flags, const char *token,
                                 int len, int start, int end))
{
    (void)tokenizer;
    struct relay r = {ctx, token};
    enum tokens_mode mode =
        flags & FTS5_TOKENIZE_QUERY ? TOKENS_QUERY : TOKENS_DOCUMENT;
    return tokens_each(text, len, mode, relay_token, &r);
}

/* Average tokens per row of the table, cached for one query. */
struct averages {
    double tokens_per_row;
};

/*
 * taio_rank(table, weight...): how well the current row matches, higher
 * is better. BM25's term frequency and length normalisation (k1 1.2, b
 * 0.75), each instance weighted by its column, without BM25's inverse
 * document frequency: FTS5's bm25() counts, for that, every row holding
 * each phrase, a full pass over the index for a common word (a third of
 * a second on five million entries), while search.c ranks only the most
 * recent few hundred matches. Words rare in the whole index weigh no
 * more than common ones; within one query that changes little.
 */
static void rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                 sqlite3_context *ctx, int n_args, sqlite3_value **args)
{
    struct averages *avg = api->xGetAuxdata(fts, 0);
    if (avg == NULL) {
        avg = sqlite3_malloc(sizeof(*avg));
        sqlite3_int64 rows = 0;
        sqlite3_int64 tokens = 0;
        if (avg == NULL || api->xRowCount(fts, &rows) != SQLITE_OK ||
            api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK) {
            sqlite3_free(avg);
            sqlite3_result_error_code(ctx, SQLITE_NOMEM);
            return;
        }
        avg->tokens_per_row = rows > 0 ? (double)tokens / (double)rows : 1;
        api->xSetAuxdata(fts, avg, sqlite3_free);
    }
    int n_inst = 0;
    int length = 0;
    if (api->xInstCount(fts, &n_inst) != SQLITE_OK ||
        api->xColumnSize(fts, -1, &length) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, SQLITE_ERROR);
        return;
    }
    double weighted = 0;
    for (int i = 0; i < n_inst; i++) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK) {
            weighted += column < n_args ? sqlite3_value_double(args[column])
                                        : 1.0;
        }
    }
    double norm = 1.2 * (0.25 + 0.75 * (double)length /
                                    (avg->tokens_per_row > 0
                                         ? avg->tokens_per_row
                                         : 1));
    sqlite3_result_double(ctx, weighted / (weighted + norm));
}

/* The FTS5 API of handle, or NULL when SQLite lacks FTS5. */
static fts5_api *fts5_of(sqlite3 *handle)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &st, NULL) !=
        SQLITE_OK) {
        return NULL;
    }
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

/* Register the tokenizer SQLITE_FTS_TOKENIZER and taio_rank() on
 * handle. Returns an SQLite result code. */
int sqlite_fts_register(sqlite3 *handle)
{
    fts5_api *api = fts5_of(handle);
    if (api == NULL) {
        return SQLITE_ERROR;
    }
    fts5_tokenizer methods = {create, destroy, tokenize};
    int rc = api->xCreateTokenizer(api, SQLITE_FTS_TOKENIZER, NULL, &methods,
                                   NULL);
    if (rc == SQLITE_OK) {
        rc = api->xCreateFunction(api, "taio_rank", NULL, rank, NULL);
    }
    return rc;
}
