/* SPDX-License-Identifier: MIT */
/*
 * timeutil.c - the clock, and times and durations as people write them.
 *
 * Every command and the server read "now" through timeutil_now(), which the
 * environment variable TAIO_NOW overrides so tests and demos can stand at
 * any moment. Parsing accepts ISO 8601 with or without an offset (without
 * one, the organisation's zone applies), a bare time of day ("15:30",
 * today), a date ("2026-11-30", local midnight), and offsets from now
 * ("+45m"). Input is NFKC-folded first, so full-width digits typed with a
 * Japanese input method work too.
 */
#include "core/timeutil.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/text.h"

/* A cursor over the folded input. */
struct scan {
    const char *p;
};

/* Read exactly n digits; false if they are not there. */
static bool digits(struct scan *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s->p[i])) {
            return false;
        }
        v = v * 10 + (s->p[i] - '0');
    }
    s->p += n;
    *out = v;
    return true;
}

/* Read one to n digits (at least one). */
static bool digits_upto(struct scan *s, int n, int *out)
{
    int v = 0;
    int i = 0;
    while (i < n && isdigit((unsigned char)s->p[i])) {
        v = v * 10 + (s->p[i] - '0');
        i++;
    }
    if (i == 0) {
        return false;
    }
    s->p += i;
    *out = v;
    return true;
}

/* Consume c if the cursor is on it. */
static bool accept(struct scan *s, char c)
{
    if (*s->p == c) {
        s->p++;
        return true;
    }
    return false;
}

/* A real date in years 1..9999. */
static bool valid_date(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && tz_is_valid_date(year, month, day);
}

/* Parse "YYYY-MM-DD" (or with '/') at the cursor. */
static bool scan_date(struct scan *s, int *year, int *month, int *day)
{
    if (!digits(s, 4, year)) {
        return false;
    }
    char sep = *s->p;
    if (sep != '-' && sep != '/') {
        return false;
    }
    s->p++;
    if (!digits_upto(s, 2, month) || !accept(s, sep) ||
        !digits_upto(s, 2, day)) {
        return false;
    }
    return valid_date(*year, *month, *day);
}

/* Parse "HH:MM[:SS[.fraction]]" at the cursor. */
static bool scan_time(struct scan *s, int *hour, int *minute, int *second)
{
    *second = 0;
    if (!digits_upto(s, 2, hour) || !accept(s, ':') ||
        !digits(s, 2, minute)) {
        return false;
    }
    if (accept(s, ':')) {
        if (!digits(s, 2, second)) {
            return false;
        }
        if (accept(s, '.')) {
            while (isdigit((unsigned char)*s->p)) {
                s->p++;
            }
        }
    }
    return *hour <= 23 && *minute <= 59 && *second <= 59;
}

/* Parse "Z", "+09:00", "+0900" or "+09"; sets *has to false when the
 * cursor is at the end. */
