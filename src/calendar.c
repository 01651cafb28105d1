/* SPDX-License-Identifier: MIT */
/*
 * calendar.c - when the organisation does business: Japanese national
 * holidays, weekly opening hours, company closing days, customer contact
 * windows, and business-time arithmetic over all of them.
 *
 * National holidays come from holiday.c.
 *
 * Business time is the time inside the weekly hours of a day that is not
 * closed, further limited by a customer's windows when given. All
 * arithmetic steps by whole days and spans, never minute by minute, and
 * every span boundary is converted with tz_from_local for its own day so
 * days with a daylight-saving change come out right.
 *
 * The module is pure: no SQL, no I/O, no global mutable state. Storing
 * calendars and windows is done by their owners (settings, windows.c).
 */
#include "calendar.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "holiday.h"

/* Dates as YYYYMMDD integers, for readable comparisons. */
#define DATE_KEY(y, m, d) ((int64_t)(y)*10000 + (m)*100 + (d))

/* ------------------------------------------------------------------ */
/* Weekly hours: parsing and printing                                 */
/* ------------------------------------------------------------------ */

/* Minutes in a day; also the largest span end ("24:00"). */
#define DAY_MINUTES 1440

/* Spans one day may collect while parsing, before they are merged. */
#define RAW_MAX_SPANS 64

/* Names of the weekdays, index 0 = Sunday: the canonical English form
 * and the one-character Japanese form. */
static const char *const DAY_NAMES[7] = {"sun", "mon", "tue", "wed",
                                         "thu", "fri", "sat"};
static const char *const DAY_NAMES_JA[7] = {"日", "月", "火", "水",
                                            "木", "金", "土"};

/* Spans collected per weekday while parsing, not yet sorted or merged. */
struct raw_week {
    struct calendar_span spans[7][RAW_MAX_SPANS];
    int n_spans[7];
};

/* True for the ASCII white space that may separate tokens. */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Shrink the slice [*start, *start + *len) so it neither begins nor ends
 * with white space. */
static void trim(const char **start, size_t *len)
{
    while (*len > 0 && is_space(**start)) {
        (*start)++;
        (*len)--;
    }
    while (*len > 0 && is_space((*start)[*len - 1])) {
        (*len)--;
    }
}

/* True when the slice text[0..len) equals word, ignoring ASCII case. word
 * must be lower case. */
static bool slice_equals(const char *text, size_t len, const char *word)
{
    if (strlen(word) != len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != word[i]) {
            return false;
        }
    }
    return true;
}

/* Find the first byte c in text[0..len); its offset, or len if absent. */
static size_t slice_find(const char *text, size_t len, char c)
{
    const char *hit = memchr(text, c, len);
    return hit != NULL ? (size_t)(hit - text) : len;
}

/* The weekday (0 = Sunday) named by the slice text[0..len), English
 * three-letter in any case or one Japanese character; -1 if neither. */
static int parse_day_name(const char *text, size_t len)
{
    for (int weekday = 0; weekday < 7; weekday++) {
        if (slice_equals(text, len, DAY_NAMES[weekday]) ||
            (strlen(DAY_NAMES_JA[weekday]) == len &&
             memcmp(text, DAY_NAMES_JA[weekday], len) == 0)) {
            return weekday;
        }
    }
    return -1;
}

/*
 * Parse a list of days such as "mon-fri", "mon,wed,fri" or "月-金" from
 * text[0..len) into *mask (bit w set for weekday w, 0 = Sunday). A range
 * runs forward through the week and may wrap ("sat-sun", "fri-mon").
 * Returns TAIO_EINVAL after adding a problem for field when a name is
 * unknown or missing.
 */
static enum taio_status parse_days(const char *text, size_t len, unsigned *mask,
                                   const char *field, struct problems *problems)
{
    *mask = 0;
    size_t pos = 0;
    while (pos <= len) {
        size_t item_len = slice_find(text + pos, len - pos, ',');
        const char *item = text + pos;
        pos += item_len + 1;
        trim(&item, &item_len);
        if (item_len == 0) {
            problems_add(problems, field, _("missing day name in \"%.*s\""),
                         (int)len, text);
            return TAIO_EINVAL;
        }
        size_t dash = slice_find(item, item_len, '-');
        const char *first = item;
        size_t first_len = dash;
        trim(&first, &first_len);
        int from = parse_day_name(first, first_len);
        if (from < 0) {
            problems_add(problems, field, _("unknown day name \"%.*s\""),
                         (int)first_len, first);
            return TAIO_EINVAL;
        }
        int to = from;
        if (dash < item_len) {
            const char *last = item + dash + 1;
            size_t last_len = item_len - dash - 1;
            trim(&last, &last_len);
            to = parse_day_name(last, last_len);
            if (to < 0) {
                problems_add(problems, field, _("unknown day name \"%.*s\""),
                             (int)last_len, last);
                return TAIO_EINVAL;
            }
        }
        for (int weekday = from;; weekday = (weekday + 1) % 7) {
            *mask |= 1u << weekday;
            if (weekday == to) {
                break;
            }
        }
    }
    return TAIO_OK;
}

