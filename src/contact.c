/* SPDX-License-Identifier: MIT */
/*
 * contact.c - contact people (担当者) at a customer.
 *
 * Owns the contacts table. Each person may have their own preferred
 * channels, phone numbers and reachable windows; what they leave empty
 * they inherit from the customer (windows.c applies that rule). Readings
 * are searchable like customers'.
 */
#include "contact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "history.h"
#include "windows.h"

static const char SQL_INSERT[] =
    "INSERT INTO contacts (customer_id, name, name_key, reading, reading_key,"
    "  title, email, channels, hours, closed_days, notes, created_at,"
    "  updated_at, lang)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)"
    " RETURNING id";

static const char SQL_UPDATE[] =
    "UPDATE contacts SET name = $2, name_key = $3, reading = $4,"
    "  reading_key = $5, title = $6, email = $7, channels = $8, hours = $9,"
    "  closed_days = $10, notes = $11, updated_at = $12, lang = $13,"
    "  version = version + 1"
    " WHERE id = $1";

#define CONTACT_COLUMNS                                                     \
    "p.id, p.customer_id, c.name, p.name, p.reading, p.title, p.email,"    \
    " p.channels, p.hours, p.closed_days, p.notes, p.version, p.lang"

static const char SQL_GET[] =
    "SELECT " CONTACT_COLUMNS
    "  FROM contacts p JOIN customers c ON c.id = p.customer_id"
    " WHERE p.id = $1";

static const char SQL_LIST[] =
    "SELECT " CONTACT_COLUMNS
    "  FROM contacts p JOIN customers c ON c.id = p.customer_id"
    " WHERE p.customer_id = $1"
    " ORDER BY CASE WHEN p.reading_key = '' THEN p.name_key"
    "          ELSE p.reading_key END, p.id";

static const char SQL_CUSTOMER_EXISTS[] =
    "SELECT 1 FROM customers WHERE id = $1";

/* The values being written, owned. */
struct draft {
    char *name;
    char *reading;
    char *title;
    char *email;
    char *channels;
    char *hours;
    char *closed_days;
    char *notes;
    char *lang;
};

/* Free what d owns and leave it zeroed. */
static void draft_clear(struct draft *d)
{
    free(d->name);
    free(d->reading);
    free(d->title);
    free(d->email);
    free(d->channels);
    free(d->hours);
    free(d->closed_days);
    free(d->notes);
    free(d->lang);
    memset(d, 0, sizeof(*d));
}

/* Overlay in on d, checking each given field. */
static void draft_apply(struct draft *d, const struct contact_input *in,
                        bool adding, struct problems *p)
{
    if (validate_text(p, "name", in->name, adding, 200)) {
        text_assign_trimmed(&d->name, in->name, false);
    }
    if (validate_text(p, "reading", in->reading, false, 200)) {
        text_assign_trimmed(&d->reading, in->reading, false);
    }
    if (validate_text(p, "title", in->title, false, 200)) {
        text_assign_trimmed(&d->title, in->title, false);
    }
    if (validate_email(p, "email", in->email)) {
        text_assign_trimmed(&d->email, in->email, true);
    }
    if (validate_text(p, "notes", in->notes, false, 4000)) {
        text_assign_trimmed(&d->notes, in->notes, false);
    }
    windows_apply_reach(in->channels, in->hours, in->closed_days,
                        &d->channels, &d->hours, &d->closed_days, p);
    if (validate_lang(p, "lang", in->lang)) {
        text_assign_trimmed(&d->lang, in->lang, true);
    }
    if (in->phones) {
        phone_check(p, "phone", in->phones, in->n_phones);
    }
    char **defaults[] = {&d->reading, &d->title, &d->channels, &d->notes};
    for (size_t i = 0; i < 4; i++) {
        if (*defaults[i] == NULL) {
            *defaults[i] = xstrdup("");
        }
    }
}

