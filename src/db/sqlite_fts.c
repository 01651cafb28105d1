/* SPDX-License-Identifier: MIT */
/*
 * sqlite_fts.c - taio's FTS5 tokenizer: Japanese bigrams and words
 * (core/tokens.c) for the search tables of migration 0008.
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

/* Register the tokenizer SQLITE_FTS_TOKENIZER on handle. Returns an
 * SQLite result code. */
int sqlite_fts_register(sqlite3 *handle)
{
    fts5_api *api = fts5_of(handle);
    if (api == NULL) {
        return SQLITE_ERROR;
    }
    fts5_tokenizer methods = {create, destroy, tokenize};
    return api->xCreateTokenizer(api, SQLITE_FTS_TOKENIZER, NULL, &methods,
                                 NULL);
}
