/* SPDX-License-Identifier: MIT */
#ifndef TAIO_LESSON_H
#define TAIO_LESSON_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "db/db.h"

/* A lesson: the approved report of a past case, as suggested. */
struct lesson {
    int64_t case_id;
    char *case_number;    /* owned */
    char *title;          /* owned; the past case's */
    char *customer_name;  /* owned */
    char *cause_category; /* owned; NULL: not chosen */
    char *cause;          /* owned */
    char *prevention;     /* owned */
};

/* How many lessons a case is shown. */
#define LESSON_SUGGESTED 5

enum taio_status lesson_similar(struct db *db, const char *text,
                                int64_t exclude_case_id, size_t limit,
                                struct lesson **out, size_t *n_out);
void lesson_list_free(struct lesson *list, size_t n);
char *lesson_query(const char *text);

#endif
