/* SPDX-License-Identifier: MIT */
/*
 * cli_serve.c - "taio serve" (the HTTP server) and "taio token ..." (API
 * tokens for scripts).
 *
 * Server settings come, weakest first, from built-in defaults, a
 * configuration file (--config FILE, or $TAIO_CONFIG: lines of
 * "key = value", '#' starts a comment), the environment (TAIO_LISTEN,
 * TAIO_THREADS, TAIO_ACCESS_LOG) and the command line. The server runs
 * until SIGTERM or SIGINT, then stops gracefully (web/http.c).
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "cli/cli.h"
#include "cli/cli_config.h"
#include "cli/cli_out.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/secret.h"
#include "core/xalloc.h"
#include "record_json.h"
#include "user.h"
#include "web/api.h"
#include "web/http.h"
#include "web/scheduler.h"
#include "web/ui.h"

/* Every server setting as text, before it is checked. */
struct serve_texts {
    const char *listen;
    const char *threads;
    const char *max_connections;
    const char *timeout;
    const char *max_body;
    const char *cache_mb;
    const char *access_log;
    const char *tls_cert;
    const char *tls_key;
    const char *config;
    const char *init_admin;
    const char *tick_seconds;
    bool behind_tls_proxy;
};

/* Take from the configuration file what neither the command line nor
 * the environment set. */
static void apply_config(const struct cli_config *c, struct serve_texts *t)
{
    const char **slots[] = {&t->listen,    &t->threads,  &t->max_connections,
                            &t->timeout,   &t->max_body, &t->cache_mb,
                            &t->access_log, &t->tls_cert, &t->tls_key};
    const char *values[] = {c->listen,    c->threads,  c->max_connections,
                            c->timeout,   c->max_body, c->cache_mb,
                            c->access_log, c->tls_cert, c->tls_key};
    for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
        if (*slots[i] == NULL) {
            *slots[i] = values[i];
        }
    }
    t->behind_tls_proxy = t->behind_tls_proxy ||
                          (c->behind_tls_proxy &&
                           strcmp(c->behind_tls_proxy, "true") == 0);
}

/* Read a whole number in [min, max] for field, or keep *out when text is
 * NULL. */
static void number(const char *field, const char *text, long long min,
                   long long max, unsigned long long *out,
                   struct problems *p)
{
    if (text == NULL) {
        return;
    }
    int64_t v = 0;
    if (cli_int(field, text, min, max, &v, p)) {
        *out = (unsigned long long)v;
    }
}

/* Split "ADDR:PORT" into opts. */
static void parse_listen(const char *text, struct http_options *opts,
                         char *host, size_t host_size, struct problems *p)
{
    const char *colon = strrchr(text, ':');
    char *end = NULL;
    long port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (colon == NULL || end == colon + 1 || *end || port < 0 ||
        port > 65535 || (size_t)(colon - text) >= host_size ||
        colon == text) {
        problems_add(p, "listen", "%s",
                     _("must be ADDRESS:PORT, e.g. 127.0.0.1:8080"));
        return;
    }
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = '\0';
    opts->host = host;
    opts->port = (unsigned)port;
}

