/* SPDX-License-Identifier: MIT */
/*
 * notify.c - telling people: in-app notifications, and the outbox of
 * messages to send, with their delivery and retries.
 *
 * Owns the notifications and outbox tables. notify_raise() writes a
 * notification for one person about one event, at most once (the event's
 * key is unique per person), and, when that person has an e-mail address,
 * the mail in the outbox, in the same transaction as the caller's.
 * notify_deliver() sends what is due through smtp.c and records each
 * result: sent, or tried again later with a growing delay, and finally
 * dead. A delivering process claims what it sends (host:pid, for a
 * while), so taio serve and a cron "taio tick" never send a message
 * twice. A message is marked sent only after the server accepted it, so a
 * crash between the two sends it again, with the same Message-ID. What is
 * due and to whom is schedule.c's; how mail travels is smtp.c's.
 */
#include "notify.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "smtp.h"
#include "webhook.h"

/* Attempts before a message is given up (dead). */
#define NOTIFY_MAX_ATTEMPTS 8
/* The first retry waits this long, seconds; each next one twice as long,
 * at most NOTIFY_MAX_DELAY. */
#define NOTIFY_FIRST_DELAY 60
#define NOTIFY_MAX_DELAY (6 * 3600)
/* How long a claim on a message lasts, seconds: long enough to send it
 * (libcurl gives up after a minute), after which another process may. */
#define NOTIFY_LEASE 300

const char *const NOTIFY_KIND_NAMES[] = {
    "promise_due", "promise_broken", "silent", "no_eta", "deadline_risk",
    "unacknowledged", "report_due", NULL,
};

static const char SQL_INSERT[] =
    "INSERT INTO notifications (user_id, event_key, kind, case_id,"
    "  promise_id, due_at, stand_in_for, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (user_id, event_key) DO NOTHING"
    " RETURNING id";

/* The recipient's address, language and quiet hours, and the name of
 * whom they stand in for. */
static const char SQL_RECIPIENT[] =
    "SELECT u.email, u.lang, s.display_name, u.quiet_hours FROM users u"
    "  LEFT JOIN users s ON s.id = $2"
    " WHERE u.id = $1";

static const char SQL_ENQUEUE[] =
    "INSERT INTO outbox (channel, recipient, subject, body, message_id,"
    "  notification_id, next_try_at, created_at)"
    " VALUES ('email', $1, $2, $3, $4, $5, $6, $7)";

/* Take what is due to be sent and free for this process ($4), until $5;
 * mail only when mail can go ($3 = 1). */
static const char SQL_CLAIM[] =
    "UPDATE outbox SET claimed_by = $4, claimed_until = $5"
    " WHERE id IN (SELECT id FROM outbox"
    "   WHERE state = 'pending' AND next_try_at <= $1"
    "     AND (claimed_by IS NULL OR claimed_until <= $1)"
    "     AND (channel = 'webhook' OR $3 = 1)"
    "   ORDER BY next_try_at, id LIMIT $2)";

/* What this process ($1) has taken. */
static const char SQL_CLAIMED[] =
    "SELECT o.id, o.recipient, o.subject, o.body, o.message_id, o.attempts,"
    "  o.created_at, o.channel, w.secret"
    "  FROM outbox o LEFT JOIN webhooks w ON w.id = o.webhook_id"
    " WHERE o.state = 'pending' AND o.claimed_by = $1 ORDER BY o.id";

/* The processes on this host ($1: "host:%") holding claims. */
static const char SQL_CLAIMERS[] =
    "SELECT DISTINCT claimed_by FROM outbox"
    " WHERE state = 'pending' AND claimed_by LIKE $1";

static const char SQL_RELEASE[] =
    "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL"
    " WHERE claimed_by = $1";

static const char SQL_SENT[] =
    "UPDATE outbox SET state = 'sent', sent_at = $2, attempts = attempts + 1,"
    "  last_error = NULL, claimed_by = NULL, claimed_until = NULL"
    " WHERE id = $1 AND state = 'pending'";

static const char SQL_FAILED[] =
    "UPDATE outbox SET state = $2, attempts = attempts + 1,"
    "  next_try_at = $3, last_error = $4, claimed_by = NULL,"
    "  claimed_until = NULL"
    " WHERE id = $1 AND state = 'pending'";

