/* SPDX-License-Identifier: MIT */
/*
 * fuzz_json_body.c - a request body as the API reads it: jansson parses
 * (refusing invalid UTF-8, NULs and duplicate keys), then every field is
 * checked against a route's field list, as api_body_read() does.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "web/api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct api_field FIELDS[] = {
    {"version", API_INT, false},  {"kind", API_STRING, true},
    {"title", API_STRING, true},  {"phones", API_STRINGS, false},
    {"open", API_BOOL, false},    {"deadline", API_STRING, false},
    {NULL, API_STRING, false},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t error;
    json_t *root = json_loadb((const char *)data, size,
                              JSON_REJECT_DUPLICATES, &error);
    if (root && json_is_object(root)) {
        struct problems p = {0};
        api_fields_check(root, FIELDS, &p);
        problems_clear(&p);
    }
    json_decref(root);
    return 0;
}
