/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WINDOWS_H
#define TAIO_WINDOWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "core/problems.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"

/*
 * The reachable windows of one customer or contact person, loaded from the
 * store and owning its arrays. win is what the calendar functions take.
 */
struct windows {
    struct calendar_windows win;
    struct calendar_range *closed;   /* owned; win.closed points here */
    struct calendar_interval *busy;  /* owned; win.busy points here */
    char **busy_notes;               /* owned; one per busy interval */
    char *hours_text;                /* owned; NULL: no weekly limit */
    char *closed_text;               /* owned; NULL: no closed days */
};

/* Text forms */
enum taio_status windows_parse_ranges(const char *text, const char *field,
                                      struct problems *problems,
                                      struct calendar_range **out,
                                      size_t *n_out);
enum taio_status windows_check_hours(const char *text, const char *field,
                                     struct problems *problems,
                                     char **canonical);
enum taio_status windows_check_closed(const char *text, const char *field,
                                      struct problems *problems,
                                      char **canonical);

void windows_apply_reach(const char *channels, const char *hours,
                         const char *closed, char **channels_slot,
                         char **hours_slot, char **closed_slot,
                         struct problems *problems);

/* Loading a customer's or contact's windows. Repeating busy periods are
 * expanded in zone around now (a year back, three years ahead). */
void windows_from_texts(struct windows *w, const char *hours,
                        const char *closed);
enum taio_status windows_load_busy(struct db *db, const struct tz *zone,
                                   int64_t now, int64_t customer_id,
                                   int64_t contact_id, struct windows *w);
enum taio_status windows_load_customer(struct db *db, const struct tz *zone,
                                       int64_t now, int64_t customer_id,
                                       struct windows *out);
enum taio_status windows_load_contact(struct db *db, const struct tz *zone,
                                      int64_t now, int64_t contact_id,
                                      struct windows *out);
void windows_clear(struct windows *w);

/* A busy period as stored. */
struct windows_busy {
    int64_t id;
    int64_t from_at;   /* first occurrence */
    int64_t to_at;
    char *rrule;       /* owned; NULL: once */
    char *note;        /* owned */
};

/* Busy periods */
enum taio_status windows_add_busy(struct db *db, int64_t actor_id,
                                  int64_t now, bool for_contact,
                                  int64_t owner_id, int64_t from_at,
                                  int64_t to_at, const char *rrule,
                                  const char *note,
                                  struct problems *problems);
enum taio_status windows_busy_list(struct db *db, bool for_contact,
                                   int64_t owner_id,
                                   struct windows_busy **out, size_t *n_out);
void windows_busy_list_free(struct windows_busy *list, size_t n);

#endif
