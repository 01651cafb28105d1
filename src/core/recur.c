/* SPDX-License-Identifier: MIT */
/*
 * recur.c - repeating periods from RFC 5545 recurrence rules, through
 * libical.
 *
 * A period is given by its first occurrence [first_from, first_from +
 * duration) and a rule such as "FREQ=MONTHLY;BYMONTHDAY=-3" (the last
 * three days of every month). Occurrences are computed on the local
 * calendar of a zone, so "every 25th at 00:00" stays at local midnight.
 * Only daily and coarser rules are accepted: finer ones describe no
 * business calendar and would expand into millions of intervals.
 */
#include "core/recur.h"

#include <libical/ical.h>
#include <string.h>

#include "core/xalloc.h"

/* Parse rule, or return false when it is not one taio accepts. */
static bool parse_rule(const char *rule, struct icalrecurrencetype *out)
{
    if (rule == NULL || *rule == '\0' || strlen(rule) > 500) {
        return false;
    }
    icalerror_set_errno(ICAL_NO_ERROR);
    *out = icalrecurrencetype_from_string(rule);
    if (icalerrno != ICAL_NO_ERROR) {
        icalerror_set_errno(ICAL_NO_ERROR);
        return false;
    }
    return out->freq == ICAL_DAILY_RECURRENCE ||
           out->freq == ICAL_WEEKLY_RECURRENCE ||
           out->freq == ICAL_MONTHLY_RECURRENCE ||
           out->freq == ICAL_YEARLY_RECURRENCE;
}

/* True when rule is a recurrence rule taio can expand: valid RFC 5545
 * RRULE text with FREQ DAILY, WEEKLY, MONTHLY or YEARLY. */
bool recur_rule_valid(const char *rule)
{
    struct icalrecurrencetype recur;
    return parse_rule(rule, &recur);
}

/* Expand the period that starts at first_from, lasts duration seconds and
 * repeats by rule (computed on zone's local calendar) into the
 * occurrences that overlap [horizon_from, horizon_to), at most max of
 * them, in time order. *out is malloc'd (NULL when none); free with
 * free(). Returns TAIO_EINVAL for a rule recur_rule_valid() refuses. */
enum taio_status recur_expand(const struct tz *zone, const char *rule,
                              int64_t first_from, int64_t duration,
                              int64_t horizon_from, int64_t horizon_to,
                              size_t max, struct recur_interval **out,
                              size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct icalrecurrencetype recur;
    if (!parse_rule(rule, &recur)) {
        return TAIO_EINVAL;
    }
    icaltimezone *ical_zone = tz_as_ical(zone);
    struct icaltimetype start =
        icaltime_from_timet_with_zone((time_t)first_from, 0, ical_zone);
    icalrecur_iterator *it = icalrecur_iterator_new(recur, start);
    if (it == NULL) {
        return TAIO_EINVAL;
    }
    struct recur_interval *list = NULL;
    size_t n = 0;
    size_t cap = 0;
    /* Rules that start long before the horizon are walked from their
     * first occurrence; the step limit bounds that walk. */
    for (int steps = 0; steps < 100000 && n < max; steps++) {
        struct icaltimetype next = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(next)) {
            break;
        }
        int64_t from_at = (int64_t)icaltime_as_timet_with_zone(next,
                                                                ical_zone);
        if (from_at >= horizon_to) {
            break;
        }
        if (from_at + duration <= horizon_from) {
            continue;
        }
        list = xgrow(list, &cap, n + 1, sizeof(*list));
        list[n].from_at = from_at;
        list[n].to_at = from_at + duration;
        n++;
    }
    icalrecur_iterator_free(it);
    *out = list;
    *n_out = n;
    return TAIO_OK;
}
