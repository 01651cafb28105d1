/* SPDX-License-Identifier: MIT */
/*
 * http.c - the libmicrohttpd glue: the daemon, one struct http_request
 * per request, the route tables, credentials, limits, the access log and
 * a graceful stop.
 *
 * libmicrohttpd runs a pool of worker threads (epoll). A request's head
 * arrives on the first call of the access handler, which only allocates
 * the request: answering on the first call would make libmicrohttpd close
 * the connection instead of keeping it alive (../shared/SETUP.md §7). Body
 * chunks follow and are collected up to the size limit; the last call
 * dispatches. Dispatching takes a store connection from the pool for the
 * whole request, reads the clock, loads the settings, checks the caller's
 * API token or session cookie, and runs the route's handler, which answers
 * through http_reply(). What a request means is the handlers' business
 * (web/api_*.c); this file knows no domain concept.
 *
 * Writes (every method but GET and HEAD) go to the group committer
 * (web/committer.c) unless their route says HTTP_DIRECT.
 *
 * Limits: a request head larger than max_header gets 431 from
 * libmicrohttpd itself; a body larger than max_body gets 413; more
 * connections than max_connections get 429; a connection idle or too slow
 * for timeout_s seconds is closed by libmicrohttpd.
 */
#include "web/http.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/secret.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "db/pool.h"
#include "web/cache.h"
#include "web/committer.h"
#include "web/compress.h"
#include "web/html.h"
#include "web/problem.h"

/* The organisation's settings as loaded at one generation of the data,
 * shared read-only by the requests that use them (each holds a
 * reference; req->settings is then a shallow copy). */
struct shared_settings {
    atomic_int refs;
    uint64_t generation;
    struct settings settings;
};

/* Give back one reference; the last frees. Accepts NULL. */
static void shared_settings_release(struct shared_settings *shared)
{
    if (shared && atomic_fetch_sub(&shared->refs, 1) == 1) {
        settings_clear(&shared->settings);
        free(shared);
    }
}

struct http_server {
    struct MHD_Daemon *daemon;
    struct db_pool *pool;
    struct committer committer;
    /* Answers of HTTP_CACHED routes, and the generation of the data that
     * the settings below were loaded from. */
    struct cache *cache;
    pthread_mutex_t settings_lock;
    struct shared_settings *settings; /* the newest loaded; NULL: none */
    const struct http_options *opts;
    const struct http_route *const *tables; /* NULL-terminated */
    atomic_int connections; /* open client connections */
    atomic_int in_flight;   /* requests begun and not yet completed */
};


/* Monotonic nanoseconds, for durations in the access log. */
static int64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Look up a request header (case-insensitive name); NULL when absent.
 * Valid while the request is handled. */
const char *http_header(const struct http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND,
                                       name);
}

/* A query-string argument, decoded; NULL when absent, "" for "?name". */
const char *http_query(const struct http_request *req, const char *name)
{
    const char *value = MHD_lookup_connection_value(
        req->connection, MHD_GET_ARGUMENT_KIND, name);
    if (value == NULL) {
        /* Present without a value: libmicrohttpd stores a NULL value. */
        bool present = MHD_lookup_connection_value_n(
                           req->connection, MHD_GET_ARGUMENT_KIND, name,
                           strlen(name), NULL, NULL) == MHD_YES;
        return present ? "" : NULL;
    }
    return value;
}

/* A cookie sent by the client; NULL when absent. */
const char *http_cookie(const struct http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND,
                                       name);
}

/* The client's address as text in out (size at least INET6_ADDRSTRLEN);
 * returns out. */
const char *http_client_address(const struct http_request *req, char *out,
                                size_t size)
{
    snprintf(out, size, "-");
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(
        req->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) {
        return out;
    }
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)(const void *)sa;
        inet_ntop(AF_INET, &in4->sin_addr, out, (socklen_t)size);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)size);
    }
    return out;
}

/* The state of http_each_query(). */
struct query_walk {
    http_query_fn fn;
    void *ctx;
};

/* A libmicrohttpd value iterator calling the user's function. */
static enum MHD_Result walk_query(void *cls, enum MHD_ValueKind kind,
                                  const char *key, const char *value)
{
    (void)kind;
    struct query_walk *w = cls;
    return w->fn(w->ctx, key, value ? value : "") ? MHD_YES : MHD_NO;
}

/* Call fn for every query-string argument in order, until it returns
 * false. */
void http_each_query(const struct http_request *req, http_query_fn fn,
                     void *ctx)
{
    struct query_walk w = {fn, ctx};
    MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND,
                              walk_query, &w);
}

