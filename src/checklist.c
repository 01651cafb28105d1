/* SPDX-License-Identifier: MIT */
/*
 * checklist.c - the steps a kind of work must not forget, ticked on the
 * case ("asked the client's administrator which systems depend on the
 * current addresses" before a network change; "tested the network
 * connection, not only the devices" after an equipment replacement).
 *
 * Admins keep templates: ordered items, some required, bound to case
 * kinds and to tags. A template applies to a case when its kinds are
 * empty or name the case's kind, and its tags are empty or share one
 * with the case (and it names at least one of them). Its items are copied
 * onto the case when the case opens (intake.c calls checklist_apply) and
 * whenever the case is given a tag. Ticking records who and when. A case
 * resolves only with its required items ticked, unless someone handling
 * it says why (checklist_override; case.c checks, the reason goes to the
 * timeline).
 */
#include "checklist.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "history.h"
#include "timeline.h"

/* Most items a template holds. */
#define MAX_ITEMS 50

static const char SQL_ADD[] =
    "INSERT INTO checklist_templates (name, kinds, tags, created_at)"
    " VALUES ($1, $2, $3, $4) RETURNING id";

static const char SQL_ADD_ITEM[] =
    "INSERT INTO checklist_template_items (template_id, position, text,"
    "  required) VALUES ($1, $2, $3, $4)";

/* A removed template gives its name up ("name #id"), so a corrected one
 * can be added under it; cases that have its items keep them. */
static const char SQL_REMOVE[] =
    "UPDATE checklist_templates SET active = 0, name = name || ' #' || id"
    " WHERE name = $1 AND active = 1";

static const char SQL_CURRENT[] =
    "SELECT id, kinds, tags FROM checklist_templates"
    " WHERE name = $1 AND active = 1";

static const char SQL_EDIT[] =
    "UPDATE checklist_templates SET name = $2, kinds = $3, tags = $4"
    " WHERE id = $1";

static const char SQL_ITEMS_TEXT[] =
    "SELECT group_concat(line, char(10)) FROM ("
    "  SELECT CASE WHEN required THEN '!' ELSE '' END || text AS line"
    "    FROM checklist_template_items WHERE template_id = $1"
    "   ORDER BY position)";

static const char SQL_DROP_ITEMS[] =
    "DELETE FROM checklist_template_items WHERE template_id = $1";

static const char SQL_TEMPLATES[] =
    "SELECT id, name, kinds, tags, active FROM checklist_templates"
    " ORDER BY active DESC, name";

static const char SQL_TEMPLATE_ITEMS[] =
    "SELECT text, required FROM checklist_template_items"
    " WHERE template_id = $1 ORDER BY position";

/* Copy the items of template $2 onto case $1, unless the case has that
 * checklist already: it keeps the items it got, though the template's
 * have changed since (checklist_template_edit). */
static const char SQL_COPY[] =
    "INSERT INTO case_checklist_items (case_id, template_id, position, text,"
    "  required)"
    " SELECT $1, template_id, position, text, required"
    "   FROM checklist_template_items WHERE template_id = $2"
    "    AND NOT EXISTS (SELECT 1 FROM case_checklist_items"
    "                     WHERE case_id = $1 AND template_id = $2)"
    " ON CONFLICT (case_id, template_id, position) DO NOTHING";

static const char SQL_CASE_TAGS[] =
    "SELECT kind, tags FROM cases WHERE id = $1";

static const char SQL_SET_TAGS[] =
    "UPDATE cases SET tags = $2, updated_at = $3, version = version + 1"
    " WHERE id = $1";

static const char SQL_ITEMS[] =
    "SELECT i.id, t.name, i.text, i.required, i.done_at, u.login"
    "  FROM case_checklist_items i"
    "  JOIN checklist_templates t ON t.id = i.template_id"
    "  LEFT JOIN users u ON u.id = i.done_by"
    " WHERE i.case_id = $1 ORDER BY t.name, i.position";

static const char SQL_TICK[] =
    "UPDATE case_checklist_items SET done_at = $3, done_by = $4"
    " WHERE id = $2 AND case_id = $1";

static const char SQL_OVERRIDE[] =
    "UPDATE cases SET checklist_override = $2, updated_at = $3,"
    "  version = version + 1 WHERE id = $1";

