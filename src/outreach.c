/* SPDX-License-Identifier: MIT */
/*
 * outreach.c - telling the customer how their case stands ("we are still
 * on it; the ETA is ..."), the way they asked to be contacted.
 *
 * The first of their preferred channels decides (the contact person's,
 * else the customer's). When it is e-mail and an address is known, the
 * message goes to the outbox (notify.c), inside their reachable windows:
 * outside them it waits for the next reachable minute, unless the person
 * sending chose "now anyway". When it is a channel taio cannot send
 * (phone, FAX, a visit), taio does not send a mail the customer will not
 * read: it makes a promise to contact them that way, which lands on the
 * case owner's agenda. Either way the case's timeline says so, in the same
 * transaction.
 */
#include "outreach.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "contact.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "customer.h"
#include "notify.h"
#include "promise.h"
#include "timeline.h"
#include "windows.h"

/* How long a person has to make the update by phone or FAX, minutes. */
#define TASK_MINUTES 30

/* Where and how the customer of case c wants to be reached. */
struct reach {
    char *channel;  /* owned; the first preferred channel; NULL: none */
    char *email;    /* owned; NULL: no address */
    char *name;     /* owned; whom the message is for */
    enum i18n_lang lang; /* theirs: the contact's, the customer's, else
                            org.customer_lang */
    struct windows windows;
};

static void reach_clear(struct reach *r)
{
    free(r->channel);
    free(r->email);
    free(r->name);
    windows_clear(&r->windows);
}

/* The first name of a channel list ("phone,fax" -> "phone"), owned. */
static char *first_channel(const char *list)
{
    if (list == NULL || list[0] == '\0') {
        return NULL;
    }
    size_t n = strcspn(list, ",");
    char *out = xmalloc(n + 1);
    memcpy(out, list, n);
    out[n] = '\0';
    return out;
}

/* How to reach the customer of case c now: the contact person's channels
 * and address when they have them, else the customer's. */
static enum taio_status load_reach(struct db *db, const struct settings *s,
                                   const struct case_rec *c, int64_t now,
                                   struct reach *r)
{
    memset(r, 0, sizeof(*r));
    struct customer cu;
    enum taio_status status = customer_get(db, c->customer_id, &cu);
    if (status != TAIO_OK) {
        return status;
    }
    struct contact person = {0};
    bool has_person = c->contact_id &&
                      contact_get(db, c->contact_id, &person) == TAIO_OK;
    const char *channels = has_person && person.channels &&
                                   person.channels[0]
                               ? person.channels
                               : cu.channels;
    r->channel = first_channel(channels);
    const char *email = has_person && person.email ? person.email : cu.email;
    r->email = email && email[0] ? xstrdup(email) : NULL;
    r->name = xstrdup(has_person ? person.name : cu.name);
    const char *lang = has_person && person.lang ? person.lang : cu.lang;
    int named = lang ? validate_index(lang, I18N_LANG_NAMES) : -1;
    r->lang = named >= 0 ? (enum i18n_lang)named : s->customer_lang;
    status = has_person ? windows_load_contact(db, s->zone, now,
                                               c->contact_id, &r->windows)
                        : windows_load_customer(db, s->zone, now,
                                                c->customer_id, &r->windows);
    if (has_person) {
        contact_clear(&person);
    }
    customer_clear(&cu);
    return status;
}

/* The next moment from now the customer can be reached (now itself when
 * they can); now when they never can (the sender decides then). */
static int64_t next_reachable(const struct settings *s, const struct reach *r,
                              int64_t now)
{
    struct calendar cal;
    settings_calendar(s, &cal);
    if (calendar_is_business_time(&cal, &r->windows.win, now)) {
        return now;
    }
    int64_t end_of_first_minute = 0;
    if (calendar_add_business(&cal, &r->windows.win, now, 1,
                              &end_of_first_minute) != TAIO_OK) {
        return now;
    }
    return end_of_first_minute - 60;
}

/* The mail's subject and body, in the customer's language (r->lang); the
 * thread's language is as before afterwards. */
static void compose(const struct settings *s, const struct case_rec *c,
                    const struct reach *r, const char *text,
                    const char *sender, struct buf *subject, struct buf *body)
{
    enum i18n_lang was = i18n_current();
    i18n_use(r->lang);
    const char *org = settings_value(s, "org.name");
    buf_printf(subject, _("[%s] An update on your case %s"), org, c->number);
    buf_printf(body, _("Dear %s,"), r->name);
    buf_puts(body, "\n\n");
    buf_puts(body, text);
    buf_puts(body, "\n\n");
    if (c->eta_text || c->eta_at) {
        char at[TIMEUTIL_ISO_MAX] = "";
        if (c->eta_at) {
            timeutil_format_local(s->zone, c->eta_at, at);
        }
        buf_printf(body, _("Expected recovery: %s %s"),
                   c->eta_text ? c->eta_text : "", at);
        buf_puts(body, "\n");
    }
    buf_printf(body, _("Case: %s %s"), c->number, c->title);
    buf_puts(body, "\n\n");
    buf_printf(body, "%s\n%s\n", org, sender);
    i18n_use(was);
}