/* Set the response: status, content type (a static string) and a copy of
 * body. A later call replaces an earlier one. */
void http_reply(struct http_request *req, int status,
                const char *content_type, const char *body, size_t len)
{
    req->status = status;
    req->content_type = content_type;
    buf_reset(&req->out);
    buf_append(&req->out, body, len);
}

/* Add a response header (both strings copied). Headers beyond
 * HTTP_MAX_HEADERS are a programming error. */
void http_add_header(struct http_request *req, const char *name,
                     const char *value)
{
    if (req->n_headers == HTTP_MAX_HEADERS) {
        log_error("http: too many response headers; %s dropped", name);
        return;
    }
    req->header_names[req->n_headers] = xstrdup(name);
    req->header_values[req->n_headers] = xstrdup(value);
    req->n_headers++;
}

/* Set a cookie for the whole site (value NULL: delete it), SameSite=Lax
 * and Secure when the server runs with TLS or behind a proxy that does;
 * http_only keeps it from the page's scripts. */
void http_set_cookie(struct http_request *req, const char *name,
                     const char *value, int64_t max_age, bool http_only)
{
    struct buf c = {0};
    buf_printf(&c, "%s=%s; Path=/; SameSite=Lax; Max-Age=%lld%s%s", name,
               value ? value : "", (long long)(value ? max_age : 0),
               http_only ? "; HttpOnly" : "",
               req->opts->secure_cookies ? "; Secure" : "");
    http_add_header(req, "Set-Cookie", buf_str(&c));
    buf_clear(&c);
}

/* Answer 303 See Other: the browser gets location (a path on this
 * server) with GET. */
void http_redirect(struct http_request *req, const char *location)
{
    http_add_header(req, "Location", location);
    http_reply(req, 303, "text/plain; charset=utf-8", "", 0);
}

/* Drop the response headers set so far. */
void http_clear_headers(struct http_request *req)
{
    for (size_t i = 0; i < req->n_headers; i++) {
        free(req->header_names[i]);
        free(req->header_values[i]);
    }
    req->n_headers = 0;
}

/* Free a request and everything it owns. */
static void request_free(struct http_request *req)
{
    for (size_t i = 0; i < req->n_params; i++) {
        free((void *)(uintptr_t)req->params[i]);
    }
    http_clear_headers(req);
    buf_clear(&req->body);
    form_clear(&req->form);
    buf_clear(&req->out);
    if (req->lent) {
        cache_give_back(req->lent);
    }
    if (req->shared_settings) {
        shared_settings_release(req->shared_settings);
    } else {
        settings_clear(&req->settings);
    }
    auth_identity_clear(&req->who);
    free(req);
}

/* Does path match pattern ("/api/v1/cases/{number}": each {x} takes one
 * non-empty path segment)? On a match, when captured is not NULL, the
 * start and length of each {x} part are stored there (at most
 * HTTP_MAX_PARAMS) and *n_captured says how many. */
bool http_path_match(const char *pattern, const char *path,
                     const char **captured, size_t *captured_len,
                     size_t *n_captured)
{
    size_t n = 0;
    const char *p = pattern;
    const char *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t len = strcspn(s, "/");
            if (close == NULL || len == 0 || n == HTTP_MAX_PARAMS) {
                return false;
            }
            if (captured) {
                captured[n] = s;
                captured_len[n] = len;
            }
            n++;
            p = close + 1;
            s += len;
            continue;
        }
        if (*p != *s) {
            return false;
        }
        p++;
        s++;
    }
    if (*p || *s) {
        return false;
    }
    if (n_captured) {
        *n_captured = n;
    }
    return true;
}

/* Does path match pattern? On a match the {x} segments are copied into
 * req->params. */
static bool match(const char *pattern, const char *path,
                  struct http_request *req)
{
    const char *captured[HTTP_MAX_PARAMS];
    size_t captured_len[HTTP_MAX_PARAMS];
    size_t n = 0;
    if (!http_path_match(pattern, path, captured, captured_len, &n)) {
        return false;
    }
    if (req) {
        for (size_t i = 0; i < n; i++) {
            req->params[i] = xstrndup(captured[i], captured_len[i]);
        }
        req->n_params = n;
    }
    return true;
}

/* Find the route for the request. *path_known tells, when none matches,
 * whether another method would have (405 rather than 404); allow gets
 * the methods that would. */