/* Parse a clock time "H:MM" or "HH:MM" (00:00 to 24:00) from
 * text[0..len) into minutes since midnight. Returns false if malformed or
 * out of range. */
static bool parse_time(const char *text, size_t len, int *minutes)
{
    size_t colon = slice_find(text, len, ':');
    if (colon < 1 || colon > 2 || len != colon + 3) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (i != colon && (text[i] < '0' || text[i] > '9')) {
            return false;
        }
    }
    int hour =
        colon == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
    int minute = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
    if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) {
        return false;
    }
    *minutes = hour * 60 + minute;
    return true;
}

/*
 * Parse one span "HH:MM-HH:MM" from text[0..len) into *out. Returns
 * TAIO_EINVAL after adding a problem for field when the dash or a time is
 * malformed, or when the span does not end after it starts.
 */
static enum taio_status parse_span(const char *text, size_t len,
                                   struct calendar_span *out, const char *field,
                                   struct problems *problems)
{
    size_t dash = slice_find(text, len, '-');
    if (len == 0 || dash == len) {
        problems_add(problems, field,
                     _("opening hours \"%.*s\" are not a span like "
                       "09:00-18:00"),
                     (int)len, text);
        return TAIO_EINVAL;
    }
    const char *start = text;
    size_t start_len = dash;
    trim(&start, &start_len);
    const char *end = text + dash + 1;
    size_t end_len = len - dash - 1;
    trim(&end, &end_len);
    if (!parse_time(start, start_len, &out->start)) {
        problems_add(problems, field, _("time \"%.*s\" is not HH:MM"),
                     (int)start_len, start);
        return TAIO_EINVAL;
    }
    if (!parse_time(end, end_len, &out->end)) {
        problems_add(problems, field, _("time \"%.*s\" is not HH:MM"),
                     (int)end_len, end);
        return TAIO_EINVAL;
    }
    if (out->end <= out->start) {
        problems_add(problems, field,
                     _("opening hours \"%.*s\" must end after they start"),
                     (int)len, text);
        return TAIO_EINVAL;
    }
    return TAIO_OK;
}

/*
 * Parse "HH:MM-HH:MM", a stretch of every day that may pass midnight
 * (quiet hours "20:00-08:00"), into *out. Returns TAIO_EINVAL after adding
 * a problem for field when it is malformed or empty (both ends equal).
 */
enum taio_status calendar_daily_parse(const char *text,
                                      struct calendar_daily *out,
                                      const char *field,
                                      struct problems *problems)
{
    size_t len = strlen(text);
    size_t dash = slice_find(text, len, '-');
    const char *from = text;
    size_t from_len = dash;
    const char *to = text + (dash < len ? dash + 1 : len);
    size_t to_len = dash < len ? len - dash - 1 : 0;
    trim(&from, &from_len);
    trim(&to, &to_len);
    if (dash == len || !parse_time(from, from_len, &out->from) ||
        !parse_time(to, to_len, &out->to) || out->from == 1440) {
        problems_add(problems, field, "%s",
                     _("must be a span of the day like 20:00-08:00"));
        return TAIO_EINVAL;
    }
    if (out->from == out->to % 1440) {
        problems_add(problems, field, "%s",
                     _("must end at another time than it starts"));
        return TAIO_EINVAL;
    }
    return TAIO_OK;
}

/*
 * When the local time of at in zone lies inside daily, the moment daily
 * ends (the same or the next local day); otherwise 0.
 */
int64_t calendar_daily_end(const struct tz *zone,
                           const struct calendar_daily *daily, int64_t at)
{
    struct tz_tm t;
    tz_local(zone, at, &t);
    int minute = t.hour * 60 + t.minute;
    int to = daily->to;
    bool wraps = to <= daily->from;
    bool inside = wraps ? minute >= daily->from || minute < to
                        : minute >= daily->from && minute < to;
    if (!inside) {
        return 0;
    }
    int64_t days = tz_days_from_civil(t.year, t.month, t.day);
    if ((wraps && minute >= daily->from) || to == 1440) {
        days++; /* ends tomorrow morning, or at midnight */
        to %= 1440;
    }
    int year = 0;
    int month = 0;
    int day = 0;
    tz_civil_from_days(days, &year, &month, &day);
    return tz_from_local(zone, year, month, day, to / 60, to % 60, 0);
}

