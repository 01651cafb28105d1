/* SPDX-License-Identifier: MIT */
/*
 * settings.c - organisation settings: name, time zone, business hours,
 * company holidays, update cadence per impact level, ETA grace period,
 * promise reminder lead time and the deadline-risk threshold.
 *
 * Owns the settings table. Each key has a default and a parser; loading
 * applies the default and then the stored text through the same parser, so
 * what is stored is always read the way it was checked. Changes are
 * recorded in history (entity "setting").
 */
#include "settings.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "history.h"
#include "windows.h"

static const char SQL_ALL[] = "SELECT key, value FROM settings";

static const char SQL_GET[] = "SELECT value FROM settings WHERE key = $1";

static const char SQL_UPSERT[] =
    "INSERT INTO settings (key, value) VALUES ($1, $2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/* Parses text into s (or only checks it when s is NULL); on failure adds a
 * problem for field and returns false. */
typedef bool (*settings_apply_fn)(struct settings *s, const char *text,
                                  const char *field, struct problems *p);

struct key_def {
    struct settings_key pub;
    settings_apply_fn apply;
};

/* Parsers of each key (see settings_apply_fn). */
static bool apply_org_name(struct settings *s, const char *text,
                           const char *field, struct problems *p)
{
    if (!validate_text(p, field, text, true, 200)) {
        return false;
    }
    if (s) {
        free(s->org_name);
        s->org_name = xstrdup(text);
    }
    return true;
}

static bool apply_timezone(struct settings *s, const char *text,
                           const char *field, struct problems *p)
{
    const struct tz *zone = NULL;
    if (!text_is_utf8(text) || tz_lookup(text, &zone) != TAIO_OK) {
        problems_add(p, field, "%s",
                     _("is not a known time zone (e.g. Asia/Tokyo)"));
        return false;
    }
    if (s) {
        s->zone = zone;
    }
    return true;
}

static bool apply_hours(struct settings *s, const char *text,
                        const char *field, struct problems *p)
{
    char *folded = NULL;
    if (text_nfkc(text, &folded) != TAIO_OK) {
        problems_add(p, field, "%s", _("is not valid UTF-8 text"));
        return false;
    }
    struct calendar_week week;
    bool ok = calendar_week_parse(folded, &week, field, p) == TAIO_OK;
    free(folded);
    if (ok && s) {
        s->hours = week;
    }
    return ok;
}

static bool apply_closed(struct settings *s, const char *text,
                         const char *field, struct problems *p)
{
    struct calendar_range *ranges = NULL;
    size_t n = 0;
    if (windows_parse_ranges(text, field, p, &ranges, &n) != TAIO_OK) {
        return false;
    }
    if (s) {
        free(s->closed);
        s->closed = ranges;
        s->n_closed = n;
    } else {
        free(ranges);
    }
    return true;
}

/* yes/no, true/false or 1/0 into *target (may be NULL). */
static bool apply_bool(bool *target, const char *text, const char *field,
                       struct problems *p)
{
    bool value;
    if (strcmp(text, "yes") == 0 || strcmp(text, "true") == 0 ||
        strcmp(text, "1") == 0) {
        value = true;
    } else if (strcmp(text, "no") == 0 || strcmp(text, "false") == 0 ||
               strcmp(text, "0") == 0) {
        value = false;
    } else {
        problems_add(p, field, "%s", _("must be yes or no"));
        return false;
    }
    if (target) {
        *target = value;
    }
    return true;
}

static bool apply_open_on_holidays(struct settings *s, const char *text,
                                   const char *field, struct problems *p)
{
    return apply_bool(s ? &s->open_on_holidays : NULL, text, field, p);
}

/* A positive duration ("60m", "4h", "1d"); business days are not
 * accepted here because their length itself depends on the hours. */
static bool apply_minutes(int64_t *target, const char *text,
                          const char *field, struct problems *p)
{
    int64_t minutes = 0;
    if (timeutil_parse_duration(text, 0, &minutes) != TAIO_OK ||
        minutes <= 0 || minutes > 60 * 24 * 366) {
        problems_add(p, field, "%s",
                     _("must be a duration such as 30m, 4h or 1h30m"));
        return false;
    }
    if (target) {
        *target = minutes;
    }
    return true;
}