/* Turn the texts into options; problems for the bad ones. */
static void build_options(const struct serve_texts *t,
                          struct http_options *opts, char *host,
                          size_t host_size, struct problems *p)
{
    parse_listen(t->listen ? t->listen : "127.0.0.1:8080", opts, host,
                 host_size, p);
    /* A worker never waits for the group commit (its connection is
     * suspended meanwhile), so the workers only need to keep the
     * processors busy; more threads than that only add context switches
     * (bench/RESULTS.md). */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned long long v = cpus > 2 ? (unsigned long long)cpus * 2 : 4;
    number("threads", t->threads, 1, 256, &v, p);
    opts->threads = (unsigned)v;
    v = 256;
    number("max-connections", t->max_connections, 1, 10000, &v, p);
    opts->max_connections = (unsigned)v;
    v = 30;
    number("timeout", t->timeout, 1, 3600, &v, p);
    opts->timeout_s = (unsigned)v;
    v = 1024 * 1024;
    number("max-body", t->max_body, 1024, 64 * 1024 * 1024, &v, p);
    opts->max_body = (size_t)v;
    opts->max_header = 32 * 1024;
    /* Room for about 1,500 answers of a case with a long timeline; 0
     * turns the cache off (web/cache.c). */
    v = 32;
    number("cache-mb", t->cache_mb, 0, 4096, &v, p);
    opts->cache_bytes = (size_t)v * 1024 * 1024;
    if ((t->tls_cert == NULL) != (t->tls_key == NULL)) {
        problems_add(p, "tls-cert", "%s",
                     _("give both --tls-cert and --tls-key, or neither"));
    } else if (t->tls_cert) {
        opts->tls_cert = cli_read_file(t->tls_cert);
        opts->tls_key = cli_read_file(t->tls_key);
        if (opts->tls_cert == NULL) {
            problems_add(p, "tls-cert", _("cannot read %s: %s"), t->tls_cert,
                         strerror(errno));
        }
        if (opts->tls_key == NULL) {
            problems_add(p, "tls-key", _("cannot read %s: %s"), t->tls_key,
                         strerror(errno));
        }
    }
    opts->secure_cookies = t->tls_cert != NULL || t->behind_tls_proxy;
    opts->access_log = stdout;
    if (t->access_log && strcmp(t->access_log, "-") != 0) {
        opts->access_log = strcmp(t->access_log, "off") == 0
                               ? NULL
                               : fopen(t->access_log, "a");
        if (opts->access_log == NULL && strcmp(t->access_log, "off") != 0) {
            problems_add(p, "access-log", _("cannot open %s: %s"),
                         t->access_log, strerror(errno));
        }
    }
}

/* "serve --init-admin LOGIN": on a desk without users, create an admin
 * with a one-time password and print both once. */
static int init_admin(struct app *app, const char *login)
{
    int64_t n = 0;
    enum taio_status status = user_count(app->db, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    if (n > 0) {
        printf("%s\n", _("Users exist already; --init-admin changed "
                         "nothing."));
        return 0;
    }
    struct user_input in = {.login = login, .display_name = login,
                            .role = "admin"};
    struct problems p = {0};
    struct actor system = {.user_id = 0, .now = app->now};
    status = user_add(app->db, &system, &in, &p, NULL);
    char *password = secret_random("");
    if (status == TAIO_OK) {
        status = auth_set_password(app->db, &system, login, password, &p);
    }
    int rc = 0;
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
    } else {
        printf(_("Created the admin \"%s\" with the one-time password:\n"
                 "  %s\n"
                 "Log in and change it (PUT /api/v1/users/%s/password).\n"),
               login, password, login);
    }
    free(password);
    problems_clear(&p);
    return rc;
}

/* Every route table the server answers, the JSON API's and the pages',
 * in one NULL-terminated list (free with free()). */
static const struct http_route **server_tables(void)
{
    const struct http_route *const *const groups[] = {api_tables, ui_tables};
    const struct http_route **all = NULL;
    size_t n = 0;
    size_t cap = 0;
    for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        for (size_t t = 0; groups[g][t]; t++) {
            all = xgrow(all, &cap, n + 2, sizeof(*all));
            all[n++] = groups[g][t];
        }
    }
    all[n] = NULL;
    return all;
}

/* Block SIGINT and SIGTERM in this thread (and so in every thread the
 * server starts) and wait for one of them. */
static int wait_for_stop(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    int sig = 0;
    sigwait(&set, &sig);
    return sig;
}

