/* SPDX-License-Identifier: MIT */
/*
 * customer.c - customers: organisations (with their parent, e.g. a board
 * of education over its schools) and individual persons, their preferred
 * channels, reachable windows, handling notes and warning flags.
 *
 * Owns the customers and customer_flags tables. Names and kana readings
 * are stored with folded search keys (core/text.c) so a reading typed in
 * hiragana, katakana or half-width kana finds the same customer; phones
 * are phone.c's, busy periods windows.c's, contact people contact.c's.
 */
#include "customer.h"

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
    "INSERT INTO customers (kind, name, name_key, reading, reading_key,"
    "  parent_id, email, address, channels, hours, closed_days, notes,"
    "  created_at, updated_at, lang)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13,"
    "         $14)"
    " RETURNING id";

static const char SQL_UPDATE[] =
    "UPDATE customers SET kind = $2, name = $3, name_key = $4, reading = $5,"
    "  reading_key = $6, parent_id = $7, email = $8, address = $9,"
    "  channels = $10, hours = $11, closed_days = $12, notes = $13,"
    "  updated_at = $14, lang = $15, version = version + 1"
    " WHERE id = $1";

static const char SQL_GET[] =
    "SELECT c.id, c.kind, c.name, c.reading, c.parent_id, p.name, c.email,"
    "       c.address, c.channels, c.hours, c.closed_days, c.notes,"
    "       c.version, c.created_at, c.updated_at, c.lang"
    "  FROM customers c LEFT JOIN customers p ON p.id = c.parent_id"
    " WHERE c.id = $1";

static const char SQL_FLAGS[] =
    "SELECT f.id, f.kind, f.reason, f.set_at, u.login"
    "  FROM customer_flags f LEFT JOIN users u ON u.id = f.set_by"
    " WHERE f.customer_id = $1 AND f.cleared_at IS NULL ORDER BY f.id";

static const char SQL_PARENT_OF[] =
    "SELECT parent_id FROM customers WHERE id = $1";

/* Customers whose name or reading, or one of whose contact people's, holds
 * the key, or with a phone number holding the digits. $1 is a LIKE
 * pattern over keys, $2 over phone digits ('' when the query has too few
 * digits to be a number). */
static const char SQL_SEARCH[] =
    "SELECT c.id, c.name, c.reading, p.name,"
    "       (SELECT number FROM phones ph WHERE ph.customer_id = c.id"
    "         ORDER BY ph.id LIMIT 1),"
    "       (SELECT COUNT(*) FROM customer_flags f"
    "         WHERE f.customer_id = c.id AND f.cleared_at IS NULL)"
    "  FROM customers c LEFT JOIN customers p ON p.id = c.parent_id"
    " WHERE c.name_key LIKE $1 ESCAPE '\\'"
    "    OR c.reading_key LIKE $1 ESCAPE '\\'"
    "    OR EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id"
    "                AND (k.name_key LIKE $1 ESCAPE '\\'"
    "                     OR k.reading_key LIKE $1 ESCAPE '\\'))"
    "    OR ($2 <> '' AND EXISTS ("
    "          SELECT 1 FROM phones ph LEFT JOIN contacts k"
    "              ON k.id = ph.contact_id"
    "           WHERE (ph.customer_id = c.id OR k.customer_id = c.id)"
    "             AND ph.number_key LIKE $2))"
    " ORDER BY CASE WHEN c.reading_key = '' THEN c.name_key"
    "          ELSE c.reading_key END, c.id"
    " LIMIT $3";

/* The organisations directly under a parent, by reading. */
static const char SQL_CHILDREN[] =
    "SELECT c.id, c.name, c.reading, p.name,"
    "       (SELECT number FROM phones ph WHERE ph.customer_id = c.id"
    "         ORDER BY ph.id LIMIT 1),"
    "       (SELECT COUNT(*) FROM customer_flags f"
    "         WHERE f.customer_id = c.id AND f.cleared_at IS NULL)"
    "  FROM customers c JOIN customers p ON p.id = c.parent_id"
    " WHERE c.parent_id = $1"
    " ORDER BY CASE WHEN c.reading_key = '' THEN c.name_key"
    "          ELSE c.reading_key END, c.id";

