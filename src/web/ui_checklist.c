/* SPDX-License-Identifier: MIT */
/*
 * ui_checklist.c - checklists in the web UI (checklist.c): on the case
 * page, the items with who ticked them and when, a tag that brings more,
 * and the reason a case resolves with required items open; under
 * Settings, the templates (admins add and remove them).
 *
 *   POST /cases/{number}/checklist/{step}   tick, tag, override
 *   GET  /settings/checklists
 *   POST /settings/checklists                add a template
 *   POST /settings/checklists/edit           current=NAME, the new fields
 *   POST /settings/checklists/remove         name=NAME
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "input.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"name", N_("Name")},
    {"kinds", N_("Case kinds")},
    {"tags", N_("Tags")},
    {"items", N_("Items")},
    {"tag", N_("Tag")},
    {"reason", N_("Reason")},
    {"item", N_("Item")},
    {NULL, NULL},
};

/* A small form posting step for case c. */
static void step_begin(struct html *h, const struct http_request *req,
                       const struct case_rec *c, const char *step,
                       const char *cls)
{
    html_printf(h, "<form method=\"post\" class=\"%s\"", cls);
    html_url_attr(h, "action", "/cases/%s/checklist/%s", c->number, step);
    html_lit(h, ">");
    ui_csrf_field(h, req);
}

/* The case's checklist card: nothing when it has none and the person
 * cannot tag. */
void ui_checklist_card(struct html *h, const struct http_request *req,
                       const struct case_rec *c)
{
    struct checklist_item *items = NULL;
    size_t n = 0;
    if (checklist_items(req->db, c->id, &items, &n) != TAIO_OK) {
        return;
    }
    bool handle = user_can(&req->actor, USER_ACT_HANDLE);
    bool record = user_can(&req->actor, USER_ACT_RECORD);
    html_printf(h, "<section class=\"card\" id=\"checklist\"><h2>%s</h2>",
                _("Checklist"));
    if (c->tags && *c->tags) {
        html_printf(h, "<p class=\"muted\">%s: %s</p>", _("Tags"), c->tags);
    }
    size_t open_required = 0;
    html_lit(h, "<ul class=\"plain checklist\">");
    for (size_t i = 0; i < n; i++) {
        const struct checklist_item *it = &items[i];
        open_required += it->required && !it->done_at;
        html_printf(h, "<li class=\"%s\">%s %s%s", it->done_at ? "done" : "",
                    it->done_at ? "☑" : "☐", it->text,
                    it->required ? " <b>*</b>" : "");
        if (it->done_at) {
            html_printf(h, " <small>%s ", it->done_by ? it->done_by : "");
            ui_time(h, req, it->done_at);
            html_lit(h, "</small>");
        }
        if (record) {
            step_begin(h, req, c, "tick", "inline no-print");
            html_printf(h, "<input type=\"hidden\" name=\"item\" "
                           "value=\"%lld\"><input type=\"hidden\" "
                           "name=\"done\" value=\"%s\"><button "
                           "type=\"submit\">%s</button></form>",
                        (long long)it->id, it->done_at ? "no" : "yes",
                        it->done_at ? _("Undo") : _("Done"));
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (n == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>",
                    _("No checklist on this case."));
    }
    if (handle) {
        step_begin(h, req, c, "tag", "stack no-print");
        ui_input(h, "checklist-tag", "tag", _("Add a tag"), NULL,
                 _("e.g. network-change"), 0);
        html_printf(h, "<div><button type=\"submit\">%s</button></div>"
                       "</form>",
                    _("Tag"));
    }
    if (handle && open_required > 0 && !c->checklist_override) {
        step_begin(h, req, c, "override", "stack no-print");
        ui_textarea(h, "checklist-reason", "reason",
                    _("Resolve without the required items: why"), NULL, 2,
                    0);
        html_printf(h, "<div><button type=\"submit\">%s</button></div>"
                       "</form>",
                    _("Record the reason"));
    }
    if (c->checklist_override) {
        html_printf(h, "<p class=\"muted\">%s: %s</p>",
                    _("Resolves with open items because"),
                    c->checklist_override);
    }
    html_lit(h, "</section>");
    checklist_items_free(items, n);
}

/* POST /cases/{number}/checklist/{step} */
static void post_step(struct http_request *req)
{
    struct problems p = {0};
    int64_t id = 0;
    enum taio_status status = input_case(req->db, req->params[0], &id, &p);
    const char *step = req->params[1];
    if (status == TAIO_OK && strcmp(step, "tick") == 0) {
        const char *done = ui_field(req, "done");
        status = checklist_tick(req->db, &req->actor, id,
                                ui_id(ui_field(req, "item")),
                                done == NULL || strcmp(done, "no") != 0, &p);
    } else if (status == TAIO_OK && strcmp(step, "tag") == 0) {
        status = checklist_tag(req->db, &req->actor, id, ui_field(req, "tag"),
                               &p);
    } else if (status == TAIO_OK && strcmp(step, "override") == 0) {
        status = checklist_override(req->db, &req->actor, id,
                                    ui_field(req, "reason"), &p);
    } else if (status == TAIO_OK) {
        status = TAIO_ENOTFOUND;
    }
    struct case_rec c;
    if (status == TAIO_OK && case_get(req->db, id, &c) == TAIO_OK) {
        struct buf where = {0};
        ui_case_path(&where, c.number, "#checklist");
        http_redirect(req, buf_str(&where));
        buf_clear(&where);
        case_rec_clear(&c);
    } else if (status != TAIO_OK) {
        ui_error_page(req, status_http(status),
                      _("The checklist was not changed."), &p);
    }
    problems_clear(&p);
}

/* The items of t as the form shows them: one a line, "!" first when
 * required. */
static void items_text(const struct checklist_template *t, struct buf *out)
{
    for (size_t k = 0; k < t->n_items; k++) {
        buf_printf(out, "%s%s\n", t->items[k].required ? "!" : "",
                   t->items[k].text);
    }
}

/* The form that changes template t, folded away; open and showing what
 * was posted when that was refused (p). */
static void edit_form(struct html *h, struct http_request *req,
                      const struct checklist_template *t,
                      const struct problems *p)
{
    const char *current = p ? ui_posted(req, "current") : NULL;
    bool again = current && strcmp(current, t->name) == 0;
    struct buf items = {0};
    items_text(t, &items);
    char id[4][40];
    snprintf(id[0], sizeof(id[0]), "cl-name-%lld", (long long)t->id);
    snprintf(id[1], sizeof(id[1]), "cl-kinds-%lld", (long long)t->id);
    snprintf(id[2], sizeof(id[2]), "cl-tags-%lld", (long long)t->id);
    snprintf(id[3], sizeof(id[3]), "cl-items-%lld", (long long)t->id);
    html_printf(h, "<details class=\"no-print\"%s><summary>%s</summary>",
                again ? " open" : "", _("Change"));
    html_lit(h, "<form method=\"post\" action=\"/settings/checklists/edit\" "
                "class=\"stack wide\">");
    ui_csrf_field(h, req);
    html_printf(h, "<input type=\"hidden\" name=\"current\" value=\"%s\">",
                t->name);
    ui_input(h, id[0], "name", _("Name"),
             again ? ui_posted(req, "name") : t->name, NULL, UI_REQUIRED);
    ui_input(h, id[1], "kinds", _("Case kinds"),
             again ? ui_posted(req, "kinds") : t->kinds, NULL, 0);
    ui_input(h, id[2], "tags", _("Tags"),
             again ? ui_posted(req, "tags") : t->tags, NULL, 0);
    ui_textarea(h, id[3], "items",
                _("Items, one per line (! first: required)"),
                again ? ui_posted(req, "items") : buf_str(&items),
                (int)t->n_items + 1, UI_REQUIRED);
    html_printf(h, "<p class=\"muted\">%s</p>",
                _("Cases that already have this checklist keep their "
                  "items as they are."));
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></details>",
                _("Save"));
    buf_clear(&items);
}

