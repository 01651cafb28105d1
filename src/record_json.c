/* SPDX-License-Identifier: MIT */
/*
 * record_json.c - the JSON form of every record taio shows: cases,
 * timeline entries, promises, customers, contact people, users, agenda
 * items, history rows and validation problems.
 *
 * One place decides field names and formats, so the CLI's --json and the
 * HTTP API cannot drift apart. Names are stable English identifiers; enum
 * values are their stored names, never translated labels.
 */
#include "record_json.h"

#include <stdio.h>
#include <unistr.h>

#include "channel.h"
#include "core/timeutil.h"
#include "holiday.h"
#include "settings.h"

/* A string or null. */
static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* An id or null for 0. */
static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

/* An instant as ISO 8601 in zone ("2026-11-24T15:10:00+09:00"), or null
 * for 0 (not set). */
json_t *record_json_time(const struct tz *zone, int64_t at)
{
    if (at == 0) {
        return json_null();
    }
    char iso[TIMEUTIL_ISO_MAX];
    timeutil_format_iso(zone, at, iso);
    return json_string(iso);
}

/* A stored comma list ("phone,fax") as a JSON array. */
static json_t *channel_array(const char *list)
{
    json_t *arr = json_array();
    if (list == NULL) {
        return arr;
    }
    const char *start = list;
    while (*start) {
        const char *comma = start;
        while (*comma && *comma != ',') {
            comma++;
        }
        if (comma > start) {
            json_array_append_new(arr,
                                  json_stringn(start, (size_t)(comma - start)));
        }
        start = *comma ? comma + 1 : comma;
    }
    return arr;
}

/* Phone numbers as [{label, number}]. */
static json_t *phone_array(const struct phone *phones, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s}", "label",
                                             phones[i].label, "number",
                                             phones[i].number));
    }
    return arr;
}

/* A case with its current ETA, owner and timestamps. */
json_t *record_json_case(const struct tz *zone, const struct case_rec *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "number", json_string(c->number));
    json_object_set_new(o, "kind", json_string(CASE_KIND_NAMES[c->kind]));
    json_object_set_new(o, "title", json_string(c->title));
    json_object_set_new(o, "status",
                        json_string(CASE_STATUS_NAMES[c->status]));
    json_object_set_new(o, "impact",
                        json_string(CASE_IMPACT_NAMES[c->impact]));
    json_object_set_new(
        o, "report_required",
        json_boolean(c->report_required && !c->report_waived_at));
    json_object_set_new(o, "report_waiver", str_or_null(c->report_waiver));
    json_object_set_new(o, "customer",
                        json_pack("{s:I, s:s}", "id", (json_int_t)c->customer_id,
                                  "name", c->customer_name));
    json_object_set_new(
        o, "contact",
        c->contact_id ? json_pack("{s:I, s:s}", "id",
                                  (json_int_t)c->contact_id, "name",
                                  c->contact_name ? c->contact_name : "")
                      : json_null());
    json_object_set_new(o, "channel", str_or_null(c->channel));
    json_object_set_new(o, "occurred", record_json_time(zone, c->occurred_at));
    json_object_set_new(o, "received", record_json_time(zone, c->received_at));
    json_object_set_new(o, "reported", json_string(c->reported));
    json_object_set_new(o, "affected", str_or_null(c->affected));
    json_object_set_new(o, "workaround", str_or_null(c->workaround));
    json_object_set_new(o, "deadline", record_json_time(zone, c->deadline_at));
    json_object_set_new(
        o, "eta",
        c->eta_given_at
            ? json_pack("{s:o, s:o, s:o}", "at",
                        record_json_time(zone, c->eta_at), "text",
                        str_or_null(c->eta_text), "given",
                        record_json_time(zone, c->eta_given_at))
            : json_null());
    json_object_set_new(
        o, "owner",
        c->owner_id ? json_pack("{s:I, s:s, s:s}", "id",
                                (json_int_t)c->owner_id, "login",
                                c->owner_login ? c->owner_login : "", "name",
                                c->owner_name ? c->owner_name : "")
                    : json_null());
    json_object_set_new(o, "last_outbound",
                        record_json_time(zone, c->last_outbound_at));
    json_object_set_new(o, "last_contact",
                        record_json_time(zone, c->last_contact_at));
    json_object_set_new(o, "resolved", record_json_time(zone, c->resolved_at));
    json_object_set_new(o, "closed", record_json_time(zone, c->closed_at));
    json_object_set_new(o, "created", record_json_time(zone, c->created_at));
    json_object_set_new(o, "updated", record_json_time(zone, c->updated_at));
    json_object_set_new(o, "version", json_integer(c->version));
    return o;
}

