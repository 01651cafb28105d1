/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEBHOOK_H
#define TAIO_WEBHOOK_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* "sha256=" and 64 hex digits, with the terminating NUL. */
#define WEBHOOK_SIGNATURE_MAX 72

void webhook_sign(const char *secret, int64_t timestamp, const char *body,
                  char *out);
enum taio_status webhook_post(const char *url, const char *body,
                              const char *secret, const char *delivery_id,
                              int64_t timestamp, char *error, size_t size);

#endif
