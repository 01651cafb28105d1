/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CHANNEL_H
#define TAIO_CHANNEL_H

#include <stdbool.h>

#include "core/problems.h"
#include "core/status.h"

/* The ways a customer can be reached or can reach us. */
enum channel {
    CHANNEL_PHONE,
    CHANNEL_EMAIL,
    CHANNEL_FAX,
    CHANNEL_VISIT,
    CHANNEL_CHAT,
    CHANNEL_LETTER,
    CHANNEL_WEB,
    CHANNEL_COUNT,
};

extern const char *const CHANNEL_NAMES[];

const char *channel_name(enum channel c);
const char *channel_label(enum channel c);
bool channel_parse(const char *text, enum channel *out);
bool channel_check(struct problems *p, const char *field, const char *text);
enum taio_status channel_list_canonical(const char *text, const char *field,
                                        struct problems *p, char **out);
char *channel_list_labels(const char *list);

#endif
