/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_BUF_H
#define TAIO_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable byte string, always NUL-terminated. A zero-initialised
 * struct buf is a valid empty value. Appending never moves the struct
 * itself, only its data.
 */
struct buf {
    char *data; /* owned; NULL while nothing was appended */
    size_t len; /* bytes used, not counting the terminating NUL */
    size_t cap; /* bytes allocated */
};

void buf_init(struct buf *b);
void buf_clear(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Contents as a C string; "" when empty. Valid until the next change. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (free with free()); b becomes empty. */
char *buf_steal(struct buf *b);

#endif
