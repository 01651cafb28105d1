/* SPDX-License-Identifier: MIT */
/*
 * api_customer.c - customers and their contact people over HTTP.
 *
 *   GET   /api/v1/customers?q=TEXT            search by name, kana, phone
 *   POST  /api/v1/customers
 *   GET   /api/v1/customers/{id}              card, contacts, recent cases
 *   PATCH /api/v1/customers/{id}              needs the version
 *   GET   /api/v1/customers/{id}/history      who changed what, when
 *   POST  /api/v1/customers/{id}/flags        raise a flag with a reason
 *   POST  /api/v1/customers/{id}/flags/{kind}/clear
 *   POST  /api/v1/customers/{id}/busy         a busy period (may repeat)
 *   GET   /api/v1/customers/{id}/contacts
 *   POST  /api/v1/customers/{id}/contacts
 *   GET   /api/v1/contacts/{id}
 *   PATCH /api/v1/contacts/{id}               needs the version
 *
 * {id} of a customer is its number or anything customer_resolve() takes
 * (a name, a kana reading or a phone number that names one customer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "customer.h"
#include "customer_view.h"
#include "history.h"
#include "input.h"
#include "record_json.h"
#include "windows.h"
#include "web/api.h"

/* At most this many phone numbers in one request. */
#define MAX_PHONES 16

/* The customer named by the path's first {x}: a bare number is an id.
 * On failure the answer is made and false returned. */
