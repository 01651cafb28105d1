/* SPDX-License-Identifier: MIT */
/*
 * validate.c - field checks with messages people can act on.
 *
 * Every message names what is wrong in the user's terms ("must not be
 * empty", "is not valid UTF-8"); the field name is carried separately in
 * the problem so each interface can show it its own way.
 */
#include "core/validate.h"

#include <ctype.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"

/* Check a free-text value: valid UTF-8, not blank when required, at most
 * max_chars characters (0: no limit). NULL counts as absent. */
bool validate_text(struct problems *p, const char *field, const char *value,
                   bool required, size_t max_chars)
{
    if (value == NULL || *value == '\0') {
        if (required) {
            problems_add(p, field, "%s", _("is required"));
            return false;
        }
        return true;
    }
    if (!text_is_utf8(value)) {
        problems_add(p, field, "%s", _("is not valid UTF-8 text"));
        return false;
    }
    if (required && text_is_blank(value)) {
        problems_add(p, field, "%s", _("must not be blank"));
        return false;
    }
    if (max_chars && text_chars(value) > max_chars) {
        problems_add(p, field, _("is too long (at most %zu characters)"),
                     max_chars);
        return false;
    }
    return true;
}

/* Index of value in the NULL-terminated list allowed, or -1. */
int validate_index(const char *value, const char *const *allowed)
{
    if (value == NULL) {
        return -1;
    }
    for (int i = 0; allowed[i]; i++) {
        if (strcmp(value, allowed[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* Check that value is one of the NULL-terminated list allowed; the message
 * lists the choices. */
bool validate_one_of(struct problems *p, const char *field, const char *value,
                     const char *const *allowed)
{
    if (validate_index(value, allowed) >= 0) {
        return true;
    }
    char choices[256] = "";
    size_t used = 0;
    for (int i = 0; allowed[i]; i++) {
        size_t n = strlen(allowed[i]);
        if (used + n + 3 >= sizeof(choices)) {
            break;
        }
        if (i) {
            memcpy(choices + used, ", ", 2);
            used += 2;
        }
        memcpy(choices + used, allowed[i], n);
        used += n;
        choices[used] = '\0';
    }
    if (value && !text_is_utf8(value)) {
        problems_add(p, field, "%s", _("is not valid UTF-8 text"));
    } else {
        problems_add(p, field, _("must be one of: %s"), choices);
    }
    return false;
}

/* A language taio writes in ("ja", "en"). Absent (NULL or "") is
 * accepted. */
bool validate_lang(struct problems *p, const char *field, const char *value)
{
    if (value == NULL || *value == '\0') {
        return true;
    }
    return validate_one_of(p, field, value, I18N_LANG_NAMES);
}

/* A plausible e-mail address: one '@', something on both sides, a dot in
 * the domain, no spaces. Absent (NULL or "") is accepted. */
bool validate_email(struct problems *p, const char *field, const char *value)
{
    if (value == NULL || *value == '\0') {
        return true;
    }
    if (!validate_text(p, field, value, false, 254)) {
        return false;
    }
    const char *at = strchr(value, '@');
    bool ok = at && at != value && strchr(at + 1, '@') == NULL &&
              strchr(at + 1, '.') && at[1] != '.' &&
              value[strlen(value) - 1] != '.';
    for (const char *c = value; ok && *c; c++) {
        if (isspace((unsigned char)*c)) {
            ok = false;
        }
    }
    if (!ok) {
        problems_add(p, field, "%s",
                     _("is not an e-mail address (name@example.jp)"));
    }
    return ok;
}

/* A login name: 2 to 32 of a-z, 0-9, '.', '_' or '-', starting with a
 * letter. */
bool validate_login(struct problems *p, const char *field, const char *value)
{
    if (value == NULL || *value == '\0') {
        problems_add(p, field, "%s", _("is required"));
        return false;
    }
    size_t n = strlen(value);
    bool ok = n >= 2 && n <= 32 && islower((unsigned char)value[0]);
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char c = (unsigned char)value[i];
        ok = islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-';
    }
    if (!ok) {
        problems_add(p, field, "%s",
                     _("must be 2-32 characters of a-z, 0-9, '.', '_' or "
                       "'-', starting with a letter"));
    }
    return ok;
}
