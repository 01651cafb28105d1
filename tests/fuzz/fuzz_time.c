/* SPDX-License-Identifier: MIT */
/*
 * fuzz_time.c - every time and duration a request may carry: ISO 8601
 * with or without offset, dates, "15:30", "+2h", full-width digits,
 * durations such as "1h30m" or "2営業日", and the formatting back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    const struct tz *zone = NULL;
    tz_lookup("Asia/Tokyo", &zone);
    int64_t now = 1795500000; /* 2026-11-24 */
    int64_t at = 0;
    if (timeutil_parse(text, zone, now, &at) == TAIO_OK) {
        char iso[TIMEUTIL_ISO_MAX];
        timeutil_format_iso(zone, at, iso);
        timeutil_format_local(zone, at, iso);
    }
    int year = 0;
    int month = 0;
    int day = 0;
    timeutil_parse_date(text, &year, &month, &day);
    int64_t minutes = 0;
    if (timeutil_parse_duration(text, 540, &minutes) == TAIO_OK) {
        char out[TIMEUTIL_ISO_MAX];
        timeutil_format_duration(minutes, out);
    }
    free(text);
    return 0;
}