static bool apply_cadence_stopped(struct settings *s, const char *text,
                                  const char *field, struct problems *p)
{
    return apply_minutes(s ? &s->cadence_min[CASE_IMPACT_STOPPED] : NULL,
                         text, field, p);
}

static bool apply_cadence_degraded(struct settings *s, const char *text,
                                   const char *field, struct problems *p)
{
    return apply_minutes(s ? &s->cadence_min[CASE_IMPACT_DEGRADED] : NULL,
                         text, field, p);
}

static bool apply_cadence_minor(struct settings *s, const char *text,
                                const char *field, struct problems *p)
{
    return apply_minutes(s ? &s->cadence_min[CASE_IMPACT_MINOR] : NULL, text,
                         field, p);
}

static bool apply_eta_grace(struct settings *s, const char *text,
                            const char *field, struct problems *p)
{
    return apply_minutes(s ? &s->eta_grace_min : NULL, text, field, p);
}

static bool apply_promise_lead(struct settings *s, const char *text,
                               const char *field, struct problems *p)
{
    return apply_minutes(s ? &s->promise_lead_min : NULL, text, field, p);
}

static bool apply_tell_taker(struct settings *s, const char *text,
                             const char *field, struct problems *p)
{
    return apply_bool(s ? &s->promise_tell_taker : NULL, text, field, p);
}

static bool apply_customer_lang(struct settings *s, const char *text,
                                const char *field, struct problems *p)
{
    int lang = validate_index(text, I18N_LANG_NAMES);
    if (lang < 0) {
        problems_add(p, field, "%s", _("must be ja or en"));
        return false;
    }
    if (s) {
        s->customer_lang = (enum i18n_lang)lang;
    }
    return true;
}

static bool apply_risk_percent(struct settings *s, const char *text,
                               const char *field, struct problems *p)
{
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < 1 || value > 99) {
        problems_add(p, field, "%s", _("must be a whole number from 1 to 99"));
        return false;
    }
    if (s) {
        s->risk_percent = value;
    }
    return true;
}

/* A list of "name=duration" (e.g. "complaint=30m,trouble=2h") into
 * minutes[i] for names[i]; names not listed get 0 (no rule); "" and "off"
 * clear every rule. */
static bool apply_rules(int64_t *minutes, size_t n,
                        const char *const *names, const char *text,
                        const char *field, struct problems *p)
{
    int64_t parsed[8] = {0};
    assert(n <= 8);
    bool ok = true;
    if (text[0] != '\0' && strcmp(text, "off") != 0) {
        char *copy = xstrdup(text);
        char *rest = copy;
        for (char *item = strsep(&rest, ","); item && ok;
             item = strsep(&rest, ",")) {
            char *eq = strchr(item, '=');
            int i = -1;
            if (eq) {
                *eq = '\0';
                char *name = text_trim(item);
                for (size_t k = 0; k < n; k++) {
                    i = strcmp(name, names[k]) == 0 ? (int)k : i;
                }
                free(name);
            }
            int64_t value = 0;
            ok = i >= 0 &&
                 timeutil_parse_duration(eq + 1, 0, &value) == TAIO_OK &&
                 value > 0;
            if (ok) {
                parsed[i] = value;
            }
        }
        free(copy);
    }
    if (!ok) {
        problems_add(p, field, "%s",
                     _("must be a list such as complaint=30m,trouble=2h "
                       "(or off)"));
        return false;
    }
    if (minutes) {
        memcpy(minutes, parsed, n * sizeof(*minutes));
    }
    return true;
}

static bool apply_escalate_kinds(struct settings *s, const char *text,
                                 const char *field, struct problems *p)
{
    return apply_rules(s ? s->escalate_kind_min : NULL, CASE_KIND_COUNT,
                       CASE_KIND_NAMES, text, field, p);
}

static bool apply_escalate_impacts(struct settings *s, const char *text,
                                   const char *field, struct problems *p)
{
    return apply_rules(s ? s->escalate_impact_min : NULL, CASE_IMPACT_COUNT,
                       CASE_IMPACT_NAMES, text, field, p);
}

