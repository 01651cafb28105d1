/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_HTTP_H
#define TAIO_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "auth.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"
#include "user.h"
#include "web/form.h"

struct http_request;
typedef void (*http_handler)(struct http_request *req);
/* Answers an error as a page for people: status, the sentence and the
 * invalid fields (may be NULL). */
typedef void (*http_error_page_fn)(struct http_request *req, int status,
                                   const char *message,
                                   const struct problems *problems);

/* How "taio serve" runs; filled from options, the environment and the
 * configuration file before the server starts, read-only afterwards. */
struct http_options {
    const char *host;         /* address to listen on, e.g. "127.0.0.1" */
    unsigned port;            /* 0: any free port (see http_port()) */
    const char *db_url;       /* the store every worker opens */
    unsigned threads;         /* worker threads, each with a connection */
    unsigned max_connections; /* beyond this, new requests get 429 */
    unsigned timeout_s;       /* an idle or too slow connection is closed */
    size_t max_body;          /* larger request bodies get 413 */
    size_t max_header;        /* larger request heads get 431 */
    size_t cache_bytes;       /* answers kept between requests; 0: none */
    bool secure_cookies;      /* set Secure on cookies (TLS or a proxy) */
    enum i18n_lang lang;      /* for requests that ask for no language */
    http_error_page_fn error_page; /* errors of HTTP_PAGE routes and of
                                      addresses outside /api/; NULL:
                                      problem details everywhere */
    FILE *access_log;         /* one JSON line per request; NULL: none */
    char *tls_cert;           /* owned PEM text; NULL: plain HTTP */
    char *tls_key;            /* owned PEM text */
};

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 12


/* One request while it is handled. The handler reads the first group and
 * writes the response through http_reply*(); everything is freed after
 * the response is queued. */
struct http_request {
    const char *method;       /* borrowed, e.g. "GET" */
    const char *path;         /* borrowed, without the query string */
    const char *params[HTTP_MAX_PARAMS]; /* owned copies of the {x} parts */
    size_t n_params;
    struct buf body;          /* the request body as received */
    struct form form;         /* a posted HTML form's fields, decoded */
    struct db *db;            /* a pooled connection, for this request */
    struct settings settings; /* the organisation's; read-only (shared
                                 with other requests, see http.c) */
    int64_t now;              /* the clock (TAIO_NOW) at the start */
    struct auth_identity who; /* the caller; user_id 0 on public routes */
    struct actor actor;       /* who and when, for domain writes */
    enum i18n_lang lang;      /* of the answer (http_language()); the
                                 thread translates into it (i18n_use) */
    const struct http_options *opts;

    /* The response. */
    int status;
    struct buf out;
    const char *lent_body;    /* instead of out: an answer lent by the */
    size_t lent_len;          /* cache (web/cache.c), given back through */
    void *lent;               /* cache_give_back(lent) once sent */
    const char *content_type; /* static string */
    char *header_names[HTTP_MAX_HEADERS];  /* owned */
    char *header_values[HTTP_MAX_HEADERS]; /* owned */
    size_t n_headers;

    /* Internal to http.c. */
    struct shared_settings *shared_settings; /* what settings borrows */
    void *connection;         /* the struct MHD_Connection */
    bool body_too_large;
    bool html_errors;         /* errors answer as pages (error_page) */
    bool too_many_connections;
    int64_t started_ns;
    http_handler job;         /* a write waiting for the committer */
    struct http_request *next_job;
    bool waits_for_commit;    /* suspended until the committer resumes it */

    /* A write's answer may be built after its batch is committed, on the
     * worker's own connection, so the committer's thread only writes: a
     * handler running in a batch (in_batch) sets after_commit instead of
     * reading the record back. */
    bool in_batch;
    http_handler after_commit;
    int64_t after_id;         /* what after_commit shows */
};

/* A route: method and pattern ("/api/v1/cases/{number}"; each {x} takes
 * one path segment into params[]), the handler and flags. */
struct http_route {
    const char *method;
    const char *pattern;
    http_handler handler;
    unsigned flags;
};

/* Route flags */
#define HTTP_PUBLIC 1u    /* answered without credentials */
#define HTTP_NO_STORE 2u  /* no database connection needed */
#define HTTP_DIRECT 4u    /* a write that must not join a group commit:
                             its own transactions must stand even when
                             it answers with an error (a failed login) */
#define HTTP_WHO_IF_ANY 32u /* with HTTP_PUBLIC: a caller who sends a
                               valid session or token is known (req->who),
                               a form claiming a session must carry its
                               CSRF token; anyone else is a visitor */
#define HTTP_PAGE 16u     /* a page for people: without a session it
                             sends the browser to /login; errors are
                             pages; a form carries its CSRF token in the
                             field "csrf" */
#define HTTP_CACHED 8u    /* a read whose answer depends only on the data,
                             the clock's second, the credential and the
                             address with its query: a 200 answer is kept
                             until the data changes (web/cache.c) */

struct http_server;

/* The server */
enum taio_status http_start(const struct http_options *opts,
                            const struct http_route *const *tables,
                            struct http_server **out);
unsigned http_port(const struct http_server *server);
void http_stop(struct http_server *server);

/* Routing (for the route table and the fuzzer) */
bool http_path_match(const char *pattern, const char *path,
                     const char **captured, size_t *captured_len,
                     size_t *n_captured);

/* The request */
const char *http_header(const struct http_request *req, const char *name);
const char *http_query(const struct http_request *req, const char *name);
const char *http_cookie(const struct http_request *req, const char *name);
#define HTTP_LANG_COOKIE "taio_lang"
#define HTTP_SESSION_COOKIE "taio_session"
const char *http_client_address(const struct http_request *req, char *out,
                                size_t size);
typedef bool (*http_query_fn)(void *ctx, const char *name,
                              const char *value);
void http_each_query(const struct http_request *req, http_query_fn fn,
                     void *ctx);
void http_target(const struct http_request *req, struct buf *out);

/* The response */
void http_reply(struct http_request *req, int status,
                const char *content_type, const char *body, size_t len);
void http_add_header(struct http_request *req, const char *name,
                     const char *value);
void http_clear_headers(struct http_request *req);
void http_set_cookie(struct http_request *req, const char *name,
                     const char *value, int64_t max_age, bool http_only);
void http_redirect(struct http_request *req, const char *location);

#endif
