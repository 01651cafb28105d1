/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_XALLOC_H
#define TAIO_CORE_XALLOC_H

#include <stddef.h>

/* Allocators that abort with a log line on out-of-memory; never NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Like xstrdup but NULL in, NULL out. */
char *xstrdup_or_null(const char *s);

/* Grow an array so that it holds at least need elements of size bytes;
 * *cap tracks its capacity. Returns the (possibly moved) array. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);

#endif
