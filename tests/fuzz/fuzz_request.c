/* SPDX-License-Identifier: MIT */
/*
 * fuzz_request.c - the parts of a request line taio reads itself: the
 * path matched against every route of the API (capturing {x} segments),
 * case numbers, page cursors, and the text of a query value folded into a
 * search key or a phone key. Splitting the query string and the cookies
 * is libmicrohttpd's; the values it yields reach these same functions.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "core/text.h"
#include "web/api.h"
#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    char *query = strchr(text, '?');
    if (query) {
        *query++ = '\0';
    }
    for (size_t t = 0; api_tables[t]; t++) {
        for (const struct http_route *r = api_tables[t]; r->method; r++) {
            const char *captured[HTTP_MAX_PARAMS];
            size_t len[HTTP_MAX_PARAMS];
            size_t n = 0;
            if (http_path_match(r->pattern, text, captured, len, &n)) {
                for (size_t i = 0; i < n; i++) {
                    char *part = strndup(captured[i], len[i]);
                    int year = 0;
                    int seq = 0;
                    case_number_parse(part, &year, &seq);
                    free(part);
                }
            }
        }
    }
    if (query) {
        int64_t a = 0;
        int64_t b = 0;
        api_cursor_parse(query, &a, &b);
        char *key = NULL;
        if (text_search_key(query, &key) == TAIO_OK) {
            free(key);
        }
        key = NULL;
        if (text_phone_key(query, &key) == TAIO_OK) {
            free(key);
        }
        free(text_make_utf8(query));
    }
    free(text);
    return 0;
}
