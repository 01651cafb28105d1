/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_TEXT_H
#define TAIO_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"

/* Escaping */
void text_escape_html(struct buf *out, const char *text);

/* Validation */
bool text_is_utf8(const char *s);
bool text_is_blank(const char *s);
size_t text_chars(const char *s);
char *text_make_utf8(const char *s);

/* Normalisation; results are malloc'd (free with free()) */
enum taio_status text_nfkc(const char *s, char **out);
enum taio_status text_search_key(const char *s, char **out);
enum taio_status text_phone_key(const char *s, char **out);
char *text_trim(const char *s);
char *text_key_or_empty(const char *s);
void text_assign_trimmed(char **slot, const char *value, bool empty_is_null);

/* Display */
size_t text_width(const char *s);

/* One item of an HTTP list with quality values ("gzip;q=0.5, br"). */
struct text_qitem {
    const char *name; /* borrowed from the list; not NUL-terminated */
    size_t len;
    double q;         /* 1 unless the item says; 0 means "not this" */
};

bool text_qlist_next(const char **cursor, struct text_qitem *item);

#endif
