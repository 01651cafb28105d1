/* SPDX-License-Identifier: MIT */
/*
 * problems.c - the list of validation failures for one request.
 *
 * Domain modules add a problem per bad field and return TAIO_EINVAL; the
 * CLI prints them, the API turns them into RFC 9457 "fields".
 */
#include "core/problems.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Record that field is wrong; fmt (already translated) says how. The
 * message may quote what the user typed, so it is made valid UTF-8. A NULL
 * problems pointer is allowed and ignores the call, for callers that only
 * want the status. */
void problems_add(struct problems *p, const char *field, const char *fmt, ...)
{
    if (p == NULL) {
        return;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 4;
        p->items = xrealloc(p->items, p->cap * sizeof(p->items[0]));
    }
    struct buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    p->items[p->n].field = xstrdup(field);
    p->items[p->n].message = text_make_utf8(buf_str(&msg));
    buf_clear(&msg);
    p->n++;
}

/* True when at least one problem was recorded. */
bool problems_any(const struct problems *p)
{
    return p != NULL && p->n > 0;
}

/* True when field already has a problem (so a second check can be skipped
 * and the user sees the most basic complaint only). */
bool problems_has(const struct problems *p, const char *field)
{
    if (p == NULL) {
        return false;
    }
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->items[i].field, field) == 0) {
            return true;
        }
    }
    return false;
}

/* Free every problem and leave the list empty. Accepts NULL. */
void problems_clear(struct problems *p)
{
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].field);
        free(p->items[i].message);
    }
    free(p->items);
    p->items = NULL;
    p->n = 0;
    p->cap = 0;
}