/* Bind d from index first (name) to first + 9 (notes). */
static void bind_draft(struct db_stmt *st, int first, const struct draft *d)
{
    char *name_key = text_key_or_empty(d->name);
    char *reading_key = text_key_or_empty(d->reading);
    db_bind_text(st, first, d->name);
    db_bind_text(st, first + 1, name_key);
    db_bind_text(st, first + 2, d->reading);
    db_bind_text(st, first + 3, reading_key);
    db_bind_text(st, first + 4, d->title);
    db_bind_text(st, first + 5, d->email);
    db_bind_text(st, first + 6, d->channels);
    db_bind_text(st, first + 7, d->hours);
    db_bind_text(st, first + 8, d->closed_days);
    db_bind_text(st, first + 9, d->notes);
    free(name_key);
    free(reading_key);
}

/* Add a contact person to customer customer_id (which must exist: else
 * TAIO_ENOTFOUND). *id_out (may be NULL) receives the id. */
enum taio_status contact_add(struct db *db, const struct actor *actor,
                             int64_t customer_id,
                             const struct contact_input *in,
                             struct problems *problems, int64_t *id_out)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    struct draft d = {0};
    draft_apply(&d, in, true, problems);
    if (problems_any(problems)) {
        draft_clear(&d);
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        draft_clear(&d);
        return status;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_CUSTOMER_EXISTS, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, customer_id);
        if (db_step(st) != DB_ROW) {
            status = TAIO_ENOTFOUND;
        }
        db_finalize(st);
    }
    int64_t id = 0;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_INSERT, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, customer_id);
        bind_draft(st, 2, &d);
        db_bind_int64(st, 12, actor->now);
        db_bind_text(st, 13, d.lang);
        if (db_step(st) == DB_ROW) {
            id = db_col_int64(st, 0);
        } else {
            status = db_last_status(db);
        }
        db_finalize(st);
    }
    if (status == TAIO_OK && in->phones) {
        status = phone_replace(db, true, id, in->phones, in->n_phones);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "contact", id,
                                "create", NULL, NULL, d.name);
    }
    draft_clear(&d);
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}

/* Change the given fields of contact id, recording each change. */
enum taio_status contact_update(struct db *db, const struct actor *actor,
                                int64_t id, const struct contact_input *in,
                                struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct contact old;
    status = contact_get(db, id, &old);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "contact",
                     _("no contact person has the number #%lld"),
                     (long long)id);
    }
    if (status != TAIO_OK) {
        return db_end(db, status);
    }
    struct draft d = {
        .name = xstrdup(old.name),
        .reading = xstrdup(old.reading),
        .title = xstrdup(old.title),
        .email = xstrdup_or_null(old.email),
        .channels = xstrdup(old.channels),
        .hours = xstrdup_or_null(old.hours),
        .closed_days = xstrdup_or_null(old.closed_days),
        .notes = xstrdup(old.notes),
        .lang = xstrdup_or_null(old.lang),
    };
    draft_apply(&d, in, false, problems);
    if (problems_any(problems)) {
        status = TAIO_EINVAL;
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_UPDATE, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        bind_draft(st, 2, &d);
        db_bind_int64(st, 12, actor->now);
        db_bind_text(st, 13, d.lang);
        status = db_run(st);
    }
    const char *fields[][3] = {
        {"name", old.name, d.name},
        {"reading", old.reading, d.reading},
        {"title", old.title, d.title},
        {"email", old.email, d.email},
        {"channels", old.channels, d.channels},
        {"hours", old.hours, d.hours},
        {"closed_days", old.closed_days, d.closed_days},
        {"notes", old.notes, d.notes},
        {"lang", old.lang, d.lang},
    };
    for (size_t i = 0; status == TAIO_OK && i < sizeof(fields) /
                                                sizeof(fields[0]); i++) {
        status = history_record_change(db, actor->now, actor->user_id,
                                       "contact", id, fields[i][0],
                                       fields[i][1], fields[i][2]);
    }
    if (status == TAIO_OK && in->phones) {
        status = phone_change(db, true, id, in->phones, in->n_phones,
                              actor->now, actor->user_id);
    }
    draft_clear(&d);
    contact_clear(&old);
    return db_end(db, status);
}

