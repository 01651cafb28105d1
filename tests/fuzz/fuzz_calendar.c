/* SPDX-License-Identifier: MIT */
/*
 * fuzz_calendar.c - the business hours and closed days a customer or the
 * organisation is given as text ("mon-fri 09:00-12:00,13:00-18:00",
 * "12-29..01-03; 2026-05-01"), parsed and written back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/problems.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct calendar_week week;
    struct problems p = {0};
    if (calendar_week_parse(text, &week, "hours", &p) == TAIO_OK) {
        free(calendar_week_format(&week));
    }
    problems_clear(&p);
    struct calendar_range range;
    if (calendar_range_parse(text, &range) == TAIO_OK) {
        free(calendar_range_format(&range));
    }
    free(text);
    return 0;
}
