/* SPDX-License-Identifier: MIT */
/*
 * case_view.c - one case with everything shown beside it, loaded in one
 * place for the CLI's "case show" and the API's GET of a case, so both
 * show the same facts in the same JSON.
 */
#include "case_view.h"

#include <string.h>

#include "record_json.h"

/* Load case id with its customer, promises and timeline into out (clear
 * with case_view_clear(), also after a failure). TAIO_ENOTFOUND when
 * there is no such case. */
enum taio_status case_view_load(struct db *db, int64_t id,
                                struct case_view *out)
{
    memset(out, 0, sizeof(*out));
    enum taio_status status = case_get(db, id, &out->c);
    if (status == TAIO_OK) {
        status = customer_get(db, out->c.customer_id, &out->customer);
    }
    if (status == TAIO_OK) {
        status = timeline_list(db, id, &out->events, &out->n_events);
    }
    if (status == TAIO_OK) {
        struct promise_filter filter = {.case_id = id};
        status = promise_list(db, &filter, &out->promises, &out->n_promises);
    }
    return status;
}

/* Free what a view holds. Accepts a zeroed view. */
void case_view_clear(struct case_view *v)
{
    case_rec_clear(&v->c);
    customer_clear(&v->customer);
    timeline_list_free(v->events, v->n_events);
    promise_list_free(v->promises, v->n_promises);
    memset(v, 0, sizeof(*v));
}

/* The view as JSON: the case's fields, the customer's flags inside
 * "customer", then "promises" and "timeline". Times in zone; promise
 * states as of now. */
json_t *case_view_json(const struct case_view *v, const struct tz *zone,
                       int64_t now)
{
    json_t *o = record_json_case(zone, &v->c);
    json_t *flags = json_array();
    for (size_t i = 0; i < v->customer.n_flags; i++) {
        json_array_append_new(
            flags, json_pack("{s:s, s:s}", "kind",
                             CUSTOMER_FLAG_NAMES[v->customer.flags[i].kind],
                             "reason", v->customer.flags[i].reason));
    }
    json_object_set_new(json_object_get(o, "customer"), "flags", flags);
    json_t *arr = json_array();
    for (size_t i = 0; i < v->n_promises; i++) {
        json_array_append_new(arr,
                              record_json_promise(zone, &v->promises[i], now));
    }
    json_object_set_new(o, "promises", arr);
    arr = json_array();
    for (size_t i = 0; i < v->n_events; i++) {
        json_array_append_new(arr, record_json_event(zone, &v->events[i]));
    }
    json_object_set_new(o, "timeline", arr);
    return o;
}
