/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_UI_H
#define TAIO_WEB_UI_H

#include <stdint.h>

#include "core/problems.h"
#include "web/html.h"
#include "web/http.h"

/* Every route table of the web pages, NULL-terminated. */
extern const struct http_route *const ui_tables[];

/* Route tables, one per concept (web/ui_<concept>.c). */
extern const struct http_route ui_page_routes[];
extern const struct http_route ui_session_routes[];
extern const struct http_route ui_dashboard_routes[];

/* The navigation entries a page can mark as current. */
enum ui_nav {
    UI_NAV_NONE,
    UI_NAV_DASHBOARD,
};

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

#endif
