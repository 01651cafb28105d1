/* SPDX-License-Identifier: MIT */
/*
 * buf.c - growable byte strings (compare Fossil's Blob and Redis's sds).
 *
 * Owns nothing but its own memory. Text escaping for HTML or JSON lives in
 * the modules for those formats, never here.
 */
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Make b an empty buffer without freeing anything it held. */
void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

/* Free the contents and leave b empty and zeroed. Accepts NULL. */
void buf_clear(struct buf *b)
{
    if (b == NULL) {
        return;
    }
    free(b->data);
    buf_init(b);
}

/* Empty the buffer but keep its allocation for reuse. */
void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

/* Ensure room for extra more bytes plus the NUL. */
static void reserve(struct buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        cap *= 2;
    }
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

/* Append len bytes of data (which may contain NULs). */
void buf_append(struct buf *b, const void *data, size_t len)
{
    reserve(b, len);
    if (len) {
        memcpy(b->data + b->len, data, len);
    }
    b->len += len;
    b->data[b->len] = '\0';
}

/* Append a C string. */
void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

/* Append one byte. */
void buf_putc(struct buf *b, char c)
{
    buf_append(b, &c, 1);
}

/* Append printf-formatted text. Formats into the spare room first and
 * grows only when the text does not fit. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    reserve(b, 64);
    size_t room = b->cap - b->len;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(b->data + b->len, room, fmt, copy);
    va_end(copy);
    if (n < 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

/* Append printf-formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* The contents as a NUL-terminated string, "" for an empty buffer. The
 * pointer stays valid until the buffer is next changed or cleared. */
const char *buf_str(const struct buf *b)
{
    return b->data ? b->data : "";
}

/* Return the contents (never NULL; free with free()) and empty b. */
char *buf_steal(struct buf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    buf_init(b);
    return s;
}