static const struct http_route *find_route(const struct http_server *server,
                                           struct http_request *req,
                                           bool *path_known,
                                           struct buf *allow)
{
    *path_known = false;
    for (size_t t = 0; server->tables[t]; t++) {
        for (const struct http_route *r = server->tables[t]; r->method;
             r++) {
            if (!match(r->pattern, req->path, NULL)) {
                continue;
            }
            if (strcmp(r->method, req->method) == 0 ||
                (strcmp(req->method, "HEAD") == 0 &&
                 strcmp(r->method, "GET") == 0)) {
                match(r->pattern, req->path, req);
                return r;
            }
            *path_known = true;
            buf_printf(allow, "%s%s", allow->len ? ", " : "", r->method);
        }
    }
    return NULL;
}

/* True for methods that change something and so need a CSRF token when
 * the caller came with a session cookie. */
static bool is_unsafe(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

/* How a checked credential is kept in the cache: this head, then the
 * login and the CSRF token, each ending in NUL. */
struct packed_identity {
    int64_t user_id;
    enum user_role role;
    int64_t session_id;
    int64_t token_id;
    int64_t fresh_until;
    bool has_csrf;
    char lang[4];
};

static void identity_pack(const struct auth_identity *who, struct buf *out)
{
    struct packed_identity head;
    memset(&head, 0, sizeof(head)); /* no uninitialised padding is kept */
    head.user_id = who->user_id;
    head.role = who->role;
    head.session_id = who->session_id;
    head.token_id = who->token_id;
    head.fresh_until = who->fresh_until;
    head.has_csrf = who->csrf_token != NULL;
    memcpy(head.lang, who->lang, sizeof(head.lang));
    buf_append(out, &head, sizeof(head));
    buf_append(out, who->login, strlen(who->login) + 1);
    if (who->csrf_token) {
        buf_append(out, who->csrf_token, strlen(who->csrf_token) + 1);
    }
}

/* Fill who from a packed identity; false when its check no longer holds
 * at now. */
static bool identity_unpack(const struct buf *packed, int64_t now,
                            struct auth_identity *who)
{
    struct packed_identity head;
    memcpy(&head, packed->data, sizeof(head));
    if (now >= head.fresh_until) {
        return false;
    }
    const char *login = packed->data + sizeof(head);
    who->user_id = head.user_id;
    who->role = head.role;
    who->session_id = head.session_id;
    who->token_id = head.token_id;
    who->fresh_until = head.fresh_until;
    memcpy(who->lang, head.lang, sizeof(who->lang));
    who->login = xstrdup(login);
    who->csrf_token =
        head.has_csrf ? xstrdup(login + strlen(login) + 1) : NULL;
    return true;
}

/* Check an API token (kind 'T') or a session cookie (kind 'S') into
 * req->who. A credential that passed at this generation of the data is
 * taken from the cache, found by the hash of its value (the value itself
 * is never kept); its check is repeated when it is due to write its last
 * use or to expire (auth_identity.fresh_until). */
static enum taio_status check_credential(struct http_server *server,
                                         struct http_request *req, char kind,
                                         const char *secret,
                                         uint64_t generation)
{
    char key[1 + SECRET_HASH_HEX];
    key[0] = kind;
    secret_hash(secret, key + 1);
    size_t key_len = 1 + strlen(key + 1);
    struct buf packed;
    buf_init(&packed);
    struct cache_key k = {key, key_len, generation, 0};
    bool hit = cache_get(server->cache, &k, &packed) &&
               identity_unpack(&packed, req->now, &req->who);
    enum taio_status status = TAIO_OK;
    if (!hit) {
        status = kind == 'T'
                     ? auth_token_check(req->db, secret, req->now, &req->who)
                     : auth_session_check(req->db, secret, req->now,
                                          &req->who);
        if (status == TAIO_OK) {
            buf_reset(&packed);
            identity_pack(&req->who, &packed);
            cache_put(server->cache, &k, packed.data, packed.len);
        }
    }
    buf_clear(&packed);
    return status;
}

/* Establish who is calling from the Authorization header (an API token)
 * or the session cookie. TAIO_EAUTH when neither is valid; TAIO_EPERM
 * when a cookie-authenticated change lacks the session's CSRF token. */
static enum taio_status authenticate(struct http_server *server,
                                     struct http_request *req,
                                     uint64_t generation)
{
    const char *authorization = http_header(req, "Authorization");
    if (authorization) {
        if (strncasecmp(authorization, "Bearer ", 7) != 0) {
            return TAIO_EAUTH;
        }
        const char *token = authorization + 7;
        while (*token == ' ') {
            token++;
        }
        return check_credential(server, req, 'T', token, generation);
    }
    const char *cookie = http_cookie(req, HTTP_SESSION_COOKIE);
    if (cookie == NULL) {
        return TAIO_EAUTH;
    }
    enum taio_status status =
        check_credential(server, req, 'S', cookie, generation);
    if (status == TAIO_OK && is_unsafe(req->method)) {
        /* A cookie travels with any request the browser makes, also one
         * forged by another site; the token proves the page is ours. */
        const char *sent = http_header(req, "X-CSRF-Token");
        if (sent == NULL) {
            sent = form_get(&req->form, "csrf"); /* a page's form */
        }
        if (sent == NULL || !secret_equal(sent, req->who.csrf_token)) {
            status = TAIO_EPERM;
        }
    }
    return status;
}

/* Choose the answer's language and translate into it on this thread:
 * the caller's own choice (users.lang), else the language switch's
 * cookie, else Accept-Language, else the server's. */
static void choose_language(struct http_request *req)
{
    const char *chosen = req->who.lang[0] ? req->who.lang
                                          : http_cookie(req, HTTP_LANG_COOKIE);
    int named = chosen ? validate_index(chosen, I18N_LANG_NAMES) : -1;
    req->lang = named >= 0 ? (enum i18n_lang)named
                           : i18n_from_accept(
                                 http_header(req, "Accept-Language"),
                                 req->opts->lang);
    i18n_use(req->lang);
}

/* True for requests whose handler may write. */
static bool is_write(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* The organisation's settings into req->settings: shared with the other
 * requests when they were loaded at this generation of the data, else
 * loaded (and shared from now on). */
static enum taio_status load_settings(struct http_server *server,
                                      struct http_request *req,
                                      uint64_t generation)
{
    pthread_mutex_lock(&server->settings_lock);
    struct shared_settings *shared = server->settings;
    if (shared && shared->generation == generation) {
        atomic_fetch_add(&shared->refs, 1);
    } else {
        shared = NULL;
    }
    pthread_mutex_unlock(&server->settings_lock);
    if (shared == NULL) {
        shared = xcalloc(1, sizeof(*shared));
        atomic_init(&shared->refs, 1);
        shared->generation = generation;
        enum taio_status status = settings_load(req->db, &shared->settings);
        if (status != TAIO_OK) {
            free(shared);
            return status;
        }
        struct shared_settings *older = NULL;
        pthread_mutex_lock(&server->settings_lock);
        if (server->settings == NULL ||
            generation > server->settings->generation) {
            older = server->settings;
            atomic_fetch_add(&shared->refs, 1);
            server->settings = shared;
        }
        pthread_mutex_unlock(&server->settings_lock);
        shared_settings_release(older);
    }
    req->shared_settings = shared;
    req->settings = shared->settings;
    return TAIO_OK;
}

/* Append one length-prefixed part to a cache key, so that no two
 * different requests give the same key. */
static void key_part(struct buf *key, const char *text)
{
    buf_printf(key, "%zu:%s", strlen(text), text);
}

static bool key_query(void *ctx, const char *name, const char *value)
{
    key_part(ctx, name);
    key_part(ctx, value);
    return true;
}

/* The cache key of a read: everything its answer may depend on besides
 * the data and the clock's second (see HTTP_CACHED), which are the
 * entry's stamps. */
static void answer_key(const struct http_request *req, struct buf *key)
{
    buf_printf(key, "%" PRId64 "/%d/%" PRId64 "/%" PRId64 "/%d/",
               req->who.user_id, (int)req->who.role, req->who.token_id,
               req->who.session_id, (int)req->lang);
    key_part(key, req->method);
    key_part(key, req->path);
    http_each_query(req, key_query, key);
}

/* How an answer is kept: this head, the headers as name and value each
 * ending in NUL, then the body. */
struct packed_answer {
    int status;
    const char *content_type; /* a static string, valid for the process */
    size_t n_headers;
    size_t headers_len;
};

static void answer_pack(const struct http_request *req, struct buf *out)
{
    struct packed_answer head;
    memset(&head, 0, sizeof(head)); /* no uninitialised padding is kept */
    head.status = req->status;
    head.content_type = req->content_type;
    head.n_headers = req->n_headers;
    for (size_t i = 0; i < req->n_headers; i++) {
        head.headers_len += strlen(req->header_names[i]) + 1 +
                            strlen(req->header_values[i]) + 1;
    }
    buf_append(out, &head, sizeof(head));
    for (size_t i = 0; i < req->n_headers; i++) {
        buf_append(out, req->header_names[i],
                   strlen(req->header_names[i]) + 1);
        buf_append(out, req->header_values[i],
                   strlen(req->header_values[i]) + 1);
    }
    buf_append(out, req->out.data, req->out.len);
}

/* Make a packed answer lent by the cache (len bytes at data, handle to
 * give back) the response; its body is sent from where it lies. */
static void answer_unpack(struct http_request *req, const char *data,
                          size_t len, void *handle)
{
    struct packed_answer head;
    memcpy(&head, data, sizeof(head));
    const char *text = data + sizeof(head);
    for (size_t i = 0; i < head.n_headers; i++) {
        const char *name = text;
        const char *value = name + strlen(name) + 1;
        http_add_header(req, name, value);
        text = value + strlen(value) + 1;
    }
    size_t skip = sizeof(head) + head.headers_len;
    buf_reset(&req->out);
    req->lent_body = data + skip;
    req->lent_len = len - skip;
    req->lent = handle;
    req->status = head.status;
    req->content_type = head.content_type;
}

/* Replace the body with its gzip form, for a client that accepts it. */
static void gzip_body(struct http_request *req)
{
    struct buf zipped;
    buf_init(&zipped);
    if (compress_gzip(req->out.data, req->out.len, &zipped)) {
        struct buf plain = req->out;
        req->out = zipped;
        buf_clear(&plain);
        http_add_header(req, "Content-Encoding", "gzip");
    } else {
        buf_clear(&zipped);
    }
}

/* Make a read's 200 answer ready to send: compressed when the client
 * accepts gzip and it is large enough to gain. */
static void finish_read(struct http_request *req, bool gzip)
{
    if (req->status != 200) {
        return;
    }
    http_add_header(req, "Vary", "Accept-Encoding");
    if (gzip && req->out.len >= COMPRESS_MIN_BYTES) {
        gzip_body(req);
    }
}

/* Answer a read from the cache, or run handler and keep a 200 answer
 * (compressed for a client that accepts gzip: the key says which). */
static void answer_through_cache(struct http_server *server,
                                 struct http_request *req,
                                 http_handler handler, uint64_t generation)
{
    bool gzip = compress_gzip_accepted(http_header(req, "Accept-Encoding"));
    if (!cache_keeps(server->cache)) {
        handler(req);
        finish_read(req, gzip);
        return;
    }
    struct buf key;
    buf_init(&key);
    answer_key(req, &key);
    key_part(&key, gzip ? "gzip" : "identity");
    const char *data = NULL;
    size_t len = 0;
    void *handle = NULL;
    struct cache_key k = {key.data, key.len, generation, req->now};
    if (cache_borrow(server->cache, &k, &data, &len, &handle)) {
        answer_unpack(req, data, len, handle);
        buf_clear(&key);
        return;
    }
    handler(req);
    if (req->status == 200) {
        finish_read(req, gzip);
        struct buf packed;
        buf_init(&packed);
        answer_pack(req, &packed);
        cache_put(server->cache, &k, packed.data, packed.len);
        buf_clear(&packed);
    }
    buf_clear(&key);
}

/* Decode a posted HTML form into req->form; false, with the answer made,
 * when a field is not UTF-8. */
static bool read_form(struct http_request *req)
{
    const char *type = http_header(req, "Content-Type");
    static const char FORM_TYPE[] = "application/x-www-form-urlencoded";
    if (type == NULL || strncasecmp(type, FORM_TYPE, strlen(FORM_TYPE)) != 0) {
        return true;
    }
    struct problems p = {0};
    bool ok = form_parse(req->body.data ? req->body.data : "", req->body.len,
                         &req->form, &p);
    if (!ok) {
        problem_reply_status(req, TAIO_EINVAL, &p);
    }
    problems_clear(&p);
    return ok;
}

/* The state of http_target() while it walks the query. */
struct target_walk {
    struct buf *out;
    char separator; /* '?' before the first argument, then '&' */
};

/* One query argument of http_target(), encoded again. */
static bool target_query(void *ctx, const char *name, const char *value)
{
    struct target_walk *w = ctx;
    buf_putc(w->out, w->separator);
    w->separator = '&';
    html_url_part(w->out, name);
    if (value && *value) {
        buf_putc(w->out, '=');
        html_url_part(w->out, value);
    }
    return true;
}

/* Append the address asked for, path and query ("/?view=team"), to out:
 * where to come back to after logging in or switching the language. */
void http_target(const struct http_request *req, struct buf *out)
{
    struct target_walk w = {out, '?'};
    buf_puts(out, req->path);
    http_each_query(req, target_query, &w);
}

/* Send a browser without a session to the login page, which brings it
 * back here afterwards. */
static void redirect_to_login(struct http_request *req)
{
    struct buf here = {0};
    if (strcmp(req->method, "GET") == 0) {
        http_target(req, &here);
    }
    struct buf location = {0};
    buf_puts(&location, "/login?next=");
    html_url_part(&location, here.len ? buf_str(&here) : "/");
    http_redirect(req, buf_str(&location));
    buf_clear(&location);
    buf_clear(&here);
}

/* Does this address answer errors as pages? Everything but the JSON API
 * and the health checks. */
static bool wants_html_errors(const struct http_request *req)
{
    return req->opts->error_page != NULL &&
           strncmp(req->path, "/api/", 5) != 0 &&
           strcmp(req->path, "/healthz") != 0 &&
           strcmp(req->path, "/readyz") != 0;
}

/* Run the request: route, store, clock, settings, credentials, handler.
 * Always leaves a response in req. */
static void dispatch(struct http_server *server, struct http_request *req)
{
    choose_language(req);
    req->html_errors = wants_html_errors(req);
    if (req->too_many_connections) {
        http_add_header(req, "Retry-After", "5");
        problem_reply(req, 429, "too_many_connections",
                      _("the server has too many connections; try again "
                        "in a few seconds"),
                      NULL);
        return;
    }
    if (req->body_too_large) {
        problem_reply(req, 413, "too_large",
                      _("the request body is larger than the server "
                        "accepts"),
                      NULL);
        return;
    }
    bool path_known = false;
    struct buf allow = {0};
    const struct http_route *route =
        find_route(server, req, &path_known, &allow);
    if (route == NULL) {
        if (path_known) {
            http_add_header(req, "Allow", buf_str(&allow));
            problem_reply(req, 405, "method_not_allowed",
                          _("this address does not take that method"),
                          NULL);
        } else {
            problem_reply(req, 404, "not_found",
                          _("there is nothing at this address"), NULL);
        }
        buf_clear(&allow);
        return;
    }
    buf_clear(&allow);
    if (timeutil_now(&req->now) != TAIO_OK) {
        problem_reply(req, 500, "clock", _("the server's clock is unusable"),
                      NULL);
        return;
    }
    if (!read_form(req)) {
        return;
    }
    if (route->flags & HTTP_NO_STORE) {
        route->handler(req);
        return;
    }
    req->db = db_pool_take(server->pool);
    if (db_data_changed(req->db)) {
        cache_invalidate(server->cache);
    }
    /* Read after the check: whatever this request reads from the store
     * is at least as new as this generation (web/cache.c). */
    uint64_t generation = cache_generation(server->cache);
    enum taio_status status = load_settings(server, req, generation);
    if (status == TAIO_OK && !(route->flags & HTTP_PUBLIC)) {
        status = authenticate(server, req, generation);
    } else if (status == TAIO_OK && (route->flags & HTTP_WHO_IF_ANY)) {
        status = authenticate(server, req, generation);
        if (status == TAIO_EAUTH) {
            /* Welcome as a visitor; only a form that claims a session
             * and cannot prove it (TAIO_EPERM) is refused. */
            auth_identity_clear(&req->who);
            status = TAIO_OK;
        }
    }
    if (status == TAIO_OK) {
        if (req->who.lang[0]) {
            choose_language(req); /* the caller's own choice */
        }
        req->actor.user_id = req->who.user_id;
        req->actor.role = req->who.role;
        req->actor.now = req->now;
        if (is_write(req->method) && !(route->flags & HTTP_DIRECT)) {
            /* The store connection is not needed while the write waits. */
            db_pool_give(server->pool, req->db);
            req->db = NULL;
            if (!committer_queue(&server->committer, req, route->handler)) {
                problem_reply(req, 503, "stopping",
                              _("the server is stopping; try again"),
                              NULL);
            }
            return;
        } else if (route->flags & HTTP_CACHED) {
            answer_through_cache(server, req, route->handler, generation);
        } else {
            route->handler(req);
        }
    } else if (status == TAIO_EAUTH && (route->flags & HTTP_PAGE)) {
        redirect_to_login(req);
    } else {
        problem_reply_status(req, status, NULL);
    }
    db_pool_give(server->pool, req->db);
    req->db = NULL;
}

/* After a write's batch: build its answer on a store connection of the
 * pool when the handler left that for after the commit. */
static void finish_write(struct http_server *server, struct http_request *req)
{
    /* This thread served other requests while the write waited. */
    i18n_use(req->lang);
    if (req->after_commit && req->status < 400) {
        req->db = db_pool_take(server->pool);
        req->after_commit(req);
        db_pool_give(server->pool, req->db);
        req->db = NULL;
    }
}

/* Hand the response in req to libmicrohttpd. */
static enum MHD_Result queue(struct MHD_Connection *connection,
                             struct http_request *req)
{
    /* The body is handed over, not copied: answers are often tens of
     * kilobytes. */
    struct MHD_Response *response = NULL;
    if (req->lent) {
        response = MHD_create_response_from_buffer_with_free_callback_cls(
            req->lent_len, (void *)(uintptr_t)req->lent_body,
            cache_give_back, req->lent);
        if (response) {
            req->lent = NULL; /* libmicrohttpd gives it back */
        }
    } else {
        size_t len = req->out.len;
        char *body = buf_steal(&req->out);
        req->out.len = len; /* for the access log */
        response =
            MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
        if (response == NULL) {
            free(body);
        }
    }
    if (response == NULL) {
        return MHD_NO;
    }
    MHD_add_response_header(response, "Content-Type",
                            req->content_type ? req->content_type
                                              : "text/plain; charset=utf-8");
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    bool own_caching = false;
    for (size_t i = 0; i < req->n_headers; i++) {
        own_caching |= strcasecmp(req->header_names[i], "Cache-Control") == 0;
    }
    if (!own_caching) {
        MHD_add_response_header(response, "Cache-Control", "no-store");
    }
    MHD_add_response_header(response, "Referrer-Policy", "same-origin");
    for (size_t i = 0; i < req->n_headers; i++) {
        MHD_add_response_header(response, req->header_names[i],
                                req->header_values[i]);
    }
    enum MHD_Result ret = MHD_queue_response(
        connection, (unsigned)(req->status ? req->status : 500), response);
    MHD_destroy_response(response);
    return ret;
}

/* libmicrohttpd's access handler: allocate on the first call, collect the
 * body, dispatch on the last. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct http_server *server = cls;
    struct http_request *req = *con_cls;
    if (req == NULL) {
        req = xcalloc(1, sizeof(*req));
        req->method = method;
        req->path = url;
        req->opts = server->opts;
        req->connection = connection;
        req->started_ns = monotonic_ns();
        int open = atomic_load(&server->connections);
        req->too_many_connections =
            open > (int)server->opts->max_connections;
        atomic_fetch_add(&server->in_flight, 1);
        *con_cls = req;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (req->body.len + *upload_data_size > server->opts->max_body) {
            req->body_too_large = true;
        } else {
            buf_append(&req->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->waits_for_commit) {
        /* Resumed by the committer: the write's batch is over. */
        req->waits_for_commit = false;
        finish_write(server, req);
        return queue(connection, req);
    }
    dispatch(server, req);
    if (req->waits_for_commit) {
        return MHD_YES; /* suspended until the commit */
    }
    return queue(connection, req);
}

