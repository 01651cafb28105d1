/* SPDX-License-Identifier: MIT */
/*
 * api_checklist.c - checklists over the JSON API (checklist.c):
 *
 *   GET   /api/v1/checklists                    the templates
 *   POST  /api/v1/checklists                    add one (admins)
 *   PATCH /api/v1/checklists/{name}             change it (admins)
 *   POST  /api/v1/checklists/{name}/remove      stop applying it (admins)
 *   GET   /api/v1/cases/{number}/checklist      the case's items
 *   POST  /api/v1/cases/{number}/checklist/tick      "item", "done"
 *   POST  /api/v1/cases/{number}/checklist/tag       "tag"
 *   POST  /api/v1/cases/{number}/checklist/override  "reason"
 *
 * A change of a case's checklist answers with its items.
 */
#include "checklist.h"
#include "record_json.h"
#include "web/api.h"

static void reply_items(struct http_request *req, int64_t id)
{
    struct checklist_item *items = NULL;
    size_t n = 0;
    enum taio_status status = checklist_items(req->db, id, &items, &n);
    if (status == TAIO_OK) {
        api_reply_json(req, 200,
                       json_pack("{s:o}", "items",
                                 record_json_checklist_items(
                                     req->settings.zone, items, n)));
    } else {
        api_fail(req, status, NULL);
    }
    checklist_items_free(items, n);
}

/* GET /api/v1/cases/{number}/checklist */
static void get_items(struct http_request *req)
{
    int64_t id = 0;
    if (api_case_of(req, &id)) {
        reply_items(req, id);
    }
}

static const struct api_field TICK_FIELDS[] = {
    {"item", API_INT, true},
    {"done", API_BOOL, false},
    {NULL, API_STRING, false},
};
static const struct api_field TAG_FIELDS[] = {
    {"tag", API_STRING, true},
    {NULL, API_STRING, false},
};
static const struct api_field OVERRIDE_FIELDS[] = {
    {"reason", API_STRING, true},
    {NULL, API_STRING, false},
};

enum step {
    STEP_TICK,
    STEP_TAG,
    STEP_OVERRIDE,
};

static void run_step(struct http_request *req, enum step step)
{
    static const struct api_field *const FIELDS[] = {
        [STEP_TICK] = TICK_FIELDS, [STEP_TAG] = TAG_FIELDS,
        [STEP_OVERRIDE] = OVERRIDE_FIELDS,
    };
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) || !api_body_read(req, FIELDS[step], &body)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status = TAIO_OK;
    switch (step) {
    case STEP_TICK:
        status = checklist_tick(req->db, &req->actor, id,
                                api_int(&body, "item", 0),
                                api_bool(&body, "done", true), &p);
        break;
    case STEP_TAG:
        status = checklist_tag(req->db, &req->actor, id,
                               api_str(&body, "tag"), &p);
        break;
    case STEP_OVERRIDE:
        status = checklist_override(req->db, &req->actor, id,
                                    api_str(&body, "reason"), &p);
        break;
    }
    if (status == TAIO_OK) {
        reply_items(req, id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_tick(struct http_request *req)
{
    run_step(req, STEP_TICK);
}

static void post_tag(struct http_request *req)
{
    run_step(req, STEP_TAG);
}

static void post_override(struct http_request *req)
{
    run_step(req, STEP_OVERRIDE);
}

/* GET /api/v1/checklists */
static void get_templates(struct http_request *req)
{
    struct checklist_template *list = NULL;
    size_t n = 0;
    enum taio_status status = checklist_template_list(req->db, &list, &n);
    if (status != TAIO_OK) {
        checklist_template_list_free(list, n);
        api_fail(req, status, NULL);
        return;
    }
    json_t *arr = record_json_checklist_templates(list, n);
    checklist_template_list_free(list, n);
    api_reply_json(req, 200, json_pack("{s:o}", "items", arr));
}

static const struct api_field TEMPLATE_FIELDS[] = {
    {"name", API_STRING, true},
    {"kinds", API_STRING, false},
    {"tags", API_STRING, false},
    {"items", API_STRINGS, true},
    {NULL, API_STRING, false},
};

/* POST /api/v1/checklists */
static void post_template(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, TEMPLATE_FIELDS, &body)) {
        return;
    }
    const char *items[64];
    size_t n = api_strings(&body, "items", items, 64);
    struct problems p = {0};
    enum taio_status status = checklist_template_add(
        req->db, &req->actor, api_str(&body, "name"), api_str(&body, "kinds"),
        api_str(&body, "tags"), items, n, &p, NULL);
    if (status == TAIO_OK) {
        api_reply_json(req, 201, json_pack("{s:s}", "name",
                                           api_str(&body, "name")));
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static const struct api_field CHANGE_FIELDS[] = {
    {"name", API_STRING, false},
    {"kinds", API_STRING, false},
    {"tags", API_STRING, false},
    {"items", API_STRINGS, false},
    {NULL, API_STRING, false},
};

/* The text of field name in body for a change: NULL when absent (kept),
 * "" when null (cleared), as elsewhere in the API. */
static const char *changed(const struct api_body *body, const char *name)
{
    if (!api_has(body, name)) {
        return NULL;
    }
    const char *value = api_str(body, name);
    return value ? value : "";
}

/* PATCH /api/v1/checklists/{name}: what the body gives changes. */
static void patch_template(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, CHANGE_FIELDS, &body)) {
        return;
    }
    const char *items[64];
    struct checklist_change ch = {
        .name = api_str(&body, "name"),
        .kinds = changed(&body, "kinds"),
        .tags = changed(&body, "tags"),
    };
    if (api_has(&body, "items")) {
        ch.n_items = api_strings(&body, "items", items, 64);
        ch.items = items;
    }
    struct problems p = {0};
    enum taio_status status = checklist_template_edit(
        req->db, &req->actor, req->params[0], &ch, &p);
    if (status == TAIO_OK) {
        api_reply_json(req, 200, json_pack("{s:s}", "name",
                                           ch.name ? ch.name
                                                   : req->params[0]));
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

/* POST /api/v1/checklists/{name}/remove */
static void post_remove(struct http_request *req)
{
    struct problems p = {0};
    enum taio_status status =
        checklist_template_remove(req->db, &req->actor, req->params[0], &p);
    if (status == TAIO_OK) {
        http_reply(req, 204, "text/plain", "", 0);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
}

const struct http_route api_checklist_routes[] = {
    {"GET", "/api/v1/checklists", get_templates, HTTP_CACHED},
    {"POST", "/api/v1/checklists", post_template, 0},
    {"PATCH", "/api/v1/checklists/{name}", patch_template, 0},
    {"POST", "/api/v1/checklists/{name}/remove", post_remove, 0},
    {"GET", "/api/v1/cases/{number}/checklist", get_items, HTTP_CACHED},
    {"POST", "/api/v1/cases/{number}/checklist/tick", post_tick, 0},
    {"POST", "/api/v1/cases/{number}/checklist/tag", post_tag, 0},
    {"POST", "/api/v1/cases/{number}/checklist/override", post_override, 0},
    {NULL, NULL, NULL, 0},
};
