/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_UI_H
#define TAIO_WEB_UI_H

#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "case.h"
#include "customer.h"
#include "web/html.h"
#include "web/http.h"

/* Every route table of the web pages, NULL-terminated. */
extern const struct http_route *const ui_tables[];

/* Route tables, one per concept (web/ui_<concept>.c). */
extern const struct http_route ui_page_routes[];
extern const struct http_route ui_session_routes[];
extern const struct http_route ui_dashboard_routes[];
extern const struct http_route ui_case_routes[];
extern const struct http_route ui_intake_routes[];
extern const struct http_route ui_customer_routes[];
extern const struct http_route ui_memo_routes[];
extern const struct http_route ui_presence_routes[];
extern const struct http_route ui_settings_routes[];
extern const struct http_route ui_notify_routes[];
extern const struct http_route ui_search_routes[];
extern const struct http_route ui_report_routes[];
extern const struct http_route ui_lesson_routes[];
extern const struct http_route ui_checklist_routes[];
extern const struct http_route ui_metrics_routes[];

/* The navigation entries a page can mark as current. */
enum ui_nav {
    UI_NAV_NONE,
    UI_NAV_DASHBOARD,
    UI_NAV_INTAKE,
    UI_NAV_MEMO,
    UI_NAV_CUSTOMERS,
    UI_NAV_PRESENCE,
    UI_NAV_SETTINGS,
    UI_NAV_NOTIFICATIONS,
    UI_NAV_SEARCH,
    UI_NAV_METRICS,
};

/* A form field's name and its label (a msgid, translated when shown), for
 * naming the fields of problems; arrays end with {NULL, NULL}. */
struct ui_label {
    const char *field;
    const char *text;
};

/* Field flags */
#define UI_REQUIRED 1u  /* the browser asks before sending it empty */
#define UI_AUTOFOCUS 2u /* the cursor starts here */

/* Page chrome (ui_page.c) */
void ui_page_begin(struct http_request *req, struct html *h,
                   const char *title, enum ui_nav current);
void ui_page_end(struct http_request *req, struct html *h, int status);
void ui_error_page(struct http_request *req, int status, const char *message,
                   const struct problems *problems);
void ui_problems(struct html *h, const struct problems *problems);
void ui_csrf_field(struct html *h, const struct http_request *req);
void ui_time(struct html *h, const struct http_request *req, int64_t at);
void ui_countdown(struct html *h, const struct http_request *req,
                  int64_t at);
const char *ui_local_path(const char *next);

/* Form fields (ui_form.c) */
void ui_problems_for(struct html *h, const struct problems *problems,
                     const struct ui_label *labels);
void ui_input(struct html *h, const char *id, const char *name,
              const char *label, const char *value, const char *hint,
              unsigned flags);
void ui_textarea(struct html *h, const char *id, const char *name,
                 const char *label, const char *value, int rows,
                 unsigned flags);
void ui_select(struct html *h, const char *id, const char *name,
               const char *label, size_t n, const char *const *values,
               const char *const *labels, const char *selected);
void ui_radios(struct html *h, const char *name, const char *legend,
               size_t n, const char *const *values,
               const char *const *labels, const char *chosen);
const char *ui_posted(const struct http_request *req, const char *name);
const char *ui_field(const struct http_request *req, const char *name);
int64_t ui_id(const char *text);
bool ui_show_again(struct http_request *req, enum taio_status status,
                   const struct problems *p);

/* Customers as every page shows them (ui_customer.c) */
void ui_customer_card(struct html *h, const struct http_request *req,
                      const struct customer *c);
void ui_customer_search(struct html *h, struct http_request *req,
                        const char *action, const char *pick);

/* Cases (ui_case.c) */
bool ui_case_of(struct http_request *req, int64_t *id);
void ui_case_path(struct buf *out, const char *number, const char *suffix);

/* The settings pages' tabs (ui_settings.c) */
void ui_settings_nav(struct html *h, const struct http_request *req,
                     const char *current);

/* A case's checklist (ui_checklist.c) */
void ui_checklist_card(struct html *h, const struct http_request *req,
                       const struct case_rec *c);

/* Reports (ui_report.c) */
void ui_cause_select(struct html *h, const struct http_request *req,
                     const char *id, const char *name,
                     const char *unset_label, const char *chosen);

/* Lessons of similar past cases (ui_lesson.c) */
void ui_lessons(struct html *h, struct http_request *req, const char *text,
                int64_t exclude);

/* Notifications (ui_notify.c) */
void ui_notify_link(struct html *h, const struct http_request *req,
                    bool current);

/* Staff presence (ui_presence.c) */
bool ui_staff(struct http_request *req, struct user **users, size_t *n);
void ui_presence_text(struct html *h, const struct http_request *req,
                      const struct user *u);

#endif
