/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_FORM_H
#define TAIO_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/problems.h"

/* One field of a form, decoded. */
struct form_field {
    char *name;  /* owned */
    char *value; /* owned; valid UTF-8, CR LF folded to LF */
};

/* The fields of an application/x-www-form-urlencoded body in the order
 * sent. A zero-initialised struct form is a valid empty form. */
struct form {
    struct form_field *fields; /* owned */
    size_t n;
    size_t cap;
};

bool form_parse(const char *body, size_t len, struct form *out,
                struct problems *p);
const char *form_get(const struct form *f, const char *name);
size_t form_all(const struct form *f, const char *name, const char **out,
                size_t max);
void form_clear(struct form *f);

#endif
