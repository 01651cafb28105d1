/* SPDX-License-Identifier: MIT */
#ifndef TAIO_RECORD_JSON_H
#define TAIO_RECORD_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "agenda.h"
#include "case.h"
#include "checklist.h"
#include "contact.h"
#include "core/problems.h"
#include "core/tz.h"
#include "customer.h"
#include "history.h"
#include "metrics.h"
#include "promise.h"
#include "report.h"
#include "search.h"
#include "settings.h"
#include "timeline.h"
#include "user.h"

/* The JSON form of taio's records, shared by the CLI's --json and the
 * API. Every function returns a new reference (json_decref to free).
 * Times are ISO 8601 strings in zone, or null. */

json_t *record_json_time(const struct tz *zone, int64_t at);
json_t *record_json_report(const struct tz *zone, const struct report *r,
                           const struct report_facts *f);
json_t *record_json_checklist_items(const struct tz *zone,
                                    const struct checklist_item *items,
                                    size_t n);
json_t *record_json_checklist_templates(const struct checklist_template *list,
                                        size_t n);
json_t *record_json_metrics(const struct tz *zone, const struct metrics *m);
json_t *record_json_search_hit(const struct tz *zone,
                               const struct search_hit *hit);
json_t *record_json_case(const struct tz *zone, const struct case_rec *c);
json_t *record_json_event(const struct tz *zone,
                          const struct timeline_event *e);
json_t *record_json_promise(const struct tz *zone, const struct promise *p,
                            int64_t now);
json_t *record_json_customer(const struct tz *zone,
                             const struct customer *c);
json_t *record_json_customer_match(const struct customer_match *m);
json_t *record_json_contact(const struct contact *c);
json_t *record_json_user(const struct tz *zone, const struct user *u);
json_t *record_json_agenda_item(const struct tz *zone,
                                const struct agenda_item *it, int64_t now);
json_t *record_json_history(const struct tz *zone,
                            const struct history_entry *h);
json_t *record_json_holidays(int year);
json_t *record_json_settings(const struct settings *s);
json_t *record_json_problems(const char *error, const char *message,
                             const struct problems *problems);

#endif