static const char SQL_WAITING[] =
    "SELECT COUNT(*) FROM outbox WHERE state = 'pending'";

static const char SQL_LIST[] =
    "SELECT n.id, n.kind, c.number, c.title, cu.name, s.display_name,"
    "  n.due_at, n.created_at, n.read_at"
    "  FROM notifications n"
    "  LEFT JOIN cases c ON c.id = n.case_id"
    "  LEFT JOIN customers cu ON cu.id = c.customer_id"
    "  LEFT JOIN users s ON s.id = n.stand_in_for"
    " WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2";

static const char SQL_UNREAD[] =
    "SELECT COUNT(*) FROM notifications"
    " WHERE user_id = $1 AND read_at IS NULL";

/* One, or (id 0) all, of a user's unread notifications. */
static const char SQL_MARK_READ[] =
    "UPDATE notifications SET read_at = $3"
    " WHERE user_id = $1 AND read_at IS NULL AND ($2 = 0 OR id = $2)";

static const char SQL_OUTBOX[] =
    "SELECT id, channel, recipient, subject, message_id, state, attempts,"
    "  next_try_at, last_error, created_at, sent_at"
    "  FROM outbox WHERE ($1 IS NULL OR state = $1)"
    " ORDER BY id DESC LIMIT $2";

/* A dead message back to pending, due now, with fresh attempts. */
static const char SQL_RETRY[] =
    "UPDATE outbox SET state = 'pending', attempts = 0, next_try_at = $2,"
    "  claimed_by = NULL, claimed_until = NULL"
    " WHERE id = $1 AND state = 'dead'";

/* Who receives a notification, as the message needs them. */
struct recipient {
    char *email;          /* owned; NULL: no mail */
    enum i18n_lang lang;
    char *stand_in_name;  /* owned; NULL unless standing in */
    char *quiet_hours;    /* owned; NULL: none */
};

static enum taio_status load_recipient(struct db *db,
                                       const struct notify_event *ev,
                                       enum i18n_lang fallback,
                                       struct recipient *r)
{
    memset(r, 0, sizeof(*r));
    r->lang = fallback;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_RECIPIENT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, ev->user_id);
    db_bind_opt_int64(st, 2, ev->stand_in_for != 0, ev->stand_in_for);
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        const char *email = db_col_text(st, 0);
        r->email = email && email[0] ? xstrdup(email) : NULL;
        const char *lang = db_col_text(st, 1);
        if (lang) {
            r->lang = strcmp(lang, "en") == 0 ? I18N_EN : I18N_JA;
        }
        r->stand_in_name = db_col_strdup(st, 2);
        r->quiet_hours = db_col_strdup(st, 3);
    } else if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* The subject of ev's mail, in the current language. */
static void mail_subject(const struct notify_event *ev, struct buf *out)
{
    const char *number = ev->case_number;
    const char *customer = ev->customer_name;
    switch (ev->kind) {
    case NOTIFY_PROMISE_DUE:
        buf_printf(out, _("[taio] Promise due soon: %s %s"), number,
                   customer);
        break;
    case NOTIFY_PROMISE_BROKEN:
        buf_printf(out, _("[taio] Promise broken: %s %s"), number, customer);
        break;
    case NOTIFY_SILENT:
        buf_printf(out, _("[taio] The customer is waiting for news: %s %s"),
                   number, customer);
        break;
    case NOTIFY_NO_ETA:
        buf_printf(out, _("[taio] No ETA given yet: %s %s"), number,
                   customer);
        break;
    case NOTIFY_DEADLINE_RISK:
        buf_printf(out, _("[taio] Business deadline at risk: %s %s"), number,
                   customer);
        break;
    case NOTIFY_UNACKNOWLEDGED:
        buf_printf(out, _("[taio] Escalation: not acknowledged: %s %s"),
                   number, customer);
        break;
    case NOTIFY_REPORT_DUE:
        buf_printf(out, _("[taio] Report not submitted: %s %s"), number,
                   customer);
        break;
    case NOTIFY_KIND_COUNT:
        break;
    }
}

