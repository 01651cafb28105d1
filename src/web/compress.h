/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_COMPRESS_H
#define TAIO_WEB_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* Answers below this size are sent as they are: compressing them saves
 * less than it costs. */
#define COMPRESS_MIN_BYTES 1024

bool compress_gzip_accepted(const char *accept_encoding);
bool compress_gzip(const char *data, size_t len, struct buf *out);

#endif
