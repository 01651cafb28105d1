/* SPDX-License-Identifier: MIT */
/*
 * escalation.c - handing a case up to a manager (エスカレーション).
 *
 * When a customer needs to hear from the person responsible, or the owner
 * is stuck, the case goes to the owner's manager: the manager becomes the
 * owner, and the timeline records from whom, to whom and why, in the same
 * transaction. Rules that escalate by themselves (a complaint left
 * unacknowledged, a broken promise) are the scheduler's; they call this.
 */
#include "escalation.h"

#include <stdlib.h>

#include "case.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "timeline.h"

/* A user's manager and login; manager_id NULL when there is none. */
static const char SQL_MANAGER_OF[] =
    "SELECT u.manager_id, m.login FROM users u"
    "  LEFT JOIN users m ON m.id = u.manager_id AND m.active = 1"
    " WHERE u.id = $1";

static const char SQL_SET_OWNER[] =
    "UPDATE cases SET owner_id = $2, updated_at = $3, version = version + 1"
    " WHERE id = $1";

/* The active manager of user_id into *manager_id (0: none) and *login
 * (owned, NULL when none). */
static enum taio_status manager_of(struct db *db, int64_t user_id,
                                   int64_t *manager_id, char **login)
{
    *manager_id = 0;
    *login = NULL;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_MANAGER_OF, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    enum db_step r = db_step(st);
    if (r == DB_ROW && db_col_text(st, 1)) {
        *manager_id = db_col_int64(st, 0);
        *login = db_col_strdup(st, 1);
    } else if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Make the manager the owner of case c and record why. */
static enum taio_status hand_over(struct db *db, const struct actor *actor,
                                  const struct case_rec *c,
                                  int64_t manager_id,
                                  const char *manager_login,
                                  const char *reason)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_SET_OWNER, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, c->id);
    db_bind_int64(st, 2, manager_id);
    db_bind_int64(st, 3, actor->now);
    status = db_run(st);
    if (status != TAIO_OK) {
        return status;
    }
    struct timeline_new ev;
    timeline_new_init(&ev, c->id, actor->now, actor->user_id,
                      TIMELINE_ESCALATED);
    ev.old_value = c->owner_login;
    ev.new_value = manager_login;
    ev.body = reason;
    return timeline_append(db, &ev, NULL);
}

/* Escalate case case_id: its owner's manager (the actor's, when the case
 * has no owner) becomes its owner, with reason (required, what the
 * manager must know) in an "escalated" timeline entry naming both. Anyone
 * who may record may escalate: an agent facing an angry customer must not
 * need a manager's permission to call one. *manager_id (may be NULL) gets
 * the new owner. Returns TAIO_EINVAL with a problem for "reason",
 * TAIO_ECONFLICT with a problem for "manager" when no active manager is
 * above, or for "status" when the case is closed; TAIO_ENOTFOUND, TAIO_EPERM
 * and TAIO_EDB as usual. */
enum taio_status escalation_raise(struct db *db, const struct actor *actor,
                                  int64_t case_id, const char *reason,
                                  struct problems *problems,
                                  int64_t *manager_id)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
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
    int64_t manager = 0;
    char *login = NULL;
    if (c.status == CASE_CLOSED) {
        problems_add(problems, "status", "%s", _("the case is closed"));
        status = TAIO_ECONFLICT;
    } else {
        status = manager_of(db, c.owner_id ? c.owner_id : actor->user_id,
                            &manager, &login);
    }
    if (status == TAIO_OK && manager == 0) {
        problems_add(problems, "manager", "%s",
                     _("no active manager is above the case's owner"));
        status = TAIO_ECONFLICT;
    }
    if (status == TAIO_OK) {
        status = hand_over(db, actor, &c, manager, login, reason);
    }
    if (status == TAIO_OK && manager_id) {
        *manager_id = manager;
    }
    free(login);
    case_rec_clear(&c);
    return db_end(db, status);
}