/* The length of the body sent. */
static size_t body_length(const struct http_request *req)
{
    return req->lent_body ? req->lent_len : req->out.len;
}

/* Write the access log line of a finished request. */
static void log_access(struct http_server *server, struct http_request *req)
{
    FILE *f = server->opts->access_log;
    if (f == NULL) {
        return;
    }
    int64_t now = 0;
    timeutil_now(&now);
    char at[TIMEUTIL_ISO_MAX];
    const struct tz *utc = NULL;
    tz_lookup("UTC", &utc);
    timeutil_format_iso(utc, now, at);
    double ms = (double)(monotonic_ns() - req->started_ns) / 1e6;
    json_t *line = json_pack(
        "{s:s, s:s, s:s, s:i, s:I, s:f, s:s}", "at", at, "method",
        req->method, "path", req->path, "status", req->status, "bytes",
        (json_int_t)body_length(req), "ms", ms, "user",
        req->who.login ? req->who.login : "-");
    if (line == NULL) {
        /* A path that is not UTF-8 cannot go into JSON as it is. */
        line = json_pack("{s:s, s:s, s:s, s:i, s:I, s:f, s:s}", "at", at,
                         "method", req->method, "path", "(not UTF-8)",
                         "status", req->status, "bytes",
                         (json_int_t)body_length(req), "ms", ms, "user",
                         req->who.login ? req->who.login : "-");
    }
    char *text = json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(4));
    json_decref(line);
    if (text) {
        /* One fputs per line under the stream's lock: lines of parallel
         * requests never interleave. */
        flockfile(f);
        fputs(text, f);
        fputc('\n', f);
        fflush(f);
        funlockfile(f);
        free(text);
    }
}

