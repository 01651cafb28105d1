/* SPDX-License-Identifier: MIT */
/*
 * html.c - the one place runtime text becomes markup.
 *
 * Pages (web/ui_*.c) write through struct html. Format strings and
 * html_lit() arguments are markup written by the programmer; every other
 * string is data and is escaped: as text for element content and quoted
 * attribute values (the same five characters matter in both), and
 * percent-encoded inside URLs. Nothing is ever written into <script> or
 * <style>: pages pass data to the script through data-* attributes.
 * See docs/architecture.md ("The web UI").
 */
#include "web/html.h"

#include "core/text.h"

#include <assert.h>
#include <curl/curl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

/* Start writing into out (borrowed; appended to). */
void html_init(struct html *h, struct buf *out)
{
    h->out = out;
}

/* Escaped text; NULL writes nothing. */
void html_text(struct html *h, const char *text)
{
    if (text) {
        text_escape_html(h->out, text);
    }
}

/* " name=\"value\"" with the value escaped; name is trusted. */
void html_attr(struct html *h, const char *name, const char *value)
{
    buf_printf(h->out, " %s=\"", name);
    html_text(h, value);
    buf_putc(h->out, '"');
}

/* Append text percent-encoded as one URL path segment or query value
 * (everything but RFC 3986's unreserved characters is encoded). */
void html_url_part(struct buf *out, const char *text)
{
    char *encoded = curl_easy_escape(NULL, text ? text : "", 0);
    if (encoded) {
        buf_puts(out, encoded);
        curl_free(encoded);
    }
}

/* How one %-conversion argument is written. */
enum conversion_use {
    USE_TEXT, /* %s escaped as text */
    USE_URL,  /* %s percent-encoded */
};

/* Write fmt's literal parts as they are and each conversion's argument as
 * use says; numbers need no escaping. Only the conversions listed at
 * html_printf() exist: the format is the programmer's, so another is a
 * bug, not input. */
static void format_into(struct buf *out, enum conversion_use use,
                        const char *fmt, va_list ap)
{
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            continue;
        }
        buf_append(out, run, (size_t)(p - run));
        p++;
        if (*p == 's') {
            const char *s = va_arg(ap, const char *);
            if (use == USE_URL) {
                html_url_part(out, s);
            } else if (s) {
                text_escape_html(out, s);
            }
        } else if (*p == 'd') {
            buf_printf(out, "%d", va_arg(ap, int));
        } else if (*p == 'u') {
            buf_printf(out, "%u", va_arg(ap, unsigned));
        } else if (*p == 'l' && p[1] == 'd') {
            buf_printf(out, "%ld", va_arg(ap, long));
            p++;
        } else if (*p == 'l' && p[1] == 'l' && p[2] == 'd') {
            buf_printf(out, "%lld", va_arg(ap, long long));
            p += 2;
        } else if (*p == 'z' && p[1] == 'u') {
            buf_printf(out, "%zu", va_arg(ap, size_t));
            p++;
        } else {
            assert(*p == '%' && "html: conversion not allowed");
            buf_putc(out, '%');
        }
        run = p + 1;
    }
    buf_puts(out, run);
}

/* Trusted markup with each argument escaped as text. */
void html_printf(struct html *h, const char *markup, ...)
{
    va_list ap;
    va_start(ap, markup);
    format_into(h->out, USE_TEXT, markup, ap);
    va_end(ap);
}

/* " name=\"url\"" for a URL attribute (href, action, src): the path
 * format is trusted, its %s arguments are percent-encoded and numbers
 * written as html_printf() does; the result is escaped as an attribute. */
void html_url_attr(struct html *h, const char *name, const char *path_fmt,
                   ...)
{
    struct buf url = {0};
    va_list ap;
    va_start(ap, path_fmt);
    format_into(&url, USE_URL, path_fmt, ap);
    va_end(ap);
    html_attr(h, name, buf_str(&url));
    buf_clear(&url);
}

/* Literal markup (through html_lit() only). */
void html_raw_literal(struct html *h, const char *markup, size_t len)
{
    buf_append(h->out, markup, len);
}
