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
#include "core/recur.h"
#include "core/text.h"
#include "core/validate.h"
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
    "SELECT id, from_at, to_at, rrule, note FROM busy_periods"
    " WHERE customer_id = $1 ORDER BY from_at, id";

static const char SQL_BUSY_OF_CONTACT[] =
    "SELECT id, from_at, to_at, rrule, note FROM busy_periods"
    " WHERE contact_id = $1 ORDER BY from_at, id";

static const char SQL_INSERT_BUSY[] =
    "INSERT INTO busy_periods (customer_id, contact_id, from_at, to_at,"
    "                          rrule, note)"
    " VALUES ($1, $2, $3, $4, $5, $6)";

/* How far around now repeating busy periods are expanded: a year back
 * (silence is rarely measured from further) and as far ahead as
 * calendar_add_business() looks. */
#define BUSY_PAST (400 * INT64_C(86400))
#define BUSY_FUTURE (1100 * INT64_C(86400))
/* Occurrences of one repeating period at most (a daily rule over the
 * whole horizon). */
#define BUSY_MAX_OCCURRENCES 1600
/* A repeating busy period may not last longer than this. */
#define BUSY_MAX_REPEATING (31 * INT64_C(86400))

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
    if (channels) {
        char *canonical = NULL;
        enum taio_status status =
            channel_list_canonical(channels, "channels", problems, &canonical);
        replace(channels_slot, status, canonical);
    }
    if (hours) {
        char *canonical = NULL;
        enum taio_status status =
            windows_check_hours(hours, "hours", problems, &canonical);
        replace(hours_slot, status, canonical);
    }
    if (closed) {
        char *canonical = NULL;
        enum taio_status status =
            windows_check_closed(closed, "closed_days", problems, &canonical);
        replace(closed_slot, status, canonical);
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

/* Fill a struct windows_busy from a row of SQL_BUSY_OF_* (a
 * db_read_fn). */
static void read_busy(struct db_stmt *st, void *record)
{
    struct windows_busy *b = record;
    b->id = db_col_int64(st, 0);
    b->from_at = db_col_int64(st, 1);
    b->to_at = db_col_int64(st, 2);
    b->rrule = db_col_strdup(st, 3);
    b->note = db_col_strdup(st, 4);
}

/* The busy periods stored for a customer (for_contact false) or contact
 * person, first occurrence first. Free with windows_busy_list_free(). */
enum taio_status windows_busy_list(struct db *db, bool for_contact,
                                   int64_t owner_id,
                                   struct windows_busy **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(
        db, for_contact ? SQL_BUSY_OF_CONTACT : SQL_BUSY_OF_CUSTOMER, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, owner_id);
    void *records = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_busy, sizeof(struct windows_busy),
                          &records, &n);
    if (status != TAIO_OK) {
        windows_busy_list_free(records, n);
        return status;
    }
    *out = records;
    *n_out = n;
    return TAIO_OK;
}

/* Free a list from windows_busy_list(). */
void windows_busy_list_free(struct windows_busy *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].rrule);
        free(list[i].note);
    }
    free(list);
}

/* Append one do-not-contact interval to w. */
static void add_interval(struct windows *w, size_t *cap, int64_t from_at,
                         int64_t to_at, const char *note)
{
    size_t n = w->win.n_busy;
    size_t notes_cap = *cap;
    w->busy = xgrow(w->busy, cap, n + 1, sizeof(*w->busy));
    w->busy_notes = xgrow(w->busy_notes, &notes_cap, n + 1,
                          sizeof(*w->busy_notes));
    w->busy[n].from_at = from_at;
    w->busy[n].to_at = to_at;
    w->busy_notes[n] = xstrdup_or_null(note);
    w->win.n_busy = n + 1;
    w->win.busy = w->busy;
}

/* Append the busy periods of one customer or contact person to w,
 * repeating ones expanded around now in zone. */
