/* SPDX-License-Identifier: MIT */
/*
 * log.c - one-line diagnostics on stderr.
 *
 * Log lines are for operators and stay in English; messages for users go
 * through gettext in the interface layers. A write of one line is atomic
 * enough for a shared stderr because each line is formatted first and
 * written with a single call.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/buf.h"

/* Format one line and write it with a single call. */
static void emit(const char *level, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void emit(const char *level, const char *fmt, va_list ap)
{
    struct buf line = {0};
    buf_printf(&line, "taio: %s: ", level);
    buf_vprintf(&line, fmt, ap);
    buf_putc(&line, '\n');
    fputs(buf_str(&line), stderr);
    buf_clear(&line);
}

/* A failure an operator should look at. */
void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("error", fmt, ap);
    va_end(ap);
}

/* Something unexpected that taio worked around. */
void log_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("warning", fmt, ap);
    va_end(ap);
}

/* Routine information. */
void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("info", fmt, ap);
    va_end(ap);
}
