/* SPDX-License-Identifier: MIT */
#ifndef TAIO_DB_SQLITE_FTS_H
#define TAIO_DB_SQLITE_FTS_H

#include <sqlite3.h>

/* The FTS5 tokenizer name the search tables use. */
#define SQLITE_FTS_TOKENIZER "taio"

int sqlite_fts_register(sqlite3 *handle);

#endif