/* libmicrohttpd's completion callback: log and free the request. */
static void on_completed(void *cls, struct MHD_Connection *connection,
                         void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)connection;
    (void)toe;
    struct http_server *server = cls;
    struct http_request *req = *con_cls;
    if (req == NULL) {
        return;
    }
    log_access(server, req);
    request_free(req);
    *con_cls = NULL;
    atomic_fetch_sub(&server->in_flight, 1);
}

/* libmicrohttpd's connection callback: count open connections. */
static void on_connection(void *cls, struct MHD_Connection *connection,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)connection;
    (void)socket_context;
    struct http_server *server = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        atomic_fetch_add(&server->connections, 1);
    } else {
        atomic_fetch_sub(&server->connections, 1);
    }
}

/* Messages from libmicrohttpd itself go to the log. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char text[512];
    vsnprintf(text, sizeof(text), fmt, ap);
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '\n') {
        text[--n] = '\0';
    }
    log_warn("http: %s", text);
}

/* Free what http_start() made, stopping the committer when it was
 * started. */
static void server_free(struct http_server *server, bool committer_started)
{
    if (committer_started) {
        committer_stop(&server->committer);
        committer_free(&server->committer);
    }
    db_pool_free(server->pool);
    cache_free(server->cache);
    shared_settings_release(server->settings);
    pthread_mutex_destroy(&server->settings_lock);
    free(server);
}