/* The body of ev's mail, in the current language; times in zone. */
static void mail_body(const struct notify_event *ev, const struct tz *zone,
                      const struct recipient *r, struct buf *out)
{
    char at[TIMEUTIL_ISO_MAX] = "-";
    if (ev->at) {
        timeutil_format_local(zone, ev->at, at);
    }
    if (r->stand_in_name) {
        buf_printf(out, _("You receive this in place of %s, who is away."),
                   r->stand_in_name);
        buf_puts(out, "\n\n");
    }
    const char *to = ev->to_whom ? ev->to_whom : "-";
    const char *what = ev->promise_body ? ev->promise_body : "";
    switch (ev->kind) {
    case NOTIFY_PROMISE_DUE:
        buf_printf(out, _("The promise to %s (\"%s\") is due at %s."), to,
                   what, at);
        break;
    case NOTIFY_PROMISE_BROKEN:
        buf_printf(out,
                   _("The promise to %s (\"%s\") was due at %s and has not "
                     "been kept. Call them now and agree a new time."),
                   to, what, at);
        break;
    case NOTIFY_SILENT:
        buf_printf(out,
                   _("The customer has heard nothing from us since %s. Give "
                     "them an update, even without a conclusion."),
                   at);
        break;
    case NOTIFY_NO_ETA:
        buf_printf(out,
                   _("An ETA was due by %s. Tell the customer a rough time, "
                     "even a vague one."),
                   at);
        break;
    case NOTIFY_DEADLINE_RISK:
        buf_printf(out, _("The business deadline is %s."), at);
        break;
    case NOTIFY_UNACKNOWLEDGED:
        buf_printf(out,
                   _("This case came in at %s and nobody has acknowledged it "
                     "yet. As the person responsible, take it over or make "
                     "sure someone calls the customer now."),
                   at);
        break;
    case NOTIFY_REPORT_DUE:
        buf_printf(out,
                   _("This case was resolved and its report was due by %s. "
                     "Write the cause, the response to those affected and "
                     "the prevention, and submit it today."),
                   at);
        break;
    case NOTIFY_KIND_COUNT:
        break;
    }
    buf_puts(out, "\n\n");
    buf_printf(out, _("Case: %s %s"), ev->case_number, ev->case_title);
    buf_puts(out, "\n");
    buf_printf(out, _("Customer: %s"), ev->customer_name);
    buf_puts(out, "\n");
}

static void read_entry(struct db_stmt *st, void *record)
{
    struct outbox_entry *e = record;
    e->id = db_col_int64(st, 0);
    e->channel = db_col_strdup(st, 1);
    e->recipient = db_col_strdup(st, 2);
    e->subject = db_col_strdup(st, 3);
    e->message_id = db_col_strdup(st, 4);
    e->state = db_col_strdup(st, 5);
    e->attempts = db_col_int64(st, 6);
    e->next_try_at = db_col_int64(st, 7);
    e->last_error = db_col_strdup(st, 8);
    e->created_at = db_col_int64(st, 9);
    e->sent_at = db_col_int64(st, 10);
}

/* The newest limit messages of the outbox in state ("pending", "sent",
 * "dead"; NULL: any), newest first. Free with notify_outbox_free(). */
enum taio_status notify_outbox_list(struct db *db, const char *state,
                                    size_t limit, struct outbox_entry **out,
                                    size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_OUTBOX, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, state);
    db_bind_int64(st, 2, (int64_t)limit);
    void *records = NULL;
    status = db_fetch_all(st, read_entry, sizeof(struct outbox_entry),
                          &records, n_out);
    *out = records;
    return status;
}

void notify_outbox_free(struct outbox_entry *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].channel);
        free(list[i].recipient);
        free(list[i].subject);
        free(list[i].message_id);
        free(list[i].state);
        free(list[i].last_error);
    }
    free(list);
}

/* Give a dead message another round of attempts, starting now (after the
 * receiver was fixed). Admins only. TAIO_ECONFLICT with a problem for "id"
 * when message id is not dead. */
enum taio_status notify_retry(struct db *db, const struct actor *actor,
                              int64_t id, struct problems *p)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_RETRY, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, actor->now);
    status = db_run(st);
    if (status == TAIO_OK && db_changes(db) == 0) {
        problems_add(p, "id", _("message #%lld is not given up"),
                     (long long)id);
        status = TAIO_ECONFLICT;
    }
    return status;
}

/* What a notification is about, for people. */
const char *notify_kind_label(enum notify_kind kind)
{
    static const char *const LABELS[] = {
        N_("Promise due soon"),   N_("Promise broken"),
        N_("The customer is waiting for news"), N_("No ETA given yet"),
        N_("Business deadline at risk"),
        N_("Not acknowledged in time"),
        N_("Report not submitted"),
    };
    return _(LABELS[kind]);
}