static int run_serve(struct app *app, int argc, char **argv)
{
    struct serve_texts t = {0};
    bool proxy_flag = false;
    const struct cli_opt opts_table[] = {
        {"listen", &t.listen, NULL, NULL},
        {"threads", &t.threads, NULL, NULL},
        {"max-connections", &t.max_connections, NULL, NULL},
        {"timeout", &t.timeout, NULL, NULL},
        {"max-body", &t.max_body, NULL, NULL},
        {"cache-mb", &t.cache_mb, NULL, NULL},
        {"access-log", &t.access_log, NULL, NULL},
        {"tls-cert", &t.tls_cert, NULL, NULL},
        {"tls-key", &t.tls_key, NULL, NULL},
        {"config", &t.config, NULL, NULL},
        {"init-admin", &t.init_admin, NULL, NULL},
        {"tick-seconds", &t.tick_seconds, NULL, NULL},
        {"behind-tls-proxy", NULL, &proxy_flag, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts_table, 0);
    if (rc) {
        return rc;
    }
    t.behind_tls_proxy = proxy_flag;
    const char *env_names[][2] = {{"TAIO_LISTEN", NULL},
                                  {"TAIO_THREADS", NULL},
                                  {"TAIO_ACCESS_LOG", NULL}};
    const char **env_slots[] = {&t.listen, &t.threads, &t.access_log};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(env_names[i][0]);
        if (*env_slots[i] == NULL && v && *v) {
            *env_slots[i] = v;
        }
    }
    if (t.config == NULL) {
        t.config = getenv("TAIO_CONFIG");
    }
    struct problems p = {0};
    struct cli_config file = {0};
    if (t.config && *t.config) {
        cli_config_read(t.config, &file, &p);
        apply_config(&file, &t);
    }
    struct http_options opts = {0};
    char host[64];
    build_options(&t, &opts, host, sizeof(host), &p);
    /* The scheduler: its pace, and where its mail goes. */
    struct scheduler scheduler = {0};
    struct notify_mail mail = {
        .url = cli_setting(NULL, "TAIO_SMTP_URL", file.smtp_url),
        .from = cli_setting(NULL, "TAIO_MAIL_FROM", file.mail_from),
        .ca = cli_setting(NULL, "TAIO_SMTP_CA", file.smtp_ca),
    };
    if (mail.url && mail.from == NULL) {
        problems_add(&p, "mail-from", "%s",
                     _("is required to send mail (TAIO_MAIL_FROM)"));
    }
    int64_t tick_s = 30;
    const char *tick_text =
        cli_setting(t.tick_seconds, "TAIO_TICK_SECONDS", file.tick_seconds);
    if (tick_text) {
        cli_int("tick-seconds", tick_text, 1, 3600, &tick_s, &p);
    }
    opts.db_url = app->db_path;
    if (problems_any(&p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc == 0 && t.init_admin) {
        rc = init_admin(app, t.init_admin);
    }
    /* The workers open their own connections; this one is done. */
    db_close(app->db);
    app->db = NULL;
    struct http_server *server = NULL;
    const struct http_route **tables = NULL;
    if (rc == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
        /* Keep freed memory instead of giving it back to the kernel at
         * once: each give-back (madvise or munmap) stops every core for
         * a TLB flush, which cost the committer about a tenth of its time
         * (bench/RESULTS.md). Answers of up to 32 MB come from the heap. */
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
        opts.lang = i18n_server_init();
        opts.error_page = ui_error_page;
        tables = server_tables();
        enum taio_status status = http_start(&opts, tables, &server);
        if (status != TAIO_OK) {
            problems_add(&p, "listen", _("cannot listen on %s:%u"), opts.host,
                         opts.port);
            rc = cli_fail(app, status, &p);
        }
        if (rc == 0) {
            status = scheduler_start(&scheduler, opts.db_url, &mail,
                                     opts.lang, (unsigned)tick_s);
            rc = status ? cli_fail(app, status, NULL) : 0;
        }
    }
    if (rc == 0) {
        printf(_("taio is serving %s on %s://%s:%u/ (stop with Ctrl-C)\n"),
               app->db_path, opts.tls_cert ? "https" : "http", opts.host,
               http_port(server));
        fflush(stdout);
        int sig = wait_for_stop();
        log_info("signal %d: stopping after the requests in flight", sig);
        scheduler_stop(&scheduler);
        http_stop(server);
    }
    if (opts.access_log && opts.access_log != stdout) {
        fclose(opts.access_log);
    }
    free(tables);
    free(opts.tls_cert);
    free(opts.tls_key);
    cli_config_clear(&file);
    problems_clear(&p);
    return rc;
}

static int run_token_create(struct app *app, int argc, char **argv)
{
    const char *user = NULL;
    const char *name = NULL;
    const char *role = NULL;
    const struct cli_opt opts[] = {
        {"user", &user, NULL, NULL},
        {"name", &name, NULL, NULL},
        {"role", &role, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc) {
        return rc;
    }
    if (user == NULL) {
        return cli_usage(app, "%s", _("give --user LOGIN"));
    }
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    struct user u = {0};
    if (rc == 0 && role == NULL &&
        user_get_by_login(app->db, user, &u) == TAIO_OK) {
        role = user_role_name(u.role);
    }
    char *token = NULL;
    int64_t id = 0;
    if (rc == 0) {
        enum taio_status status = auth_token_create(
            app->db, &app->actor, user, name ? name : "cli",
            role ? role : "viewer", &p, &token, &id);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    if (rc == 0 && app->json) {
        json_t *o = json_pack("{s:s, s:I, s:s, s:s}", "token", token, "id",
                              (json_int_t)id, "user", user, "role",
                              role ? role : "viewer");
        cli_print_json(o);
        json_decref(o);
    } else if (rc == 0) {
        printf(_("Token #%lld for %s (shown only now; keep it secret):\n%s\n"),
               (long long)id, user, token);
    }
    free(token);
    user_clear(&u);
    problems_clear(&p);
    return rc;
}

static int run_token_list(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    struct auth_token *list = NULL;
    size_t n = 0;
    enum taio_status status = auth_token_list(app->db, 0, &list, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(
                arr,
                json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
                          (json_int_t)list[i].id, "prefix", list[i].prefix,
                          "user", list[i].login, "name", list[i].name,
                          "role", user_role_name(list[i].role), "last_used",
                          record_json_time(app->settings.zone,
                                           list[i].last_used_at),
                          "revoked",
                          record_json_time(app->settings.zone,
                                           list[i].revoked_at)));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            printf("#%-4lld %s…  %-10s %-8s %s%s\n", (long long)list[i].id,
                   list[i].prefix, list[i].login,
                   user_role_name(list[i].role), list[i].name,
                   list[i].revoked_at ? _("  (revoked)") : "");
        }
    }
    auth_token_list_free(list, n);
    return 0;
}

static int run_token_revoke(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("which token? Give its number"));
    }
    struct problems p = {0};
    int64_t id = 0;
    if (!cli_int("token", argv[1][0] == '#' ? argv[1] + 1 : argv[1], 1,
                 INT64_MAX, &id, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status =
            auth_token_revoke(app->db, &app->actor, id, &p);
        rc = status ? cli_fail(app, status, &p)
                    : cli_ok(app, _("Token #%lld revoked."), (long long)id);
    }
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_serve_cmds[] = {
    {"serve", NULL, run_serve,
     N_("run the HTTP server: the web pages and the JSON API for the team"),
     N_("taio serve [--listen 127.0.0.1:8080] [--threads N]\n"
        "      [--max-connections 256] [--timeout 30] [--max-body 1048576]\n"
        "      [--cache-mb 32] [--access-log FILE|-|off]\n"
        "      [--tls-cert PEM --tls-key PEM] [--behind-tls-proxy]\n"
        "      [--config FILE] [--init-admin LOGIN] [--tick-seconds 30]\n"
        "Serves the web pages at / (log in at /login), /api/v1 (OpenAPI\n"
        "at /api/v1/openapi.json), /healthz and /readyz until SIGTERM\n"
        "or Ctrl-C, then finishes the requests in\n"
        "flight. --listen with port 0 picks a free port. The access log\n"
        "has one JSON line per request (stdout by default). Settings also\n"
        "come from --config FILE or $TAIO_CONFIG (key = value lines:\n"
        "listen, threads, max_connections, timeout, max_body, cache_mb,\n"
        "access_log, tls_cert, tls_key, behind_tls_proxy, tick_seconds,\n"
        "smtp_url, mail_from, smtp_ca) and from\n"
        "$TAIO_LISTEN, $TAIO_THREADS and $TAIO_ACCESS_LOG; the command\n"
        "line wins.\n"
        "--init-admin creates the first admin with a one-time password\n"
        "when the desk has no users. Answers to reads are kept in up to\n"
        "--cache-mb megabytes until the data changes (0: never kept).\n"
        "--threads defaults to twice the processors, at least 4.\n"
        "The scheduler runs inside: at start and every --tick-seconds\n"
        "(also $TAIO_TICK_SECONDS, tick_seconds) it does what \"taio tick\"\n"
        "does; mail goes to $TAIO_SMTP_URL from $TAIO_MAIL_FROM (also\n"
        "smtp_url and mail_from in the configuration file).")},
    {"token", "create", run_token_create,
     N_("create an API token for a script (shown once)"),
     N_("taio token create --user LOGIN [--name TEXT] [--role ROLE]\n"
        "The token acts as LOGIN with at most ROLE (default: the user's\n"
        "own role). Send it as \"Authorization: Bearer TOKEN\".")},
    {"token", "list", run_token_list, N_("list API tokens (never their values)"),
     N_("taio token list")},
    {"token", "revoke", run_token_revoke, N_("revoke an API token"),
     N_("taio token revoke ID")},
    {NULL, NULL, NULL, NULL, NULL},
};
