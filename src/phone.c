/* SPDX-License-Identifier: MIT */
/*
 * phone.c - phone and FAX numbers of customers and contact people.
 *
 * Owns the phones table. A number is entered as "03-1234-5678" or with a
 * label, "fax:03-1234-5679"; its digits-only key (core/text.c) is stored
 * beside it so "０３１２３４５６７８" finds it.
 */
#include "phone.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "history.h"

static const char SQL_DELETE_OF_CUSTOMER[] =
    "DELETE FROM phones WHERE customer_id = $1";
static const char SQL_DELETE_OF_CONTACT[] =
    "DELETE FROM phones WHERE contact_id = $1";

static const char SQL_INSERT[] =
    "INSERT INTO phones (customer_id, contact_id, label, number, number_key)"
    " VALUES ($1, $2, $3, $4, $5)";

static const char SQL_LIST_OF_CUSTOMER[] =
    "SELECT label, number FROM phones WHERE customer_id = $1 ORDER BY id";
static const char SQL_LIST_OF_CONTACT[] =
    "SELECT label, number FROM phones WHERE contact_id = $1 ORDER BY id";

/* Split "label:number" into its parts; a text without a label (or whose
 * prefix is not a plain word) is all number. Returns malloc'd strings. */
static void split(const char *text, char **label, char **number)
{
    const char *colon = strchr(text, ':');
    bool labelled = colon && colon != text && colon - text <= 16;
    for (const char *c = text; labelled && c < colon; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z'))) {
            labelled = false;
        }
    }
    if (labelled) {
        *label = xstrndup(text, (size_t)(colon - text));
        *number = text_trim(colon + 1);
    } else {
        *label = xstrdup("tel");
        *number = text_trim(text);
    }
}

/* Check numbers ("03-1234-5678" or "fax:03-1234-5679"): valid text with at
 * least six digits each. */
bool phone_check(struct problems *p, const char *field,
                 const char *const *numbers, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (!validate_text(p, field, numbers[i], true, 40)) {
            return false;
        }
        char *key = NULL;
        text_phone_key(numbers[i], &key);
        if (key == NULL || strlen(key) < 6) {
            problems_add(p, field,
                         _("\"%s\" does not look like a phone number"),
                         numbers[i]);
            ok = false;
        }
        free(key);
    }
    return ok;
}

/* Replace every number of a customer (of_contact false) or contact person
 * with numbers, which phone_check() accepted. Runs in the caller's
 * transaction. */
enum taio_status phone_replace(struct db *db, bool of_contact,
                               int64_t owner_id, const char *const *numbers,
                               size_t n)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(
        db, of_contact ? SQL_DELETE_OF_CONTACT : SQL_DELETE_OF_CUSTOMER, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, owner_id);
    status = db_run(st);
    for (size_t i = 0; status == TAIO_OK && i < n; i++) {
        char *label = NULL;
        char *number = NULL;
        char *key = NULL;
        split(numbers[i], &label, &number);
        text_phone_key(number, &key);
        status = db_prepare(db, SQL_INSERT, &st);
        if (status == TAIO_OK) {
            db_bind_opt_int64(st, 1, !of_contact, owner_id);
            db_bind_opt_int64(st, 2, of_contact, owner_id);
            db_bind_text(st, 3, label);
            db_bind_text(st, 4, number);
            db_bind_text(st, 5, key ? key : "");
            status = db_run(st);
        }
        free(label);
        free(number);
        free(key);
    }
    return status;
}

/* phone_replace() for an edit: the numbers before and after go to history
 * as one change of the field "phones", made at now by user_id. */
enum taio_status phone_change(struct db *db, bool of_contact,
                              int64_t owner_id, const char *const *numbers,
                              size_t n, int64_t now, int64_t user_id)
{
    struct phone *list = NULL;
    size_t n_list = 0;
    enum taio_status status = phone_list(db, of_contact, owner_id, &list,
                                         &n_list);
    char *before = status == TAIO_OK ? phone_join(list, n_list) : NULL;
    phone_list_free(list, n_list);
    list = NULL;
    n_list = 0;
    if (status == TAIO_OK) {
        status = phone_replace(db, of_contact, owner_id, numbers, n);
    }
    if (status == TAIO_OK) {
        status = phone_list(db, of_contact, owner_id, &list, &n_list);
    }
    if (status == TAIO_OK) {
        char *after = phone_join(list, n_list);
        status = history_record_change(db, now, user_id,
                                       of_contact ? "contact" : "customer",
                                       owner_id, "phones", before, after);
        free(after);
    }
    phone_list_free(list, n_list);
    free(before);
    return status;
}

/* Fill a struct phone from a row of label, number (a db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct phone *p = record;
    p->label = db_col_strdup(st, 0);
    p->number = db_col_strdup(st, 1);
}

/* The numbers of a customer or contact person, in the order entered. Free
 * with phone_list_free(). */
enum taio_status phone_list(struct db *db, bool of_contact, int64_t owner_id,
                            struct phone **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(
        db, of_contact ? SQL_LIST_OF_CONTACT : SQL_LIST_OF_CUSTOMER, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, owner_id);
    void *list = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_row, sizeof(struct phone), &list, &n);
    if (status != TAIO_OK) {
        phone_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free a list from phone_list(). */
void phone_list_free(struct phone *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].label);
        free(list[i].number);
    }
    free(list);
}

/* The numbers as one line, "tel:03-1234-5678, fax:03-1234-5679", for
 * history records. Free with free(). */
char *phone_join(const struct phone *list, size_t n)
{
    struct buf out = {0};
    for (size_t i = 0; i < n; i++) {
        buf_printf(&out, "%s%s:%s", i ? ", " : "", list[i].label,
                   list[i].number);
    }
    return buf_steal(&out);
}
