/* SPDX-License-Identifier: MIT */
/*
 * tz.c - time zones (through libical's zone table) and civil dates.
 *
 * taio stores every time as UTC seconds and converts at the edges with
 * these functions. Zone rules come from the system zoneinfo via libical, so
 * tzdata is a runtime dependency. Zones are loaded by name once and never
 * freed until tz_release_all() at exit; lookups after start-up only read.
 */
#include "core/tz.h"

#include <libical/ical.h>
#include <stdbool.h>
#include <string.h>

#include "core/log.h"

/* The struct tz handed out is libical's icaltimezone in disguise, so the
 * rest of taio never includes libical for a conversion. */
static icaltimezone *ical(const struct tz *zone)
{
    return (icaltimezone *)(uintptr_t)zone;
}

/* The libical zone behind zone (same object), for core/recur.c. */
struct _icaltimezone *tz_as_ical(const struct tz *zone)
{
    return ical(zone);
}

/* Find the zone called name (an IANA location like "Asia/Tokyo" or "UTC").
 * Returns TAIO_EINVAL if the name is unknown. *out stays valid for the life
 * of the process. */
enum taio_status tz_lookup(const char *name, const struct tz **out)
{
    icaltimezone *zone;
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0) {
        zone = icaltimezone_get_utc_timezone();
    } else {
        zone = icaltimezone_get_builtin_timezone(name);
    }
    if (zone == NULL) {
        return TAIO_EINVAL;
    }
    *out = (const struct tz *)zone;
    return TAIO_OK;
}

/* The zone's location name, e.g. "Asia/Tokyo". Borrowed. */
const char *tz_name(const struct tz *zone)
{
    const char *loc = icaltimezone_get_location(ical(zone));
    return loc ? loc : "UTC";
}

/* The offset as libical computes it: exact, but slow enough to show in
 * the agenda's profile (it walks the zone's transition table). */
static int offset_from_libical(const struct tz *zone, int64_t at)
{
    struct icaltimetype utc =
        icaltime_from_timet_with_zone((time_t)at, 0, NULL);
    int is_daylight = 0;
    return icaltimezone_get_utc_offset_of_utc_time(ical(zone), &utc,
                                                   &is_daylight);
}

/* Offsets of whole UTC days in which the zone's offset does not change,
 * per thread (the server converts on many threads at once). The business
 * calendar converts every span boundary of every day it walks, mostly the
 * same few days, so a small direct-mapped table answers nearly all. */
#define OFFSET_CACHE_SIZE 256
static _Thread_local struct offset_day {
    const struct tz *zone; /* NULL: empty slot */
    int64_t day;           /* UTC day number */
    int offset;
} offset_cache[OFFSET_CACHE_SIZE];

/* Offset from UTC in seconds (east positive) in force at the instant at. */
int tz_offset_at(const struct tz *zone, int64_t at)
{
    int64_t day = at >= 0 ? at / 86400 : (at - 86399) / 86400;
    struct offset_day *slot =
        &offset_cache[(uint64_t)day % OFFSET_CACHE_SIZE];
    if (slot->zone == zone && slot->day == day) {
        return slot->offset;
    }
    /* A day is cached only when its first and last second agree: a day
     * with a transition is always asked of libical. (Two transitions that
     * cancel out within one UTC day do not occur in the zone database.) */
    int first = offset_from_libical(zone, day * 86400);
    int last = offset_from_libical(zone, day * 86400 + 86399);
    if (first != last) {
        return offset_from_libical(zone, at);
    }
    slot->zone = zone;
    slot->day = day;
    slot->offset = first;
    return first;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). month 1..12. */
int64_t tz_days_from_civil(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Inverse of tz_days_from_civil. */
void tz_civil_from_days(int64_t days, int *year, int *month, int *day)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

/* Day of the week (0 = Sunday) of a day counted from 1970-01-01. */
int tz_weekday_of_days(int64_t days)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (days + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Day of the week, 0 = Sunday. */
int tz_weekday(int year, int month, int day)
{
    return tz_weekday_of_days(tz_days_from_civil(year, month, day));
}

/* True when year-month-day is a real day of the proleptic Gregorian
 * calendar (month 1..12, day within its month). */
bool tz_is_valid_date(int year, int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 &&
           day <= tz_days_in_month(year, month);
}

/* Number of days in the month (month 1..12). */
int tz_days_in_month(int year, int month)
{
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return DAYS[month - 1];
}

/* Split UTC instant at into the civil date and time of zone. */
void tz_local(const struct tz *zone, int64_t at, struct tz_tm *out)
{
    int64_t local = at + tz_offset_at(zone, at);
    int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t secs = local - days * 86400;
    tz_civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    out->wday = tz_weekday_of_days(days);
}

/* The UTC instant of a civil time in zone. Fields may be out of range in
 * the usual mktime way only for hour/minute/second (e.g. hour 24 is the
 * next midnight). A time skipped by a daylight-saving jump resolves with
 * the offset before the jump; a repeated time resolves to the first. */
int64_t tz_from_local(const struct tz *zone, int year, int month, int day,
                      int hour, int minute, int second)
{
    int64_t local = tz_days_from_civil(year, month, day) * 86400 +
                    (int64_t)hour * 3600 + minute * 60 + second;
    /* Guess with the offset at the local value read as UTC, then correct
     * once: enough for every real zone, whose offsets change by at most a
     * few hours. */
    int offset = tz_offset_at(zone, local);
    int64_t guess = local - offset;
    int offset2 = tz_offset_at(zone, guess);
    if (offset2 != offset) {
        int64_t second_guess = local - offset2;
        if (tz_offset_at(zone, second_guess) == offset2) {
            return second_guess;
        }
    }
    return guess;
}

/* Free libical's zone cache; call once at exit so leak checkers stay
 * quiet. No struct tz may be used afterwards. */
void tz_release_all(void)
{
    icaltimezone_free_builtin_timezones();
}