/* Set key to a string when s is non-NULL. */
static void set_opt_str(json_t *o, const char *key, const char *s)
{
    if (s) {
        json_object_set_new(o, key, json_string(s));
    }
}

/* Set key to a time when at is not 0. */
static void set_opt_time(json_t *o, const struct tz *zone, const char *key,
                         int64_t at)
{
    if (at) {
        json_object_set_new(o, key, record_json_time(zone, at));
    }
}

/* One timeline entry; only the members that apply to its kind appear. */
json_t *record_json_event(const struct tz *zone,
                          const struct timeline_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "kind", json_string(timeline_kind_name(e->kind)));
    json_object_set_new(o, "at", record_json_time(zone, e->at));
    json_object_set_new(o, "by", str_or_null(e->actor_login));
    set_opt_str(o, "direction", e->direction);
    set_opt_str(o, "channel", e->channel);
    set_opt_str(o, "with", e->with_whom);
    if (e->contact_id) {
        json_object_set_new(o, "contact_id", json_integer(e->contact_id));
    }
    if (e->duration_min >= 0) {
        json_object_set_new(o, "duration_min",
                            json_integer(e->duration_min));
    }
    set_opt_time(o, zone, "occurred", e->occurred_at);
    set_opt_str(o, "text", e->body);
    set_opt_str(o, "field", e->field);
    set_opt_str(o, "old", e->old_value);
    set_opt_str(o, "new", e->new_value);
    set_opt_time(o, zone, "old_at", e->old_at);
    set_opt_time(o, zone, "new_at", e->new_at);
    if (e->promise_id) {
        json_object_set_new(o, "promise_id", json_integer(e->promise_id));
    }
    return o;
}

/* A promise with its state as of now (open promises past due are
 * "broken"). */
json_t *record_json_promise(const struct tz *zone, const struct promise *p,
                            int64_t now)
{
    enum promise_state state = promise_state_at(p, now);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "case", json_string(p->case_number));
    json_object_set_new(o, "case_title", json_string(p->case_title));
    json_object_set_new(o, "text", json_string(p->body));
    json_object_set_new(o, "to", json_string(p->to_whom));
    json_object_set_new(o, "contact_id", id_or_null(p->contact_id));
    json_object_set_new(o, "channel", str_or_null(p->channel));
    json_object_set_new(o, "due", record_json_time(zone, p->due_at));
    json_object_set_new(o, "remind_min", json_integer(p->remind_min));
    json_object_set_new(o, "owner", json_string(p->owner_login));
    json_object_set_new(o, "state", json_string(PROMISE_STATE_NAMES[state]));
    json_object_set_new(o, "predecessor_id", id_or_null(p->predecessor_id));
    json_object_set_new(o, "successor_id", id_or_null(p->successor_id));
    json_object_set_new(o, "consented_by", str_or_null(p->consented_by));
    json_object_set_new(o, "ended", record_json_time(zone, p->ended_at));
    json_object_set_new(o, "note", str_or_null(p->end_note));
    json_object_set_new(o, "on_time",
                        p->ended_at ? json_boolean(promise_on_time(p))
                                    : json_null());
    json_object_set_new(o, "created", record_json_time(zone, p->created_at));
    json_object_set_new(o, "version", json_integer(p->version));
    return o;
}