static enum taio_status add_busy_of(struct db *db, const struct tz *zone,
                                    int64_t now, bool for_contact,
                                    int64_t owner_id, struct windows *w,
                                    size_t *cap)
{
    struct windows_busy *list = NULL;
    size_t n = 0;
    enum taio_status status =
        windows_busy_list(db, for_contact, owner_id, &list, &n);
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        if (list[i].rrule == NULL) {
            add_interval(w, cap, list[i].from_at, list[i].to_at,
                         list[i].note);
            continue;
        }
        struct recur_interval *occurrences = NULL;
        size_t n_occurrences = 0;
        if (recur_expand(zone, list[i].rrule, list[i].from_at,
                         list[i].to_at - list[i].from_at, now - BUSY_PAST,
                         now + BUSY_FUTURE, BUSY_MAX_OCCURRENCES,
                         &occurrences, &n_occurrences) != TAIO_OK) {
            log_warn("busy period %lld has an unusable rule; ignored",
                     (long long)list[i].id);
        }
        for (size_t k = 0; k < n_occurrences; k++) {
            add_interval(w, cap, occurrences[k].from_at, occurrences[k].to_at,
                         list[i].note);
        }
        free(occurrences);
    }
    windows_busy_list_free(list, n);
    return status;
}

/* Add to w the busy periods of a customer and, when contact_id is not 0,
 * of that contact person. */
enum taio_status windows_load_busy(struct db *db, const struct tz *zone,
                                   int64_t now, int64_t customer_id,
                                   int64_t contact_id, struct windows *w)
{
    size_t cap = w->win.n_busy;
    enum taio_status status = TAIO_OK;
    if (contact_id) {
        status = add_busy_of(db, zone, now, true, contact_id, w, &cap);
    }
    if (status == TAIO_OK) {
        status = add_busy_of(db, zone, now, false, customer_id, w, &cap);
    }
    return status;
}

/* Load a customer's windows into *out (initialised here; clear with
 * windows_clear()). TAIO_ENOTFOUND for an unknown customer. */
enum taio_status windows_load_customer(struct db *db, const struct tz *zone,
                                       int64_t now, int64_t customer_id,
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
    if (status == TAIO_OK) {
        status = windows_load_busy(db, zone, now, customer_id, 0, out);
    }
    if (status != TAIO_OK) {
        windows_clear(out);
    }
    return status;
}

/* Load a contact person's windows (their own hours and closed days, else
 * the customer's; busy periods of both). TAIO_ENOTFOUND for an unknown
 * contact. */
enum taio_status windows_load_contact(struct db *db, const struct tz *zone,
                                      int64_t now, int64_t contact_id,
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
    if (status == TAIO_OK) {
        status = windows_load_busy(db, zone, now, customer_id, contact_id,
                                   out);
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
 * contact person must not be contacted, repeating by rrule when that is
 * not NULL (an RFC 5545 rule, daily or coarser, e.g.
 * "FREQ=MONTHLY;BYMONTHDAY=-3"; the period is its first occurrence and
 * lasts at most 31 days). The owner must exist (the foreign key enforces
 * it: TAIO_ECONFLICT otherwise). Runs in its own transaction, or in the
 * caller's. */
enum taio_status windows_add_busy(struct db *db, int64_t actor_id,
                                  int64_t now, bool for_contact,
                                  int64_t owner_id, int64_t from_at,
                                  int64_t to_at, const char *rrule,
                                  const char *note,
                                  struct problems *problems)
{
    if (to_at <= from_at) {
        problems_add(problems, "to", "%s", _("must be after --from"));
    }
    validate_text(problems, "note", note, false, 500);
    if (rrule && !recur_rule_valid(rrule)) {
        problems_add(problems, "repeat", "%s",
                     _("is not a daily, weekly, monthly or yearly RFC 5545 "
                       "rule (e.g. FREQ=MONTHLY;BYMONTHDAY=-3)"));
    } else if (rrule && to_at - from_at > BUSY_MAX_REPEATING) {
        problems_add(problems, "to", "%s",
                     _("a repeating period may last at most 31 days"));
    }
    if (problems_any(problems)) {
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
        db_bind_text(st, 5, rrule);
        db_bind_text(st, 6, note ? note : "");
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        char value[480];
        snprintf(value, sizeof(value), "%lld..%lld%s%.400s",
                 (long long)from_at, (long long)to_at, rrule ? " " : "",
                 rrule ? rrule : "");
        status = history_record(db, now, actor_id,
                                for_contact ? "contact" : "customer",
                                owner_id, "update", "busy", NULL, value);
    }
    return db_end(db, status);
}
