/* SPDX-License-Identifier: MIT */
#ifndef TAIO_FEED_H
#define TAIO_FEED_H

#include <stdint.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"
#include "user.h"

/* Each person's calendar feed (feed.c) */
enum taio_status feed_issue(struct db *db, const struct actor *actor,
                            char **token_out);
enum taio_status feed_revoke(struct db *db, const struct actor *actor);
enum taio_status feed_owner(struct db *db, const char *token,
                            int64_t *user_id, enum i18n_lang *lang);

enum taio_status feed_render(struct db *db, const struct tz *zone,
                             int64_t user_id, int64_t now, struct buf *out);

#endif
