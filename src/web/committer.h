/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_COMMITTER_H
#define TAIO_WEB_COMMITTER_H

#include <pthread.h>
#include <stdbool.h>

#include "core/status.h"
#include "db/db.h"
#include "web/http.h"

/* The group committer: one thread with its own connection runs every
 * write, many to a transaction, each in its own savepoint, and commits
 * once per batch. A write is answered only after its batch's commit, so
 * every acknowledged write is durable, and the sync that makes it so is
 * shared by all the writes that arrived meanwhile. */
struct committer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t has_work;     /* a job was queued, or stop */
    struct http_request *head;   /* queued jobs, oldest first */
    struct http_request *tail;
    bool stopping;
    struct db *db;               /* owned; the writer's connection */
};

enum taio_status committer_start(struct committer *c, const char *url);
bool committer_queue(struct committer *c, struct http_request *req,
                     http_handler handler);
void committer_stop(struct committer *c);
void committer_free(struct committer *c);

#endif