/* True when list (comma-separated) holds name. */
static bool listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && n > 0 && strncmp(p, name, n) == 0) {
            return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* True when some name of list a is in list b. */
static bool shares(const char *a, const char *b)
{
    char *copy = xstrdup(a);
    char *rest = copy;
    bool found = false;
    for (char *t = strsep(&rest, ","); t && !found; t = strsep(&rest, ",")) {
        found = listed(b, t);
    }
    free(copy);
    return found;
}

/* A tag: lower-case letters, digits and hyphens, 1 to 40. */
static bool is_tag(const char *tag)
{
    size_t n = strlen(tag);
    if (n == 0 || n > 40) {
        return false;
    }
    for (const char *c = tag; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '-')) {
            return false;
        }
    }
    return true;
}

/* Check a comma-separated list of kinds, or of tags. */
static bool list_ok(const char *list, bool kinds, const char *field,
                    struct problems *p)
{
    char *copy = xstrdup(list);
    char *rest = copy;
    bool ok = true;
    for (char *t = strsep(&rest, ","); t && ok; t = strsep(&rest, ",")) {
        ok = kinds ? validate_index(t, CASE_KIND_NAMES) >= 0 : is_tag(t);
    }
    free(copy);
    if (!ok) {
        problems_add(p, field, "%s",
                     kinds ? _("must be case kinds separated by commas, e.g. "
                               "trouble,complaint")
                           : _("must be tags of a-z, 0-9 and -, separated "
                               "by commas"));
    }
    return ok;
}

/* Check what a template is bound to: kinds and tags (comma-separated),
 * at least one of them. */
static void check_binding(const char *kinds, const char *tags,
                          struct problems *problems)
{
    if (*kinds) {
        list_ok(kinds, true, "kinds", problems);
    }
    if (*tags) {
        list_ok(tags, false, "tags", problems);
    }
    if (!*kinds && !*tags) {
        problems_add(problems, "kinds", "%s",
                     _("name the case kinds or the tags it is for"));
    }
}

/* The text of item as written (owned), and through *required whether a
 * "!" leads it. Blanks around either are dropped, so " !x" is required
 * and a form showing "!x" gives back what it showed. */
static char *item_text(const char *item, bool *required)
{
    char *trimmed = text_trim(item);
    *required = trimmed[0] == '!';
    if (!*required) {
        return trimmed;
    }
    char *text = text_trim(trimmed + 1);
    free(trimmed);
    return text;
}

static void check_items(const char *const *items, size_t n_items,
                        struct problems *problems)
{
    if (n_items == 0 || n_items > MAX_ITEMS) {
        problems_add(problems, "items", _("must be 1 to %d items"),
                     MAX_ITEMS);
    }
    bool ok = true;
    for (size_t i = 0; ok && i < n_items && i < MAX_ITEMS; i++) {
        bool required = false;
        char *text = item_text(items[i], &required);
        ok = validate_text(problems, "items", text, true, 500);
        free(text);
    }
}

/* Write items in order as the items of template id. */
static enum taio_status add_items(struct db *db, int64_t id,
                                  const char *const *items, size_t n_items)
{
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < n_items; i++) {
        bool required = false;
        char *text = item_text(items[i], &required);
        struct db_stmt *st = NULL;
        status = db_prepare(db, SQL_ADD_ITEM, &st);
        if (status == TAIO_OK) {
            db_bind_int64(st, 1, id);
            db_bind_int64(st, 2, (int64_t)i + 1);
            db_bind_text(st, 3, text);
            db_bind_int64(st, 4, required ? 1 : 0);
            status = db_run(st);
        }
        free(text);
    }
    return status;
}

/* Add a template named name bound to kinds and tags (comma-separated;
 * at least one of them) with items in order (a leading "!" marks a
 * required one). Admins only. Problems name "name", "kinds", "tags" and
 * "items". */
enum taio_status checklist_template_add(struct db *db,
                                        const struct actor *actor,
                                        const char *name, const char *kinds,
                                        const char *tags,
                                        const char *const *items,
                                        size_t n_items,
                                        struct problems *problems,
                                        int64_t *id_out)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    kinds = kinds ? kinds : "";
    tags = tags ? tags : "";
    validate_text(problems, "name", name, true, 100);
    check_binding(kinds, tags, problems);
    check_items(items, n_items, problems);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    int64_t id = 0;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_ADD, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, name);
        db_bind_text(st, 2, kinds);
        db_bind_text(st, 3, tags);
        db_bind_int64(st, 4, actor->now);
        status = db_fetch_one(st, db_read_int64, &id);
    }
    if (status == TAIO_ECONFLICT) {
        problems_add(problems, "name", "%s", _("is already taken"));
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK) {
        status = add_items(db, id, items, n_items);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "checklist",
                                id, "create", NULL, NULL, name);
    }
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}