static const char SQL_FLAG_ACTIVE[] =
    "SELECT id FROM customer_flags"
    " WHERE customer_id = $1 AND kind = $2 AND cleared_at IS NULL";

static const char SQL_FLAG_INSERT[] =
    "INSERT INTO customer_flags (customer_id, kind, reason, set_by, set_at)"
    " VALUES ($1, $2, $3, $4, $5)";

static const char SQL_FLAG_CLEAR[] =
    "UPDATE customer_flags SET cleared_by = $2, cleared_at = $3,"
    "       clear_reason = $4"
    " WHERE id = $1";

static const char SQL_EXISTS[] = "SELECT 1 FROM customers WHERE id = $1";

const char *const CUSTOMER_KIND_NAMES[] = {"organization", "person", NULL};
const char *const CUSTOMER_FLAG_NAMES[] = {"unpaid", "abusive", "caution",
                                           NULL};

/* Translated flag name for people. */
const char *customer_flag_label(enum customer_flag_kind kind)
{
    static const char *const LABELS[] = {N_("unpaid balance"),
                                         N_("past abuse"), N_("caution")};
    return _(LABELS[kind]);
}

/* The working values of a customer while it is checked and written: the
 * stored row overlaid with the input. Strings are owned. */
struct draft {
    char *kind;
    char *name;
    char *reading;
    int64_t parent_id;
    char *email;
    char *address;
    char *channels;
    char *hours;
    char *closed_days;
    char *notes;
    char *lang;
};

/* Free what d owns and leave it zeroed. */
static void draft_clear(struct draft *d)
{
    free(d->kind);
    free(d->name);
    free(d->reading);
    free(d->email);
    free(d->address);
    free(d->channels);
    free(d->hours);
    free(d->closed_days);
    free(d->notes);
    free(d->lang);
    memset(d, 0, sizeof(*d));
}

/* Overlay in on d, validating every given field; problems collect what is
 * wrong. Parent references are resolved here. */
static void draft_apply(struct db *db, struct draft *d,
                        const struct customer_input *in, bool adding,
                        struct problems *p)
{
    if (in->kind || adding) {
        if (validate_one_of(p, "kind", in->kind ? in->kind : "",
                            CUSTOMER_KIND_NAMES)) {
            text_assign_trimmed(&d->kind, in->kind, false);
        }
    }
    if (validate_text(p, "name", in->name, adding, 200)) {
        text_assign_trimmed(&d->name, in->name, false);
    }
    if (validate_text(p, "reading", in->reading, false, 200)) {
        text_assign_trimmed(&d->reading, in->reading, false);
    }
    if (validate_email(p, "email", in->email)) {
        text_assign_trimmed(&d->email, in->email, true);
    }
    if (validate_text(p, "address", in->address, false, 500)) {
        text_assign_trimmed(&d->address, in->address, true);
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
    if (in->parent) {
        if (*in->parent == '\0') {
            d->parent_id = 0;
        } else {
            int64_t parent_id = 0;
            if (customer_resolve(db, in->parent, "parent", p, &parent_id) ==
                TAIO_OK) {
                d->parent_id = parent_id;
            }
        }
    }
    if (d->channels == NULL) {
        d->channels = xstrdup("");
    }
    if (d->notes == NULL) {
        d->notes = xstrdup("");
    }
    if (d->reading == NULL) {
        d->reading = xstrdup("");
    }
}

/* Bind d to $2..$13 of SQL_INSERT ($1..$12) or SQL_UPDATE ($2..$13):
 * first is the index of kind. */
static void bind_draft(struct db_stmt *st, int first, const struct draft *d)
{
    char *name_key = text_key_or_empty(d->name);
    char *reading_key = text_key_or_empty(d->reading);
    db_bind_text(st, first, d->kind);
    db_bind_text(st, first + 1, d->name);
    db_bind_text(st, first + 2, name_key);
    db_bind_text(st, first + 3, d->reading);
    db_bind_text(st, first + 4, reading_key);
    db_bind_opt_int64(st, first + 5, d->parent_id != 0, d->parent_id);
    db_bind_text(st, first + 6, d->email);
    db_bind_text(st, first + 7, d->address);
    db_bind_text(st, first + 8, d->channels);
    db_bind_text(st, first + 9, d->hours);
    db_bind_text(st, first + 10, d->closed_days);
    db_bind_text(st, first + 11, d->notes);
    free(name_key);
    free(reading_key);
}

/* Create a customer from in (kind and name required). Phones, parent,
 * channels and windows are checked and stored in the same transaction.
 * *id_out (may be NULL) receives the id. */
enum taio_status customer_add(struct db *db, const struct actor *actor,
                              const struct customer_input *in,
                              struct problems *problems, int64_t *id_out)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    struct draft d = {0};
    draft_apply(db, &d, in, true, problems);
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
    int64_t id = 0;
    status = db_prepare(db, SQL_INSERT, &st);
    if (status == TAIO_OK) {
        bind_draft(st, 1, &d);
        db_bind_int64(st, 13, actor->now);
        db_bind_text(st, 14, d.lang);
        if (db_step(st) == DB_ROW) {
            id = db_col_int64(st, 0);
        } else {
            status = db_last_status(db);
        }
        db_finalize(st);
    }
    if (status == TAIO_OK && in->phones) {
        status = phone_replace(db, false, id, in->phones, in->n_phones);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "customer",
                                id, "create", NULL, NULL, d.name);
    }
    draft_clear(&d);
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}

