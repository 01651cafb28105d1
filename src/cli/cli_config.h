/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CLI_CLI_CONFIG_H
#define TAIO_CLI_CLI_CONFIG_H

#include "core/problems.h"

/*
 * The configuration file shared by "taio serve" and "taio tick" (--config
 * FILE or $TAIO_CONFIG): lines of "key = value", '#' starts a comment.
 * Every value is text, NULL when the file does not set it; each command
 * reads what it needs and lets the environment and its own options win.
 */
struct cli_config {
    const char *listen;
    const char *threads;
    const char *max_connections;
    const char *timeout;
    const char *max_body;
    const char *cache_mb;
    const char *access_log;
    const char *tls_cert;
    const char *tls_key;
    const char *behind_tls_proxy;
    const char *tick_seconds; /* between the scheduler's passes */
    const char *smtp_url;  /* where mail goes, e.g. smtp://127.0.0.1:25 */
    const char *mail_from; /* the sender of every mail */
    const char *smtp_ca;   /* certificates to trust for the mail server */
    char *text;            /* owned; the file, the values point into it */
};

void cli_config_read(const char *path, struct cli_config *config,
                     struct problems *p);
void cli_config_clear(struct cli_config *config);
char *cli_read_file(const char *path);
const char *cli_setting(const char *option, const char *env_name,
                        const char *from_file);

#endif