static bool customer_of(struct http_request *req, int64_t *id)
{
    const char *ref = req->params[0];
    struct buf text = {0};
    bool digits = *ref && strspn(ref, "0123456789") == strlen(ref);
    buf_printf(&text, "%s%s", digits ? "#" : "", ref);
    struct problems p = {0};
    enum taio_status status =
        customer_resolve(req->db, buf_str(&text), "customer", &p, id);
    buf_clear(&text);
    if (status != TAIO_OK) {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    return status == TAIO_OK;
}

/* Answer with customer id as its view (200 or 201), version as ETag. */
static void reply_customer(struct http_request *req, int status, int64_t id)
{
    struct customer_view v;
    enum taio_status loaded = customer_view_load(req->db, id, &v);
    if (loaded != TAIO_OK) {
        customer_view_clear(&v);
        api_fail(req, loaded, NULL);
        return;
    }
    api_etag(req, v.customer.version);
    if (status == 201) {
        api_location(req, "/api/v1/customers/%lld", (long long)id);
    }
    json_t *o = customer_view_json(&v, req->settings.zone);
    customer_view_clear(&v);
    api_reply_json(req, status, o);
}

/* GET /api/v1/customers?q=TEXT&limit=N */
static void search_customers(struct http_request *req)
{
    static const char *const PARAMS[] = {"q", "limit", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    const char *q = http_query(req, "q");
    const char *limit = http_query(req, "limit");
    size_t n_limit = 50;
    struct problems p = {0};
    api_limit_parse(limit, 200, &n_limit, &p);
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    struct customer_match *list = NULL;
    size_t n = 0;
    enum taio_status status =
        customer_search(req->db, q ? q : "", n_limit, &list, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, record_json_customer_match(&list[i]));
    }
    customer_match_free(list, n);
    api_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

static const struct api_field CUSTOMER_FIELDS[] = {
    {"version", API_INT, false},
    {"kind", API_STRING, false},
    {"name", API_STRING, false},
    {"reading", API_STRING, false},
    {"parent", API_STRING, false},
    {"email", API_STRING, false},
    {"address", API_STRING, false},
    {"phones", API_STRINGS, false},
    {"channels", API_STRINGS, false},
    {"hours", API_STRING, false},
    {"closed_days", API_STRING, false},
    {"notes", API_STRING, false},
    {"lang", API_STRING, false},
    {NULL, API_STRING, false},
};

/* A JSON array of channel names as the comma list the domain takes
 * (NULL when absent). Free with free(). */
static char *channel_list(const struct api_body *body)
{
    if (!api_has(body, "channels")) {
        return NULL;
    }
    const char *names[16];
    size_t n = api_strings(body, "channels", names, 16);
    struct buf out = {0};
    buf_puts(&out, "");
    for (size_t i = 0; i < n; i++) {
        buf_printf(&out, "%s%s", i ? "," : "", names[i]);
    }
    return buf_steal(&out);
}

/* Fill a customer input from body (borrowing its strings; channels and
 * phones into the caller's storage). A null parent clears it. */
static void read_customer(const struct api_body *body,
                          struct customer_input *in, char **channels,
                          const char **phones)
{
    in->kind = api_str(body, "kind");
    in->name = api_str(body, "name");
    in->reading = api_str(body, "reading");
    in->parent = api_has(body, "parent") && api_str(body, "parent") == NULL
                     ? ""
                     : api_str(body, "parent");
    in->email = api_str(body, "email");
    in->address = api_str(body, "address");
    in->hours = api_str(body, "hours");
    in->closed_days = api_str(body, "closed_days");
    in->notes = api_str(body, "notes");
    in->lang = api_has(body, "lang") && api_str(body, "lang") == NULL
                   ? ""
                   : api_str(body, "lang");
    *channels = channel_list(body);
    in->channels = *channels;
    if (api_has(body, "phones")) {
        in->n_phones = api_strings(body, "phones", phones, MAX_PHONES);
        in->phones = phones;
    }
}

/* POST /api/v1/customers (through api_idempotent()). */
static void write_customer(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, CUSTOMER_FIELDS, &body)) {
        return;
    }
    struct customer_input in = {0};
    char *channels = NULL;
    const char *phones[MAX_PHONES];
    read_customer(&body, &in, &channels, phones);
    if (in.kind == NULL) {
        in.kind = "organization";
    }
    struct problems p = {0};
    int64_t id = 0;
    enum taio_status status =
        customer_add(req->db, &req->actor, &in, &p, &id);
    if (status == TAIO_OK) {
        reply_customer(req, 201, id);
    } else {
        api_fail(req, status, &p);
    }
    free(channels);
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_customer(struct http_request *req)
{
    api_idempotent(req, write_customer);
}

/* GET /api/v1/customers/{id} */
static void get_customer(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    int64_t id = 0;
    if (api_query_check(req, NONE) && customer_of(req, &id)) {
        reply_customer(req, 200, id);
    }
}

/* Open a transaction and check the claimed version of customer id. */
static bool begin_customer_change(struct http_request *req, int64_t id,
                                  const struct api_body *body)
{
    if (db_begin(req->db) != TAIO_OK) {
        api_fail(req, TAIO_EDB, NULL);
        return false;
    }
    struct customer_view v;
    json_t *current = NULL;
    int64_t version = 0;
    if (customer_view_load(req->db, id, &v) == TAIO_OK) {
        version = v.customer.version;
        current = customer_view_json(&v, req->settings.zone);
    }
    customer_view_clear(&v);
    if (!api_version_matches(req, body, version, current)) {
        db_end(req->db, TAIO_ECONFLICT);
        return false;
    }
    return true;
}

/* PATCH /api/v1/customers/{id} */
static void patch_customer(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!customer_of(req, &id) ||
        !api_body_read(req, CUSTOMER_FIELDS, &body)) {
        return;
    }
    if (begin_customer_change(req, id, &body)) {
        struct customer_input in = {0};
        char *channels = NULL;
        const char *phones[MAX_PHONES];
        read_customer(&body, &in, &channels, phones);
        struct problems p = {0};
        enum taio_status status =
            customer_update(req->db, &req->actor, id, &in, &p);
        status = db_end(req->db, status);
        if (status == TAIO_OK) {
            reply_customer(req, 200, id);
        } else {
            api_fail(req, status, &p);
        }
        free(channels);
        problems_clear(&p);
    }
    api_body_clear(&body);
}

/* GET /api/v1/customers/{id}/history */
static void get_history(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    int64_t id = 0;
    if (!api_query_check(req, NONE) || !customer_of(req, &id)) {
        return;
    }
    struct history_entry *list = NULL;
    size_t n = 0;
    enum taio_status status = history_list(req->db, "customer", id, &list, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
    } else {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(
                items, record_json_history(req->settings.zone, &list[i]));
        }
        api_reply_json(req, 200, json_pack("{s:o}", "items", items));
    }
    history_list_free(list, n);
}

static const struct api_field FLAG_FIELDS[] = {
    {"kind", API_STRING, true},
    {"reason", API_STRING, true},
    {NULL, API_STRING, false},
};

