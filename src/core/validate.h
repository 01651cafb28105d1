/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_VALIDATE_H
#define TAIO_CORE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/problems.h"

/* Checks shared by every domain module. Each returns true when the value is
 * acceptable and otherwise records one problem for field. */

bool validate_text(struct problems *p, const char *field, const char *value,
                   bool required, size_t max_chars);
bool validate_one_of(struct problems *p, const char *field, const char *value,
                     const char *const *allowed);
bool validate_lang(struct problems *p, const char *field, const char *value);
bool validate_email(struct problems *p, const char *field, const char *value);
bool validate_login(struct problems *p, const char *field, const char *value);
int validate_index(const char *value, const char *const *allowed);

#endif
