/* SPDX-License-Identifier: MIT */
/*
 * windows.c - when a customer or contact person can be reached.
 *
 * Owns the busy_periods table and the text forms of the hours and
 * closed_days columns of customers and contacts. A contact person without
 * hours of their own inherits the customer's; busy periods of both apply.
 * The arithmetic over windows is calendar.c's; this module only loads and
 * checks them.
 */
#include "windows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "history.h"

static const char SQL_CUSTOMER_WINDOWS[] =
    "SELECT hours, closed_days FROM customers WHERE id = $1";

static const char SQL_CONTACT_WINDOWS[] =
    "SELECT COALESCE(p.hours, c.hours), COALESCE(p.closed_days, c.closed_days),"
    "       p.customer_id"
    "  FROM contacts p JOIN customers c ON c.id = p.customer_id"
    " WHERE p.id = $1";

static const char SQL_BUSY_OF_CUSTOMER[] =
    "SELECT from_at, to_at, note FROM busy_periods"
    " WHERE customer_id = $1 ORDER BY from_at";

static const char SQL_BUSY_OF_CONTACT[] =
    "SELECT from_at, to_at, note FROM busy_periods"
    " WHERE contact_id = $1 ORDER BY from_at";

static const char SQL_INSERT_BUSY[] =
    "INSERT INTO busy_periods (customer_id, contact_id, from_at, to_at, note)"
    " VALUES ($1, $2, $3, $4, $5)";

/* Parse a list of day ranges separated by ';' or ',' ("12-29..01-03;
 * 2026-08-13..2026-08-16"). An empty or blank text gives an empty list.
 * On error records a problem for field and returns TAIO_EINVAL. *out is
 * malloc'd (NULL when empty); free with free(). */
