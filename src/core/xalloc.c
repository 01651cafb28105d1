/* SPDX-License-Identifier: MIT */
/*
 * xalloc.c - allocation that never returns NULL.
 *
 * Running out of memory is not a condition taio tries to recover from: the
 * process logs one line and aborts, so callers never check (STYLE.md §4).
 */
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Log the failed size and abort (see the file comment). */
static void out_of_memory(size_t size)
{
    fprintf(stderr, "taio: out of memory allocating %zu bytes\n", size);
    abort();
}

/* malloc that aborts on failure; a zero size still returns a pointer. */
void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL) {
        out_of_memory(size);
    }
    return p;
}

/* calloc that aborts on failure or on count*size overflow. */
void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL) {
        out_of_memory(count * size);
    }
    return p;
}

/* realloc that aborts on failure; the old block is then lost, which is moot
 * because the process ends. */
void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (p == NULL) {
        out_of_memory(size);
    }
    return p;
}

/* Copy of a NUL-terminated string; free with free(). */
char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

/* Copy of at most n bytes of s, always NUL-terminated; free with free(). */
char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* xstrdup that maps NULL to NULL, for optional fields. */
char *xstrdup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Make room for need elements of size bytes in the array ptr whose
 * capacity is *cap, doubling as it grows. Returns the array to use from
 * now on; *cap is updated. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return ptr;
    }
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        new_cap *= 2;
    }
    *cap = new_cap;
    return xrealloc(ptr, new_cap * size);
}