/* Start serving opts with the routes in tables (a NULL-terminated list of
 * route arrays, each ending with a NULL method). The store must exist and
 * be migrated. Returns TAIO_EIO (logged) when the address cannot be
 * bound. Stop with http_stop(). */
enum taio_status http_start(const struct http_options *opts,
                            const struct http_route *const *tables,
                            struct http_server **out)
{
    struct http_server *server = xcalloc(1, sizeof(*server));
    server->opts = opts;
    server->tables = tables;
    atomic_init(&server->connections, 0);
    atomic_init(&server->in_flight, 0);
    server->cache = cache_new(opts->cache_bytes);
    pthread_mutex_init(&server->settings_lock, NULL);
    enum taio_status status =
        db_pool_new(opts->db_url, opts->threads, db_without_memory_map,
                    &server->pool);
    if (status != TAIO_OK) {
        server_free(server, false);
        return status;
    }
    status = committer_start(&server->committer, opts->db_url);
    if (status != TAIO_OK) {
        server_free(server, false);
        return status;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)opts->port);
    if (inet_pton(AF_INET, opts->host, &addr.sin_addr) != 1) {
        log_error("http: %s is not an IPv4 address", opts->host);
        server_free(server, true);
        return TAIO_EINVAL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
                     MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    if (opts->tls_cert) {
        flags |= MHD_USE_TLS;
    }
    /* libmicrohttpd's own limit is set above ours, so connections past
     * ours still get a 429 answer instead of a closed socket. */
    unsigned hard_limit = opts->max_connections + 64;
    struct MHD_OptionItem options[] = {
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_mhd_log, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_THREAD_POOL_SIZE, opts->threads, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, hard_limit, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, opts->timeout_s, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)opts->max_header,
         NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, server},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, server},
        {opts->tls_cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
         opts->tls_cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, opts->tls_key},
        {MHD_OPTION_END, 0, NULL},
    };
    server->daemon =
        MHD_start_daemon(flags, 0, NULL, NULL, on_request, server,
                         MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (server->daemon == NULL) {
        log_error("http: cannot listen on %s:%u (in use, or not allowed)",
                  opts->host, opts->port);
        server_free(server, true);
        return TAIO_EIO;
    }
    *out = server;
    return TAIO_OK;
}