enum taio_status windows_parse_ranges(const char *text, const char *field,
                                      struct problems *problems,
                                      struct calendar_range **out,
                                      size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (text == NULL) {
        return TAIO_OK;
    }
    char *folded = NULL;
    if (text_nfkc(text, &folded) != TAIO_OK) {
        problems_add(problems, field, "%s", _("is not valid UTF-8 text"));
        return TAIO_EINVAL;
    }
    struct calendar_range *list = NULL;
    size_t n = 0;
    size_t cap = 0;
    enum taio_status status = TAIO_OK;
    char *save = NULL;
    for (char *part = strtok_r(folded, ";,", &save); part;
         part = strtok_r(NULL, ";,", &save)) {
        char *item = text_trim(part);
        if (*item == '\0') {
            free(item);
            continue;
        }
        struct calendar_range range;
        if (calendar_range_parse(item, &range) != TAIO_OK) {
            problems_add(problems, field,
                         _("\"%s\" is not a day or range of days "
                           "(2026-08-13, 2026-08-13..2026-08-16, "
                           "12-29..01-03)"),
                         item);
            free(item);
            status = TAIO_EINVAL;
            break;
        }
        free(item);
        list = xgrow(list, &cap, n + 1, sizeof(*list));
        list[n++] = range;
    }
    free(folded);
    if (status != TAIO_OK) {
        free(list);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Check weekly hours text and return its canonical form in *canonical
 * (malloc'd; NULL when text is NULL or blank, meaning "no limit"). */
enum taio_status windows_check_hours(const char *text, const char *field,
                                     struct problems *problems,
                                     char **canonical)
{
    *canonical = NULL;
    if (text == NULL || text_is_blank(text)) {
        return TAIO_OK;
    }
    char *folded = NULL;
    if (text_nfkc(text, &folded) != TAIO_OK) {
        problems_add(problems, field, "%s", _("is not valid UTF-8 text"));
        return TAIO_EINVAL;
    }
    struct calendar_week week;
    enum taio_status status =
        calendar_week_parse(folded, &week, field, problems);
    free(folded);
    if (status == TAIO_OK) {
        *canonical = calendar_week_format(&week);
    }
    return status;
}

/* Check a closed-days list and return its canonical form in *canonical
 * (malloc'd; NULL when text is NULL or blank). */
enum taio_status windows_check_closed(const char *text, const char *field,
                                      struct problems *problems,
                                      char **canonical)
{
    *canonical = NULL;
    if (text == NULL || text_is_blank(text)) {
        return TAIO_OK;
    }
    struct calendar_range *ranges = NULL;
    size_t n = 0;
    enum taio_status status =
        windows_parse_ranges(text, field, problems, &ranges, &n);
    if (status != TAIO_OK) {
        return status;
    }
    struct buf out = {0};
    for (size_t i = 0; i < n; i++) {
        char *one = calendar_range_format(&ranges[i]);
        buf_printf(&out, "%s%s", i ? "; " : "", one);
        free(one);
    }
    free(ranges);
    *canonical = n ? buf_steal(&out) : NULL;
    buf_clear(&out);
    return TAIO_OK;
}

/* Replace *slot (owned) with canonical when the check succeeded. */
static void replace(char **slot, enum taio_status status, char *canonical)
{
    if (status == TAIO_OK) {
        free(*slot);
        *slot = canonical;
    }
}

/* Check the ways and times to reach a customer or contact person as they
 * were given (NULL: not given, keep the slot) and store their canonical
 * forms in the owned strings *channels_slot ("phone,fax"), *hours_slot and
 * *closed_slot (NULL when cleared). Problems are recorded for the fields
 * "channels", "hours" and "closed_days". */
void windows_apply_reach(const char *channels, const char *hours,
                         const char *closed, char **channels_slot,
                         char **hours_slot, char **closed_slot,
                         struct problems *problems)
{
    char *canonical = NULL;
    if (channels) {
        replace(channels_slot,
                channel_list_canonical(channels, "channels", problems,
                                       &canonical),
                canonical);
    }
    if (hours) {
        replace(hours_slot,
                windows_check_hours(hours, "hours", problems, &canonical),
                canonical);
    }
    if (closed) {
        replace(closed_slot,
                windows_check_closed(closed, "closed_days", problems,
                                     &canonical),
                canonical);
    }
}

/* Start w (zeroed here) from stored hours and closed-days texts (either
 * may be NULL). Stored texts were checked when written; one that no
 * longer parses is logged and ignored rather than making the customer
 * unreachable. */
void windows_from_texts(struct windows *w, const char *hours,
                        const char *closed)
{
    memset(w, 0, sizeof(*w));
    w->hours_text = xstrdup_or_null(hours);
    w->closed_text = xstrdup_or_null(closed);
    if (hours) {
        if (calendar_week_parse(hours, &w->win.week, "hours", NULL) ==
            TAIO_OK) {
            w->win.has_week = true;
        } else {
            log_warn("stored hours \"%s\" no longer parse; ignored", hours);
        }
    }
    if (closed) {
        size_t n = 0;
        if (windows_parse_ranges(closed, "closed_days", NULL, &w->closed,
                                 &n) == TAIO_OK) {
            w->win.closed = w->closed;
            w->win.n_closed = n;
        } else {
            log_warn("stored closed days \"%s\" no longer parse; ignored",
                     closed);
        }
    }
}

/* Append the busy periods that sql (bound to owner_id) returns. */
static enum taio_status load_busy(struct db *db, const char *sql,
                                  int64_t owner_id, struct windows *w,
                                  size_t *cap)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, owner_id);
    size_t notes_cap = *cap;
    enum db_step r;
    while ((r = db_step(st)) == DB_ROW) {
        size_t n = w->win.n_busy;
        w->busy = xgrow(w->busy, cap, n + 1, sizeof(*w->busy));
        w->busy_notes =
            xgrow(w->busy_notes, &notes_cap, n + 1, sizeof(*w->busy_notes));
        w->busy[n].from_at = db_col_int64(st, 0);
        w->busy[n].to_at = db_col_int64(st, 1);
        w->busy_notes[n] = db_col_strdup(st, 2);
        w->win.n_busy = n + 1;
    }
    if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    w->win.busy = w->busy;
    return status;
}

/* Add to w the busy periods of a customer and, when contact_id is not 0,
 * of that contact person. */
enum taio_status windows_load_busy(struct db *db, int64_t customer_id,
                                   int64_t contact_id, struct windows *w)
{
    size_t cap = w->win.n_busy;
    enum taio_status status = TAIO_OK;
    if (contact_id) {
        status = load_busy(db, SQL_BUSY_OF_CONTACT, contact_id, w, &cap);
    }
    if (status == TAIO_OK) {
        status = load_busy(db, SQL_BUSY_OF_CUSTOMER, customer_id, w, &cap);
    }
    return status;
}

/* Load a customer's windows into *out (initialised here; clear with
 * windows_clear()). TAIO_ENOTFOUND for an unknown customer. */
enum taio_status windows_load_customer(struct db *db, int64_t customer_id,
                                       struct windows *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CUSTOMER_WINDOWS, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, customer_id);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        windows_from_texts(out, db_col_text(st, 0), db_col_text(st, 1));
    } else {
        status = r == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
    }
    db_finalize(st);
    if (status != TAIO_OK) {
        return status;
    }
    size_t cap = 0;
    status = load_busy(db, SQL_BUSY_OF_CUSTOMER, customer_id, out, &cap);
    if (status != TAIO_OK) {
        windows_clear(out);
    }
    return status;
}