/* A customer with numbers, channels, windows and active flags. */
json_t *record_json_customer(const struct tz *zone,
                             const struct customer *c)
{
    json_t *flags = json_array();
    for (size_t i = 0; i < c->n_flags; i++) {
        const struct customer_flag *f = &c->flags[i];
        json_array_append_new(
            flags,
            json_pack("{s:s, s:s, s:o, s:o}", "kind",
                      CUSTOMER_FLAG_NAMES[f->kind], "reason", f->reason,
                      "set", record_json_time(zone, f->set_at), "by",
                      str_or_null(f->set_by_login)));
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "kind", json_string(CUSTOMER_KIND_NAMES[c->kind]));
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "reading", json_string(c->reading));
    json_object_set_new(
        o, "parent",
        c->parent_id ? json_pack("{s:I, s:s}", "id", (json_int_t)c->parent_id,
                                 "name", c->parent_name ? c->parent_name : "")
                     : json_null());
    json_object_set_new(o, "email", str_or_null(c->email));
    json_object_set_new(o, "address", str_or_null(c->address));
    json_object_set_new(o, "phones", phone_array(c->phones, c->n_phones));
    json_object_set_new(o, "channels", channel_array(c->channels));
    json_object_set_new(o, "hours", str_or_null(c->hours));
    json_object_set_new(o, "closed_days", str_or_null(c->closed_days));
    json_object_set_new(o, "notes", json_string(c->notes));
    json_object_set_new(o, "lang", str_or_null(c->lang));
    json_object_set_new(o, "flags", flags);
    json_object_set_new(o, "version", json_integer(c->version));
    return o;
}

/* One customer search hit. */
json_t *record_json_customer_match(const struct customer_match *m)
{
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:I}", "id", (json_int_t)m->id,
                     "name", m->name, "reading", m->reading ? m->reading : "",
                     "parent", str_or_null(m->parent_name), "phone",
                     str_or_null(m->phone), "flags", (json_int_t)m->n_flags);
}

/* A contact person. */
json_t *record_json_contact(const struct contact *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "customer",
                        json_pack("{s:I, s:s}", "id",
                                  (json_int_t)c->customer_id, "name",
                                  c->customer_name ? c->customer_name : ""));
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "reading", json_string(c->reading));
    json_object_set_new(o, "title", json_string(c->title));
    json_object_set_new(o, "email", str_or_null(c->email));
    json_object_set_new(o, "phones", phone_array(c->phones, c->n_phones));
    json_object_set_new(o, "channels", channel_array(c->channels));
    json_object_set_new(o, "hours", str_or_null(c->hours));
    json_object_set_new(o, "closed_days", str_or_null(c->closed_days));
    json_object_set_new(o, "notes", json_string(c->notes));
    json_object_set_new(o, "lang", str_or_null(c->lang));
    json_object_set_new(o, "version", json_integer(c->version));
    return o;
}

/* A user, with presence. */
json_t *record_json_user(const struct tz *zone, const struct user *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(u->id));
    json_object_set_new(o, "login", json_string(u->login));
    json_object_set_new(o, "name", json_string(u->display_name));
    json_object_set_new(o, "reading", json_string(u->reading));
    json_object_set_new(o, "role", json_string(user_role_name(u->role)));
    json_object_set_new(o, "manager", str_or_null(u->manager_login));
    json_object_set_new(o, "stand_in", str_or_null(u->stand_in_login));
    json_object_set_new(o, "quiet_hours", str_or_null(u->quiet_hours));
    json_object_set_new(o, "email", str_or_null(u->email));
    json_object_set_new(o, "phone", str_or_null(u->phone));
    json_object_set_new(
        o, "presence",
        json_pack("{s:s, s:o, s:o, s:o}", "state",
                  user_presence_name(u->presence), "reason",
                  str_or_null(u->presence_reason), "until",
                  record_json_time(zone, u->presence_until), "since",
                  record_json_time(zone, u->presence_at)));
    json_object_set_new(o, "active", json_boolean(u->active));
    json_object_set_new(o, "version", json_integer(u->version));
    return o;
}