static void read_notification(struct db_stmt *st, void *record)
{
    struct notification *n = record;
    n->id = db_col_int64(st, 0);
    n->kind = NOTIFY_NO_ETA;
    const char *kind = db_col_text(st, 1);
    for (int k = 0; kind && k < NOTIFY_KIND_COUNT; k++) {
        if (strcmp(kind, NOTIFY_KIND_NAMES[k]) == 0) {
            n->kind = (enum notify_kind)k;
        }
    }
    n->case_number = db_col_strdup(st, 2);
    n->case_title = db_col_strdup(st, 3);
    n->customer_name = db_col_strdup(st, 4);
    n->stand_in_name = db_col_strdup(st, 5);
    n->due_at = db_col_int64(st, 6);
    n->created_at = db_col_int64(st, 7);
    n->read_at = db_col_int64(st, 8);
}

/* The newest limit notifications of user_id, newest first. Free with
 * notify_list_free(). */
enum taio_status notify_list(struct db *db, int64_t user_id, size_t limit,
                             struct notification **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    db_bind_int64(st, 2, (int64_t)limit);
    void *records = NULL;
    status = db_fetch_all(st, read_notification, sizeof(struct notification),
                          &records, n_out);
    *out = records;
    return status;
}

void notify_list_free(struct notification *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].case_number);
        free(list[i].case_title);
        free(list[i].customer_name);
        free(list[i].stand_in_name);
    }
    free(list);
}

/* How many notifications of user_id are unread, into *count. */
enum taio_status notify_unread(struct db *db, int64_t user_id,
                               int64_t *count)
{
    *count = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_UNREAD, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    return db_fetch_one(st, db_read_int64, count);
}

/* Mark notification id of user_id read at now (id 0: all of theirs).
 * Another person's notification is left alone; marking one twice is not
 * an error. */
enum taio_status notify_mark_read(struct db *db, int64_t user_id,
                                  int64_t id, int64_t now)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_MARK_READ, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    db_bind_int64(st, 2, id);
    db_bind_int64(st, 3, now);
    return db_run(st);
}

/* When mail to r may leave: now, or the end of their quiet hours when now
 * falls inside them. */
static int64_t send_after_quiet(const struct tz *zone,
                                const struct recipient *r, int64_t now)
{
    struct calendar_daily quiet;
    struct problems ignored = {0};
    int64_t end = 0;
    if (r->quiet_hours &&
        calendar_daily_parse(r->quiet_hours, &quiet, "quiet_hours",
                             &ignored) == TAIO_OK) {
        end = calendar_daily_end(zone, &quiet, now);
    }
    problems_clear(&ignored);
    return end > now ? end : now;
}

/* Put the mail of notification id for r into the outbox, to leave after
 * their quiet hours. */
static enum taio_status enqueue_mail(struct db *db, const struct tz *zone,
                                     enum i18n_lang fallback,
                                     const struct notify_event *ev,
                                     const struct recipient *r, int64_t id,
                                     int64_t now)
{
    struct buf subject = {0};
    struct buf body = {0};
    i18n_use(r->lang);
    mail_subject(ev, &subject);
    mail_body(ev, zone, r, &body);
    i18n_use(fallback);
    char message_id[96];
    snprintf(message_id, sizeof(message_id), "<notification.%lld.%lld@taio>",
             (long long)id, (long long)now);
    struct notify_mail_out m = {
        .to = r->email, .subject = buf_str(&subject),
        .body = buf_str(&body), .message_id = message_id,
        .notification_id = id, .send_at = send_after_quiet(zone, r, now),
    };
    enum taio_status status = notify_enqueue_mail(db, &m, now);
    buf_clear(&subject);
    buf_clear(&body);
    return status;
}

/* Put mail m into the outbox at now, to be sent from m->send_at on, in
 * the caller's transaction. m->message_id must be unique. */
enum taio_status notify_enqueue_mail(struct db *db,
                                     const struct notify_mail_out *m,
                                     int64_t now)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ENQUEUE, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, m->to);
        db_bind_text(st, 2, m->subject);
        db_bind_text(st, 3, m->body);
        db_bind_text(st, 4, m->message_id);
        db_bind_opt_int64(st, 5, m->notification_id != 0, m->notification_id);
        db_bind_int64(st, 6, m->send_at);
        db_bind_int64(st, 7, now);
        status = db_run(st);
    }
    return status;
}