/* Load a contact person's windows (their own hours and closed days, else
 * the customer's; busy periods of both). TAIO_ENOTFOUND for an unknown
 * contact. */
enum taio_status windows_load_contact(struct db *db, int64_t contact_id,
                                      struct windows *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CONTACT_WINDOWS, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, contact_id);
    int64_t customer_id = 0;
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        windows_from_texts(out, db_col_text(st, 0), db_col_text(st, 1));
        customer_id = db_col_int64(st, 2);
    } else {
        status = r == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
    }
    db_finalize(st);
    if (status != TAIO_OK) {
        return status;
    }
    size_t cap = 0;
    status = load_busy(db, SQL_BUSY_OF_CONTACT, contact_id, out, &cap);
    if (status == TAIO_OK) {
        status = load_busy(db, SQL_BUSY_OF_CUSTOMER, customer_id, out, &cap);
    }
    if (status != TAIO_OK) {
        windows_clear(out);
    }
    return status;
}

/* Free everything w owns and leave it zeroed. Accepts NULL. */
void windows_clear(struct windows *w)
{
    if (w == NULL) {
        return;
    }
    for (size_t i = 0; i < w->win.n_busy; i++) {
        free(w->busy_notes[i]);
    }
    free(w->busy_notes);
    free(w->busy);
    free(w->closed);
    free(w->hours_text);
    free(w->closed_text);
    memset(w, 0, sizeof(*w));
}

/* Record a period [from_at, to_at) when a customer (for_contact false) or
 * contact person must not be contacted. The owner must exist (the foreign
 * key enforces it: TAIO_ECONFLICT otherwise). Runs in its own
 * transaction, or in the caller's. */
enum taio_status windows_add_busy(struct db *db, int64_t actor_id,
                                  int64_t now, bool for_contact,
                                  int64_t owner_id, int64_t from_at,
                                  int64_t to_at, const char *note,
                                  struct problems *problems)
{
    if (to_at <= from_at) {
        problems_add(problems, "busy", "%s",
                     _("must end after it starts"));
        return TAIO_EINVAL;
    }
    if (note && !text_is_utf8(note)) {
        problems_add(problems, "busy", "%s", _("is not valid UTF-8 text"));
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_INSERT_BUSY, &st);
    if (status == TAIO_OK) {
        db_bind_opt_int64(st, 1, !for_contact, owner_id);
        db_bind_opt_int64(st, 2, for_contact, owner_id);
        db_bind_int64(st, 3, from_at);
        db_bind_int64(st, 4, to_at);
        db_bind_text(st, 5, note ? note : "");
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        char value[64];
        snprintf(value, sizeof(value), "%lld..%lld", (long long)from_at,
                 (long long)to_at);
        status = history_record(db, now, actor_id,
                                for_contact ? "contact" : "customer",
                                owner_id, "update", "busy", NULL, value);
    }
    return db_end(db, status);
}
