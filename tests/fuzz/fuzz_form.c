/* SPDX-License-Identifier: MIT */
/*
 * fuzz_form.c - a posted HTML form body (web/form.c): split into fields,
 * percent-decoded, checked for UTF-8 and line ends folded; then the
 * language a header asks for (core/i18n.c) and the HTML escaping of every
 * decoded value (web/html.c), which must never leave a raw "<" or quote.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "web/form.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct form f = {0};
    struct problems p = {0};
    form_parse((const char *)data, size, &f, &p);
    struct buf out = {0};
    struct html h;
    html_init(&h, &out);
    for (size_t i = 0; i < f.n; i++) {
        assert(form_get(&f, f.fields[i].name) != NULL);
        html_text(&h, f.fields[i].value);
        html_attr(&h, "value", f.fields[i].name);
    }
    /* Only the attribute quotes html_attr() wrote may remain. */
    size_t quotes = 0;
    for (size_t i = 0; i < out.len; i++) {
        assert(out.data[i] != '<' && out.data[i] != '>' &&
               out.data[i] != '\'');
        quotes += out.data[i] == '"';
    }
    assert(quotes == 2 * f.n);
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    (void)i18n_from_accept(text, I18N_JA);
    free(text);
    buf_clear(&out);
    form_clear(&f);
    problems_clear(&p);
    return 0;
}
