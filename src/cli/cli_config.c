/* SPDX-License-Identifier: MIT */
/*
 * cli_config.c - the configuration file of "taio serve" and "taio tick",
 * and the order in which settings win: a command-line option, then the
 * environment, then the file, then the built-in default.
 */
#include "cli/cli_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"

/* Read a whole file into a malloc'd string; NULL (errno set) on failure.
 * Files over 1 MiB are refused: certificates and configuration are
 * small. */
char *cli_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    struct buf out = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_append(&out, chunk, n);
        if (out.len > 1024 * 1024) {
            fclose(f);
            buf_clear(&out);
            errno = EFBIG;
            return NULL;
        }
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        buf_clear(&out);
        return NULL;
    }
    return buf_steal(&out);
}

/* Trim spaces at both ends, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\r')) {
        s[--n] = '\0';
    }
    return s;
}

/* The slot of key in config, or NULL for an unknown key. */
static const char **slot_of(struct cli_config *config, const char *key)
{
    struct {
        const char *key;
        const char **slot;
    } keys[] = {
        {"listen", &config->listen},
        {"threads", &config->threads},
        {"max_connections", &config->max_connections},
        {"timeout", &config->timeout},
        {"max_body", &config->max_body},
        {"cache_mb", &config->cache_mb},
        {"access_log", &config->access_log},
        {"tls_cert", &config->tls_cert},
        {"tls_key", &config->tls_key},
        {"behind_tls_proxy", &config->behind_tls_proxy},
        {"tick_seconds", &config->tick_seconds},
        {"smtp_url", &config->smtp_url},
        {"mail_from", &config->mail_from},
        {"smtp_ca", &config->smtp_ca},
    };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (strcmp(keys[i].key, key) == 0) {
            return keys[i].slot;
        }
    }
    return NULL;
}

/* Read the configuration file at path into config (clear it with
 * cli_config_clear()). Problems name the file and the line. */
void cli_config_read(const char *path, struct cli_config *config,
                     struct problems *p)
{
    config->text = cli_read_file(path);
    if (config->text == NULL) {
        problems_add(p, "config", _("cannot read %s: %s"), path,
                     strerror(errno));
        return;
    }
    int line_no = 0;
    char *rest = config->text;
    for (char *line = strsep(&rest, "\n"); line; line = strsep(&rest, "\n")) {
        line_no++;
        line = trim(line);
        if (*line == '\0' || *line == '#') {
            continue;
        }
        char *eq = strchr(line, '=');
        if (eq == NULL) {
            problems_add(p, "config", _("%s line %d: expected key = value"),
                         path, line_no);
            continue;
        }
        *eq = '\0';
        const char *key = trim(line);
        const char **slot = slot_of(config, key);
        if (slot == NULL) {
            problems_add(p, "config", _("%s line %d: unknown setting \"%s\""),
                         path, line_no, key);
        } else {
            *slot = trim(eq + 1);
        }
    }
}

/* Free what cli_config_read() kept; config is empty afterwards. */
void cli_config_clear(struct cli_config *config)
{
    free(config->text);
    memset(config, 0, sizeof(*config));
}

/* The value that wins: the command-line option, else the environment
 * variable env_name (when set and not empty), else the file's value. Any
 * may be NULL. */
const char *cli_setting(const char *option, const char *env_name,
                        const char *from_file)
{
    if (option) {
        return option;
    }
    const char *env = env_name ? getenv(env_name) : NULL;
    if (env && *env) {
        return env;
    }
    return from_file;
}
