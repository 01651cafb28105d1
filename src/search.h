/* SPDX-License-Identifier: MIT */
#ifndef TAIO_SEARCH_H
#define TAIO_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"

/* What a hit is. */
enum search_type {
    SEARCH_CASE,     /* a case's title, the customer's words, workaround */
    SEARCH_EVENT,    /* an entry of a case's timeline */
    SEARCH_CUSTOMER, /* a customer's name, reading, notes, address */
    SEARCH_REPORT,   /* an approved report: a lesson */
    SEARCH_TYPE_COUNT,
};

extern const char *const SEARCH_TYPE_NAMES[]; /* "case", "event", ... */

/* What to look for. NULL or 0 leaves a filter out. */
struct search_query {
    const char *text;     /* words; every one must occur (required) */
    const char *kind;     /* case kind: trouble, complaint, ... */
    const char *cause;    /* a report's cause category (only cases with
                             such a report, and those reports) */
    int64_t customer_id;  /* the customer the case (or hit) belongs to */
    int64_t from_at;      /* received or written at or after */
    int64_t to_at;        /* ... and before */
    size_t limit;         /* hits wanted; 0: 20 */
};

/* A highlighted stretch of a snippet, in bytes. */
struct search_mark {
    size_t from;
    size_t to;
};

/* One hit, best first in a result. */
struct search_hit {
    enum search_type type;
    int64_t id;              /* of the case, timeline entry or customer */
    char *case_number;       /* owned; NULL for a customer */
    char *title;             /* owned; the case title or customer name */
    char *customer_name;     /* owned */
    char *kind;              /* owned; case kind, or the entry's kind */
    int64_t customer_id;
    int64_t at;              /* received (case), written (entry), 0 */
    int64_t score;           /* relevance, higher is better */
    char *snippet;           /* owned; a stretch of the matching text */
    struct search_mark *marks; /* owned; where the words are in snippet */
    size_t n_marks;
};

enum taio_status search_run(struct db *db, const struct search_query *q,
                            struct problems *p, struct search_hit **out,
                            size_t *n_out);
void search_hits_free(struct search_hit *hits, size_t n);
char *search_fts_query(const char *text);

#endif
