/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_TIMEUTIL_H
#define TAIO_CORE_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/tz.h"

/* Longest string timeutil_format_* writes, with its NUL. */
#define TIMEUTIL_ISO_MAX 32

/* The clock */
enum taio_status timeutil_now(int64_t *out);

/* Parsing user input */
enum taio_status timeutil_parse(const char *text, const struct tz *zone,
                                int64_t now, int64_t *out);
enum taio_status timeutil_parse_date(const char *text, int *year, int *month,
                                     int *day);
enum taio_status timeutil_parse_duration(const char *text,
                                         int64_t business_day_minutes,
                                         int64_t *minutes);

/* Formatting for output */
void timeutil_format_iso(const struct tz *zone, int64_t at,
                         char out[TIMEUTIL_ISO_MAX]);
void timeutil_format_local(const struct tz *zone, int64_t at,
                           char out[TIMEUTIL_ISO_MAX]);
void timeutil_format_duration(int64_t minutes, char out[TIMEUTIL_ISO_MAX]);
void timeutil_format_span(int64_t seconds, char *out, size_t size);
void timeutil_format_relative(int64_t at, int64_t now, char *out,
                              size_t size);

#endif