/* Queue the mail and note it on the timeline (a contact when it goes now,
 * a note when it waits for their reachable hours). */
static enum taio_status send_mail(struct db *db, const struct actor *actor,
                                  const struct settings *s,
                                  const struct case_rec *c,
                                  const struct reach *r, const char *text,
                                  int64_t send_at, struct problems *p)
{
    struct user me = {0};
    const char *sender = "taio";
    if (user_get(db, actor->user_id, &me) == TAIO_OK) {
        sender = me.display_name;
    }
    struct buf subject = {0};
    struct buf body = {0};
    compose(s, c, r, text, sender, &subject, &body);
    int64_t entry = 0;
    enum taio_status status;
    if (send_at <= actor->now) {
        struct case_contact_input in = {
            .direction = "out", .channel = "email", .with_whom = r->name,
            .duration_min = -1, .summary = text,
        };
        status = case_log_contact(db, actor, c->id, &in, p, &entry);
    } else {
        char when[TIMEUTIL_ISO_MAX];
        timeutil_format_local(s->zone, send_at, when);
        struct buf note = {0};
        buf_printf(&note, _("Update by e-mail to %s, to be sent at %s "
                            "(their reachable hours): %s"),
                   r->name, when, text);
        status = case_add_note(db, actor, c->id, buf_str(&note), p, &entry);
        buf_clear(&note);
    }
    if (status == TAIO_OK) {
        char message_id[96];
        snprintf(message_id, sizeof(message_id), "<update.%lld.%lld@taio>",
                 (long long)c->id, (long long)entry);
        struct notify_mail_out m = {
            .to = r->email, .subject = buf_str(&subject),
            .body = buf_str(&body), .message_id = message_id,
            .send_at = send_at,
        };
        status = notify_enqueue_mail(db, &m, actor->now);
    }
    buf_clear(&subject);
    buf_clear(&body);
    user_clear(&me);
    return status;
}

/* The task instead of a mail: a promise to contact them by their channel,
 * on the owner's agenda. */
static enum taio_status make_task(struct db *db, const struct actor *actor,
                                  const struct settings *s,
                                  const struct case_rec *c,
                                  const struct reach *r, const char *text,
                                  int64_t from, struct problems *p,
                                  int64_t *promise_id)
{
    struct buf body = {0};
    buf_printf(&body, _("Give them this update: %s"), text);
    struct promise_input in = {
        .case_id = c->id,
        .body = buf_str(&body),
        .to_whom = r->name,
        .contact_id = c->contact_id,
        .channel = r->channel ? r->channel : "phone",
        .due_at = from + TASK_MINUTES * 60,
        .remind_min = 0,
    };
    enum taio_status status = promise_add(db, actor, &in, s->promise_lead_min,
                                          p, promise_id);
    buf_clear(&body);
    return status;
}

/* Tell the customer of case case_id text (required) the way they asked:
 * by mail when their first preferred channel is e-mail and an address is
 * known (within their reachable windows unless anytime), else as a
 * promise to contact them by their channel, due in half an hour from the
 * next reachable moment. *out says which. Recording roles only; problems
 * name "text". One transaction. */
enum taio_status outreach_update(struct db *db, const struct actor *actor,
                                 const struct settings *s, int64_t case_id,
                                 const char *text, bool anytime,
                                 struct problems *p,
                                 struct outreach_result *out)
{
    memset(out, 0, sizeof(*out));
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    if (!validate_text(p, "text", text, true, 8000)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, case_id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    struct reach r;
    status = load_reach(db, s, &c, actor->now, &r);
    int64_t reachable = status == TAIO_OK
                            ? next_reachable(s, &r, actor->now)
                            : actor->now;
    bool by_mail = r.email && (r.channel == NULL ||
                               strcmp(r.channel, "email") == 0);
    if (status == TAIO_OK && by_mail) {
        out->by_mail = true;
        out->send_at = anytime ? actor->now : reachable;
        status = send_mail(db, actor, s, &c, &r, text, out->send_at, p);
    } else if (status == TAIO_OK) {
        status = make_task(db, actor, s, &c, &r, text, reachable, p,
                           &out->promise_id);
        out->send_at = reachable;
    }
    snprintf(out->channel, sizeof(out->channel), "%s",
             by_mail ? "email" : (r.channel ? r.channel : "phone"));
    reach_clear(&r);
    case_rec_clear(&c);
    return db_end(db, status);
}
