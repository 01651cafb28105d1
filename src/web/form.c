/* SPDX-License-Identifier: MIT */
/*
 * form.c - the fields of a posted HTML form.
 *
 * Browsers post forms as application/x-www-form-urlencoded: name=value
 * pairs joined by "&", "+" for a space, other bytes percent-encoded.
 * Percent-decoding is libmicrohttpd's (MHD_http_unescape); this file
 * splits the pairs, checks that every name and value is UTF-8 and folds
 * the CR LF line ends browsers send in a textarea into LF, as the CLI and
 * the API store them. Pages never post files, so multipart is not read.
 */
#include "web/form.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/i18n.h"
#include "core/xalloc.h"

/* A decoded copy of the first len bytes of text ("+" as space, %XX);
 * NULL when it is not UTF-8. Free with free(). */
static char *decode(const char *text, size_t len)
{
    char *s = xmalloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        s[i] = text[i] == '+' ? ' ' : text[i];
    }
    s[len] = '\0';
    size_t n = MHD_http_unescape(s);
    s[n] = '\0';
    if (memchr(s, '\0', n) != NULL ||
        u8_check((const uint8_t *)s, n) != NULL) {
        free(s);
        return NULL;
    }
    /* Textareas end lines with CR LF. */
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (!(r[0] == '\r' && r[1] == '\n')) {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

/* Append one field (takes both strings). */
static void add_field(struct form *f, char *name, char *value)
{
    f->fields = xgrow(f->fields, &f->cap, f->n + 1, sizeof(*f->fields));
    f->fields[f->n++] = (struct form_field){name, value};
}

/* Parse body (len bytes, not NUL-terminated) into out. A field that is
 * not UTF-8 adds a problem naming it (or "form" when its name is the
 * broken part) and is left out; returns false when there was one. */
bool form_parse(const char *body, size_t len, struct form *out,
                struct problems *p)
{
    bool ok = true;
    size_t at = 0;
    while (at < len) {
        const char *pair = body + at;
        const char *amp = memchr(pair, '&', len - at);
        size_t pair_len = amp ? (size_t)(amp - pair) : len - at;
        at += pair_len + 1;
        if (pair_len == 0) {
            continue;
        }
        const char *eq = memchr(pair, '=', pair_len);
        size_t name_len = eq ? (size_t)(eq - pair) : pair_len;
        char *name = decode(pair, name_len);
        char *value = eq ? decode(eq + 1, pair_len - name_len - 1)
                         : xstrdup("");
        if (name == NULL || value == NULL) {
            problems_add(p, name ? name : "form", "%s",
                         _("is not valid UTF-8"));
            free(name);
            free(value);
            ok = false;
            continue;
        }
        add_field(out, name, value);
    }
    return ok;
}

/* The first value of the field name; NULL when absent. Valid until
 * form_clear(). */
const char *form_get(const struct form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->fields[i].name, name) == 0) {
            return f->fields[i].value;
        }
    }
    return NULL;
}

/* Up to max values of the field name (a repeated field, e.g. checkboxes)
 * into out; returns how many. */
size_t form_all(const struct form *f, const char *name, const char **out,
                size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n && n < max; i++) {
        if (strcmp(f->fields[i].name, name) == 0) {
            out[n++] = f->fields[i].value;
        }
    }
    return n;
}

/* Free the fields; f becomes empty. Accepts an empty form. */
void form_clear(struct form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->fields[i].name);
        free(f->fields[i].value);
    }
    free(f->fields);
    memset(f, 0, sizeof(*f));
}
