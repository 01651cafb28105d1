/* SPDX-License-Identifier: MIT */
/*
 * api_meta.c - the routes about the server itself: liveness, readiness
 * and the OpenAPI document that describes every other route.
 *
 * /healthz answers as long as the process serves requests; /readyz also
 * runs a query, so a load balancer sends traffic only to a server whose
 * store answers. Both, and the OpenAPI document, need no credentials.
 */
#include <string.h>

#include "db/db.h"
#include "web/api.h"
#include "web/problem.h"

/* The OpenAPI 3.1 document, src/web/openapi.json, embedded at build
 * time. */
extern const char api_openapi_json[];
extern const size_t api_openapi_json_len;

/* GET /healthz */
static void get_healthz(struct http_request *req)
{
    static const char OK[] = "{\"status\":\"ok\"}";
    http_reply(req, 200, "application/json", OK, strlen(OK));
}

/* GET /readyz: 200 when the store answers a query, else 503. */
static void get_readyz(struct http_request *req)
{
    int64_t one = 0;
    if (db_query_int64(req->db, "SELECT 1", &one) != TAIO_OK || one != 1) {
        problem_reply(req, 503, "not_ready", "the store does not answer",
                      NULL);
        return;
    }
    static const char OK[] = "{\"status\":\"ready\"}";
    http_reply(req, 200, "application/json", OK, strlen(OK));
}

/* GET /api/v1/openapi.json */
static void get_openapi(struct http_request *req)
{
    http_reply(req, 200, "application/json", api_openapi_json,
               api_openapi_json_len);
}

const struct http_route api_meta_routes[] = {
    {"GET", "/healthz", get_healthz, HTTP_PUBLIC | HTTP_NO_STORE},
    {"GET", "/readyz", get_readyz, HTTP_PUBLIC},
    {"GET", "/api/v1/openapi.json", get_openapi, HTTP_PUBLIC | HTTP_NO_STORE},
    {NULL, NULL, NULL, 0},
};
