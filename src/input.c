/* SPDX-License-Identifier: MIT */
/*
 * input.c - turning what a person typed into a field (a time, a duration,
 * a case number, a login) into what the domain functions take, with the
 * same wording of every problem whether it came through the CLI or the
 * API.
 */
#include "input.h"

#include <string.h>

#include "case.h"
#include "contact.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/timeutil.h"
#include "user.h"

/* Read a moment for field: ISO 8601, a date, "15:30" (today), "+2h", in
 * the organisation's zone and relative to now. */
bool input_time(const struct settings *settings, int64_t now,
                const char *field, const char *text, int64_t *out,
                struct problems *problems)
{
    if (timeutil_parse(text, settings->zone, now, out) == TAIO_OK) {
        return true;
    }
    if (!text_is_utf8(text)) {
        problems_add(problems, field, "%s", _("is not valid UTF-8 text"));
    } else {
        problems_add(problems, field,
                     _("\"%s\" is not a valid time (e.g. 2026-11-24 15:30, "
                       "15:30 or +2h)"),
                     text);
    }
    return false;
}

/* Read a duration in minutes for field: "45m", "2h", "1h30m", "1bd" (a
 * business day of the organisation's hours). */
bool input_duration(const struct settings *settings, const char *field,
                    const char *text, int64_t *minutes,
                    struct problems *problems)
{
    int64_t day = settings_business_day_minutes(settings);
    if (timeutil_parse_duration(text, day, minutes) == TAIO_OK) {
        return true;
    }
    problems_add(problems, field,
                 _("\"%s\" is not a duration (e.g. 45m, 2h, 1h30m, 1bd)"),
                 text);
    return false;
}

/* Find a case by its number ("2026-0042", "2026-42"). Returns TAIO_OK, or
 * TAIO_EINVAL / TAIO_ENOTFOUND with a problem for "case". */
enum taio_status input_case(struct db *db, const char *ref, int64_t *id,
                            struct problems *problems)
{
    enum taio_status status = case_find(db, ref, id);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "case", _("no case has the number %s"), ref);
    } else if (status == TAIO_EINVAL) {
        problems_add(problems, "case",
                     _("\"%s\" is not a case number (e.g. 2026-0042)"),
                     ref ? ref : "");
    }
    return status;
}

/* Find a user by login for field. */
bool input_user(struct db *db, const char *field, const char *login,
                int64_t *id, struct problems *problems)
{
    struct user u;
    if (user_get_by_login(db, login, &u) == TAIO_OK) {
        *id = u.id;
        user_clear(&u);
        return true;
    }
    problems_add(problems, field, _("no user has the login \"%s\""), login);
    return false;
}

/* Find a contact person of the case's customer by ref (#id, name or
 * reading) for field. */
bool input_case_contact(struct db *db, int64_t case_id, const char *field,
                        const char *ref, int64_t *contact_id,
                        struct problems *problems)
{
    struct case_rec c;
    if (case_get(db, case_id, &c) != TAIO_OK) {
        return false;
    }
    bool ok = contact_resolve(db, c.customer_id, ref, field, problems,
                              contact_id) == TAIO_OK;
    case_rec_clear(&c);
    return ok;
}

/* The period and team of the metrics from what was typed: from and to
 * (default: the 90 days up to now), team a manager's login (default:
 * everyone). False after adding problems ("from", "to", "team"). */
bool input_metrics_query(struct db *db, const struct settings *settings,
                         int64_t now, const char *from, const char *to,
                         const char *team, struct metrics_query *q,
                         struct problems *problems)
{
    memset(q, 0, sizeof(*q));
    q->to_at = now;
    if (to && *to) {
        input_time(settings, now, "to", to, &q->to_at, problems);
    }
    q->from_at = q->to_at - 90 * 86400;
    if (from && *from) {
        input_time(settings, now, "from", from, &q->from_at, problems);
    }
    if (team && *team) {
        input_user(db, "team", team, &q->manager_id, problems);
    }
    return !problems_any(problems);
}