/* POST /api/v1/customers/{id}/flags */
static void post_flag(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!customer_of(req, &id) || !api_body_read(req, FLAG_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status =
        customer_flag_set(req->db, &req->actor, id, api_str(&body, "kind"),
                          api_str(&body, "reason"), &p);
    if (status == TAIO_OK) {
        reply_customer(req, 201, id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static const struct api_field UNFLAG_FIELDS[] = {
    {"reason", API_STRING, true},
    {NULL, API_STRING, false},
};

/* POST /api/v1/customers/{id}/flags/{kind}/clear */
static void post_unflag(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!customer_of(req, &id) || !api_body_read(req, UNFLAG_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status =
        customer_flag_clear(req->db, &req->actor, id, req->params[1],
                            api_str(&body, "reason"), &p);
    if (status == TAIO_OK) {
        reply_customer(req, 200, id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static const struct api_field BUSY_FIELDS[] = {
    {"from", API_STRING, true},
    {"to", API_STRING, true},
    {"repeat", API_STRING, false},
    {"note", API_STRING, false},
    {NULL, API_STRING, false},
};

/* POST /api/v1/customers/{id}/busy */
static void post_busy(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!customer_of(req, &id) || !api_body_read(req, BUSY_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    int64_t from_at = 0;
    int64_t to_at = 0;
    input_time(&req->settings, req->now, "from", api_str(&body, "from"),
               &from_at, &p);
    input_time(&req->settings, req->now, "to", api_str(&body, "to"), &to_at,
               &p);
    enum taio_status status =
        problems_any(&p)
            ? TAIO_EINVAL
            : (user_can(&req->actor, USER_ACT_RECORD)
                   ? windows_add_busy(req->db, req->actor.user_id, req->now,
                                      false, id, from_at, to_at,
                                      api_str(&body, "repeat"),
                                      api_str(&body, "note"), &p)
                   : TAIO_EPERM);
    if (status == TAIO_OK) {
        reply_customer(req, 201, id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

/* GET /api/v1/customers/{id}/contacts */
static void list_contacts(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    int64_t id = 0;
    if (!api_query_check(req, NONE) || !customer_of(req, &id)) {
        return;
    }
    struct contact *list = NULL;
    size_t n = 0;
    enum taio_status status = contact_list(req->db, id, &list, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
    } else {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(items, record_json_contact(&list[i]));
        }
        api_reply_json(req, 200, json_pack("{s:o}", "items", items));
    }
    contact_list_free(list, n);
}

static const struct api_field CONTACT_FIELDS[] = {
    {"version", API_INT, false},
    {"name", API_STRING, false},
    {"reading", API_STRING, false},
    {"title", API_STRING, false},
    {"email", API_STRING, false},
    {"phones", API_STRINGS, false},
    {"channels", API_STRINGS, false},
    {"hours", API_STRING, false},
    {"closed_days", API_STRING, false},
    {"notes", API_STRING, false},
    {"lang", API_STRING, false},
    {NULL, API_STRING, false},
};

/* Fill a contact input from body. */
static void read_contact(const struct api_body *body,
                         struct contact_input *in, char **channels,
                         const char **phones)
{
    in->name = api_str(body, "name");
    in->reading = api_str(body, "reading");
    in->title = api_str(body, "title");
    in->email = api_str(body, "email");
    in->hours = api_str(body, "hours");
    in->closed_days = api_str(body, "closed_days");
    in->notes = api_str(body, "notes");
    in->lang = api_has(body, "lang") && api_str(body, "lang") == NULL
                   ? ""
                   : api_str(body, "lang");
    *channels = channel_list(body);
    in->channels = *channels;
    if (api_has(body, "phones")) {
        in->n_phones = api_strings(body, "phones", phones, MAX_PHONES);
        in->phones = phones;
    }
}

/* Answer with contact person id (200 or 201), version as ETag. */
static void reply_contact(struct http_request *req, int status, int64_t id)
{
    struct contact k;
    enum taio_status loaded = contact_get(req->db, id, &k);
    if (loaded != TAIO_OK) {
        struct problems p = {0};
        if (loaded == TAIO_ENOTFOUND) {
            problems_add(&p, "contact",
                         _("no contact person has the number #%lld"),
                         (long long)id);
        }
        api_fail(req, loaded, &p);
        problems_clear(&p);
        return;
    }
    api_etag(req, k.version);
    if (status == 201) {
        api_location(req, "/api/v1/contacts/%lld", (long long)id);
    }
    json_t *o = record_json_contact(&k);
    contact_clear(&k);
    api_reply_json(req, status, o);
}

/* POST /api/v1/customers/{id}/contacts (through api_idempotent()). */
static void write_contact(struct http_request *req)
{
    int64_t customer_id = 0;
    struct api_body body;
    if (!customer_of(req, &customer_id) ||
        !api_body_read(req, CONTACT_FIELDS, &body)) {
        return;
    }
    struct contact_input in = {0};
    char *channels = NULL;
    const char *phones[MAX_PHONES];
    read_contact(&body, &in, &channels, phones);
    struct problems p = {0};
    int64_t id = 0;
    enum taio_status status =
        contact_add(req->db, &req->actor, customer_id, &in, &p, &id);
    if (status == TAIO_OK) {
        reply_contact(req, 201, id);
    } else {
        api_fail(req, status, &p);
    }
    free(channels);
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_contact(struct http_request *req)
{
    api_idempotent(req, write_contact);
}

/* The contact person id in the path ("12" or "#12"); 0 when malformed. */
static int64_t contact_path_id(const struct http_request *req)
{
    const char *text = req->params[0];
    if (*text == '#') {
        text++;
    }
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    return end != text && *end == '\0' && v > 0 ? v : 0;
}

/* GET /api/v1/contacts/{id} */
static void get_contact(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    if (api_query_check(req, NONE)) {
        reply_contact(req, 200, contact_path_id(req));
    }
}

/* PATCH /api/v1/contacts/{id} */
static void patch_contact(struct http_request *req)
{
    int64_t id = contact_path_id(req);
    struct api_body body;
    if (!api_body_read(req, CONTACT_FIELDS, &body)) {
        return;
    }
    if (db_begin(req->db) != TAIO_OK) {
        api_fail(req, TAIO_EDB, NULL);
        api_body_clear(&body);
        return;
    }
    struct contact k;
    enum taio_status status = contact_get(req->db, id, &k);
    if (status != TAIO_OK) {
        db_end(req->db, status);
        reply_contact(req, 200, id); /* answers the 404 */
        api_body_clear(&body);
        return;
    }
    int64_t version = k.version;
    json_t *current = record_json_contact(&k);
    contact_clear(&k);
    if (!api_version_matches(req, &body, version, current)) {
        db_end(req->db, TAIO_ECONFLICT);
        api_body_clear(&body);
        return;
    }
    struct contact_input in = {0};
    char *channels = NULL;
    const char *phones[MAX_PHONES];
    read_contact(&body, &in, &channels, phones);
    struct problems p = {0};
    status = contact_update(req->db, &req->actor, id, &in, &p);
    status = db_end(req->db, status);
    if (status == TAIO_OK) {
        reply_contact(req, 200, id);
    } else {
        api_fail(req, status, &p);
    }
    free(channels);
    problems_clear(&p);
    api_body_clear(&body);
}

const struct http_route api_customer_routes[] = {
    {"GET", "/api/v1/customers", search_customers, HTTP_CACHED},
    {"POST", "/api/v1/customers", post_customer, 0},
    {"GET", "/api/v1/customers/{id}", get_customer, HTTP_CACHED},
    {"PATCH", "/api/v1/customers/{id}", patch_customer, 0},
    {"GET", "/api/v1/customers/{id}/history", get_history, HTTP_CACHED},
    {"POST", "/api/v1/customers/{id}/flags", post_flag, 0},
    {"POST", "/api/v1/customers/{id}/flags/{kind}/clear", post_unflag, 0},
    {"POST", "/api/v1/customers/{id}/busy", post_busy, 0},
    {"GET", "/api/v1/customers/{id}/contacts", list_contacts, HTTP_CACHED},
    {"POST", "/api/v1/customers/{id}/contacts", post_contact, 0},
    {"GET", "/api/v1/contacts/{id}", get_contact, HTTP_CACHED},
    {"PATCH", "/api/v1/contacts/{id}", patch_contact, 0},
    {NULL, NULL, NULL, 0},
};
