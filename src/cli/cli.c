/* SPDX-License-Identifier: MIT */
/*
 * cli.c - "taio <noun> <verb> [options]": finding the command in the
 * tables each cli_<concept>.c exports, and "taio help", generated from
 * those same tables.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli_out.h"
#include "config.h"
#include "core/i18n.h"

static const struct cli_cmd *const TABLES[] = {
    cli_db_cmds,      cli_user_cmds,     cli_customer_cmds,
    cli_contact_cmds, cli_case_cmds,     cli_promise_cmds,
    cli_agenda_cmds,  cli_calendar_cmds, cli_settings_cmds,
};

#define N_TABLES (sizeof(TABLES) / sizeof(TABLES[0]))

/* Other names people type for a noun. */
static const struct {
    const char *alias;
    const char *noun;
} ALIASES[] = {
    {"contact", "contact-person"},
    {"cases", "case"},
    {"customers", "customer"},
    {"promises", "promise"},
    {"users", "user"},
    {"settings", "config"},
};

static const char *canonical_noun(const char *noun)
{
    for (size_t i = 0; i < sizeof(ALIASES) / sizeof(ALIASES[0]); i++) {
        if (strcmp(noun, ALIASES[i].alias) == 0) {
            return ALIASES[i].noun;
        }
    }
    return noun;
}

/* The command for noun and verb (verb NULL for single-word commands). */
static const struct cli_cmd *find(const char *noun, const char *verb)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        for (const struct cli_cmd *c = TABLES[t]; c->noun; c++) {
            if (strcmp(c->noun, noun) != 0) {
                continue;
            }
            if (c->verb == NULL ||
                (verb != NULL && strcmp(c->verb, verb) == 0)) {
                return c;
            }
        }
    }
    return NULL;
}

static bool noun_exists(const char *noun)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        for (const struct cli_cmd *c = TABLES[t]; c->noun; c++) {
            if (strcmp(c->noun, noun) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* "taio" plus noun and verb, as typed. */
static void print_command_name(const struct cli_cmd *c)
{
    printf("taio %s%s%s", c->noun, c->verb ? " " : "", c->verb ? c->verb : "");
}

/* The overview: every command with its one-line synopsis. */
static void print_overview(const char *only_noun)
{
    printf("%s\n\n", _("taio - the trouble and complaint handling desk"));
    printf("%s\n", _("Usage: taio [--db PATH] [--as LOGIN] [--json] "
                     "[--lang ja|en] NOUN VERB [OPTIONS]"));
    printf("\n%s\n", _("Commands:"));
    for (size_t t = 0; t < N_TABLES; t++) {
        for (const struct cli_cmd *c = TABLES[t]; c->noun; c++) {
            if (only_noun && strcmp(c->noun, only_noun) != 0) {
                continue;
            }
            printf("  ");
            print_command_name(c);
            printf("\n      %s\n", _(c->synopsis));
        }
    }
    printf("\n%s\n", _("Global options, accepted anywhere on the line:\n"
                       "  --db PATH     the database (default: $TAIO_DB or "
                       "./taio.db)\n"
                       "  --as LOGIN    act as this user (default: "
                       "$TAIO_USER)\n"
                       "  --json        print machine-readable JSON\n"
                       "  --lang ja|en  language of messages\n"
                       "  --version     print the version\n"
                       "The clock can be set with TAIO_NOW (ISO 8601).\n"
                       "Run \"taio help NOUN VERB\" for one command."));
}

/* The full help of one command. */
static void print_help(const struct cli_cmd *c)
{
    printf("%s: ", _("Usage"));
    print_command_name(c);
    printf("\n%s\n\n%s\n", _(c->synopsis), _(c->help));
}

/* "taio help [NOUN [VERB]]". */
static int run_help(int argc, char **argv)
{
    if (argc < 1) {
        print_overview(NULL);
        return 0;
    }
    const char *noun = canonical_noun(argv[0]);
    const struct cli_cmd *c = find(noun, argc > 1 ? argv[1] : NULL);
    if (c && (c->verb == NULL || argc > 1)) {
        print_help(c);
        return 0;
    }
    if (noun_exists(noun)) {
        print_overview(noun);
        return 0;
    }
    fprintf(stderr, _("taio: there is no command \"%s\"; see \"taio help\"\n"),
            argv[0]);
    return 2;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return false;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return true;
        }
    }
    return false;
}

/* Run the command named by argv[0] (and argv[1]); argv holds no global
 * options any more. The command sees argv from its verb on, so getopt
 * starts after it. Returns the exit code. */
int cli_main(struct app *app, int argc, char **argv)
{
    if (argc < 1) {
        print_overview(NULL);
        return 2;
    }
    if (strcmp(argv[0], "help") == 0) {
        return run_help(argc - 1, argv + 1);
    }
    const char *noun = canonical_noun(argv[0]);
    const char *verb = argc > 1 ? argv[1] : NULL;
    const struct cli_cmd *c = find(noun, verb);
    if (c == NULL) {
        if (noun_exists(noun)) {
            if (verb && strcmp(verb, "--help") != 0 &&
                strcmp(verb, "-h") != 0) {
                return cli_usage(app,
                                 _("\"%s\" has no verb \"%s\"; see \"taio "
                                   "help %s\""),
                                 noun, verb, noun);
            }
            print_overview(noun);
            return verb ? 0 : 2;
        }
        return cli_usage(app,
                         _("there is no command \"%s\"; see \"taio help\""),
                         argv[0]);
    }
    int skip = c->verb ? 1 : 0;
    int sub_argc = argc - skip;
    char **sub_argv = argv + skip;
    if (wants_help(sub_argc, sub_argv)) {
        print_help(c);
        return 0;
    }
    return c->run(app, sub_argc, sub_argv);
}
