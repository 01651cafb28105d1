/* SPDX-License-Identifier: MIT */
/*
 * committer.c - the group committer of taio serve's writes.
 *
 * A worker that dispatches a write suspends its connection and queues the
 * request here (committer_queue()). One thread with its own store
 * connection takes what is queued, runs each handler in a savepoint of one
 * transaction, commits once, and resumes the batch's connections. A write
 * is answered only after the commit that holds it, so an acknowledged write
 * survives kill -9, and the sync that makes it so is shared by every write
 * that arrived meanwhile. Workers never wait on it: they go on serving
 * other connections while a write is queued.
 */
#include "web/committer.h"

#include <microhttpd.h>
#include <string.h>

#include "core/i18n.h"
#include "core/log.h"
#include "web/problem.h"

/* Most writes in one group commit. */
#define BATCH_MAX 64

/* Run one batch of jobs (a list linked by next_job) in one transaction. */
static void run_batch(struct committer *c, struct http_request *jobs)
{
    enum taio_status status = db_batch_begin(c->db);
    for (struct http_request *req = jobs; req; req = req->next_job) {
        struct db *own = req->db;
        req->db = c->db;
        i18n_use(req->lang); /* the answer's language, also for errors */
        if (status == TAIO_OK &&
            db_batch_item_begin(c->db) == TAIO_OK) {
            req->in_batch = true;
            req->job(req);
            req->in_batch = false;
            db_batch_item_end(c->db, req->status >= 200 && req->status < 400);
        } else {
            problem_reply_status(req, TAIO_EDB, NULL);
        }
        req->db = own;
    }
    if (status == TAIO_OK) {
        status = db_batch_commit(c->db);
    }
    if (status != TAIO_OK) {
        /* Nothing of the batch was kept: no one may hear it was. */
        for (struct http_request *req = jobs; req; req = req->next_job) {
            i18n_use(req->lang);
            if (req->status < 400) {
                req->after_commit = NULL;
                http_clear_headers(req);
                problem_reply_status(req, TAIO_EDB, NULL);
            }
        }
    }
}

/* The committer thread: take what is queued (at most BATCH_MAX), run it
 * as one batch, wake the waiting workers; until stopped and drained. */
static void *committer_main(void *arg)
{
    struct committer *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (c->head == NULL && !c->stopping) {
            pthread_cond_wait(&c->has_work, &c->lock);
        }
        if (c->head == NULL) {
            break;
        }
        struct http_request *jobs = c->head;
        struct http_request *last = jobs;
        for (int n = 1; n < BATCH_MAX && last->next_job; n++) {
            last = last->next_job;
        }
        c->head = last->next_job;
        if (c->head == NULL) {
            c->tail = NULL;
        }
        last->next_job = NULL;
        pthread_mutex_unlock(&c->lock);
        run_batch(c, jobs);
        /* Resume exactly the connections of this batch; libmicrohttpd may
         * finish and free a request as soon as it is resumed. */
        struct http_request *req = jobs;
        while (req) {
            struct http_request *next = req->next_job;
            MHD_resume_connection(req->connection);
            req = next;
        }
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

/* Hand the write handler of req to the committer and suspend its
 * connection: the worker thread goes on serving other connections, and
 * the committer resumes this one after its batch is committed (or rolled
 * back), when on_request() finishes it. False, with nothing queued, when
 * the committer is stopping. */
bool committer_queue(struct committer *c, struct http_request *req,
                         http_handler handler)
{
    req->job = handler;
    req->next_job = NULL;
    pthread_mutex_lock(&c->lock);
    if (c->stopping) {
        pthread_mutex_unlock(&c->lock);
        return false;
    }
    /* Suspended before it is queued, so it cannot be resumed first. */
    MHD_suspend_connection(req->connection);
    req->waits_for_commit = true;
    if (c->tail) {
        c->tail->next_job = req;
    } else {
        c->head = req;
    }
    c->tail = req;
    pthread_cond_signal(&c->has_work);
    pthread_mutex_unlock(&c->lock);
    return true;
}

/* Free a stopped committer, once no worker can reach it. */
void committer_free(struct committer *c)
{
    pthread_cond_destroy(&c->has_work);
    pthread_mutex_destroy(&c->lock);
    db_close(c->db);
}

/* Start the committer with its own connection to url. */
enum taio_status committer_start(struct committer *c, const char *url)
{
    memset(c, 0, sizeof(*c));
    enum taio_status status = db_open(url, &c->db);
    if (status != TAIO_OK) {
        return status;
    }
    db_without_memory_map(c->db);
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->has_work, NULL);
    if (pthread_create(&c->thread, NULL, committer_main, c) != 0) {
        log_error("http: cannot start the committer thread");
        committer_free(c);
        return TAIO_EIO;
    }
    return TAIO_OK;
}

/* Stop the committer after it ran (and resumed) every queued job; later
 * writes are refused (committer_queue()). Idempotent. */
void committer_stop(struct committer *c)
{
    pthread_mutex_lock(&c->lock);
    bool running = !c->stopping;
    c->stopping = true;
    pthread_cond_signal(&c->has_work);
    pthread_mutex_unlock(&c->lock);
    if (running) {
        pthread_join(c->thread, NULL);
    }
}