/* One agenda item. Every item has kind, case and at least one of due and
 * since; minutes_overdue is set for broken promises. */
json_t *record_json_agenda_item(const struct tz *zone,
                                const struct agenda_item *it, int64_t now)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(AGENDA_KIND_NAMES[it->kind]));
    json_object_set_new(o, "case", json_string(it->case_number));
    json_object_set_new(o, "title", json_string(it->case_title));
    json_object_set_new(o, "customer", json_string(it->customer_name));
    json_object_set_new(o, "owner", str_or_null(it->owner_login));
    json_object_set_new(o, "impact",
                        json_string(CASE_IMPACT_NAMES[it->impact]));
    set_opt_time(o, zone, "due", it->due_at);
    set_opt_time(o, zone, "since", it->since_at);
    if (it->promise_id) {
        json_object_set_new(o, "promise_id", json_integer(it->promise_id));
        json_object_set_new(o, "promise", str_or_null(it->promise_body));
        json_object_set_new(o, "to", str_or_null(it->to_whom));
    }
    if (it->kind == AGENDA_PROMISE_BROKEN || it->kind == AGENDA_PROMISE_DUE) {
        json_object_set_new(o, "minutes_left",
                            json_integer((it->due_at - now) / 60));
    }
    if (it->kind == AGENDA_SILENT) {
        json_object_set_new(o, "last_outbound",
                            record_json_time(zone, it->last_outbound_at));
        json_object_set_new(o, "cadence_min", json_integer(it->cadence_min));
    }
    if (it->kind == AGENDA_DEADLINE_RISK) {
        json_object_set_new(o, "eta_after_deadline",
                            json_boolean(it->eta_after_deadline));
    }
    return o;
}

/* One history row. */
json_t *record_json_history(const struct tz *zone,
                            const struct history_entry *h)
{
    return json_pack("{s:I, s:o, s:o, s:s, s:s, s:o, s:o, s:o}", "id",
                     (json_int_t)h->id, "at", record_json_time(zone, h->at),
                     "by", str_or_null(h->actor_login), "entity", h->entity,
                     "action", h->action, "field", str_or_null(h->field),
                     "old", str_or_null(h->old_value), "new",
                     str_or_null(h->new_value));
}

/* An error for machines: {"error": id, "message": text, "fields": [{field,
 * message}...]}. problems may be NULL. */
json_t *record_json_problems(const char *error, const char *message,
                             const struct problems *problems)
{
    json_t *fields = json_array();
    for (size_t i = 0; problems && i < problems->n; i++) {
        json_array_append_new(
            fields, json_pack("{s:s, s:s}", "field", problems->items[i].field,
                              "message", problems->items[i].message));
    }
    return json_pack("{s:s, s:s, s:o}", "error", error, "message", message,
                     "fields", fields);
}

/* The national and one-off holidays of year as a JSON array of
 * {"date": "YYYY-MM-DD", "name": ...} in date order. */
json_t *record_json_holidays(int year)
{
    struct holiday list[64];
    size_t n = holiday_list(year, list, 64);
    if (n > 64) {
        n = 64;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char date[16];
        snprintf(date, sizeof(date), "%04d-%02d-%02d", list[i].year,
                 list[i].month, list[i].day);
        json_array_append_new(arr, json_pack("{s:s, s:s}", "date", date,
                                             "name", list[i].name));
    }
    return arr;
}

/* Every organisation setting as {"key": "value", ...}, in the order of
 * the settings table. */
json_t *record_json_settings(const struct settings *s)
{
    json_t *o = json_object();
    for (size_t i = 0; i < settings_key_count(); i++) {
        const struct settings_key *k = settings_key_at(i);
        json_object_set_new(o, k->key,
                            json_string(settings_value(s, k->key)));
    }
    return o;
}

/* A search hit. The marks are [from, to) in characters of the snippet,
 * as JavaScript and most languages count. */