/* True when making parent_id the parent of id would close a loop. */
static bool parent_loops(struct db *db, int64_t id, int64_t parent_id)
{
    int64_t cursor = parent_id;
    for (int steps = 0; cursor != 0 && steps < 1000; steps++) {
        if (cursor == id) {
            return true;
        }
        struct db_stmt *st = NULL;
        if (db_prepare(db, SQL_PARENT_OF, &st) != TAIO_OK) {
            return false;
        }
        db_bind_int64(st, 1, cursor);
        cursor = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
        db_finalize(st);
    }
    return false;
}

/* Record in history each field that differs between old and new. */
static enum taio_status record_changes(struct db *db,
                                       const struct actor *actor, int64_t id,
                                       const struct customer *old,
                                       const struct draft *d)
{
    char old_parent[32] = "";
    char new_parent[32] = "";
    if (old->parent_id) {
        snprintf(old_parent, sizeof(old_parent), "#%lld",
                 (long long)old->parent_id);
    }
    if (d->parent_id) {
        snprintf(new_parent, sizeof(new_parent), "#%lld",
                 (long long)d->parent_id);
    }
    const char *fields[][3] = {
        {"kind", CUSTOMER_KIND_NAMES[old->kind], d->kind},
        {"name", old->name, d->name},
        {"reading", old->reading, d->reading},
        {"parent", old->parent_id ? old_parent : NULL,
         d->parent_id ? new_parent : NULL},
        {"email", old->email, d->email},
        {"address", old->address, d->address},
        {"channels", old->channels, d->channels},
        {"hours", old->hours, d->hours},
        {"closed_days", old->closed_days, d->closed_days},
        {"notes", old->notes, d->notes},
        {"lang", old->lang, d->lang},
    };
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < sizeof(fields) /
                                                sizeof(fields[0]); i++) {
        status = history_record_change(db, actor->now, actor->user_id,
                                       "customer", id, fields[i][0],
                                       fields[i][1], fields[i][2]);
    }
    return status;
}

/* Fill a draft from a stored customer. */
static void draft_from(struct draft *d, const struct customer *c)
{
    d->kind = xstrdup(CUSTOMER_KIND_NAMES[c->kind]);
    d->name = xstrdup(c->name);
    d->reading = xstrdup(c->reading);
    d->parent_id = c->parent_id;
    d->email = xstrdup_or_null(c->email);
    d->address = xstrdup_or_null(c->address);
    d->channels = xstrdup(c->channels);
    d->hours = xstrdup_or_null(c->hours);
    d->closed_days = xstrdup_or_null(c->closed_days);
    d->notes = xstrdup(c->notes);
    d->lang = xstrdup_or_null(c->lang);
}

/* Change the fields of customer id that in gives; each change is recorded
 * in history, phones are replaced when in->phones is set. */