static bool scan_offset(struct scan *s, bool *has, int *seconds)
{
    *has = false;
    *seconds = 0;
    if (*s->p == '\0') {
        return true;
    }
    if (accept(s, 'Z') || accept(s, 'z')) {
        *has = true;
        return true;
    }
    int sign = 1;
    if (accept(s, '-')) {
        sign = -1;
    } else if (!accept(s, '+')) {
        return false;
    }
    int hours = 0;
    int minutes = 0;
    if (!digits(s, 2, &hours)) {
        return false;
    }
    if (accept(s, ':')) {
        if (!digits(s, 2, &minutes)) {
            return false;
        }
    } else if (isdigit((unsigned char)*s->p)) {
        if (!digits(s, 2, &minutes)) {
            return false;
        }
    }
    if (hours > 14 || minutes > 59) {
        return false;
    }
    *has = true;
    *seconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

/* Parse an absolute ISO 8601 date or date-time. */
static bool parse_absolute(const char *text, const struct tz *zone,
                           int64_t *out)
{
    struct scan s = {text};
    int year, month, day;
    if (!scan_date(&s, &year, &month, &day)) {
        return false;
    }
    int hour = 0, minute = 0, second = 0;
    if (*s.p == 'T' || *s.p == 't' || *s.p == ' ') {
        s.p++;
        if (!scan_time(&s, &hour, &minute, &second)) {
            return false;
        }
    }
    bool has_offset;
    int offset;
    if (!scan_offset(&s, &has_offset, &offset) || *s.p != '\0') {
        return false;
    }
    if (has_offset) {
        *out = tz_days_from_civil(year, month, day) * 86400 +
               (int64_t)hour * 3600 + minute * 60 + second - offset;
    } else {
        *out = tz_from_local(zone, year, month, day, hour, minute, second);
    }
    return true;
}

/* Parse "HH:MM" as that time today in zone (today as of now). */
static bool parse_time_of_day(const char *text, const struct tz *zone,
                              int64_t now, int64_t *out)
{
    struct scan s = {text};
    int hour, minute, second;
    if (!scan_time(&s, &hour, &minute, &second) || *s.p != '\0') {
        return false;
    }
    struct tz_tm today;
    tz_local(zone, now, &today);
    *out = tz_from_local(zone, today.year, today.month, today.day, hour,
                         minute, second);
    return true;
}

/* Read the current time: TAIO_NOW if set (any form timeutil_parse accepts
 * except relative ones, read as UTC when it has no offset), else the system
 * clock. Returns TAIO_EINVAL when TAIO_NOW is set but unreadable, so a
 * typo never silently falls back to the real clock. */
enum taio_status timeutil_now(int64_t *out)
{
    const char *fixed = getenv("TAIO_NOW");
    if (fixed && *fixed) {
        /* The server reads the clock for every request: each thread keeps
         * the last text it parsed and its value. */
        static _Thread_local char last_text[64];
        static _Thread_local int64_t last_value;
        if (strcmp(fixed, last_text) == 0) {
            *out = last_value;
            return TAIO_OK;
        }
        const struct tz *utc;
        tz_lookup("UTC", &utc);
        char *folded = NULL;
        if (text_nfkc(fixed, &folded) != TAIO_OK) {
            return TAIO_EINVAL;
        }
        bool ok = parse_absolute(folded, utc, out);
        free(folded);
        if (ok && strlen(fixed) < sizeof(last_text)) {
            strcpy(last_text, fixed);
            last_value = *out;
        }
        return ok ? TAIO_OK : TAIO_EINVAL;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *out = (int64_t)ts.tv_sec;
    return TAIO_OK;
}

/* Parse a moment as a person types it. Forms: ISO 8601 date-time with or
 * without offset ("2026-11-24T15:10", "2026/11/24 15:10+09:00"), a date
 * (local midnight), a time of day ("15:30": today in zone), "now", and a
 * relative "+DURATION" ("+45m", "+2h", "+1d"). Times without an offset are
 * read in zone; now anchors the relative forms. Returns TAIO_EINVAL for
 * anything else, including impossible dates such as 2026-02-30. */
enum taio_status timeutil_parse(const char *text, const struct tz *zone,
                                int64_t now, int64_t *out)
{
    char *folded = NULL;
    if (text == NULL || text_nfkc(text, &folded) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    char *t = folded;
    while (isspace((unsigned char)*t)) {
        t++;
    }
    size_t len = strlen(t);
    while (len > 0 && isspace((unsigned char)t[len - 1])) {
        t[--len] = '\0';
    }
    enum taio_status status = TAIO_EINVAL;
    if (strcmp(t, "now") == 0) {
        *out = now;
        status = TAIO_OK;
    } else if (t[0] == '+') {
        int64_t minutes;
        if (timeutil_parse_duration(t + 1, 0, &minutes) == TAIO_OK) {
            *out = now + minutes * 60;
            status = TAIO_OK;
        }
    } else if (parse_absolute(t, zone, out) ||
               parse_time_of_day(t, zone, now, out)) {
        status = TAIO_OK;
    }
    free(folded);
    return status;
}

/* Parse a calendar date "YYYY-MM-DD" (or "YYYY/MM/DD"). */
enum taio_status timeutil_parse_date(const char *text, int *year, int *month,
                                     int *day)
{
    char *folded = NULL;
    if (text == NULL || text_nfkc(text, &folded) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    struct scan s = {folded};
    bool ok = scan_date(&s, year, month, day) && *s.p == '\0';
    free(folded);
    return ok ? TAIO_OK : TAIO_EINVAL;
}

/* Unit multiplier in minutes for a duration suffix, or -1. "bd" (営業日)
 * is a business day and is allowed only when business_day_minutes > 0. */
static int64_t unit_minutes(const char *unit, size_t len,
                            int64_t business_day_minutes)
{
    static const struct {
        const char *name;
        int64_t minutes;
    } UNITS[] = {
        {"m", 1},      {"min", 1},      {"分", 1},
        {"h", 60},     {"hr", 60},      {"時間", 60},
        {"d", 1440},   {"日", 1440},    {"w", 10080},
    };
    for (size_t i = 0; i < sizeof(UNITS) / sizeof(UNITS[0]); i++) {
        if (strlen(UNITS[i].name) == len &&
            memcmp(UNITS[i].name, unit, len) == 0) {
            return UNITS[i].minutes;
        }
    }
    bool business = (len == 2 && memcmp(unit, "bd", 2) == 0) ||
                    (len == strlen("営業日") &&
                     memcmp(unit, "営業日", len) == 0);
    if (business && business_day_minutes > 0) {
        return business_day_minutes;
    }
    return -1;
}

/* Parse a duration into minutes: "90" (minutes), "90m", "2h", "1h30m",
 * "1d", "2時間", "30分"; with business_day_minutes > 0 also "1bd"/"1営業日"
 * worth that many minutes. Zero is allowed; negative values are not. */
enum taio_status timeutil_parse_duration(const char *text,
                                         int64_t business_day_minutes,
                                         int64_t *minutes)
{
    char *folded = NULL;
    if (text == NULL || text_nfkc(text, &folded) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    const char *p = folded;
    int64_t total = 0;
    bool any = false;
    enum taio_status status = TAIO_OK;
    while (*p == ' ') {
        p++;
    }
    while (*p) {
        if (!isdigit((unsigned char)*p)) {
            status = TAIO_EINVAL;
            break;
        }
        int64_t value = 0;
        while (isdigit((unsigned char)*p)) {
            value = value * 10 + (*p - '0');
            if (value > 10000000) {
                status = TAIO_EINVAL;
                goto out;
            }
            p++;
        }
        const char *unit = p;
        while (*p && !isdigit((unsigned char)*p) && *p != ' ') {
            p++;
        }
        size_t unit_len = (size_t)(p - unit);
        int64_t mult = unit_len == 0 ? 1
                                     : unit_minutes(unit, unit_len,
                                                    business_day_minutes);
        if (mult < 0 || (unit_len == 0 && *p != '\0' && *p != ' ')) {
            status = TAIO_EINVAL;
            break;
        }
        total += value * mult;
        any = true;
        while (*p == ' ') {
            p++;
        }
    }
    if (status == TAIO_OK && !any) {
        status = TAIO_EINVAL;
    }
out:
    free(folded);
    if (status == TAIO_OK) {
        *minutes = total;
    }
    return status;
}

/* Write at as ISO 8601 in zone with its offset, e.g.
 * "2026-11-24T15:10:00+09:00". */
void timeutil_format_iso(const struct tz *zone, int64_t at,
                         char out[TIMEUTIL_ISO_MAX])
{
    struct tz_tm tm;
    tz_local(zone, at, &tm);
    int offset = tz_offset_at(zone, at);
    char sign = offset < 0 ? '-' : '+';
    int abs_offset = offset < 0 ? -offset : offset;
    snprintf(out, TIMEUTIL_ISO_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
             tm.year, tm.month, tm.day, tm.hour, tm.minute, tm.second, sign,
             abs_offset / 3600, abs_offset / 60 % 60);
}

/* Write at for people: "2026-11-24 15:10" in zone. */
void timeutil_format_local(const struct tz *zone, int64_t at,
                           char out[TIMEUTIL_ISO_MAX])
{
    struct tz_tm tm;
    tz_local(zone, at, &tm);
    snprintf(out, TIMEUTIL_ISO_MAX, "%04d-%02d-%02d %02d:%02d", tm.year,
             tm.month, tm.day, tm.hour, tm.minute);
}

/* Write a duration compactly in the form timeutil_parse_duration reads:
 * "45m", "2h", "1h30m", "3d4h". */
void timeutil_format_duration(int64_t minutes, char out[TIMEUTIL_ISO_MAX])
{
    int64_t days = minutes / 1440;
    int64_t hours = minutes / 60 % 24;
    int64_t mins = minutes % 60;
    size_t n = 0;
    out[0] = '\0';
    if (days) {
        n += (size_t)snprintf(out + n, TIMEUTIL_ISO_MAX - n, "%lldd",
                              (long long)days);
    }
    if (hours) {
        n += (size_t)snprintf(out + n, TIMEUTIL_ISO_MAX - n, "%lldh",
                              (long long)hours);
    }
    if (mins || n == 0) {
        snprintf(out + n, TIMEUTIL_ISO_MAX - n, "%lldm", (long long)mins);
    }
}

/* Write how far at is from now for people: "in 12 min", "3 h 5 min ago",
 * "2 days ago". */
void timeutil_format_relative(int64_t at, int64_t now, char *out, size_t size)
{
    int64_t diff = at - now;
    char amount[64];
    timeutil_format_span(diff < 0 ? -diff : diff, amount, sizeof(amount));
    snprintf(out, size, diff >= 0 ? _("in %s") : _("%s ago"), amount);
}

/* Write a length of time (seconds, not negative) for people: "12 min",
 * "3 h 5 min", "2 days". */
void timeutil_format_span(int64_t seconds, char *out, size_t size)
{
    int64_t minutes = seconds / 60;
    if (minutes < 60) {
        snprintf(out, size, _("%lld min"), (long long)minutes);
    } else if (minutes < 48 * 60) {
        snprintf(out, size, _("%lld h %lld min"), (long long)(minutes / 60),
                 (long long)(minutes % 60));
    } else {
        long long days = (long long)(minutes / 1440);
        snprintf(out, size,
                 ngettext("%lld day", "%lld days", (unsigned long)days), days);
    }
}