json_t *record_json_search_hit(const struct tz *zone,
                               const struct search_hit *hit)
{
    json_t *marks = json_array();
    const uint8_t *snippet = (const uint8_t *)hit->snippet;
    for (size_t i = 0; i < hit->n_marks; i++) {
        size_t from = u8_mbsnlen(snippet, hit->marks[i].from);
        size_t to = from + u8_mbsnlen(snippet + hit->marks[i].from,
                                      hit->marks[i].to - hit->marks[i].from);
        json_array_append_new(marks, json_pack("[I, I]", (json_int_t)from,
                                               (json_int_t)to));
    }
    return json_pack("{s:s, s:I, s:o, s:s, s:s, s:o, s:I, s:o, s:s, s:o,"
                     " s:I}",
                     "type", SEARCH_TYPE_NAMES[hit->type], "id",
                     (json_int_t)hit->id, "case", str_or_null(hit->case_number),
                     "title", hit->title ? hit->title : "", "customer",
                     hit->customer_name ? hit->customer_name : "", "kind",
                     str_or_null(hit->kind), "customer_id",
                     (json_int_t)hit->customer_id, "at",
                     record_json_time(zone, hit->at), "snippet",
                     hit->snippet ? hit->snippet : "", "marks", marks,
                     "score", (json_int_t)hit->score);
}

/* A report with the facts taio filled in. */
json_t *record_json_report(const struct tz *zone, const struct report *r,
                           const struct report_facts *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "state", json_string(REPORT_STATE_NAMES[r->state]));
    const char *const names[] = {"cause", "response", "prevention",
                                 "went_well", "went_badly", "recipients"};
    const char *const values[] = {r->cause, r->response, r->prevention,
                                  r->went_well, r->went_badly,
                                  r->recipients};
    for (size_t i = 0; i < 6; i++) {
        json_object_set_new(o, names[i], json_string(values[i] ? values[i]
                                                               : ""));
    }
    json_object_set_new(o, "cause_category", str_or_null(r->cause_category));
    json_object_set_new(o, "review_comment", str_or_null(r->review_comment));
    json_object_set_new(o, "author", str_or_null(r->author_name));
    json_object_set_new(o, "submitted_by", str_or_null(r->submitted_by_name));
    json_object_set_new(o, "submitted_at",
                        record_json_time(zone, r->submitted_at));
    json_object_set_new(o, "approved_by", str_or_null(r->approved_by_name));
    json_object_set_new(o, "approved_at",
                        record_json_time(zone, r->approved_at));
    json_object_set_new(
        o, "sent",
        r->sent_at ? json_pack("{s:o, s:o, s:o, s:o}", "at",
                               record_json_time(zone, r->sent_at), "by",
                               str_or_null(r->sent_by_name), "channel",
                               str_or_null(r->sent_channel), "to",
                               str_or_null(r->sent_to))
                   : json_null());
    json_t *promises = json_array();
    for (size_t i = 0; f && i < f->n_promises; i++) {
        const struct promise *p = &f->promises[i];
        json_array_append_new(
            promises,
            json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)p->id,
                      "to", p->to_whom ? p->to_whom : "", "text",
                      p->body ? p->body : "", "due",
                      record_json_time(zone, p->due_at), "kept_on_time",
                      promise_on_time(p)));
    }
    json_object_set_new(
        o, "facts",
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "received",
                  record_json_time(zone, f ? f->received_at : 0),
                  "first_contact",
                  record_json_time(zone, f ? f->first_contact_at : 0),
                  "first_eta_given",
                  record_json_time(zone, f ? f->eta_given_at : 0),
                  "first_eta", str_or_null(f ? f->first_eta : NULL),
                  "resolved", record_json_time(zone, f ? f->resolved_at : 0),
                  "promises", promises));
    json_object_set_new(o, "version", json_integer(r->version));
    return o;
}

static json_t *stat_json(const struct metrics_stat *st)
{
    return json_pack("{s:I, s:I, s:I, s:I}", "n", (json_int_t)st->n,
                     "median_min", (json_int_t)st->median_min, "mean_min",
                     (json_int_t)st->mean_min, "max_min",
                     (json_int_t)st->max_min);
}