/* The template named name as it stands (active ones only). */
struct current {
    int64_t id;
    char *kinds;
    char *tags;
};

static void read_current(struct db_stmt *st, void *record)
{
    struct current *c = record;
    c->id = db_col_int64(st, 0);
    c->kinds = xstrdup(db_col_text(st, 1) ? db_col_text(st, 1) : "");
    c->tags = xstrdup(db_col_text(st, 2) ? db_col_text(st, 2) : "");
}

/* A row's first column as owned text (a db_read_fn). */
static void read_text(struct db_stmt *st, void *record)
{
    *(char **)record = db_col_strdup(st, 0);
}

/* The items of template id as one text, a line each, "!" before a
 * required one: how the history keeps them. */
static enum taio_status items_as_text(struct db *db, int64_t id, char **out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ITEMS_TEXT, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        status = db_fetch_one(st, read_text, out);
    }
    return status;
}

/* Record in the history what ch changed of template t (named name). */
static enum taio_status record_edit(struct db *db, const struct actor *actor,
                                    const struct current *t,
                                    const char *name,
                                    const struct checklist_change *ch,
                                    const char *old_items)
{
    struct {
        const char *field;
        const char *old_value;
        const char *new_value;
    } fields[] = {
        {"name", name, ch->name},
        {"kinds", t->kinds, ch->kinds},
        {"tags", t->tags, ch->tags},
    };
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < 3; i++) {
        if (fields[i].new_value) {
            status = history_record_change(
                db, actor->now, actor->user_id, "checklist", t->id,
                fields[i].field, fields[i].old_value, fields[i].new_value);
        }
    }
    char *new_items = NULL;
    if (status == TAIO_OK && ch->items) {
        status = items_as_text(db, t->id, &new_items);
    }
    if (status == TAIO_OK && new_items) {
        status = history_record_change(db, actor->now, actor->user_id,
                                       "checklist", t->id, "items",
                                       old_items, new_items);
    }
    free(new_items);
    return status;
}

/* Write ch's new name, binding and items over template t (checked), and
 * record what changed. */
static enum taio_status edit_template(struct db *db, const struct actor *actor,
                                      const struct current *t,
                                      const char *name,
                                      const struct checklist_change *ch,
                                      struct problems *problems)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_EDIT, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, t->id);
        db_bind_text(st, 2, ch->name ? ch->name : name);
        db_bind_text(st, 3, ch->kinds ? ch->kinds : t->kinds);
        db_bind_text(st, 4, ch->tags ? ch->tags : t->tags);
        status = db_run(st);
    }
    if (status == TAIO_ECONFLICT) {
        problems_add(problems, "name", "%s", _("is already taken"));
        return TAIO_EINVAL;
    }
    char *old_items = NULL;
    if (status == TAIO_OK && ch->items) {
        status = items_as_text(db, t->id, &old_items);
        if (status == TAIO_OK) {
            status = db_prepare(db, SQL_DROP_ITEMS, &st);
        }
        if (status == TAIO_OK) {
            db_bind_int64(st, 1, t->id);
            status = db_run(st);
        }
        if (status == TAIO_OK) {
            status = add_items(db, t->id, ch->items, ch->n_items);
        }
    }
    if (status == TAIO_OK) {
        status = record_edit(db, actor, t, name, ch, old_items);
    }
    free(old_items);
    return status;
}

/* Change the template named name: what ch gives (NULL members keep what
 * is there). Cases that have its items keep them as they were; cases it
 * comes onto later get the new ones. Admins only. Problems as for
 * checklist_template_add(). */