/*
 * Parse one group "DAYS SPANS" (e.g. "mon-fri 09:00-12:00,13:00-18:00")
 * from text[0..len), already trimmed and not empty, and add its spans to
 * each of its days in *raw. The day list ends where the first digit
 * starts. Returns TAIO_EINVAL after adding a problem for field on any
 * error, including a day collecting more than RAW_MAX_SPANS spans.
 */
static enum taio_status parse_group(const char *text, size_t len,
                                    struct raw_week *raw, const char *field,
                                    struct problems *problems)
{
    size_t split = 0;
    while (split < len && (text[split] < '0' || text[split] > '9')) {
        split++;
    }
    const char *days_text = text;
    size_t days_len = split;
    trim(&days_text, &days_len);
    if (days_len == 0) {
        problems_add(problems, field,
                     _("\"%.*s\" does not start with day names such as "
                       "mon-fri"),
                     (int)len, text);
        return TAIO_EINVAL;
    }
    if (split == len) {
        problems_add(problems, field,
                     _("\"%.*s\" has no opening hours after the day names"),
                     (int)len, text);
        return TAIO_EINVAL;
    }
    unsigned mask = 0;
    enum taio_status status =
        parse_days(days_text, days_len, &mask, field, problems);
    if (status != TAIO_OK) {
        return status;
    }
    const char *spans_text = text + split;
    size_t spans_len = len - split;
    size_t pos = 0;
    while (pos <= spans_len) {
        size_t item_len = slice_find(spans_text + pos, spans_len - pos, ',');
        const char *item = spans_text + pos;
        pos += item_len + 1;
        trim(&item, &item_len);
        struct calendar_span span;
        status = parse_span(item, item_len, &span, field, problems);
        if (status != TAIO_OK) {
            return status;
        }
        for (int weekday = 0; weekday < 7; weekday++) {
            if ((mask & (1u << weekday)) == 0) {
                continue;
            }
            if (raw->n_spans[weekday] == RAW_MAX_SPANS) {
                problems_add(problems, field,
                             _("%s has more than %d opening spans"),
                             DAY_NAMES[weekday], CALENDAR_MAX_SPANS);
                return TAIO_EINVAL;
            }
            raw->spans[weekday][raw->n_spans[weekday]++] = span;
        }
    }
    return TAIO_OK;
}

/* qsort comparison of two spans by start, then end. */
static int compare_spans(const void *a, const void *b)
{
    const struct calendar_span *left = a;
    const struct calendar_span *right = b;
    if (left->start != right->start) {
        return left->start < right->start ? -1 : 1;
    }
    if (left->end != right->end) {
        return left->end < right->end ? -1 : 1;
    }
    return 0;
}

/*
 * Sort and merge the spans each day collected in *raw (overlapping or
 * touching spans become one) and store them in *out. Returns TAIO_EINVAL
 * after adding a problem for field when a day still has more than
 * CALENDAR_MAX_SPANS spans.
 */
static enum taio_status merge_week(struct raw_week *raw,
                                   struct calendar_week *out, const char *field,
                                   struct problems *problems)
{
    memset(out, 0, sizeof(*out));
    for (int weekday = 0; weekday < 7; weekday++) {
        struct calendar_span *spans = raw->spans[weekday];
        int n_raw = raw->n_spans[weekday];
        qsort(spans, (size_t)n_raw, sizeof(spans[0]), compare_spans);
        int n_merged = 0;
        for (int i = 0; i < n_raw; i++) {
            if (n_merged > 0 && spans[i].start <= spans[n_merged - 1].end) {
                if (spans[i].end > spans[n_merged - 1].end) {
                    spans[n_merged - 1].end = spans[i].end;
                }
                continue;
            }
            spans[n_merged++] = spans[i];
        }
        if (n_merged > CALENDAR_MAX_SPANS) {
            problems_add(problems, field,
                         _("%s has more than %d opening spans"),
                         DAY_NAMES[weekday], CALENDAR_MAX_SPANS);
            return TAIO_EINVAL;
        }
        memcpy(out->spans[weekday], spans, (size_t)n_merged * sizeof(*spans));
        out->n_spans[weekday] = n_merged;
    }
    return TAIO_OK;
}