enum taio_status customer_update(struct db *db, const struct actor *actor,
                                 int64_t id, const struct customer_input *in,
                                 struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct customer old;
    status = customer_get(db, id, &old);
    if (status != TAIO_OK) {
        return db_end(db, status);
    }
    struct draft d = {0};
    draft_from(&d, &old);
    draft_apply(db, &d, in, false, problems);
    if (d.parent_id && parent_loops(db, id, d.parent_id)) {
        problems_add(problems, "parent", "%s",
                     _("would make a loop of parent organisations"));
    }
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
        db_bind_int64(st, 14, actor->now);
        db_bind_text(st, 15, d.lang);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = record_changes(db, actor, id, &old, &d);
    }
    if (status == TAIO_OK && in->phones) {
        status = phone_change(db, false, id, in->phones, in->n_phones,
                              actor->now, actor->user_id);
    }
    draft_clear(&d);
    customer_clear(&old);
    return db_end(db, status);
}

/* Fill a struct customer_flag from a row of SQL_FLAGS (a db_read_fn). */
static void read_flag(struct db_stmt *st, void *record)
{
    struct customer_flag *f = record;
    f->id = db_col_int64(st, 0);
    int kind = validate_index(db_col_text(st, 1), CUSTOMER_FLAG_NAMES);
    f->kind = kind < 0 ? FLAG_CAUTION : (enum customer_flag_kind)kind;
    f->reason = db_col_strdup(st, 2);
    f->set_at = db_col_int64(st, 3);
    f->set_by_login = db_col_strdup(st, 4);
}

/* Load the active flags of c. */
static enum taio_status load_flags(struct db *db, struct customer *c)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_FLAGS, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, c->id);
    void *flags = NULL;
    status = db_fetch_all(st, read_flag, sizeof(struct customer_flag),
                          &flags, &c->n_flags);
    c->flags = flags;
    return status;
}

/* Fill a struct customer from a row of SQL_GET (a db_read_fn). */
static void read_customer(struct db_stmt *st, void *record)
{
    struct customer *out = record;
    out->id = db_col_int64(st, 0);
    int kind = validate_index(db_col_text(st, 1), CUSTOMER_KIND_NAMES);
    out->kind = kind < 0 ? CUSTOMER_ORGANIZATION
                         : (enum customer_kind)kind;
    out->name = db_col_strdup(st, 2);
    out->reading = db_col_strdup(st, 3);
    out->parent_id = db_col_int64(st, 4);
    out->parent_name = db_col_strdup(st, 5);
    out->email = db_col_strdup(st, 6);
    out->address = db_col_strdup(st, 7);
    out->channels = db_col_strdup(st, 8);
    out->hours = db_col_strdup(st, 9);
    out->closed_days = db_col_strdup(st, 10);
    out->notes = db_col_strdup(st, 11);
    out->version = db_col_int64(st, 12);
    out->created_at = db_col_int64(st, 13);
    out->updated_at = db_col_int64(st, 14);
    out->lang = db_col_strdup(st, 15);
}

/* Load customer id with its numbers and active flags into *out (clear
 * with customer_clear()). TAIO_ENOTFOUND when there is none. */
enum taio_status customer_get(struct db *db, int64_t id,
                              struct customer *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_GET, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    status = db_fetch_one(st, read_customer, out);
    if (status == TAIO_OK) {
        status = phone_list(db, false, id, &out->phones, &out->n_phones);
    }
    if (status == TAIO_OK) {
        status = load_flags(db, out);
    }
    if (status != TAIO_OK) {
        customer_clear(out);
    }
    return status;
}

/* Free what c owns and leave it zeroed. Accepts NULL. */
void customer_clear(struct customer *c)
{
    if (c == NULL) {
        return;
    }
    free(c->name);
    free(c->reading);
    free(c->parent_name);
    free(c->email);
    free(c->address);
    free(c->channels);
    free(c->hours);
    free(c->closed_days);
    free(c->notes);
    free(c->lang);
    phone_list_free(c->phones, c->n_phones);
    for (size_t i = 0; i < c->n_flags; i++) {
        free(c->flags[i].reason);
        free(c->flags[i].set_by_login);
    }
    free(c->flags);
    memset(c, 0, sizeof(*c));
}