/* The templates, and (admins) the form to add one. */
static void templates_page(struct http_request *req, const struct problems *p,
                           int status_code)
{
    struct checklist_template *list = NULL;
    size_t n = 0;
    enum taio_status status = checklist_template_list(req->db, &list, &n);
    if (status != TAIO_OK) {
        checklist_template_list_free(list, n);
        problem_reply_status(req, status, NULL);
        return;
    }
    bool admin = user_can(&req->actor, USER_ACT_ADMIN);
    struct html h;
    ui_page_begin(req, &h, _("Checklists"), UI_NAV_SETTINGS);
    html_printf(&h, "<h1>%s</h1>", _("Settings"));
    ui_settings_nav(&h, req, "/settings/checklists");
    ui_problems_for(&h, p, LABELS);
    for (size_t i = 0; i < n; i++) {
        const struct checklist_template *t = &list[i];
        if (!t->active) {
            continue;
        }
        html_printf(&h, "<section class=\"card\"><h2>%s</h2>"
                        "<p class=\"muted\">%s: %s · %s: %s</p><ol>",
                    t->name, _("Case kinds"), *t->kinds ? t->kinds : "—",
                    _("Tags"), *t->tags ? t->tags : "—");
        for (size_t k = 0; k < t->n_items; k++) {
            html_printf(&h, "<li>%s%s</li>", t->items[k].text,
                        t->items[k].required ? " <b>*</b>" : "");
        }
        html_lit(&h, "</ol>");
        if (admin) {
            edit_form(&h, req, t, p);
            html_lit(&h, "<form method=\"post\" "
                         "action=\"/settings/checklists/remove\" "
                         "class=\"no-print\">");
            ui_csrf_field(&h, req);
            html_printf(&h, "<input type=\"hidden\" name=\"name\" "
                            "value=\"%s\"><button type=\"submit\">%s"
                            "</button></form>",
                        t->name, _("Remove"));
        }
        html_lit(&h, "</section>");
    }
    if (admin) {
        /* what was posted, when the refused form was this one (an edit
         * posts "current") */
        const struct problems *added =
            p && !ui_posted(req, "current") ? p : NULL;
        html_printf(&h, "<section class=\"card no-print\"><h2>%s</h2>",
                    _("Add a checklist"));
        html_lit(&h, "<form method=\"post\" action=\"/settings/checklists\" "
                     "class=\"stack wide\">");
        ui_csrf_field(&h, req);
        ui_input(&h, "cl-name", "name", _("Name"),
                 added ? ui_posted(req, "name") : NULL, NULL, UI_REQUIRED);
        ui_input(&h, "cl-kinds", "kinds", _("Case kinds"),
                 added ? ui_posted(req, "kinds") : NULL,
                 _("e.g. trouble,complaint"), 0);
        ui_input(&h, "cl-tags", "tags", _("Tags"),
                 added ? ui_posted(req, "tags") : NULL,
                 _("e.g. network-change"), 0);
        ui_textarea(&h, "cl-items", "items",
                    _("Items, one per line (! first: required)"),
                    added ? ui_posted(req, "items") : NULL, 5, UI_REQUIRED);
        html_printf(&h, "<div><button class=\"primary\" type=\"submit\">%s"
                        "</button></div></form></section>",
                    _("Add"));
    }
    checklist_template_list_free(list, n);
    ui_page_end(req, &h, status_code);
}