/*
 * Parse weekly opening hours, e.g. "mon-fri 09:00-12:00,13:00-18:00;
 * sat 09:00-12:00" or "月-金 9:00-18:00", into *out.
 *
 * Grammar: groups separated by ";", each a day list followed by spans.
 * Days are sun mon tue wed thu fri sat (any case) or 日 月 火 水 木 金 土,
 * as single days, ranges ("mon-fri", wrapping allowed: "sat-sun") and
 * comma lists. Spans are "H:MM-HH:MM" separated by commas; 24:00 may end a
 * span. The whole text "always" means every day 00:00-24:00; "closed" or
 * blank means no hours. Spans of a day given more than once are merged and
 * sorted. text arrives NFKC-folded (ASCII digits and punctuation).
 *
 * field names the input in problems. Returns TAIO_OK, or TAIO_EINVAL after
 * adding one problem for field that says what is wrong (unknown day name,
 * malformed time, span ending before it starts, more than
 * CALENDAR_MAX_SPANS spans in a day after merging); *out is then
 * unspecified.
 */
enum taio_status calendar_week_parse(const char *text,
                                     struct calendar_week *out,
                                     const char *field,
                                     struct problems *problems)
{
    const char *whole = text;
    size_t whole_len = strlen(text);
    trim(&whole, &whole_len);
    memset(out, 0, sizeof(*out));
    if (whole_len == 0 || slice_equals(whole, whole_len, "closed")) {
        return TAIO_OK;
    }
    if (slice_equals(whole, whole_len, "always")) {
        for (int weekday = 0; weekday < 7; weekday++) {
            out->spans[weekday][0].start = 0;
            out->spans[weekday][0].end = DAY_MINUTES;
            out->n_spans[weekday] = 1;
        }
        return TAIO_OK;
    }
    struct raw_week raw = {0};
    size_t pos = 0;
    while (pos <= whole_len) {
        size_t group_len = slice_find(whole + pos, whole_len - pos, ';');
        const char *group = whole + pos;
        pos += group_len + 1;
        trim(&group, &group_len);
        if (group_len == 0) {
            continue; /* tolerate "a; ; b" and a trailing ";" */
        }
        enum taio_status status =
            parse_group(group, group_len, &raw, field, problems);
        if (status != TAIO_OK) {
            return status;
        }
    }
    return merge_week(&raw, out, field, problems);
}

/* True when weekdays a and b of week have exactly the same spans. */
static bool same_day(const struct calendar_week *week, int a, int b)
{
    if (week->n_spans[a] != week->n_spans[b]) {
        return false;
    }
    for (int i = 0; i < week->n_spans[a]; i++) {
        if (week->spans[a][i].start != week->spans[b][i].start ||
            week->spans[a][i].end != week->spans[b][i].end) {
            return false;
        }
    }
    return true;
}

/*
 * The canonical text of week, which calendar_week_parse turns back into
 * an identical week: runs of consecutive days (Monday first, Sunday last)
 * with identical spans, e.g. "mon-fri 09:00-18:00; sat 09:00-12:00".
 * Closed days are left out; a week with no hours is "closed" and one open
 * 00:00-24:00 every day is "always". Spans of week must be sorted and
 * disjoint, as the parser leaves them. Returns a malloc'd string; free
 * with free().
 */
char *calendar_week_format(const struct calendar_week *week)
{
    bool is_empty = true;
    bool is_always = true;
    for (int weekday = 0; weekday < 7; weekday++) {
        int n = week->n_spans[weekday];
        assert(n >= 0 && n <= CALENDAR_MAX_SPANS);
        if (n > 0) {
            is_empty = false;
        }
        if (n != 1 || week->spans[weekday][0].start != 0 ||
            week->spans[weekday][0].end != DAY_MINUTES) {
            is_always = false;
        }
    }
    if (is_empty) {
        return xstrdup("closed");
    }
    if (is_always) {
        return xstrdup("always");
    }
    struct buf text = {0};
    int order = 0; /* position in Monday-first order, 0..6 */
    while (order < 7) {
        int first = (order + 1) % 7;
        int run_end = order;
        while (run_end + 1 < 7 && same_day(week, first, (run_end + 2) % 7)) {
            run_end++;
        }
        int last = (run_end + 1) % 7;
        order = run_end + 1;
        if (week->n_spans[first] == 0) {
            continue;
        }
        if (text.len > 0) {
            buf_puts(&text, "; ");
        }
        buf_puts(&text, DAY_NAMES[first]);
        if (last != first) {
            buf_printf(&text, "-%s", DAY_NAMES[last]);
        }
        for (int i = 0; i < week->n_spans[first]; i++) {
            const struct calendar_span *span = &week->spans[first][i];
            buf_printf(&text, "%c%02d:%02d-%02d:%02d", i == 0 ? ' ' : ',',
                       span->start / 60, span->start % 60, span->end / 60,
                       span->end % 60);
        }
    }
    return buf_steal(&text);
}