/* "trouble,complaint": the kinds whose cases need a report; "" none. */
static bool apply_report_kinds(struct settings *s, const char *text,
                               const char *field, struct problems *p)
{
    bool kinds[CASE_KIND_COUNT] = {false};
    char *copy = xstrdup(text);
    char *rest = copy;
    bool ok = true;
    for (char *item = strsep(&rest, ","); item && ok;
         item = strsep(&rest, ",")) {
        int k = validate_index(item, CASE_KIND_NAMES);
        ok = *item == '\0' || k >= 0;
        if (k >= 0) {
            kinds[k] = true;
        }
    }
    free(copy);
    if (!ok) {
        problems_add(p, field, "%s",
                     _("must be case kinds separated by commas, e.g. "
                       "trouble,complaint"));
        return false;
    }
    if (s) {
        memcpy(s->report_kind, kinds, sizeof(kinds));
    }
    return true;
}

/* The cause categories a report offers, comma-separated. */
static bool apply_report_causes(struct settings *s, const char *text,
                                const char *field, struct problems *p)
{
    if (!validate_text(p, field, text, true, 1000)) {
        return false;
    }
    if (s) {
        free(s->report_causes);
        s->report_causes = xstrdup(text);
    }
    return true;
}

/* When a report is due: "same_day" (by the end of the business day the
 * case was resolved) or "off". */
static bool apply_report_due(struct settings *s, const char *text,
                             const char *field, struct problems *p)
{
    bool same_day = strcmp(text, "same_day") == 0;
    if (!same_day && strcmp(text, "off") != 0) {
        problems_add(p, field, "%s", _("must be same_day or off"));
        return false;
    }
    if (s) {
        s->report_same_day = same_day;
    }
    return true;
}

static const struct key_def KEYS[] = {
    {{"org.name", "taio", N_("organisation name shown to staff")},
     apply_org_name},
    {{"org.timezone", "Asia/Tokyo", N_("time zone for every time shown")},
     apply_timezone},
    {{"org.hours", "mon-fri 09:00-18:00", N_("business hours by weekday")},
     apply_hours},
    {{"org.closed", "12-29..01-03",
      N_("company holidays: days or ranges, annual as MM-DD")},
     apply_closed},
    {{"org.open_on_holidays", "no",
      N_("whether national holidays are business days")},
     apply_open_on_holidays},
    {{"org.customer_lang", "ja",
      N_("language of mail to customers who chose none (ja or en)")},
     apply_customer_lang},
    {{"cadence.stopped", "60m",
      N_("update cadence when the customer's business is stopped")},
     apply_cadence_stopped},
    {{"cadence.degraded", "4h",
      N_("update cadence when the customer's business is degraded")},
     apply_cadence_degraded},
    {{"cadence.minor", "9h",
      N_("update cadence for minor impact (one business day)")},
     apply_cadence_minor},
    {{"eta.grace", "30m",
      N_("business time allowed before a new case must have an ETA")},
     apply_eta_grace},
    {{"promise.lead", "15m", N_("default reminder lead time of a promise")},
     apply_promise_lead},
    {{"promise.tell_taker", "no",
      N_("whether a promise due and not kept is also told to whoever took "
         "it (e.g. the clerk who answered the call)")},
     apply_tell_taker},
    {{"deadline.risk_percent", "25",
      N_("a deadline is at risk when less than this share of its time is "
         "left")},
     apply_risk_percent},
    {{"escalate.kinds", "complaint=30m",
      N_("escalate to the manager a case of this kind not acknowledged "
         "within this time")},
     apply_escalate_kinds},
    {{"escalate.impacts", "stopped=30m",
      N_("escalate to the manager a case of this impact not acknowledged "
         "within this time")},
     apply_escalate_impacts},
    {{"report.kinds", "trouble,complaint",
      N_("kinds of case that need an approved report before they close")},
     apply_report_kinds},
    {{"report.causes",
      "own_mistake,customer_environment,vendor,product_defect,communication",
      N_("cause categories a report can name, separated by commas")},
     apply_report_causes},
    {{"report.due", "same_day",
      N_("when a report is due: same_day (by the end of the business day "
         "the case was resolved) or off")},
     apply_report_due},
};

#define N_KEYS (sizeof(KEYS) / sizeof(KEYS[0]))

_Static_assert(N_KEYS <= sizeof(((struct settings *)0)->values) /
                             sizeof(char *),
               "struct settings.values too small");