/* Notify ev->user_id of ev at now, once: when the same person was already
 * told of the same event (ev->key), nothing is written and *created is
 * false. Otherwise the notification is written and, when the person has
 * an e-mail address, its mail is put in the outbox in their language
 * (users.lang, else fallback; the thread's language is fallback
 * afterwards), with times in zone. Runs in the caller's transaction. */
enum taio_status notify_raise(struct db *db, const struct tz *zone,
                              enum i18n_lang fallback,
                              const struct notify_event *ev, int64_t now,
                              bool *created)
{
    *created = false;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_INSERT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, ev->user_id);
    db_bind_text(st, 2, ev->key);
    db_bind_text(st, 3, NOTIFY_KIND_NAMES[ev->kind]);
    db_bind_opt_int64(st, 4, ev->case_id != 0, ev->case_id);
    db_bind_opt_int64(st, 5, ev->promise_id != 0, ev->promise_id);
    db_bind_opt_int64(st, 6, ev->at != 0, ev->at);
    db_bind_opt_int64(st, 7, ev->stand_in_for != 0, ev->stand_in_for);
    db_bind_int64(st, 8, now);
    int64_t id = 0;
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        id = db_col_int64(st, 0);
    } else if (step == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    if (status != TAIO_OK || id == 0) {
        return status;
    }
    *created = true;
    struct recipient r;
    status = load_recipient(db, ev, fallback, &r);
    if (status == TAIO_OK && r.email) {
        status = enqueue_mail(db, zone, fallback, ev, &r, id, now);
    }
    free(r.email);
    free(r.stand_in_name);
    free(r.quiet_hours);
    return status;
}

/* One message taken from the outbox. */
struct outgoing {
    int64_t id;
    char *recipient;
    char *subject;
    char *body;
    char *message_id;
    int64_t attempts;
    int64_t created_at;
    bool is_webhook;
    char *secret;      /* owned; the webhook's, NULL for mail */
};

static void read_outgoing(struct db_stmt *st, void *record)
{
    struct outgoing *o = record;
    o->id = db_col_int64(st, 0);
    o->recipient = db_col_strdup(st, 1);
    o->subject = db_col_strdup(st, 2);
    o->body = db_col_strdup(st, 3);
    o->message_id = db_col_strdup(st, 4);
    o->attempts = db_col_int64(st, 5);
    o->created_at = db_col_int64(st, 6);
    const char *channel = db_col_text(st, 7);
    o->is_webhook = channel && strcmp(channel, "webhook") == 0;
    o->secret = db_col_strdup(st, 8);
}

static void outgoing_free(struct outgoing *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].recipient);
        free(list[i].subject);
        free(list[i].body);
        free(list[i].message_id);
        free(list[i].secret);
    }
    free(list);
}

/* Record the result of sending o: sent, or failed with error (tried again
 * after a delay that doubles with each attempt, dead after the last). */
static enum taio_status record_result(struct db *db,
                                      const struct outgoing *o, bool sent,
                                      const char *error, int64_t now,
                                      struct notify_delivery *out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sent ? SQL_SENT : SQL_FAILED,
                                         &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, o->id);
    if (sent) {
        db_bind_int64(st, 2, now);
        out->sent++;
    } else {
        bool dead = o->attempts + 1 >= NOTIFY_MAX_ATTEMPTS;
        int64_t delay = NOTIFY_FIRST_DELAY;
        for (int64_t i = 0; i < o->attempts && delay < NOTIFY_MAX_DELAY; i++) {
            delay *= 2;
        }
        delay = delay < NOTIFY_MAX_DELAY ? delay : NOTIFY_MAX_DELAY;
        db_bind_text(st, 2, dead ? "dead" : "pending");
        db_bind_int64(st, 3, now + delay);
        db_bind_text(st, 4, error);
        if (dead) {
            out->dead++;
        } else {
            out->failed++;
        }
    }
    status = db_run(st);
    return status;
}

/* Count what is still pending into out->waiting. */
static enum taio_status count_waiting(struct db *db,
                                      struct notify_delivery *out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_WAITING, &st);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t n = 0;
    status = db_fetch_one(st, db_read_int64, &n);
    out->waiting = (size_t)n;
    return status;
}