/*
 * The length of one business day: the largest total of open minutes over
 * the weekdays of week (0 when it has no hours at all).
 */
int calendar_week_longest_day(const struct calendar_week *week)
{
    int longest = 0;
    for (int weekday = 0; weekday < 7; weekday++) {
        int total = 0;
        for (int i = 0; i < week->n_spans[weekday]; i++) {
            total +=
                week->spans[weekday][i].end - week->spans[weekday][i].start;
        }
        if (total > longest) {
            longest = total;
        }
    }
    return longest;
}

/* ------------------------------------------------------------------ */
/* Date ranges                                                        */
/* ------------------------------------------------------------------ */

/*
 * Parse the digits of text[0..len) separated by '-' into at most 3
 * numbers: "2026-08-13" or "08-13". The first number of three must have 4
 * digits, every other one 1 or 2. Stores them in parts and their count in
 * *n_parts. Returns false on any other shape.
 */
static bool parse_date_parts(const char *text, size_t len, int parts[3],
                             int *n_parts)
{
    *n_parts = 0;
    size_t pos = 0;
    size_t widths[3];
    while (pos <= len) {
        size_t item_len = slice_find(text + pos, len - pos, '-');
        if (*n_parts == 3 || item_len == 0 || item_len > 4) {
            return false;
        }
        int value = 0;
        for (size_t i = 0; i < item_len; i++) {
            char c = text[pos + i];
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        widths[*n_parts] = item_len;
        parts[(*n_parts)++] = value;
        pos += item_len + 1;
    }
    if (*n_parts < 2 || (*n_parts == 3 && widths[0] != 4)) {
        return false;
    }
    for (int i = *n_parts == 3 ? 1 : 0; i < *n_parts; i++) {
        if (widths[i] > 2) {
            return false;
        }
    }
    return true;
}

/*
 * Parse a run of days into *out: "2026-08-13..2026-08-16", "2026-08-13"
 * (one day), "12-29..01-03" (every year, may wrap the year end) or "08-13"
 * (one day every year). Annual ranges get year 0 and annual set; 02-29 is
 * accepted in them. White space around the text and the ".." is ignored.
 * Returns TAIO_EINVAL for any other shape, a date that does not exist, a
 * mix of annual and dated ends, or a dated range that ends before it
 * starts; *out is then unspecified.
 */
enum taio_status calendar_range_parse(const char *text,
                                      struct calendar_range *out)
{
    const char *whole = text;
    size_t whole_len = strlen(text);
    trim(&whole, &whole_len);
    memset(out, 0, sizeof(*out));
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < whole_len; i++) {
        if (whole[i] == '.' && whole[i + 1] == '.') {
            dots = whole + i;
            break;
        }
    }
    const char *from_text = whole;
    size_t from_len = dots != NULL ? (size_t)(dots - whole) : whole_len;
    const char *to_text = dots != NULL ? dots + 2 : whole;
    size_t to_len = dots != NULL ? whole_len - from_len - 2 : whole_len;
    trim(&from_text, &from_len);
    trim(&to_text, &to_len);
    int from[3];
    int to[3];
    int n_from = 0;
    int n_to = 0;
    if (!parse_date_parts(from_text, from_len, from, &n_from) ||
        !parse_date_parts(to_text, to_len, to, &n_to) || n_from != n_to) {
        return TAIO_EINVAL;
    }
    out->annual = n_from == 2;
    if (out->annual) {
        /* A leap year, so that 02-29 counts as a real day. */
        if (!tz_is_valid_date(2000, from[0], from[1]) ||
            !tz_is_valid_date(2000, to[0], to[1])) {
            return TAIO_EINVAL;
        }
        out->from_month = from[0];
        out->from_day = from[1];
        out->to_month = to[0];
        out->to_day = to[1];
        return TAIO_OK;
    }
    if (!tz_is_valid_date(from[0], from[1], from[2]) ||
        !tz_is_valid_date(to[0], to[1], to[2]) ||
        tz_days_from_civil(from[0], from[1], from[2]) >
            tz_days_from_civil(to[0], to[1], to[2])) {
        return TAIO_EINVAL;
    }
    out->from_year = from[0];
    out->from_month = from[1];
    out->from_day = from[2];
    out->to_year = to[0];
    out->to_month = to[1];
    out->to_day = to[2];
    return TAIO_OK;
}

/*
 * The canonical text of range, which calendar_range_parse reads back:
 * "YYYY-MM-DD" or "MM-DD" for one day, "A..B" otherwise. Returns a
 * malloc'd string; free with free().
 */
