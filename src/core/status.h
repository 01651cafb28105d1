/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_STATUS_H
#define TAIO_CORE_STATUS_H

/*
 * The result of every call that can fail. Details are logged or collected
 * (struct problems) where the failure happens; callers see only the code.
 */
enum taio_status {
    TAIO_OK = 0,
    TAIO_EINVAL,    /* input rejected; message is safe to show the user */
    TAIO_ENOTFOUND, /* the named thing does not exist */
    TAIO_ECONFLICT, /* illegal state change, duplicate, stale update */
    TAIO_EPERM,     /* the acting user may not do this */
    TAIO_EDB,       /* storage failure; details already logged */
    TAIO_EIO,       /* network or file failure; details already logged */
    TAIO_EAUTH,     /* who is asking is not known: no or bad credentials */
    TAIO_ELIMIT,    /* too many attempts; try again later */
};

/* Exit code for the CLI: 0 ok, 1 failure, 2 usage. */
int status_exit_code(enum taio_status status);
/* Stable machine-readable id, e.g. "not_found". */
const char *status_id(enum taio_status status);
/* HTTP status code for the server. */
int status_http(enum taio_status status);
/* A translated sentence for a failure that came without details. */
const char *status_message(enum taio_status status);

#endif
