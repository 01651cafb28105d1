/* SPDX-License-Identifier: MIT */
/*
 * api_search.c - GET /api/v1/search: past cases, timeline entries and
 * customers by their words (search.c), best first.
 */
#include <stdlib.h>

#include "customer.h"
#include "input.h"
#include "record_json.h"
#include "search.h"
#include "web/api.h"

/* The query of the request's parameters into q; false after adding
 * problems. */
static bool read_query(struct http_request *req, struct search_query *q,
                       struct problems *p)
{
    q->text = http_query(req, "q");
    q->kind = http_query(req, "kind");
    q->cause = http_query(req, "cause");
    const char *customer = http_query(req, "customer");
    if (customer) {
        customer_resolve(req->db, customer, "customer", p, &q->customer_id);
    }
    const char *from = http_query(req, "from");
    if (from) {
        input_time(&req->settings, req->now, "from", from, &q->from_at, p);
    }
    const char *to = http_query(req, "to");
    if (to) {
        input_time(&req->settings, req->now, "to", to, &q->to_at, p);
    }
    size_t limit = 20;
    api_limit_parse(http_query(req, "limit"), 200, &limit, p);
    q->limit = limit;
    return !problems_any(p);
}

/* GET /api/v1/search?q=WORDS&kind=&customer=&from=&to=&limit= */
static void get_search(struct http_request *req)
{
    static const char *const PARAMS[] = {"q",    "kind",  "cause", "customer",
                                         "from", "to",    "limit", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    struct search_query q = {0};
    struct problems p = {0};
    struct search_hit *hits = NULL;
    size_t n = 0;
    enum taio_status status = TAIO_EINVAL;
    if (read_query(req, &q, &p)) {
        status = search_run(req->db, &q, &p, &hits, &n);
    }
    if (status != TAIO_OK) {
        api_fail(req, status, &p);
        problems_clear(&p);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(
            items, record_json_search_hit(req->settings.zone, &hits[i]));
    }
    search_hits_free(hits, n);
    api_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

const struct http_route api_search_routes[] = {
    {"GET", "/api/v1/search", get_search, HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