char *calendar_range_format(const struct calendar_range *range)
{
    struct buf text = {0};
    bool is_one_day = range->to_month == range->from_month &&
                      range->to_day == range->from_day;
    if (range->annual) {
        buf_printf(&text, "%02d-%02d", range->from_month, range->from_day);
        if (!is_one_day) {
            buf_printf(&text, "..%02d-%02d", range->to_month, range->to_day);
        }
    } else {
        buf_printf(&text, "%04d-%02d-%02d", range->from_year, range->from_month,
                   range->from_day);
        if (!is_one_day || range->to_year != range->from_year) {
            buf_printf(&text, "..%04d-%02d-%02d", range->to_year,
                       range->to_month, range->to_day);
        }
    }
    return buf_steal(&text);
}

/* True when year-month-day lies in range (both ends included; an annual
 * range compares month and day only and may wrap the year end). */
static bool range_contains(const struct calendar_range *range, int year,
                           int month, int day)
{
    if (range->annual) {
        int key = month * 100 + day;
        int from = range->from_month * 100 + range->from_day;
        int to = range->to_month * 100 + range->to_day;
        if (from <= to) {
            return key >= from && key <= to;
        }
        return key >= from || key <= to;
    }
    int64_t key = DATE_KEY(year, month, day);
    return key >=
               DATE_KEY(range->from_year, range->from_month, range->from_day) &&
           key <= DATE_KEY(range->to_year, range->to_month, range->to_day);
}