enum taio_status checklist_template_edit(struct db *db,
                                         const struct actor *actor,
                                         const char *name,
                                         const struct checklist_change *ch,
                                         struct problems *problems)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    if (ch->name) {
        validate_text(problems, "name", ch->name, true, 100);
    }
    if (ch->items) {
        check_items(ch->items, ch->n_items, problems);
    }
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    struct current t = {0};
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_CURRENT, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, name ? name : "");
        status = db_fetch_one(st, read_current, &t);
    }
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "name", _("no checklist is named \"%s\""),
                     name ? name : "");
    }
    if (status == TAIO_OK) {
        check_binding(ch->kinds ? ch->kinds : t.kinds,
                      ch->tags ? ch->tags : t.tags, problems);
        status = problems_any(problems) ? TAIO_EINVAL : TAIO_OK;
    }
    if (status == TAIO_OK) {
        status = edit_template(db, actor, &t, name, ch, problems);
    }
    free(t.kinds);
    free(t.tags);
    return db_end(db, status);
}

/* Stop applying the template named name to new cases (cases that have
 * its items keep them) and free its name for a corrected one. Admins
 * only. */
enum taio_status checklist_template_remove(struct db *db,
                                           const struct actor *actor,
                                           const char *name,
                                           struct problems *problems)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_REMOVE, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, name ? name : "");
        status = db_run(st);
    }
    if (status == TAIO_OK && db_changes(db) == 0) {
        problems_add(problems, "name", _("no checklist is named \"%s\""),
                     name ? name : "");
        status = TAIO_ENOTFOUND;
    }
    return status;
}

static void read_template(struct db_stmt *st, void *record)
{
    struct checklist_template *t = record;
    t->id = db_col_int64(st, 0);
    t->name = db_col_strdup(st, 1);
    t->kinds = db_col_strdup(st, 2);
    t->tags = db_col_strdup(st, 3);
    t->active = db_col_int64(st, 4) != 0;
}

static void read_template_item(struct db_stmt *st, void *record)
{
    struct checklist_template_item *it = record;
    it->text = db_col_strdup(st, 0);
    it->required = db_col_int64(st, 1) != 0;
}

/* Every template with its items, the active ones first. Free with
 * checklist_template_list_free(). */
enum taio_status checklist_template_list(struct db *db,
                                         struct checklist_template **out,
                                         size_t *n_out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_TEMPLATES, &st);
    void *records = NULL;
    if (status == TAIO_OK) {
        status = db_fetch_all(st, read_template,
                              sizeof(struct checklist_template), &records,
                              n_out);
    }
    struct checklist_template *list = records;
    for (size_t i = 0; status == TAIO_OK && i < *n_out; i++) {
        status = db_prepare(db, SQL_TEMPLATE_ITEMS, &st);
        if (status == TAIO_OK) {
            db_bind_int64(st, 1, list[i].id);
            void *items = NULL;
            status = db_fetch_all(st, read_template_item,
                                  sizeof(struct checklist_template_item),
                                  &items, &list[i].n_items);
            list[i].items = items;
        }
    }
    *out = list;
    return status;
}

void checklist_template_list_free(struct checklist_template *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        for (size_t k = 0; k < list[i].n_items; k++) {
            free(list[i].items[k].text);
        }
        free(list[i].items);
        free(list[i].name);
        free(list[i].kinds);
        free(list[i].tags);
    }
    free(list);
}

/* True when template t applies to a case of kind with tags. */
static bool applies(const struct checklist_template *t, const char *kind,
                    const char *tags)
{
    if (!t->active || (!*t->kinds && !*t->tags)) {
        return false;
    }
    bool kind_ok = !*t->kinds || listed(t->kinds, kind);
    bool tags_ok = !*t->tags || shares(t->tags, tags);
    return kind_ok && tags_ok;
}

/* Copy onto case case_id the items of every template that applies to it
 * now, in the caller's transaction; items there already stay. */
enum taio_status checklist_apply(struct db *db, int64_t case_id)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CASE_TAGS, &st);
    char *kind = NULL;
    char *tags = NULL;
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        if (db_step(st) == DB_ROW) {
            kind = db_col_strdup(st, 0);
            tags = db_col_strdup(st, 1);
        } else {
            status = TAIO_ENOTFOUND;
        }
        db_finalize(st);
    }
    struct checklist_template *list = NULL;
    size_t n = 0;
    if (status == TAIO_OK) {
        status = checklist_template_list(db, &list, &n);
    }
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        if (!applies(&list[i], kind, tags ? tags : "")) {
            continue;
        }
        status = db_prepare(db, SQL_COPY, &st);
        if (status == TAIO_OK) {
            db_bind_int64(st, 1, case_id);
            db_bind_int64(st, 2, list[i].id);
            status = db_run(st);
        }
    }
    checklist_template_list_free(list, n);
    free(kind);
    free(tags);
    return status;
}