/* GET /settings/checklists */
static void get_templates(struct http_request *req)
{
    templates_page(req, NULL, 200);
}

/* Split text into its non-blank lines (modified in place). */
static size_t lines_of(char *text, const char **out, size_t max)
{
    size_t n = 0;
    char *rest = text;
    for (char *line = strsep(&rest, "\n"); line && n < max;
         line = strsep(&rest, "\n")) {
        size_t len = strlen(line);
        while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ')) {
            line[--len] = '\0';
        }
        if (len > 0) {
            out[n++] = line;
        }
    }
    return n;
}

/* A template as the form posts it: name, kinds, tags and the items'
 * lines (their text borrowed from lines, which is owned). */
struct posted {
    char *lines;
    const char *items[64];
    struct checklist_change ch;
};

static void posted_read(struct http_request *req, struct posted *out)
{
    const char *items = ui_field(req, "items");
    const char *kinds = ui_field(req, "kinds");
    const char *tags = ui_field(req, "tags");
    out->lines = xstrdup(items ? items : "");
    out->ch = (struct checklist_change){
        .name = ui_field(req, "name"),
        .kinds = kinds ? kinds : "",
        .tags = tags ? tags : "",
        .items = out->items,
        .n_items = lines_of(out->lines, out->items, 64),
    };
}

/* Back to the templates when status is TAIO_OK, else the page again with
 * the problems p. */
static void answer(struct http_request *req, enum taio_status status,
                   const struct problems *p)
{
    if (status == TAIO_OK) {
        http_redirect(req, "/settings/checklists");
    } else if (ui_show_again(req, status, p)) {
        templates_page(req, p, status_http(status));
    }
}

/* POST /settings/checklists */
static void post_template(struct http_request *req)
{
    struct posted t;
    posted_read(req, &t);
    struct problems p = {0};
    answer(req,
           checklist_template_add(req->db, &req->actor, t.ch.name,
                                  t.ch.kinds, t.ch.tags, t.ch.items,
                                  t.ch.n_items, &p, NULL),
           &p);
    problems_clear(&p);
    free(t.lines);
}

/* POST /settings/checklists/edit */
static void post_edit(struct http_request *req)
{
    struct posted t;
    posted_read(req, &t);
    struct problems p = {0};
    answer(req,
           checklist_template_edit(req->db, &req->actor,
                                   ui_field(req, "current"), &t.ch, &p),
           &p);
    problems_clear(&p);
    free(t.lines);
}

/* POST /settings/checklists/remove */
static void post_remove(struct http_request *req)
{
    struct problems p = {0};
    answer(req,
           checklist_template_remove(req->db, &req->actor,
                                     ui_field(req, "name"), &p),
           &p);
    problems_clear(&p);
}

const struct http_route ui_checklist_routes[] = {
    {"POST", "/cases/{number}/checklist/{step}", post_step, HTTP_PAGE},
    {"GET", "/settings/checklists", get_templates, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/settings/checklists", post_template, HTTP_PAGE},
    {"POST", "/settings/checklists/edit", post_edit, HTTP_PAGE},
    {"POST", "/settings/checklists/remove", post_remove, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