/* True when year-month-day lies in any of ranges[0..n_ranges). */
static bool ranges_contain(const struct calendar_range *ranges, size_t n_ranges,
                           int year, int month, int day)
{
    for (size_t i = 0; i < n_ranges; i++) {
        if (range_contains(&ranges[i], year, month, day)) {
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Business time                                                      */
/* ------------------------------------------------------------------ */

/* How far calendar_add_business looks ahead, in days, before it gives up
 * (three years, a leap day included). */
#define ADD_LIMIT_DAYS 1096

/* Most spans of one day once the organisation's and a customer's weekly
 * hours are intersected (n + m - 1 pieces at most). */
#define DAY_MAX_SPANS (2 * CALENDAR_MAX_SPANS)

/*
 * True when the organisation does no business at all on year-month-day:
 * the day is a Japanese public holiday (unless cal->open_on_holidays) or
 * lies in one of cal->closed. Weekly hours are not considered.
 */
bool calendar_is_closed_day(const struct calendar *cal, int year, int month,
                            int day)
{
    if (ranges_contain(cal->closed, cal->n_closed, year, month, day)) {
        return true;
    }
    return !cal->open_on_holidays &&
           holiday_name(year, month, day) != NULL;
}

/* Intersect the sorted, disjoint span lists a[0..n_a) and b[0..n_b) into
 * out, which has room for n_a + n_b entries. Returns the count. */
static int intersect_spans(const struct calendar_span *a, int n_a,
                           const struct calendar_span *b, int n_b,
                           struct calendar_span *out)
{
    int n_out = 0;
    int i = 0;
    int j = 0;
    while (i < n_a && j < n_b) {
        int start = a[i].start > b[j].start ? a[i].start : b[j].start;
        int end = a[i].end < b[j].end ? a[i].end : b[j].end;
        if (start < end) {
            out[n_out].start = start;
            out[n_out].end = end;
            n_out++;
        }
        if (a[i].end < b[j].end) {
            i++;
        } else {
            j++;
        }
    }
    return n_out;
}

/*
 * The business stretches of one local day (counted in days from
 * 1970-01-01) as UTC intervals, sorted and disjoint, in out (room for
 * DAY_MAX_SPANS). Applies cal's weekly hours and closed days and, when win
 * is not NULL, the customer's weekly hours and closed days; busy intervals
 * are not applied here. Each boundary is converted with tz_from_local for
 * that day, so a span crossing a daylight-saving change has its true
 * length; a span that vanishes in a skipped hour is dropped. Returns the
 * count.
 */
static int day_intervals(const struct calendar *cal,
                         const struct calendar_windows *win, int64_t days,
                         struct calendar_interval *out)
{
    int weekday = tz_weekday_of_days(days);
    const struct calendar_span *spans = cal->hours.spans[weekday];
    int n_spans = cal->hours.n_spans[weekday];
    bool has_week = win != NULL && win->has_week;
    if (n_spans == 0 || (has_week && win->week.n_spans[weekday] == 0)) {
        return 0;
    }
    int year;
    int month;
    int day;
    tz_civil_from_days(days, &year, &month, &day);
    if (calendar_is_closed_day(cal, year, month, day)) {
        return 0;
    }
    if (win != NULL &&
        ranges_contain(win->closed, win->n_closed, year, month, day)) {
        return 0;
    }
    struct calendar_span both[DAY_MAX_SPANS];
    if (has_week) {
        n_spans = intersect_spans(spans, n_spans, win->week.spans[weekday],
                                  win->week.n_spans[weekday], both);
        spans = both;
    }
    int n_out = 0;
    for (int i = 0; i < n_spans; i++) {
        int64_t from_at =
            tz_from_local(cal->zone, year, month, day, spans[i].start / 60,
                          spans[i].start % 60, 0);
        int64_t to_at = tz_from_local(cal->zone, year, month, day,
                                      spans[i].end / 60, spans[i].end % 60, 0);
        if (to_at > from_at) {
            out[n_out].from_at = from_at;
            out[n_out].to_at = to_at;
            n_out++;
        }
    }
    return n_out;
}

/*
 * Find the first stretch of [cursor, end) that no busy interval of win
 * covers (win may be NULL: nothing is busy). On success stores it as
 * [*free_from, *free_to) and returns true; returns false when busy
 * intervals cover everything left.
 */
static bool next_free(const struct calendar_windows *win, int64_t cursor,
                      int64_t end, int64_t *free_from, int64_t *free_to)
{
    size_t n_busy = win != NULL ? win->n_busy : 0;
    bool moved = true;
    while (moved && cursor < end) {
        moved = false;
        for (size_t i = 0; i < n_busy; i++) {
            const struct calendar_interval *busy = &win->busy[i];
            if (busy->from_at <= cursor && cursor < busy->to_at) {
                cursor = busy->to_at;
                moved = true;
            }
        }
    }
    if (cursor >= end) {
        return false;
    }
    int64_t stop = end;
    for (size_t i = 0; i < n_busy; i++) {
        int64_t busy_from = win->busy[i].from_at;
        if (busy_from > cursor && busy_from < stop &&
            win->busy[i].to_at > busy_from) {
            stop = busy_from;
        }
    }
    *free_from = cursor;
    *free_to = stop;
    return true;
}

/* The local day, counted from 1970-01-01, that instant at falls on in
 * zone. */
static int64_t local_day_of(const struct tz *zone, int64_t at)
{
    struct tz_tm local;
    tz_local(zone, at, &local);
    return tz_days_from_civil(local.year, local.month, local.day);
}

/*
 * True when at is business time: seen in cal->zone it falls on a day that
 * is not closed (calendar_is_closed_day) and inside cal->hours for that
 * weekday; and, when win is not NULL, on a day outside win->closed,
 * inside win->week when win->has_week, and in no win->busy interval
 * [from_at, to_at).
 */
bool calendar_is_business_time(const struct calendar *cal,
                               const struct calendar_windows *win, int64_t at)
{
    struct calendar_interval spans[DAY_MAX_SPANS];
    int n_spans = day_intervals(cal, win, local_day_of(cal->zone, at), spans);
    for (int i = 0; i < n_spans; i++) {
        if (at >= spans[i].from_at && at < spans[i].to_at) {
            int64_t free_from = 0;
            int64_t free_to = 0;
            return next_free(win, at, at + 1, &free_from, &free_to);
        }
    }
    return false;
}

/*
 * The end of the business day of at: when at is in business time, the end
 * of that day's last span; otherwise that of the next business day (a
 * case resolved at night has its report due the next evening). Stored in
 * *out; TAIO_EINVAL when no business day follows.
 */
enum taio_status calendar_day_end(const struct calendar *cal, int64_t at,
                                  int64_t *out)
{
    int64_t start = at;
    if (!calendar_is_business_time(cal, NULL, at)) {
        int64_t first_minute_end = 0;
        enum taio_status status =
            calendar_add_business(cal, NULL, at, 1, &first_minute_end);
        if (status != TAIO_OK) {
            return status;
        }
        start = first_minute_end - 60;
    }
    struct calendar_interval spans[DAY_MAX_SPANS];
    int n = day_intervals(cal, NULL, local_day_of(cal->zone, start), spans);
    if (n == 0) {
        return TAIO_EINVAL;
    }
    *out = spans[n - 1].to_at;
    return TAIO_OK;
}

/*
 * The latest end of a business day at or before at (the close of the
 * last business day that is over), stored in *out; TAIO_EINVAL when none
 * is found within ADD_LIMIT_DAYS. Since calendar_day_end() gives the
 * first day end after its argument, a time r ends its day after at
 * exactly when r >= this: the scheduler reads the resolutions whose
 * business day closed since its last pass as one range.
 */
enum taio_status calendar_day_end_before(const struct calendar *cal,
                                         int64_t at, int64_t *out)
{
    int64_t today = local_day_of(cal->zone, at);
    for (int64_t days = today; days >= today - ADD_LIMIT_DAYS; days--) {
        struct calendar_interval spans[DAY_MAX_SPANS];
        int n = day_intervals(cal, NULL, days, spans);
        if (n > 0 && spans[n - 1].to_at <= at) {
            *out = spans[n - 1].to_at;
            return TAIO_OK;
        }
    }
    return TAIO_EINVAL;
}

/*
 * calendar_day_end() through memo. The end of at's business day is the
 * first day end after at, so when at ends its day at e, every instant of
 * [at, e) does too: one computation answers a whole stretch, and a slot
 * keeps the widest stretch found for its hour.
 */
enum taio_status calendar_day_end_memo(const struct calendar *cal,
                                       struct calendar_day_ends *memo,
                                       int64_t at, int64_t *out)
{
    uint64_t hour = (uint64_t)(at / 3600);
    struct calendar_day_end_slot *slot =
        &memo->slot[hour % CALENDAR_DAY_END_SLOTS];
    if (slot->end && slot->from <= at && at < slot->end) {
        *out = slot->end;
        return TAIO_OK;
    }
    enum taio_status status = calendar_day_end(cal, at, out);
    if (status != TAIO_OK) {
        return status;
    }
    if (slot->end == *out) {
        slot->from = at < slot->from ? at : slot->from;
    } else {
        slot->from = at;
        slot->end = *out;
    }
    return TAIO_OK;
}

/*
 * The earliest instant t >= from such that [from, t) holds exactly
 * minutes minutes of business time (as calendar_is_business_time defines
 * it), stored in *out. minutes == 0 gives from itself; a result landing
 * exactly on the end of a span is that end, not the start of the next
 * span. Steps by days and spans, not by minutes.
 *
 * Returns TAIO_EINVAL when minutes is negative or the target is not
 * reached on any local day from the one of from through ADD_LIMIT_DAYS
 * days later (e.g. no hours at all); *out is then unchanged.
 */
enum taio_status calendar_add_business(const struct calendar *cal,
                                       const struct calendar_windows *win,
                                       int64_t from, int64_t minutes,
                                       int64_t *out)
{
    if (minutes < 0 || minutes > (int64_t)ADD_LIMIT_DAYS * DAY_MINUTES) {
        return TAIO_EINVAL;
    }
    if (minutes == 0) {
        *out = from;
        return TAIO_OK;
    }
    int64_t remaining = minutes * 60;
    int64_t first_day = local_day_of(cal->zone, from);
    for (int64_t days = first_day; days <= first_day + ADD_LIMIT_DAYS; days++) {
        struct calendar_interval spans[DAY_MAX_SPANS];
        int n_spans = day_intervals(cal, win, days, spans);
        for (int i = 0; i < n_spans; i++) {
            int64_t cursor = spans[i].from_at > from ? spans[i].from_at : from;
            int64_t free_from = 0;
            int64_t free_to = 0;
            while (
                next_free(win, cursor, spans[i].to_at, &free_from, &free_to)) {
                if (remaining <= free_to - free_from) {
                    *out = free_from + remaining;
                    return TAIO_OK;
                }
                remaining -= free_to - free_from;
                cursor = free_to;
            }
        }
    }
    return TAIO_EINVAL;
}

/*
 * The business time (as calendar_is_business_time defines it) in
 * [from, to), in whole minutes rounded down; 0 when to <= from. Steps by
 * days and spans, so its cost grows with the number of days in between.
 */
int64_t calendar_business_minutes(const struct calendar *cal,
                                  const struct calendar_windows *win,
                                  int64_t from, int64_t to)
{
    if (to <= from) {
        return 0;
    }
    int64_t seconds = 0;
    int64_t last_day = local_day_of(cal->zone, to);
    for (int64_t days = local_day_of(cal->zone, from); days <= last_day;
         days++) {
        struct calendar_interval spans[DAY_MAX_SPANS];
        int n_spans = day_intervals(cal, win, days, spans);
        for (int i = 0; i < n_spans; i++) {
            int64_t cursor = spans[i].from_at > from ? spans[i].from_at : from;
            int64_t end = spans[i].to_at < to ? spans[i].to_at : to;
            int64_t free_from = 0;
            int64_t free_to = 0;
            while (next_free(win, cursor, end, &free_from, &free_to)) {
                seconds += free_to - free_from;
                cursor = free_to;
            }
        }
    }
    return seconds / 60;
}
