/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_PROBLEMS_H
#define TAIO_CORE_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>

/* One rejected input: which field, and what is wrong with it. */
struct problem {
    char *field;   /* owned; the field's external name, e.g. "due" */
    char *message; /* owned; translated, safe to show the user */
};

/*
 * Every problem found while validating one request, so a form, the API and
 * the CLI can report them all at once (STYLE.md §4). Zero-initialised is a
 * valid empty list.
 */
struct problems {
    struct problem *items; /* owned array of n entries */
    size_t n;
    size_t cap;
};

void problems_add(struct problems *p, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool problems_any(const struct problems *p);
/* True when a problem was already recorded for this field. */
bool problems_has(const struct problems *p, const char *field);
void problems_clear(struct problems *p);

#endif
