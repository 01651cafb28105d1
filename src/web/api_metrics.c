/* SPDX-License-Identifier: MIT */
/*
 * api_metrics.c - the figures of a period over the JSON API (metrics.c):
 *
 *   GET /api/v1/metrics?from=&to=&team=          JSON
 *   GET /api/v1/metrics/{table}?...&encoding=    one table as CSV (UTF-8
 *                                                with a BOM, or cp932)
 */
#include <string.h>

#include "core/i18n.h"
#include "input.h"
#include "metrics_csv.h"
#include "record_json.h"
#include "web/api.h"

/* The figures the request's parameters ask for; false after answering. */
static bool compute(struct http_request *req, const char *const *params,
                    struct metrics *m)
{
    if (!api_query_check(req, params)) {
        return false;
    }
    struct problems p = {0};
    struct metrics_query q;
    enum taio_status status = TAIO_EINVAL;
    if (input_metrics_query(req->db, &req->settings, req->now,
                            http_query(req, "from"), http_query(req, "to"),
                            http_query(req, "team"), &q, &p)) {
        status = metrics_compute(req->db, &req->settings, &q, req->now, &p, m);
    }
    if (status != TAIO_OK) {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    return status == TAIO_OK;
}

/* GET /api/v1/metrics */
static void get_metrics(struct http_request *req)
{
    static const char *const PARAMS[] = {"from", "to", "team", NULL};
    struct metrics m = {0};
    if (compute(req, PARAMS, &m)) {
        api_reply_json(req, 200, record_json_metrics(req->settings.zone, &m));
    }
    metrics_clear(&m);
}

/* GET /api/v1/metrics/{table} */
static void get_table(struct http_request *req)
{
    static const char *const PARAMS[] = {"from", "to", "team", "encoding",
                                         NULL};
    const char *encoding = http_query(req, "encoding");
    struct problems p = {0};
    if (validate_index(req->params[0], METRICS_TABLES) < 0) {
        problems_add(&p, "table", _("must be one of: %s"),
                     "summary, weeks, kinds, causes, customers, owners");
    }
    if (encoding && strcmp(encoding, "utf-8") != 0 &&
        strcmp(encoding, "cp932") != 0) {
        problems_add(&p, "encoding", "%s", _("must be utf-8 or cp932"));
    }
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    struct metrics m = {0};
    if (compute(req, PARAMS, &m)) {
        struct buf csv = {0};
        struct buf sjis = {0};
        metrics_csv(&m, &req->settings, req->params[0], &csv);
        bool cp932 = encoding && strcmp(encoding, "cp932") == 0;
        if (cp932) {
            metrics_csv_cp932(&csv, &sjis);
        }
        const struct buf *b = cp932 ? &sjis : &csv;
        http_reply(req, 200,
                   cp932 ? "text/csv; charset=Shift_JIS"
                         : "text/csv; charset=utf-8",
                   b->data ? b->data : "", b->len);
        buf_clear(&csv);
        buf_clear(&sjis);
    }
    metrics_clear(&m);
}

const struct http_route api_metrics_routes[] = {
    {"GET", "/api/v1/metrics", get_metrics, HTTP_CACHED},
    {"GET", "/api/v1/metrics/{table}", get_table, HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