/* "%key%" with LIKE's wildcards in key escaped by '\'. Free with free(). */
static char *like_pattern(const char *key)
{
    struct buf pattern = {0};
    buf_putc(&pattern, '%');
    for (const char *c = key; *c; c++) {
        if (*c == '%' || *c == '_' || *c == '\\') {
            buf_putc(&pattern, '\\');
        }
        buf_putc(&pattern, *c);
    }
    buf_putc(&pattern, '%');
    return buf_steal(&pattern);
}

/* Fill a struct customer_match from a row of SQL_SEARCH (a db_read_fn). */
static void read_match(struct db_stmt *st, void *record)
{
    struct customer_match *m = record;
    m->id = db_col_int64(st, 0);
    m->name = db_col_strdup(st, 1);
    m->reading = db_col_strdup(st, 2);
    m->parent_name = db_col_strdup(st, 3);
    m->phone = db_col_strdup(st, 4);
    m->n_flags = db_col_int64(st, 5);
}

/* Customers matching query by name, kana reading (hiragana, katakana or
 * half-width alike), a contact person's name or reading, or a phone number
 * (digits with or without hyphens, full-width too), sorted by reading; at
 * most limit. An empty query lists every customer. Returns TAIO_EINVAL for
 * invalid UTF-8. Free with customer_match_free(). */
enum taio_status customer_search(struct db *db, const char *query,
                                 size_t limit, struct customer_match **out,
                                 size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    char *key = NULL;
    char *digits = NULL;
    if (text_search_key(query, &key) != TAIO_OK ||
        text_phone_key(query, &digits) != TAIO_OK) {
        free(key);
        return TAIO_EINVAL;
    }
    char *pattern = like_pattern(key);
    char *phone_pattern = strlen(digits) >= 3 ? like_pattern(digits)
                                              : xstrdup("");
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_SEARCH, &st);
    struct customer_match *list = NULL;
    size_t n = 0;
    if (status == TAIO_OK) {
        db_bind_text(st, 1, pattern);
        db_bind_text(st, 2, phone_pattern);
        db_bind_int64(st, 3, (int64_t)limit);
        void *records = NULL;
        status = db_fetch_all(st, read_match, sizeof(struct customer_match),
                              &records, &n);
        list = records;
    }
    free(key);
    free(digits);
    free(pattern);
    free(phone_pattern);
    if (status != TAIO_OK) {
        customer_match_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* The customers directly under customer id (e.g. the schools of a board
 * of education), sorted by reading. Free with customer_match_free(). */
enum taio_status customer_children(struct db *db, int64_t id,
                                   struct customer_match **out,
                                   size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CHILDREN, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    void *records = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_match, sizeof(struct customer_match),
                          &records, &n);
    if (status != TAIO_OK) {
        customer_match_free(records, n);
        return status;
    }
    *out = records;
    *n_out = n;
    return TAIO_OK;
}

/* Free a list from customer_search(). */
void customer_match_free(struct customer_match *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].name);
        free(list[i].reading);
        free(list[i].parent_name);
        free(list[i].phone);
    }
    free(list);
}

/* Parse "#123" as an id. */
static bool parse_id_ref(const char *ref, int64_t *id)
{
    if (ref[0] != '#' || ref[1] == '\0') {
        return false;
    }
    char *end = NULL;
    long long value = strtoll(ref + 1, &end, 10);
    if (*end != '\0' || value <= 0) {
        return false;
    }
    *id = value;
    return true;
}

/* Find the one customer ref names: "#id", or a name, reading or phone that
 * matches exactly one customer (or several, one of them by its exact
 * name). Otherwise adds a problem for field: TAIO_ENOTFOUND when none
 * matches, TAIO_EINVAL when ref is malformed or names several. A caller
 * for whom the customer is only a field of its input reports either as
 * invalid input. */
