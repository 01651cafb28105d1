/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_TZ_H
#define TAIO_CORE_TZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"

/* A named time zone such as "Asia/Tokyo" (opaque; owned by libical's
 * built-in zone table, valid for the life of the process). */
struct tz;

/* A civil date and time in some zone. */
struct tz_tm {
    int year;   /* e.g. 2026 */
    int month;  /* 1..12 */
    int day;    /* 1..31 */
    int hour;   /* 0..23 */
    int minute; /* 0..59 */
    int second; /* 0..59 */
    int wday;   /* 0 = Sunday .. 6 = Saturday */
};

enum taio_status tz_lookup(const char *name, const struct tz **out);
const char *tz_name(const struct tz *zone);
int tz_offset_at(const struct tz *zone, int64_t at);
void tz_local(const struct tz *zone, int64_t at, struct tz_tm *out);
int64_t tz_from_local(const struct tz *zone, int year, int month, int day,
                      int hour, int minute, int second);
void tz_release_all(void);

/* libical's own zone, for modules that call libical directly. */
struct _icaltimezone;
struct _icaltimezone *tz_as_ical(const struct tz *zone);

/* Civil-calendar arithmetic, independent of any zone. */
int64_t tz_days_from_civil(int year, int month, int day);
void tz_civil_from_days(int64_t days, int *year, int *month, int *day);
int tz_weekday(int year, int month, int day);
int tz_weekday_of_days(int64_t days);
bool tz_is_valid_date(int year, int month, int day);
int tz_days_in_month(int year, int month);

#endif