/* Fill a struct contact from a row selecting CONTACT_COLUMNS (a
 * db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct contact *c = record;
    c->id = db_col_int64(st, 0);
    c->customer_id = db_col_int64(st, 1);
    c->customer_name = db_col_strdup(st, 2);
    c->name = db_col_strdup(st, 3);
    c->reading = db_col_strdup(st, 4);
    c->title = db_col_strdup(st, 5);
    c->email = db_col_strdup(st, 6);
    c->channels = db_col_strdup(st, 7);
    c->hours = db_col_strdup(st, 8);
    c->closed_days = db_col_strdup(st, 9);
    c->notes = db_col_strdup(st, 10);
    c->version = db_col_int64(st, 11);
    c->lang = db_col_strdup(st, 12);
}

/* Load contact id with its numbers (clear with contact_clear()).
 * TAIO_ENOTFOUND when there is none. */
enum taio_status contact_get(struct db *db, int64_t id, struct contact *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_GET, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    status = db_fetch_one(st, read_row, out);
    if (status == TAIO_OK) {
        status = phone_list(db, true, id, &out->phones, &out->n_phones);
    }
    if (status != TAIO_OK) {
        contact_clear(out);
    }
    return status;
}

/* The contact people of a customer, sorted by reading, with numbers. Free
 * with contact_list_free(). */
enum taio_status contact_list(struct db *db, int64_t customer_id,
                              struct contact **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, customer_id);
    void *records = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_row, sizeof(struct contact), &records, &n);
    struct contact *list = records;
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        status = phone_list(db, true, list[i].id, &list[i].phones,
                            &list[i].n_phones);
    }
    if (status != TAIO_OK) {
        contact_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free what c owns and leave it zeroed. Accepts NULL. */
void contact_clear(struct contact *c)
{
    if (c == NULL) {
        return;
    }
    free(c->customer_name);
    free(c->name);
    free(c->reading);
    free(c->title);
    free(c->email);
    free(c->channels);
    free(c->hours);
    free(c->closed_days);
    free(c->notes);
    free(c->lang);
    phone_list_free(c->phones, c->n_phones);
    memset(c, 0, sizeof(*c));
}

/* Free a list from contact_list(). */
void contact_list_free(struct contact *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        contact_clear(&list[i]);
    }
    free(list);
}

/* Find the contact person ref names at customer customer_id: "#id" or a
 * name or reading (folded like a search) that matches exactly one of
 * them. Otherwise adds a problem for field and returns TAIO_EINVAL. */
enum taio_status contact_resolve(struct db *db, int64_t customer_id,
                                 const char *ref, const char *field,
                                 struct problems *problems, int64_t *id_out)
{
    if (!validate_text(problems, field, ref, true, 200)) {
        return TAIO_EINVAL;
    }
    struct contact *list = NULL;
    size_t n = 0;
    enum taio_status status = contact_list(db, customer_id, &list, &n);
    if (status != TAIO_OK) {
        return status;
    }
    char *key = NULL;
    text_search_key(ref, &key);
    int64_t found = 0;
    size_t matches = 0;
    for (size_t i = 0; i < n; i++) {
        char idref[32];
        snprintf(idref, sizeof(idref), "#%lld", (long long)list[i].id);
        char *name_key = text_key_or_empty(list[i].name);
        char *reading_key = text_key_or_empty(list[i].reading);
        bool hit = strcmp(ref, idref) == 0 ||
                   (key && *key &&
                    (strstr(name_key, key) || strstr(reading_key, key)));
        free(name_key);
        free(reading_key);
        if (hit) {
            found = list[i].id;
            matches++;
        }
    }
    free(key);
    contact_list_free(list, n);
    if (matches == 1) {
        *id_out = found;
        return TAIO_OK;
    }
    if (matches == 0) {
        problems_add(problems, field,
                     _("the customer has no contact person \"%s\""), ref);
    } else {
        problems_add(problems, field,
                     _("\"%s\" matches several contact people; use #id"),
                     ref);
    }
    return TAIO_EINVAL;
}