enum taio_status customer_resolve(struct db *db, const char *ref,
                                  const char *field,
                                  struct problems *problems, int64_t *id_out)
{
    if (!validate_text(problems, field, ref, true, 200)) {
        return TAIO_EINVAL;
    }
    int64_t id = 0;
    if (parse_id_ref(ref, &id)) {
        struct db_stmt *st = NULL;
        enum taio_status status = db_prepare(db, SQL_EXISTS, &st);
        if (status != TAIO_OK) {
            return status;
        }
        db_bind_int64(st, 1, id);
        bool found = db_step(st) == DB_ROW;
        db_finalize(st);
        if (!found) {
            problems_add(problems, field, _("no customer has the id %s"),
                         ref);
            return TAIO_ENOTFOUND;
        }
        *id_out = id;
        return TAIO_OK;
    }
    struct customer_match *list = NULL;
    size_t n = 0;
    enum taio_status status = customer_search(db, ref, 6, &list, &n);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t exact = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].name, ref) == 0) {
            exact = exact ? -1 : list[i].id;
        }
    }
    if (n == 1) {
        *id_out = list[0].id;
    } else if (exact > 0) {
        *id_out = exact;
    } else if (n == 0) {
        problems_add(problems, field,
                     _("no customer matches \"%s\" by name, reading or "
                       "phone"),
                     ref);
        status = TAIO_ENOTFOUND;
    } else {
        struct buf names = {0};
        for (size_t i = 0; i < n && i < 5; i++) {
            buf_printf(&names, "%s%s (#%lld)", i ? ", " : "", list[i].name,
                       (long long)list[i].id);
        }
        problems_add(problems, field,
                     _("\"%s\" matches several customers: %s; use #id"), ref,
                     buf_str(&names));
        buf_clear(&names);
        status = TAIO_EINVAL;
    }
    customer_match_free(list, n);
    return status;
}

/* Look up the active flag of kind on customer id; *flag_id 0 if none. */
static enum taio_status active_flag(struct db *db, int64_t id,
                                    const char *kind, int64_t *flag_id)
{
    *flag_id = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_FLAG_ACTIVE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, kind);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        *flag_id = db_col_int64(st, 0);
    } else if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Raise a flag (unpaid, abusive, caution) on customer id with a reason
 * staff will see at intake. Any recording role may raise one, so the
 * person who was abused can mark it at once. A flag of the same kind that
 * stands already is a problem. */
enum taio_status customer_flag_set(struct db *db, const struct actor *actor,
                                   int64_t id, const char *kind,
                                   const char *reason,
                                   struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    validate_one_of(problems, "flag", kind, CUSTOMER_FLAG_NAMES);
    validate_text(problems, "reason", reason, true, 1000);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t existing = 0;
    struct customer c;
    status = customer_get(db, id, &c);
    if (status == TAIO_OK) {
        customer_clear(&c);
        status = active_flag(db, id, kind, &existing);
    }
    if (status == TAIO_OK && existing) {
        problems_add(problems, "flag", "%s",
                     _("this customer already has that flag"));
        status = TAIO_EINVAL;
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_FLAG_INSERT, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, kind);
        db_bind_text(st, 3, reason);
        db_bind_opt_int64(st, 4, actor->user_id != 0, actor->user_id);
        db_bind_int64(st, 5, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "customer",
                                id, "update", "flag", NULL, kind);
    }
    return db_end(db, status);
}

/* Clear the standing flag of kind on customer id, saying why. Clearing
 * needs a handling role (not a clerk): a flag protects staff. */
enum taio_status customer_flag_clear(struct db *db, const struct actor *actor,
                                     int64_t id, const char *kind,
                                     const char *reason,
                                     struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    validate_one_of(problems, "flag", kind, CUSTOMER_FLAG_NAMES);
    validate_text(problems, "reason", reason, false, 1000);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t flag_id = 0;
    status = active_flag(db, id, kind, &flag_id);
    if (status == TAIO_OK && flag_id == 0) {
        problems_add(problems, "flag", "%s",
                     _("this customer has no such flag"));
        status = TAIO_EINVAL;
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_FLAG_CLEAR, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, flag_id);
        db_bind_opt_int64(st, 2, actor->user_id != 0, actor->user_id);
        db_bind_int64(st, 3, actor->now);
        db_bind_text(st, 4, reason);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "customer",
                                id, "update", "flag", kind, NULL);
    }
    return db_end(db, status);
}
