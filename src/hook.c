/* SPDX-License-Identifier: MIT */
/*
 * hook.c - webhooks as configured: where the desk's events are also
 * posted (a Slack or Microsoft Teams channel, another system), and what
 * each one receives.
 *
 * Owns the webhooks table. hook_enqueue() puts one delivery per event and
 * hook into the outbox, in the caller's transaction, at most once (the
 * delivery id names the hook and the event). The payload is built then, in
 * the hook's format:
 *
 *   json   {"delivery", "event", "key", "text", "case": {...},
 *           "promise": {...} or null, "at"}
 *   slack  {"text": "..."}              (Slack-compatible incoming hooks)
 *   teams  a MessageCard with summary and text (Teams-compatible)
 *
 * Posting and signing are webhook.c's; retries are notify.c's.
 */
#include "hook.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/secret.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "history.h"

const char *const HOOK_FORMAT_NAMES[] = {"json", "slack", "teams", NULL};

static const char SQL_ADD[] =
    "INSERT INTO webhooks (name, url, format, secret, kinds, created_at,"
    "  lang)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

static const char SQL_LIST[] =
    "SELECT id, name, url, format, kinds, active, created_at, lang"
    "  FROM webhooks ORDER BY name";

static const char SQL_REMOVE[] = "UPDATE webhooks SET active = 0"
                                 " WHERE name = $1 AND active = 1";

static const char SQL_ACTIVE[] =
    "SELECT id, name, url, format, kinds, active, created_at, lang"
    "  FROM webhooks WHERE active = 1";

static const char SQL_ENQUEUE[] =
    "INSERT INTO outbox (channel, recipient, subject, body, message_id,"
    "  webhook_id, next_try_at, created_at)"
    " VALUES ('webhook', $1, $2, $3, $4, $5, $6, $6)"
    " ON CONFLICT (message_id) DO NOTHING";

/* Whether text is an http or https URL. */
static bool is_http_url(const char *text)
{
    return text && (strncmp(text, "http://", 7) == 0 ||
                    strncmp(text, "https://", 8) == 0) &&
           strpbrk(text, " \t\r\n") == NULL;
}

/* Whether kinds (comma-separated notify kind names) are all known. */
static bool kinds_ok(const char *kinds)
{
    char *copy = xstrdup(kinds);
    bool ok = true;
    char *rest = copy;
    for (char *k = strsep(&rest, ","); k; k = strsep(&rest, ",")) {
        bool known = false;
        for (int i = 0; i < NOTIFY_KIND_COUNT; i++) {
            known = known || strcmp(k, NOTIFY_KIND_NAMES[i]) == 0;
        }
        ok = ok && (known || *k == '\0');
    }
    free(copy);
    return ok;
}

/* Add the webhook in: named in->name, posting to in->url in in->format
 * the events of in->kinds, its texts in in->lang. Admins only.
 * *secret_out (free with free()) is its signing secret, shown to the
 * admin this once. Problems name "name", "url", "format", "events" and
 * "lang". */
enum taio_status hook_add(struct db *db, const struct actor *actor,
                          const struct hook_input *in, struct problems *p,
                          char **secret_out)
{
    *secret_out = NULL;
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    const char *name = in->name;
    const char *url = in->url;
    const char *format = in->format ? in->format : "json";
    const char *kinds = in->kinds ? in->kinds : "";
    const char *lang = in->lang && *in->lang ? in->lang : NULL;
    validate_text(p, "name", name, true, 100);
    validate_lang(p, "lang", lang);
    if (!is_http_url(url)) {
        problems_add(p, "url", "%s", _("must be an http:// or https:// URL"));
    }
    validate_one_of(p, "format", format, HOOK_FORMAT_NAMES);
    if (!kinds_ok(kinds)) {
        problems_add(p, "events", "%s",
                     _("must be event kinds: promise_due, promise_broken, "
                       "silent, no_eta, deadline_risk, unacknowledged, "
                       "report_due"));
    }
    if (problems_any(p)) {
        return TAIO_EINVAL;
    }
    char *secret = secret_random("whsec_");
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ADD, &st);
    int64_t id = 0;
    if (status == TAIO_OK) {
        db_bind_text(st, 1, name);
        db_bind_text(st, 2, url);
        db_bind_text(st, 3, format);
        db_bind_text(st, 4, secret);
        db_bind_text(st, 5, kinds);
        db_bind_int64(st, 6, actor->now);
        db_bind_text(st, 7, lang);
        status = db_fetch_one(st, db_read_int64, &id);
    }
    if (status == TAIO_ECONFLICT) {
        problems_add(p, "name", "%s", _("is already taken"));
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "webhook", id,
                                "add", NULL, NULL, name);
    }
    if (status == TAIO_OK) {
        *secret_out = secret;
    } else {
        free(secret);
    }
    return status;
}

static void read_hook(struct db_stmt *st, void *record)
{
    struct hook *h = record;
    h->id = db_col_int64(st, 0);
    h->name = db_col_strdup(st, 1);
    h->url = db_col_strdup(st, 2);
    h->format = db_col_strdup(st, 3);
    h->kinds = db_col_strdup(st, 4);
    h->active = db_col_int64(st, 5) != 0;
    h->created_at = db_col_int64(st, 6);
    h->lang = db_col_strdup(st, 7);
}