/* The port the server listens on (the chosen one when opts->port was
 * 0). */
unsigned http_port(const struct http_server *server)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : server->opts->port;
}

/* Wait until no request is in flight, for at most rounds × 10 ms. */
static void wait_for_requests(struct http_server *server, int rounds)
{
    for (int i = 0; i < rounds && atomic_load(&server->in_flight) > 0; i++) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

/* Stop gracefully: accept no new connections, let the requests in flight
 * finish (for up to 10 seconds), then close every connection and the
 * store. Accepts NULL. */
void http_stop(struct http_server *server)
{
    if (server == NULL) {
        return;
    }
    MHD_socket listener = MHD_quiesce_daemon(server->daemon);
    if (listener != MHD_INVALID_SOCKET) {
        close(listener);
    }
    wait_for_requests(server, 1000);
    /* No write may stay suspended when the daemon stops (libmicrohttpd
     * forbids it): the committer runs and resumes what is queued, refuses
     * what comes later, and the resumed requests get time to finish. */
    committer_stop(&server->committer);
    wait_for_requests(server, 200);
    MHD_stop_daemon(server->daemon);
    struct cache_stats stats;
    cache_stats(server->cache, &stats);
    log_info("http: the answer cache served %" PRIu64 " of %" PRIu64
             " lookups; %zu entries, %zu bytes at the end",
             stats.hits, stats.hits + stats.misses, stats.entries,
             stats.bytes);
    server_free(server, true);
}
