/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_PROBLEM_H
#define TAIO_WEB_PROBLEM_H

#include "core/problems.h"
#include "core/status.h"
#include "web/http.h"

#include <jansson.h>

void problem_reply_current(struct http_request *req, int http_status,
                           const char *id, const char *detail,
                           const struct problems *problems,
                           json_t *current);
void problem_reply(struct http_request *req, int http_status,
                   const char *id, const char *detail,
                   const struct problems *problems);
void problem_reply_status(struct http_request *req, enum taio_status status,
                          const struct problems *problems);

#endif
