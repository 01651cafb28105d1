/* SPDX-License-Identifier: MIT */
/*
 * api_report.c - a case's incident report over the JSON API (report.c):
 *
 *   GET   /api/v1/cases/{number}/report           the report and its facts;
 *                                                 ?format=markdown or text
 *   PUT   /api/v1/cases/{number}/report           write or change it
 *                                                 ("version" when it exists)
 *   POST  /api/v1/cases/{number}/report/submit
 *   POST  /api/v1/cases/{number}/report/approve   managers
 *   POST  /api/v1/cases/{number}/report/return    managers; "comment"
 *   POST  /api/v1/cases/{number}/report/send      "channel", "to"
 *   POST  /api/v1/cases/{number}/report/waive     managers; "reason"
 *
 * Every answer of a change is the report as it is now.
 */
#include <string.h>

#include "core/i18n.h"
#include "record_json.h"
#include "report.h"
#include "web/api.h"

/* Answer with the report of case id (status on success). */
static void reply_report(struct http_request *req, int status_code,
                         int64_t id)
{
    struct case_rec c;
    enum taio_status status = case_get(req->db, id, &c);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    struct report r;
    struct report_facts f = {0};
    struct problems p = {0};
    status = report_get(req->db, id, &r);
    if (status == TAIO_ENOTFOUND) {
        problems_add(&p, "case", "%s", _("this case has no report yet"));
    }
    if (status == TAIO_OK) {
        status = report_facts_get(req->db, &c, req->settings.zone, &f);
    }
    const char *format = http_query(req, "format");
    if (status != TAIO_OK) {
        api_fail(req, status, &p);
    } else if (format && (strcmp(format, "markdown") == 0 ||
                          strcmp(format, "text") == 0)) {
        struct buf text = {0};
        bool markdown = strcmp(format, "markdown") == 0;
        report_text(&req->settings, &c, &r, &f, req->now, markdown, &text);
        http_reply(req, status_code,
                   markdown ? "text/markdown; charset=utf-8"
                            : "text/plain; charset=utf-8",
                   text.data ? text.data : "", text.len);
        buf_clear(&text);
    } else {
        json_t *o = record_json_report(req->settings.zone, &r, &f);
        json_object_set_new(o, "case", json_string(c.number));
        api_reply_json(req, status_code, o);
    }
    report_facts_clear(&f);
    report_clear(&r);
    problems_clear(&p);
    case_rec_clear(&c);
}

/* GET /api/v1/cases/{number}/report */
static void get_report(struct http_request *req)
{
    static const char *const PARAMS[] = {"format", NULL};
    int64_t id = 0;
    if (!api_query_check(req, PARAMS) || !api_case_of(req, &id)) {
        return;
    }
    const char *format = http_query(req, "format");
    if (format && strcmp(format, "markdown") != 0 &&
        strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        struct problems p = {0};
        problems_add(&p, "format", "%s",
                     _("must be json, markdown or text"));
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    reply_report(req, 200, id);
}

static const struct api_field REPORT_FIELDS[] = {
    {"version", API_INT, false},
    {"cause", API_STRING, false},
    {"response", API_STRING, false},
    {"prevention", API_STRING, false},
    {"went_well", API_STRING, false},
    {"went_badly", API_STRING, false},
    {"cause_category", API_STRING, false},
    {"recipients", API_STRING, false},
    {NULL, API_STRING, false},
};

/* PUT /api/v1/cases/{number}/report */
static void put_report(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) || !api_body_read(req, REPORT_FIELDS, &body)) {
        return;
    }
    struct report_input in = {
        .cause = api_str(&body, "cause"),
        .response = api_str(&body, "response"),
        .prevention = api_str(&body, "prevention"),
        .went_well = api_str(&body, "went_well"),
        .went_badly = api_str(&body, "went_badly"),
        .cause_category = api_str(&body, "cause_category"),
        .recipients = api_str(&body, "recipients"),
    };
    struct problems p = {0};
    enum taio_status status =
        report_save(req->db, &req->actor, &req->settings, id, &in,
                    api_int(&body, "version", -1), &p);
    if (status == TAIO_OK) {
        reply_report(req, 200, id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

/* The workflow steps: what each reads from the body. */
enum step {
    STEP_SUBMIT,
    STEP_APPROVE,
    STEP_RETURN,
    STEP_SEND,
    STEP_WAIVE,
};

static const struct api_field NO_FIELDS[] = {
    {NULL, API_STRING, false},
};
static const struct api_field RETURN_FIELDS[] = {
    {"comment", API_STRING, true},
    {NULL, API_STRING, false},
};
static const struct api_field SEND_FIELDS[] = {
    {"channel", API_STRING, true},
    {"to", API_STRING, true},
    {NULL, API_STRING, false},
};
static const struct api_field WAIVE_FIELDS[] = {
    {"reason", API_STRING, true},
    {NULL, API_STRING, false},
};

/* Run step on the report of the case in the path. */
static void run_step(struct http_request *req, enum step step)
{
    static const struct api_field *const FIELDS[] = {
        [STEP_SUBMIT] = NO_FIELDS, [STEP_APPROVE] = NO_FIELDS,
        [STEP_RETURN] = RETURN_FIELDS, [STEP_SEND] = SEND_FIELDS,
        [STEP_WAIVE] = WAIVE_FIELDS,
    };
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) || !api_body_read(req, FIELDS[step], &body)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status = TAIO_OK;
    switch (step) {
    case STEP_SUBMIT:
        status = report_submit(req->db, &req->actor, id, &p);
        break;
    case STEP_APPROVE:
        status = report_approve(req->db, &req->actor, id, &p);
        break;
    case STEP_RETURN:
        status = report_return(req->db, &req->actor, id,
                               api_str(&body, "comment"), &p);
        break;
    case STEP_SEND: {
        struct report_send_input in = {
            .channel = api_str(&body, "channel"),
            .to = api_str(&body, "to"),
        };
        status = report_send(req->db, &req->actor, &req->settings, id, &in,
                             &p);
        break;
    }
    case STEP_WAIVE:
        status = report_waive(req->db, &req->actor, id,
                              api_str(&body, "reason"), &p);
        break;
    }
    if (status != TAIO_OK) {
        api_fail(req, status, &p);
    } else if (step == STEP_WAIVE) {
        api_case_reply(req, 200, id);
    } else {
        reply_report(req, 200, id);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_submit(struct http_request *req)
{
    run_step(req, STEP_SUBMIT);
}

static void post_approve(struct http_request *req)
{
    run_step(req, STEP_APPROVE);
}

static void post_return(struct http_request *req)
{
    run_step(req, STEP_RETURN);
}

static void post_send(struct http_request *req)
{
    run_step(req, STEP_SEND);
}

static void post_waive(struct http_request *req)
{
    run_step(req, STEP_WAIVE);
}

const struct http_route api_report_routes[] = {
    {"GET", "/api/v1/cases/{number}/report", get_report, HTTP_CACHED},
    {"PUT", "/api/v1/cases/{number}/report", put_report, 0},
    {"POST", "/api/v1/cases/{number}/report/submit", post_submit, 0},
    {"POST", "/api/v1/cases/{number}/report/approve", post_approve, 0},
    {"POST", "/api/v1/cases/{number}/report/return", post_return, 0},
    {"POST", "/api/v1/cases/{number}/report/send", post_send, 0},
    {"POST", "/api/v1/cases/{number}/report/waive", post_waive, 0},
    {NULL, NULL, NULL, 0},
};
