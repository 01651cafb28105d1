/* SPDX-License-Identifier: MIT */
/*
 * channel.c - the channels of contact (phone, e-mail, FAX, visit, chat,
 * letter, web form) and ordered preference lists of them.
 *
 * A customer's preferred channels are stored as a comma-separated list,
 * most preferred first ("phone,fax"): one customer never reads e-mail, and
 * taio must know before anyone writes to them.
 */
#include "channel.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"

const char *const CHANNEL_NAMES[] = {"phone", "email", "fax", "visit",
                                     "chat",  "letter", "web", NULL};

/* Stable name of a channel, e.g. "fax". */
const char *channel_name(enum channel c)
{
    return CHANNEL_NAMES[c];
}

/* Translated name of a channel for people. */
const char *channel_label(enum channel c)
{
    static const char *const LABELS[] = {
        N_("phone"), N_("e-mail"), N_("FAX"), N_("visit"),
        N_("chat"),  N_("letter"), N_("web form"),
    };
    return _(LABELS[c]);
}

/* Parse a channel name. */
bool channel_parse(const char *text, enum channel *out)
{
    int i = validate_index(text, CHANNEL_NAMES);
    if (i < 0) {
        return false;
    }
    *out = (enum channel)i;
    return true;
}

/* Check one channel name for field; absent (NULL) passes. */
bool channel_check(struct problems *p, const char *field, const char *text)
{
    if (text == NULL) {
        return true;
    }
    return validate_one_of(p, field, text, CHANNEL_NAMES);
}

/* Check an ordered list "phone, fax" and return it canonical ("phone,fax")
 * in *out (malloc'd; "" for an empty list). A channel named twice or an
 * unknown one is a problem for field. */
enum taio_status channel_list_canonical(const char *text, const char *field,
                                        struct problems *p, char **out)
{
    *out = NULL;
    if (text == NULL) {
        *out = xstrdup("");
        return TAIO_OK;
    }
    char *folded = NULL;
    if (text_nfkc(text, &folded) != TAIO_OK) {
        problems_add(p, field, "%s", _("is not valid UTF-8 text"));
        return TAIO_EINVAL;
    }
    bool seen[CHANNEL_COUNT] = {false};
    struct buf list = {0};
    enum taio_status status = TAIO_OK;
    char *save = NULL;
    for (char *part = strtok_r(folded, ", ", &save); part;
         part = strtok_r(NULL, ", ", &save)) {
        enum channel c;
        if (!channel_parse(part, &c)) {
            validate_one_of(p, field, part, CHANNEL_NAMES);
            status = TAIO_EINVAL;
            break;
        }
        if (seen[c]) {
            problems_add(p, field, _("names \"%s\" twice"), part);
            status = TAIO_EINVAL;
            break;
        }
        seen[c] = true;
        buf_printf(&list, "%s%s", list.len ? "," : "", part);
    }
    free(folded);
    if (status != TAIO_OK) {
        buf_clear(&list);
        return status;
    }
    *out = buf_steal(&list);
    return TAIO_OK;
}

/* A stored list "phone,fax" as translated labels "phone > FAX" for
 * people. Free with free(). */
char *channel_list_labels(const char *list)
{
    struct buf out = {0};
    char *copy = xstrdup(list ? list : "");
    char *save = NULL;
    for (char *part = strtok_r(copy, ",", &save); part;
         part = strtok_r(NULL, ",", &save)) {
        enum channel c;
        const char *label = channel_parse(part, &c) ? channel_label(c) : part;
        buf_printf(&out, "%s%s", out.len ? " > " : "", label);
    }
    free(copy);
    return buf_steal(&out);
}
