/* SPDX-License-Identifier: MIT */
#ifndef TAIO_SMTP_H
#define TAIO_SMTP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/status.h"

/* One plain-text e-mail. Strings borrowed. */
struct smtp_message {
    const char *from;       /* address only, e.g. "desk@example.jp" */
    const char *from_name;  /* shown name; may be NULL */
    const char *to;         /* address only */
    const char *subject;    /* UTF-8 */
    const char *body;       /* UTF-8, lines ending in \n */
    const char *message_id; /* "<...@...>", stable across retries */
    int64_t date;           /* UTC seconds */
};

void smtp_format(const struct smtp_message *m, struct buf *out);
enum taio_status smtp_send(const char *url, const char *ca,
                           const struct smtp_message *m, char *error,
                           size_t size);

#endif
