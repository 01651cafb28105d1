/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_HTML_H
#define TAIO_WEB_HTML_H

#include <stddef.h>

#include "core/buf.h"

/*
 * Writing HTML with escaping by default. The short calls are the safe
 * ones: every runtime string is escaped for where it goes (text, a quoted
 * attribute, a URL part). Only html.c writes runtime bytes unescaped, and
 * only literals reach it unescaped (html_lit).
 */
struct html {
    struct buf *out; /* borrowed; where the markup goes */
};

void html_init(struct html *h, struct buf *out);

/* The format is trusted markup; every argument is escaped as text.
 * Conversions: %s %d %u %ld %lld %zu %% (anything else asserts). */
void html_printf(struct html *h, const char *markup, ...)
    __attribute__((format(printf, 2, 3)));
/* Text for element content or a quoted attribute value; NULL writes
 * nothing. */
void html_text(struct html *h, const char *text);
/* " name=\"value\"", the value escaped. */
void html_attr(struct html *h, const char *name, const char *value);
/* " name=\"...\"" for a URL attribute from a trusted path format whose
 * %s arguments are percent-encoded (numbers as html_printf); html_href()
 * for links. */
void html_url_attr(struct html *h, const char *name, const char *path_fmt,
                   ...) __attribute__((format(printf, 3, 4)));
#define html_href(h, ...) html_url_attr((h), "href", __VA_ARGS__)
/* A URL-encoded path or query part into out (appended). */
void html_url_part(struct buf *out, const char *text);

/* Literal markup only: "" s fails to compile for anything but a literal. */
#define html_lit(h, s) html_raw_literal((h), "" s, sizeof(s) - 1)
void html_raw_literal(struct html *h, const char *markup, size_t len);

#endif
