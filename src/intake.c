/* SPDX-License-Identifier: MIT */
/*
 * intake.c - taking a case during the call: the case, the rough ETA told
 * to the customer and the callback promised, written as one transaction,
 * so a case never exists half taken (an ETA said on the phone but not
 * recorded, or a promise without its case).
 */
#include "intake.h"

#include "checklist.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "promise.h"

/* Open the case described by in and, when asked, record the ETA and the
 * promise, all or nothing. Problems name the fields of the case, "eta",
 * and "promise-to" (the promise needs someone to call when the case has
 * no contact person). *id_out (may be NULL) receives the case id. */
enum taio_status intake_open(struct db *db, const struct actor *actor,
                             const struct settings *settings,
                             const struct intake_input *in,
                             struct problems *problems, int64_t *id_out)
{
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t id = 0;
    struct case_open_input open = in->open;
    int kind = in->open.kind ? validate_index(in->open.kind, CASE_KIND_NAMES)
                             : -1;
    open.report_required = kind >= 0 && settings->report_kind[kind];
    status = case_open(db, actor, settings->zone, &open, problems, &id);
    if (status == TAIO_OK) {
        status = checklist_apply(db, id);
    }
    if (status == TAIO_OK && in->give_eta) {
        status = case_set_eta(db, actor, id, in->eta_at, in->eta_text,
                              problems);
    }
    if (status == TAIO_OK && in->promise) {
        struct promise_input pin = {
            .case_id = id,
            .body = in->promise_text,
            .to_whom = in->promise_to,
            .contact_id = in->promise_to ? 0 : in->open.contact_id,
            .due_at = in->promise_due_at,
            .remind_min = -1,
        };
        if (pin.to_whom == NULL && pin.contact_id == 0) {
            problems_add(problems, "promise-to", "%s",
                         _("is required when the case has no contact "
                           "person"));
            status = TAIO_EINVAL;
        } else {
            status = promise_add(db, actor, &pin, settings->promise_lead_min,
                                 problems, NULL);
        }
    }
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}
