/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_SEARCH_BENCH_H
#define TAIO_BENCH_SEARCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "sample.h"

/* Query lengths measured, in characters: 1, 2, 3 and 6. */
#define SEARCH_LENGTHS 4

/* What the search measurement found. */
struct search_results {
    int64_t rows;                        /* timeline entries indexed */
    int64_t product_bytes;               /* case_events_fts, -1: unknown */
    int64_t bigram_ns;                   /* building the scratch indexes */
    int64_t trigram_ns;
    int64_t bigram_bytes;                /* their files */
    int64_t trigram_bytes;
    struct sample taio[SEARCH_LENGTHS];  /* search_run: the whole product
                                            path, three indexes, snippets */
    struct sample bigram[SEARCH_LENGTHS];  /* MATCH on the bigram index */
    struct sample trigram[SEARCH_LENGTHS]; /* MATCH on the trigram index;
                                              below 3 characters a LIKE
                                              scan of the entries */
    int64_t hits[SEARCH_LENGTHS];        /* taio hits, summed over words */
    int64_t trigram_hits[SEARCH_LENGTHS];
    int64_t bigram_hits[SEARCH_LENGTHS];
};

extern const int SEARCH_LENGTH_CHARS[SEARCH_LENGTHS];
extern const char *const *const SEARCH_WORDS[SEARCH_LENGTHS];

enum taio_status search_measure(struct db *db, const char *db_path,
                                int64_t rounds, struct search_results *out);
void search_results_clear(struct search_results *r);

#endif
