/* SPDX-License-Identifier: MIT */
/*
 * status.c - the one table that maps each taio_status to the CLI exit code,
 * the HTTP status and the JSON error id, so the interfaces cannot disagree.
 */
#include "core/status.h"

#include <stddef.h>

#include "core/i18n.h"

struct status_row {
    int exit_code;
    int http;
    const char *id;
};

static const struct status_row STATUS_TABLE[] = {
    [TAIO_OK] = {0, 200, "ok"},
    [TAIO_EINVAL] = {2, 422, "invalid"},
    [TAIO_ENOTFOUND] = {1, 404, "not_found"},
    [TAIO_ECONFLICT] = {1, 409, "conflict"},
    [TAIO_EPERM] = {1, 403, "forbidden"},
    [TAIO_EDB] = {1, 500, "storage"},
    [TAIO_EIO] = {1, 502, "io"},
    [TAIO_EAUTH] = {1, 401, "unauthorized"},
    [TAIO_ELIMIT] = {1, 429, "too_many_attempts"},
};

static const struct status_row *row(enum taio_status status)
{
    size_t n = sizeof(STATUS_TABLE) / sizeof(STATUS_TABLE[0]);
    if ((size_t)status >= n) {
        return &STATUS_TABLE[TAIO_EDB];
    }
    return &STATUS_TABLE[status];
}

/* Exit code for the CLI: 0 on success, 2 when the input was rejected (a
 * usage error in the broad sense), 1 for every other failure. */
int status_exit_code(enum taio_status status)
{
    return row(status)->exit_code;
}

/* Stable lower-case id used in JSON errors; never translated. */
const char *status_id(enum taio_status status)
{
    return row(status)->id;
}

/* HTTP status code that the server answers for this result. */
int status_http(enum taio_status status)
{
    return row(status)->http;
}

/* A sentence, in the user's language, for a result that came without a
 * list of problems: what happened and that nothing was changed. */
const char *status_message(enum taio_status status)
{
    switch (status) {
    case TAIO_OK:
        return _("done");
    case TAIO_EINVAL:
        return _("the input was rejected");
    case TAIO_ENOTFOUND:
        return _("not found");
    case TAIO_ECONFLICT:
        return _("this conflicts with the current state; nothing was "
                 "changed");
    case TAIO_EPERM:
        return _("permission denied");
    case TAIO_EDB:
        return _("the database reported an error (see above); nothing was "
                 "changed");
    case TAIO_EIO:
        return _("an input/output error occurred");
    case TAIO_EAUTH:
        return _("log in first: no valid session or API token was given");
    case TAIO_ELIMIT:
        return _("too many attempts; wait a few minutes and try again");
    }
    return _("failed");
}
