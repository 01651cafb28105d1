/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CALENDAR_H
#define TAIO_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "core/tz.h"

/* Most opening spans one weekday can have (e.g. 09:00-12:00, 13:00-18:00). */
#define CALENDAR_MAX_SPANS 4

/* One stretch of a day, in minutes since local midnight: [start, end). */
struct calendar_span {
    int start; /* 0..1439 */
    int end;   /* start+1..1440 */
};

/* Opening hours for each weekday; index 0 is Sunday. A day with no spans is
 * closed. Spans of one day are sorted and do not overlap. */
struct calendar_week {
    struct calendar_span spans[7][CALENDAR_MAX_SPANS];
    int n_spans[7];
};

/* A run of whole local days, both ends included. When annual is set the
 * years are ignored and the range recurs every year, and may wrap the
 * year end ("12-29..01-03"). */
struct calendar_range {
    int from_year, from_month, from_day;
    int to_year, to_month, to_day;
    bool annual;
};

/* A stretch of absolute time, UTC seconds: [from_at, to_at). */
struct calendar_interval {
    int64_t from_at;
    int64_t to_at;
};

/*
 * The organisation's calendar: when it does business. Arrays are borrowed
 * from the caller and must outlive every use of the struct.
 */
struct calendar {
    const struct tz *zone;                 /* organisation's zone */
    struct calendar_week hours;            /* business hours by weekday */
    const struct calendar_range *closed;   /* company holidays */
    size_t n_closed;
    bool open_on_holidays;                 /* works on national holidays */
};

/*
 * When one customer (or contact person) can be reached. NULL wherever a
 * calendar_windows pointer is accepted means "whenever the organisation is
 * open". Reachable time is always inside business time: staff contact
 * customers only while at work.
 */
struct calendar_windows {
    bool has_week;                         /* false: no weekly limit */
    struct calendar_week week;             /* reachable hours by weekday */
    const struct calendar_range *closed;   /* closed days (borrowed) */
    size_t n_closed;
    const struct calendar_interval *busy;  /* do-not-contact periods */
    size_t n_busy;
};

/* Parsing and printing of the text forms used in settings and the CLI */
enum taio_status calendar_week_parse(const char *text,
                                     struct calendar_week *out,
                                     const char *field,
                                     struct problems *problems);
char *calendar_week_format(const struct calendar_week *week);
enum taio_status calendar_range_parse(const char *text,
                                      struct calendar_range *out);
char *calendar_range_format(const struct calendar_range *range);
int calendar_week_longest_day(const struct calendar_week *week);

/* A stretch of every day that may pass midnight ("20:00-08:00"), in
 * minutes since local midnight; from != to. */
struct calendar_daily {
    int from; /* 0..1439 */
    int to;   /* 0..1440 */
};

enum taio_status calendar_daily_parse(const char *text,
                                      struct calendar_daily *out,
                                      const char *field,
                                      struct problems *problems);
int64_t calendar_daily_end(const struct tz *zone,
                           const struct calendar_daily *daily, int64_t at);

/* Business time */
bool calendar_is_closed_day(const struct calendar *cal, int year, int month,
                            int day);
bool calendar_is_business_time(const struct calendar *cal,
                               const struct calendar_windows *win,
                               int64_t at);
enum taio_status calendar_day_end(const struct calendar *cal, int64_t at,
                                  int64_t *out);
enum taio_status calendar_day_end_before(const struct calendar *cal,
                                         int64_t at, int64_t *out);

/* Day ends already found, for many calls over one calendar (the metrics
 * ask for one per resolved case): a slot per hour of the clock, modulo
 * its size, holds a stretch [from, end) known to end its day at end.
 * Zero it before use. */
#define CALENDAR_DAY_END_SLOTS 512
struct calendar_day_end_slot {
    int64_t from;
    int64_t end;   /* 0: empty */
};
struct calendar_day_ends {
    struct calendar_day_end_slot slot[CALENDAR_DAY_END_SLOTS];
};
enum taio_status calendar_day_end_memo(const struct calendar *cal,
                                       struct calendar_day_ends *memo,
                                       int64_t at, int64_t *out);
enum taio_status calendar_add_business(const struct calendar *cal,
                                       const struct calendar_windows *win,
                                       int64_t from, int64_t minutes,
                                       int64_t *out);
int64_t calendar_business_minutes(const struct calendar *cal,
                                  const struct calendar_windows *win,
                                  int64_t from, int64_t to);

#endif