static json_t *percent_json(int64_t part, int64_t whole)
{
    int64_t pct = metrics_percent(part, whole);
    return pct < 0 ? json_null() : json_integer(pct);
}

static json_t *counts_json(const struct metrics_counts *c)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < c->n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:I}", "name",
                                             c->items[i].name, "cases",
                                             (json_int_t)c->items[i].n));
    }
    return arr;
}

/* The figures of a period. */
json_t *record_json_metrics(const struct tz *zone, const struct metrics *m)
{
    json_t *weeks = json_array();
    for (size_t i = 0; i < m->n_weeks; i++) {
        const struct metrics_week *w = &m->weeks[i];
        json_array_append_new(
            weeks, json_pack("{s:o, s:I, s:I, s:I, s:o}", "from",
                             record_json_time(zone, w->start_at), "cases",
                             (json_int_t)w->cases, "promises_due",
                             (json_int_t)w->promises_due,
                             "promises_on_time",
                             (json_int_t)w->promises_on_time,
                             "promises_on_time_percent",
                             percent_json(w->promises_on_time,
                                          w->promises_due)));
    }
    json_t *o = json_object();
    json_object_set_new(o, "cases", json_integer(m->cases));
    json_object_set_new(o, "resolved", json_integer(m->resolved));
    json_object_set_new(o, "promises_due", json_integer(m->promises_due));
    json_object_set_new(o, "promises_on_time",
                        json_integer(m->promises_on_time));
    json_object_set_new(o, "promises_on_time_percent",
                        percent_json(m->promises_on_time, m->promises_due));
    json_object_set_new(o, "first_contact", stat_json(&m->first_contact));
    json_object_set_new(o, "first_eta", stat_json(&m->first_eta));
    json_object_set_new(o, "longest_silence", stat_json(&m->silence));
    json_object_set_new(o, "resolution", stat_json(&m->resolution));
    json_object_set_new(o, "reports_due", json_integer(m->reports_due));
    json_object_set_new(o, "reports_same_day",
                        json_integer(m->reports_same_day));
    json_object_set_new(o, "reports_same_day_percent",
                        percent_json(m->reports_same_day, m->reports_due));
    json_object_set_new(o, "recurrences", json_integer(m->recurrences));
    json_object_set_new(o, "by_kind", counts_json(&m->by_kind));
    json_object_set_new(o, "by_cause", counts_json(&m->by_cause));
    json_object_set_new(o, "by_customer", counts_json(&m->by_customer));
    json_object_set_new(o, "by_owner", counts_json(&m->by_owner));
    json_object_set_new(o, "weeks", weeks);
    return o;
}

/* A case's checklist items: id, checklist, text, required, and done
 * ({at, by}, or null while open). */
json_t *record_json_checklist_items(const struct tz *zone,
                                    const struct checklist_item *items,
                                    size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct checklist_item *it = &items[i];
        json_t *done = json_null();
        if (it->done_at) {
            done = json_pack("{s:o, s:s?}", "at",
                             record_json_time(zone, it->done_at), "by",
                             it->done_by);
        }
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:s, s:b, s:o}", "id",
                           (json_int_t)it->id, "checklist", it->template_name,
                           "text", it->text, "required", it->required,
                           "done", done));
    }
    return arr;
}

/* The checklist templates with their items in order. */
json_t *record_json_checklist_templates(const struct checklist_template *list,
                                        size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct checklist_template *t = &list[i];
        json_t *items = json_array();
        for (size_t k = 0; k < t->n_items; k++) {
            json_array_append_new(
                items, json_pack("{s:s, s:b}", "text", t->items[k].text,
                                 "required", t->items[k].required));
        }
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:s, s:b, s:o}", "name", t->name,
                           "kinds", t->kinds, "tags", t->tags, "active",
                           t->active, "items", items));
    }
    return arr;
}
