/* SPDX-License-Identifier: MIT */
/*
 * main.c - entry point: read the global options (wherever they appear on
 * the line), choose the language, build struct app and hand over to the
 * CLI dispatcher.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "config.h"
#include "core/i18n.h"
#include "core/secret.h"
#include "core/tz.h"
#include "core/xalloc.h"

/* Global options; the rest of argv goes to the command. */
struct globals {
    const char *db;
    const char *as;
    const char *lang;
    bool json;
    bool version;
};

/* Take the global options out of argv (both "--db X" and "--db=X"),
 * leaving the others in order in rest. Stops at "--". Returns false and
 * prints why when a global option lacks its value. */
static bool split_globals(int argc, char **argv, struct globals *g,
                          char **rest, int *n_rest)
{
    static const char *const WITH_VALUE[] = {"--db", "--as", "--lang"};
    const char **targets[] = {&g->db, &g->as, &g->lang};
    *n_rest = 0;
    bool passthrough = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (passthrough) {
            rest[(*n_rest)++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            passthrough = true;
            rest[(*n_rest)++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--json") == 0) {
            g->json = true;
            continue;
        }
        if (strcmp(arg, "--version") == 0 && *n_rest == 0) {
            g->version = true;
            continue;
        }
        bool taken = false;
        for (size_t k = 0; k < 3 && !taken; k++) {
            size_t n = strlen(WITH_VALUE[k]);
            if (strcmp(arg, WITH_VALUE[k]) == 0) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "taio: %s needs a value\n", arg);
                    return false;
                }
                *targets[k] = argv[++i];
                taken = true;
            } else if (strncmp(arg, WITH_VALUE[k], n) == 0 && arg[n] == '=') {
                *targets[k] = arg + n + 1;
                taken = true;
            }
        }
        if (!taken) {
            rest[(*n_rest)++] = argv[i];
        }
    }
    rest[*n_rest] = NULL;
    return true;
}

/* Parse global options, set up the language and run one command. */
int main(int argc, char **argv)
{
    struct globals g = {0};
    char **rest = xcalloc((size_t)argc + 1, sizeof(char *));
    int n_rest = 0;
    if (!split_globals(argc, argv, &g, rest, &n_rest)) {
        free(rest);
        return 2;
    }
    i18n_init(g.lang);
    if (secret_init() != TAIO_OK) {
        free(rest);
        return 1;
    }
    if (g.version) {
        if (g.json) {
            printf("{\n  \"version\": \"%s\"\n}\n", TAIO_VERSION);
        } else {
            printf("taio %s\n", TAIO_VERSION);
        }
        free(rest);
        return 0;
    }
    struct app app;
    app_init(&app);
    app.json = g.json;
    if (g.db) {
        free(app.db_path);
        app.db_path = xstrdup(g.db);
    }
    if (g.as) {
        free(app.as_login);
        app.as_login = xstrdup(g.as);
    }
    int rc = cli_main(&app, n_rest, rest);
    app_clear(&app);
    free(rest);
    tz_release_all();
    fflush(stdout);
    return rc;
}