/* Every webhook, removed ones too, by name (never their secrets). Free
 * with hook_list_free(). */
enum taio_status hook_list(struct db *db, struct hook **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    void *records = NULL;
    status = db_fetch_all(st, read_hook, sizeof(struct hook), &records,
                          n_out);
    *out = records;
    return status;
}

void hook_list_free(struct hook *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].name);
        free(list[i].url);
        free(list[i].format);
        free(list[i].kinds);
        free(list[i].lang);
    }
    free(list);
}

/* Stop posting to the webhook named name (kept for the deliveries it
 * has). Admins only; TAIO_ENOTFOUND with a problem when no active hook
 * has the name. */
enum taio_status hook_remove(struct db *db, const struct actor *actor,
                             const char *name, struct problems *p)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_REMOVE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, name);
    status = db_run(st);
    if (status == TAIO_OK && db_changes(db) == 0) {
        problems_add(p, "name", _("no webhook is named \"%s\""), name);
        return TAIO_ENOTFOUND;
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "webhook", 0,
                                "delete", NULL, name, NULL);
    }
    return status;
}

/* Whether a hook that wants kinds (comma-separated; "": all) wants kind. */
static bool wants(const char *kinds, enum notify_kind kind)
{
    if (kinds == NULL || kinds[0] == '\0') {
        return true;
    }
    const char *name = NOTIFY_KIND_NAMES[kind];
    size_t len = strlen(name);
    for (const char *k = kinds; k; k = strchr(k, ',')) {
        k += *k == ',';
        if (strncmp(k, name, len) == 0 && (k[len] == ',' || k[len] == '\0')) {
            return true;
        }
    }
    return false;
}

/* One line saying what happened, in the current language. */
static void summary(const struct notify_event *ev, const struct tz *zone,
                    struct buf *out)
{
    char at[TIMEUTIL_ISO_MAX] = "-";
    if (ev->at) {
        timeutil_format_local(zone, ev->at, at);
    }
    buf_printf(out, "%s: %s %s / %s (%s)", notify_kind_label(ev->kind),
               ev->case_number, ev->customer_name, ev->case_title, at);
}

/* The payload of ev for a hook of format, as JSON text (free with
 * free()). */
static char *payload(const char *format, const struct notify_event *ev,
                     const struct tz *zone, const char *delivery_id)
{
    struct buf text = {0};
    summary(ev, zone, &text);
    json_t *o = NULL;
    if (strcmp(format, "slack") == 0) {
        o = json_pack("{s:s}", "text", buf_str(&text));
    } else if (strcmp(format, "teams") == 0) {
        o = json_pack("{s:s, s:s, s:s, s:s}", "@type", "MessageCard",
                      "@context", "https://schema.org/extensions", "summary",
                      buf_str(&text), "text", buf_str(&text));
    } else {
        char at[TIMEUTIL_ISO_MAX];
        timeutil_format_iso(zone, ev->at, at);
        json_t *promise =
            ev->promise_id
                ? json_pack("{s:I, s:s?, s:s?}", "id",
                            (json_int_t)ev->promise_id, "to", ev->to_whom,
                            "text", ev->promise_body)
                : json_null();
        o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:s}",
                      "delivery", delivery_id, "event",
                      NOTIFY_KIND_NAMES[ev->kind], "key", ev->key, "text",
                      buf_str(&text), "case", "number", ev->case_number,
                      "title", ev->case_title, "customer", ev->customer_name,
                      "promise", promise, "at", ev->at ? at : "");
    }
    buf_clear(&text);
    char *out = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return out;
}

/* The active webhooks, read once per scheduler pass. Free with
 * hook_list_free(). */
enum taio_status hook_active(struct db *db, struct hook **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ACTIVE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    void *records = NULL;
    status = db_fetch_all(st, read_hook, sizeof(struct hook), &records,
                          n_out);
    *out = records;
    return status;
}

/* Queue ev for every hook of hooks (n of them, active) that wants its
 * kind, once per hook and event (ev->key), in the caller's transaction;
 * texts in the hook's language, else the thread's, times in zone. */
enum taio_status hook_enqueue(struct db *db, const struct tz *zone,
                              const struct hook *hooks, size_t n,
                              const struct notify_event *ev, int64_t now)
{
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        const struct hook *h = &hooks[i];
        if (!h->active || !wants(h->kinds, ev->kind)) {
            continue;
        }
        char delivery_id[160];
        snprintf(delivery_id, sizeof(delivery_id), "webhook.%lld.%s",
                 (long long)h->id, ev->key);
        enum i18n_lang was = i18n_current();
        int named = h->lang ? validate_index(h->lang, I18N_LANG_NAMES) : -1;
        i18n_use(named >= 0 ? (enum i18n_lang)named : was);
        char *body = payload(h->format, ev, zone, delivery_id);
        i18n_use(was);
        struct db_stmt *st = NULL;
        status = db_prepare(db, SQL_ENQUEUE, &st);
        if (status == TAIO_OK) {
            db_bind_text(st, 1, h->url);
            db_bind_text(st, 2, h->format);
            db_bind_text(st, 3, body);
            db_bind_text(st, 4, delivery_id);
            db_bind_int64(st, 5, h->id);
            db_bind_int64(st, 6, now);
            status = db_run(st);
        }
        free(body);
    }
    return status;
}