/* Position of key in KEYS, or -1. */
static int key_index(const char *key)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        if (strcmp(KEYS[i].pub.key, key) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* Number of settings keys. */
size_t settings_key_count(void)
{
    return N_KEYS;
}

/* The i-th settings key (0 <= i < settings_key_count()). */
const struct settings_key *settings_key_at(size_t i)
{
    return &KEYS[i].pub;
}

/* Fill out with every default. Clear with settings_clear(). */
void settings_defaults(struct settings *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < N_KEYS; i++) {
        bool ok = KEYS[i].apply(out, KEYS[i].pub.default_value,
                                KEYS[i].pub.key, NULL);
        assert(ok && "every default must parse");
        (void)ok; /* unused when NDEBUG */
        out->values[i] = xstrdup(KEYS[i].pub.default_value);
    }
}

/* Load the organisation's settings: defaults overlaid with the stored
 * values. A stored value that no longer parses is logged and the default
 * kept. Clear with settings_clear(). */
enum taio_status settings_load(struct db *db, struct settings *out)
{
    settings_defaults(out);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ALL, &st);
    if (status != TAIO_OK) {
        settings_clear(out);
        return status;
    }
    enum db_step r;
    while ((r = db_step(st)) == DB_ROW) {
        const char *key = db_col_text(st, 0);
        const char *value = db_col_text(st, 1);
        int i = key_index(key);
        if (i < 0) {
            log_warn("ignoring unknown setting %s", key);
            continue;
        }
        if (!KEYS[i].apply(out, value, key, NULL)) {
            log_warn("setting %s=\"%s\" is invalid; using the default", key,
                     value);
            continue;
        }
        free(out->values[i]);
        out->values[i] = xstrdup(value);
    }
    if (r == DB_ERROR) {
        status = db_last_status(db);
        settings_clear(out);
    }
    db_finalize(st);
    return status;
}

/* Free what s owns and leave it zeroed. Accepts NULL. */
void settings_clear(struct settings *s)
{
    if (s == NULL) {
        return;
    }
    free(s->org_name);
    free(s->report_causes);
    free(s->closed);
    for (size_t i = 0; i < N_KEYS; i++) {
        free(s->values[i]);
    }
    memset(s, 0, sizeof(*s));
}

/* The organisation calendar described by s; borrows s's arrays, so s must
 * outlive *out. */
void settings_calendar(const struct settings *s, struct calendar *out)
{
    memset(out, 0, sizeof(*out));
    out->zone = s->zone;
    out->hours = s->hours;
    out->closed = s->closed;
    out->n_closed = s->n_closed;
    out->open_on_holidays = s->open_on_holidays;
}

/* Length of one business day in minutes: the longest day of the business
 * hours (540 for 09:00-18:00). Used for "1bd" durations. */
int64_t settings_business_day_minutes(const struct settings *s)
{
    int64_t minutes = calendar_week_longest_day(&s->hours);
    return minutes > 0 ? minutes : 480;
}

/* Current text of key, or NULL for an unknown key. Borrowed from s. */
const char *settings_value(const struct settings *s, const char *key)
{
    int i = key_index(key);
    return i < 0 ? NULL : s->values[i];
}

/* Store a new value for key after checking it. Records the change in
 * history. Returns TAIO_EINVAL (with a problem) for an unknown key or a
 * bad value. Runs in its own transaction. */
enum taio_status settings_set(struct db *db, int64_t actor_id, int64_t now,
                              const char *key, const char *value,
                              struct problems *problems)
{
    int i = key_index(key);
    if (i < 0) {
        problems_add(problems, "key", "%s", _("is not a known setting"));
        return TAIO_EINVAL;
    }
    if (!validate_text(problems, key, value, true, 1000)) {
        return TAIO_EINVAL;
    }
    char *trimmed = text_trim(value);
    if (!KEYS[i].apply(NULL, trimmed, key, problems)) {
        free(trimmed);
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        free(trimmed);
        return status;
    }
    char *old = NULL;
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_GET, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, key);
        if (db_step(st) == DB_ROW) {
            old = db_col_strdup(st, 0);
        }
        db_finalize(st);
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_UPSERT, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, key);
        db_bind_text(st, 2, trimmed);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record_change(
            db, now, actor_id, "setting", 0, key,
            old ? old : KEYS[i].pub.default_value, trimmed);
    }
    free(old);
    free(trimmed);
    return db_end(db, status);
}
