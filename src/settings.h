/* SPDX-License-Identifier: MIT */
#ifndef TAIO_SETTINGS_H
#define TAIO_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "case.h"
#include "core/i18n.h"
#include "core/problems.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"

/*
 * The organisation's settings, loaded once per command or request. Every
 * key has a default, so an empty settings table is a working desk.
 */
struct settings {
    char *org_name;                       /* owned */
    const struct tz *zone;                /* the organisation's zone */
    struct calendar_week hours;           /* business hours */
    struct calendar_range *closed;        /* owned; company holidays */
    size_t n_closed;
    bool open_on_holidays;
    enum i18n_lang customer_lang;         /* of mail to customers who
                                             chose no language */
    int64_t cadence_min[CASE_IMPACT_COUNT]; /* update cadence by impact,
                                               minutes of reachable time */
    int64_t eta_grace_min;                /* business minutes to give an ETA */
    int64_t promise_lead_min;             /* default reminder lead time */
    bool promise_tell_taker;              /* a broken promise is also told
                                             to whoever took it */
    int64_t risk_percent;                 /* deadline at risk below this
                                             share of its time left */
    /* Escalation rules: a case still "new" this many wall minutes after
     * it came in goes to the manager; by kind and by impact (0: no rule;
     * the shorter applies). */
    int64_t escalate_kind_min[CASE_KIND_COUNT];
    int64_t escalate_impact_min[CASE_IMPACT_COUNT];
    bool report_kind[CASE_KIND_COUNT];     /* kinds that need a report */
    char *report_causes;                  /* owned; "a,b,c": the cause
                                             categories offered */
    bool report_same_day;                 /* a resolved case's report is
                                             due by the end of that
                                             business day (else off) */
    char *values[24];                     /* owned; text of each key, in
                                             settings_key order */
};

/* One settings key, for listing. */
struct settings_key {
    const char *key;         /* e.g. "cadence.stopped" */
    const char *default_value;
    const char *description; /* English msgid; translate with _() */
};

enum taio_status settings_load(struct db *db, struct settings *out);
void settings_defaults(struct settings *out);
void settings_clear(struct settings *s);
void settings_calendar(const struct settings *s, struct calendar *out);
int64_t settings_business_day_minutes(const struct settings *s);

size_t settings_key_count(void);
const struct settings_key *settings_key_at(size_t i);
const char *settings_value(const struct settings *s, const char *key);
enum taio_status settings_set(struct db *db, int64_t actor_id, int64_t now,
                              const char *key, const char *value,
                              struct problems *problems);

#endif
