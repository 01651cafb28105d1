/* SPDX-License-Identifier: MIT */
/*
 * ui_form.c - the form fields every page builds from: a label tied to its
 * field, the value kept after a failed post, the field's problem next to
 * it, and the problems at the top named by their labels rather than by the
 * field names the domain uses.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "web/problem.h"
#include "web/ui.h"

/* The label of field in labels (translated), or field itself. */
static const char *label_of(const struct ui_label *labels, const char *field)
{
    for (const struct ui_label *l = labels; l && l->field; l++) {
        if (strcmp(l->field, field) == 0) {
            return _(l->text);
        }
    }
    return field;
}

/* The invalid fields, each named by its label in labels (NULL-terminated
 * array, may be NULL) with what is wrong, in an alert box. */
void ui_problems_for(struct html *h, const struct problems *problems,
                     const struct ui_label *labels)
{
    if (problems == NULL || problems->n == 0) {
        return;
    }
    html_printf(h, "<div class=\"error\" role=\"alert\"><p>%s</p><ul>",
                _("Please check these fields:"));
    for (size_t i = 0; i < problems->n; i++) {
        html_printf(h, "<li><b>%s</b>: %s</li>",
                    label_of(labels, problems->items[i].field),
                    problems->items[i].message);
    }
    html_lit(h, "</ul></div>");
}

/* The opening of a field: the wrapper and its label. */
static void field_begin(struct html *h, const char *id, const char *label,
                        unsigned flags)
{
    html_printf(h, "<div class=\"field\"><label for=\"%s\">%s", id, label);
    if (flags & UI_REQUIRED) {
        html_printf(h, " <span class=\"req\">%s</span>", _("(required)"));
    }
    html_lit(h, "</label>");
}

/* The attributes flags ask for. */
static void field_flags(struct html *h, unsigned flags)
{
    if (flags & UI_REQUIRED) {
        html_lit(h, " required");
    }
    if (flags & UI_AUTOFOCUS) {
        html_lit(h, " autofocus");
    }
}

/* A labelled one-line text field: id (unique in the page), the form's
 * name, the label, the value to show (NULL: empty), a hint shown inside
 * while it is empty (NULL: none) and UI_* flags. */
void ui_input(struct html *h, const char *id, const char *name,
              const char *label, const char *value, const char *hint,
              unsigned flags)
{
    field_begin(h, id, label, flags);
    html_printf(h, "<input type=\"text\" id=\"%s\" name=\"%s\" value=\"%s\"",
                id, name, value ? value : "");
    if (hint) {
        html_attr(h, "placeholder", hint);
    }
    field_flags(h, flags);
    html_lit(h, "></div>");
}

/* A labelled text area, as ui_input() with rows lines shown. */
void ui_textarea(struct html *h, const char *id, const char *name,
                 const char *label, const char *value, int rows,
                 unsigned flags)
{
    field_begin(h, id, label, flags);
    html_printf(h, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"", id, name,
                rows);
    field_flags(h, flags);
    html_printf(h, ">%s</textarea></div>", value ? value : "");
}

/* A labelled drop-down of n choices: values[i] is sent, labels[i] shown;
 * selected (may be NULL) is chosen. */
void ui_select(struct html *h, const char *id, const char *name,
               const char *label, size_t n, const char *const *values,
               const char *const *labels, const char *selected)
{
    field_begin(h, id, label, 0);
    html_printf(h, "<select id=\"%s\" name=\"%s\">", id, name);
    for (size_t i = 0; i < n; i++) {
        bool chosen = selected && strcmp(selected, values[i]) == 0;
        html_printf(h, "<option value=\"%s\"%s>%s</option>", values[i],
                    chosen ? " selected" : "", labels[i]);
    }
    html_lit(h, "</select></div>");
}

/* A posted form's field as the domain takes it: NULL when it is absent
 * or empty ("not given"). Valid until the request ends. */
const char *ui_field(const struct http_request *req, const char *name)
{
    const char *v = form_get(&req->form, name);
    return v && v[0] ? v : NULL;
}

/* A record id typed or posted as text (a positive decimal), else 0. */
int64_t ui_id(const char *text)
{
    char *end = NULL;
    long long value = text ? strtoll(text, &end, 10) : 0;
    return value > 0 && *end == '\0' ? value : 0;
}

/* A row of radio buttons (one click, no menu to open) under legend: n
 * choices, values[i] sent and labels[i] shown, chosen checked. */
void ui_radios(struct html *h, const char *name, const char *legend,
               size_t n, const char *const *values,
               const char *const *labels, const char *chosen)
{
    html_printf(h, "<fieldset class=\"choices\"><legend>%s</legend>",
                legend);
    for (size_t i = 0; i < n; i++) {
        bool checked = chosen && strcmp(chosen, values[i]) == 0;
        html_printf(h,
                    "<label><input type=\"radio\" name=\"%s\" "
                    "value=\"%s\"%s> %s</label>",
                    name, values[i], checked ? " checked" : "", labels[i]);
    }
    html_lit(h, "</fieldset>");
}

/* After a refused change: true when the page should be shown again with
 * the problems (TAIO_EINVAL, TAIO_ECONFLICT; its status is
 * status_http(status)); otherwise the error is answered here. */
bool ui_show_again(struct http_request *req, enum taio_status status,
                   const struct problems *p)
{
    if (status == TAIO_EINVAL || status == TAIO_ECONFLICT) {
        return true;
    }
    problem_reply_status(req, status, p);
    return false;
}

/* A value from the posted form for showing it again; NULL when absent. */
const char *ui_posted(const struct http_request *req, const char *name)
{
    return form_get(&req->form, name);
}