/* Give case case_id the tag (a-z, 0-9, -), recorded on its timeline, and
 * copy on the checklists it brings. Handling roles only. */
enum taio_status checklist_tag(struct db *db, const struct actor *actor,
                               int64_t case_id, const char *tag,
                               struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    if (tag == NULL || !is_tag(tag)) {
        problems_add(problems, "tag", "%s",
                     _("must be a tag of a-z, 0-9 and -, e.g. "
                       "network-change"));
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, case_id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_CASE_TAGS, &st);
    char *tags = NULL;
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        if (db_step(st) == DB_ROW) {
            tags = db_col_strdup(st, 1);
        }
        db_finalize(st);
    }
    if (status == TAIO_OK && !listed(tags ? tags : "", tag)) {
        struct buf more = {0};
        buf_printf(&more, "%s%s%s", tags ? tags : "",
                   tags && *tags ? "," : "", tag);
        status = db_prepare(db, SQL_SET_TAGS, &st);
        if (status == TAIO_OK) {
            db_bind_int64(st, 1, case_id);
            db_bind_text(st, 2, buf_str(&more));
            db_bind_int64(st, 3, actor->now);
            status = db_run(st);
        }
        if (status == TAIO_OK) {
            struct timeline_new ev;
            timeline_new_init(&ev, case_id, actor->now, actor->user_id,
                              TIMELINE_FIELD);
            ev.field = "tags";
            ev.old_value = tags && *tags ? tags : NULL;
            ev.new_value = buf_str(&more);
            status = timeline_append(db, &ev, NULL);
        }
        buf_clear(&more);
    }
    if (status == TAIO_OK) {
        status = checklist_apply(db, case_id);
    }
    free(tags);
    case_rec_clear(&c);
    return db_end(db, status);
}

static void read_item(struct db_stmt *st, void *record)
{
    struct checklist_item *it = record;
    it->id = db_col_int64(st, 0);
    it->template_name = db_col_strdup(st, 1);
    it->text = db_col_strdup(st, 2);
    it->required = db_col_int64(st, 3) != 0;
    it->done_at = db_col_int64(st, 4);
    it->done_by = db_col_strdup(st, 5);
}

/* The checklist items of case case_id, by template and position. Free
 * with checklist_items_free(). */
enum taio_status checklist_items(struct db *db, int64_t case_id,
                                 struct checklist_item **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ITEMS, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        void *records = NULL;
        status = db_fetch_all(st, read_item, sizeof(struct checklist_item),
                              &records, n_out);
        *out = records;
    }
    return status;
}

void checklist_items_free(struct checklist_item *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].template_name);
        free(list[i].text);
        free(list[i].done_by);
    }
    free(list);
}

/* Tick item_id of case case_id as done (or, done false, open again),
 * recording who and when. Recording roles. */
enum taio_status checklist_tick(struct db *db, const struct actor *actor,
                                int64_t case_id, int64_t item_id, bool done,
                                struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, case_id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_TICK, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        db_bind_int64(st, 2, item_id);
        db_bind_opt_int64(st, 3, done, actor->now);
        db_bind_opt_int64(st, 4, done && actor->user_id, actor->user_id);
        status = db_run(st);
    }
    if (status == TAIO_OK && db_changes(db) == 0) {
        problems_add(problems, "item",
                     _("case %s has no checklist item #%lld"), c.number,
                     (long long)item_id);
        status = TAIO_ENOTFOUND;
    }
    case_rec_clear(&c);
    return db_end(db, status);
}

/* Let case case_id resolve with required items open, for the reason
 * given (required), which goes to the timeline. Handling roles. */
enum taio_status checklist_override(struct db *db, const struct actor *actor,
                                    int64_t case_id, const char *reason,
                                    struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "reason", reason, true, 4000)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, case_id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_OVERRIDE, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        db_bind_text(st, 2, reason);
        db_bind_int64(st, 3, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        struct timeline_new ev;
        timeline_new_init(&ev, case_id, actor->now, actor->user_id,
                          TIMELINE_FIELD);
        ev.field = "checklist";
        ev.new_value = reason;
        status = timeline_append(db, &ev, NULL);
    }
    case_rec_clear(&c);
    return db_end(db, status);
}