/* Send o now: a mail through mail->url, or a webhook delivery to its
 * URL, signed with its secret. True when it was accepted; else error
 * says why. */
static bool send_one(const struct notify_mail *mail, const struct outgoing *o,
                     int64_t now, char *error, size_t size)
{
    if (o->is_webhook) {
        return webhook_post(o->recipient, o->body,
                            o->secret ? o->secret : "", o->message_id, now,
                            error, size) == TAIO_OK;
    }
    struct smtp_message m = {
        .from = mail->from,
        .from_name = "taio",
        .to = o->recipient,
        .subject = o->subject,
        .body = o->body,
        .message_id = o->message_id,
        .date = o->created_at,
    };
    return smtp_send(mail->url, mail->ca, &m, error, size) == TAIO_OK;
}

/* This process's name in claims: "host:pid". */
static void claimer_name(char *out, size_t size)
{
    char host[128] = "localhost";
    gethostname(host, sizeof(host) - 1);
    host[sizeof(host) - 1] = '\0';
    snprintf(out, size, "%s:%ld", host, (long)getpid());
}

/* Release the claims of processes of this host that are gone (a server
 * killed while it sent): theirs is sent again now, not when the claim
 * runs out. */
static enum taio_status release_dead(struct db *db, const char *me)
{
    char pattern[160];
    size_t host_len = strcspn(me, ":");
    snprintf(pattern, sizeof(pattern), "%.*s:%%", (int)host_len, me);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CLAIMERS, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, pattern);
    char *gone[16];
    size_t n = 0;
    while (n < 16 && db_step(st) == DB_ROW) {
        const char *who = db_col_text(st, 0);
        long pid = atol(who + host_len + 1);
        if (strcmp(who, me) != 0 && pid > 0 && kill((pid_t)pid, 0) != 0 &&
            errno == ESRCH) {
            gone[n++] = xstrdup(who);
        }
    }
    db_finalize(st);
    for (size_t i = 0; i < n; i++) {
        if (status == TAIO_OK && db_prepare(db, SQL_RELEASE, &st) == TAIO_OK) {
            db_bind_text(st, 1, gone[i]);
            status = db_run(st);
        }
        free(gone[i]);
    }
    return status;
}

/* Take up to max due messages for this process (me), until now plus the
 * lease, in one transaction, and read them back. */
static enum taio_status claim(struct db *db, const struct notify_mail *mail,
                              const char *me, int64_t now, size_t max,
                              struct outgoing **list, size_t *n)
{
    void *records = NULL;
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = release_dead(db, me);
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_CLAIM, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, now);
        db_bind_int64(st, 2, (int64_t)max);
        db_bind_int64(st, 3, mail->url && mail->from ? 1 : 0);
        db_bind_text(st, 4, me);
        db_bind_int64(st, 5, now + NOTIFY_LEASE);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_CLAIMED, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, me);
        status = db_fetch_all(st, read_outgoing, sizeof(struct outgoing),
                              &records, n);
    }
    *list = records;
    return db_end(db, status);
}

/* Send up to max messages of the outbox that are due at now: webhook
 * deliveries, and mail through mail->url (mail waits while it is NULL).
 * The messages are claimed first, so two delivering processes never send
 * one message at once. Each result is recorded in its own transaction, so
 * a crash loses at most the mark of the message being sent (it is then
 * sent again, with the same Message-ID or delivery id). *out counts what
 * happened and what still waits. */
enum taio_status notify_deliver(struct db *db, const struct notify_mail *mail,
                                int64_t now, size_t max,
                                struct notify_delivery *out)
{
    memset(out, 0, sizeof(*out));
    char me[160];
    claimer_name(me, sizeof(me));
    struct outgoing *list = NULL;
    size_t n = 0;
    enum taio_status status = claim(db, mail, me, now, max, &list, &n);
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        char error[256];
        bool sent = send_one(mail, &list[i], now, error, sizeof(error));
        status = db_begin(db);
        if (status == TAIO_OK) {
            status = db_end(db, record_result(db, &list[i], sent, error, now,
                                              out));
        }
    }
    outgoing_free(list, n);
    if (status == TAIO_OK) {
        status = count_waiting(db, out);
    }
    return status;
}
