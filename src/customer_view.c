/* SPDX-License-Identifier: MIT */
/*
 * customer_view.c - one customer with everything shown beside it, loaded
 * in one place for the CLI's "customer show" and the API's GET of a
 * customer.
 */
#include "customer_view.h"

#include <string.h>

#include "record_json.h"

/* How many recent cases a customer's view lists. */
#define RECENT_CASES 20

/* Load customer id and what is shown beside it into out (clear with
 * customer_view_clear(), also after a failure). TAIO_ENOTFOUND when there
 * is no such customer. */
enum taio_status customer_view_load(struct db *db, int64_t id,
                                    struct customer_view *out)
{
    memset(out, 0, sizeof(*out));
    enum taio_status status = customer_get(db, id, &out->customer);
    if (status == TAIO_OK) {
        status = contact_list(db, id, &out->contacts, &out->n_contacts);
    }
    if (status == TAIO_OK) {
        struct case_filter filter = {.status = -1, .kind = -1,
                                     .customer_id = id,
                                     .limit = RECENT_CASES};
        status = case_list(db, &filter, &out->cases, &out->n_cases);
    }
    if (status == TAIO_OK) {
        status = customer_children(db, id, &out->children, &out->n_children);
    }
    if (status == TAIO_OK) {
        status = windows_busy_list(db, false, id, &out->busy, &out->n_busy);
    }
    return status;
}

/* Free what a view holds. Accepts a zeroed view. */
void customer_view_clear(struct customer_view *v)
{
    customer_clear(&v->customer);
    contact_list_free(v->contacts, v->n_contacts);
    case_list_free(v->cases, v->n_cases);
    customer_match_free(v->children, v->n_children);
    windows_busy_list_free(v->busy, v->n_busy);
    memset(v, 0, sizeof(*v));
}

/* The view as JSON: the customer's fields plus "contacts", "cases",
 * "children" and "busy". Times in zone. */
json_t *customer_view_json(const struct customer_view *v,
                           const struct tz *zone)
{
    json_t *o = record_json_customer(zone, &v->customer);
    json_t *people = json_array();
    for (size_t i = 0; i < v->n_contacts; i++) {
        json_array_append_new(people, record_json_contact(&v->contacts[i]));
    }
    json_object_set_new(o, "contacts", people);
    json_t *recent = json_array();
    for (size_t i = 0; i < v->n_cases; i++) {
        json_array_append_new(recent, record_json_case(zone, &v->cases[i]));
    }
    json_object_set_new(o, "cases", recent);
    json_t *under = json_array();
    for (size_t i = 0; i < v->n_children; i++) {
        json_array_append_new(under, record_json_customer_match(&v->children[i]));
    }
    json_object_set_new(o, "children", under);
    json_t *periods = json_array();
    for (size_t i = 0; i < v->n_busy; i++) {
        const struct windows_busy *b = &v->busy[i];
        json_array_append_new(
            periods,
            json_pack("{s:I, s:o, s:o, s:o, s:s}", "id", (json_int_t)b->id,
                      "from", record_json_time(zone, b->from_at), "to",
                      record_json_time(zone, b->to_at), "repeat",
                      b->rrule ? json_string(b->rrule) : json_null(), "note",
                      b->note ? b->note : ""));
    }
    json_object_set_new(o, "busy", periods);
    return o;
}
