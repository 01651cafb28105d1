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
    cli_serve_cmds, cli_tick_cmds, cli_outbox_cmds, cli_search_cmds,
    cli_report_cmds, cli_checklist_cmds, cli_metrics_cmds,
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

/* True when some command has this noun. */
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

/* Write text for roff: backslashes doubled as \e, and a line that would
 * start with a control character protected with \&. */
static void roff_text(const char *text)
{
    bool line_start = true;
    for (const char *c = text; *c; c++) {
        if (line_start && (*c == '.' || *c == '\'')) {
            fputs("\\&", stdout);
        }
        if (*c == '\\') {
            fputs("\\e", stdout);
        } else if (*c == '-') {
            fputs("\\-", stdout);
        } else {
            putchar(*c);
        }
        line_start = *c == '\n';
    }
}

/* The manual page taio(1), generated from the command tables so it cannot
 * drift from them. Always in English (the msgids). */
static void print_man(void)
{
    printf(".TH TAIO 1 \"\" \"taio %s\" \"User Commands\"\n", TAIO_VERSION);
    printf(".SH NAME\ntaio \\- the trouble and complaint handling desk\n");
    printf(".SH SYNOPSIS\n.B taio\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] "
           "[\\fB\\-\\-as\\fR \\fILOGIN\\fR] [\\fB\\-\\-json\\fR] "
           "[\\fB\\-\\-lang\\fR \\fIja|en\\fR] \\fINOUN\\fR "
           "\\fIVERB\\fR [\\fIOPTIONS\\fR]\n");
    printf(".SH DESCRIPTION\n");
    roff_text("taio records troubles and complaints (cases), what was said "
              "to whom (the timeline), the ETA told to the customer, and "
              "every callback promise, and lists what needs attention now "
              "(the agenda): promises coming due or broken, cases gone "
              "silent, cases without an ETA and deadlines at risk.\n");
    printf(".PP\n");
    roff_text("Every command accepts --json for machine-readable output. "
              "Errors name the field and the problem; nothing is half "
              "written.\n");
    printf(".PP\n");
    roff_text("Options are written --name VALUE or --name=VALUE, in any "
              "order with the arguments. Only words starting with two "
              "dashes are options, so a value such as -5m is read as "
              "written; after a lone -- every word is an argument, for a "
              "note that itself starts with two dashes. An unknown option "
              "or an argument too many is refused.\n");
    printf(".SH GLOBAL OPTIONS\n");
    const char *globals[][2] = {
        {"--db PATH", "the database file (default: $TAIO_DB or ./taio.db)"},
        {"--as LOGIN", "act as this user (default: $TAIO_USER)"},
        {"--json", "print JSON instead of text, errors included"},
        {"--lang ja|en", "language of messages (default: $TAIO_LANG, then "
                         "the locale)"},
        {"--version", "print the version and exit"},
    };
    for (size_t i = 0; i < sizeof(globals) / sizeof(globals[0]); i++) {
        printf(".TP\n.B ");
        roff_text(globals[i][0]);
        printf("\n");
        roff_text(globals[i][1]);
        printf("\n");
    }
    printf(".SH COMMANDS\n");
    for (size_t t = 0; t < N_TABLES; t++) {
        for (const struct cli_cmd *c = TABLES[t]; c->noun; c++) {
            printf(".SS \"taio %s%s%s\"\n", c->noun, c->verb ? " " : "",
                   c->verb ? c->verb : "");
            roff_text(c->synopsis);
            printf(".\n.PP\n.nf\n");
            roff_text(c->help);
            printf("\n.fi\n");
        }
    }
    printf(".SH ENVIRONMENT\n");
    const char *env[][2] = {
        {"TAIO_DB", "the database file, when --db is not given"},
        {"TAIO_USER", "the acting user's login, when --as is not given"},
        {"TAIO_NOW", "the current time as ISO 8601, e.g. "
                     "2026-11-24T15:10:00+09:00; every command reads the "
                     "clock through it, so any moment can be replayed. "
                     "Give the offset: a time without one is taken as UTC"},
        {"TAIO_LANG", "ja or en"},
        {"TAIO_LOCALEDIR", "where the message catalogs are"},
    };
    for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++) {
        printf(".TP\n.B %s\n", env[i][0]);
        roff_text(env[i][1]);
        printf("\n");
    }
    printf(".SH EXIT STATUS\n");
    roff_text("0 on success; 2 when the input was rejected (a usage error or "
              "an invalid value); 1 for anything else that failed: not "
              "found, a conflict with the current state, a permission "
              "denied, a storage error.\n");
    printf(".SH EXAMPLES\n.nf\n");
    roff_text("taio demo --db demo.db\n"
              "TAIO_DB=demo.db taio --as sato agenda\n"
              "taio case open --kind trouble --customer やまだ "
              "--title \"Line 2 stopped\" \\\n"
              "    --reported \"The control PC does not start\" --impact "
              "stopped \\\n"
              "    --eta-text \"1-2 days\" --promise-due 15:30\n"
              "taio promise renegotiate 12 --due 16:30 --consented-by "
              "\"Tanaka\"\n");
    printf("\n.fi\n.SH SEE ALSO\nThe README and docs/ of the taio "
           "sources.\n");
}

/* "taio help [NOUN [VERB]]"; "taio help --man" prints the manual page. */
static int run_help(int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "--man") == 0) {
        print_man();
        return 0;
    }
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

/* True when --help or -h appears before "--". */
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
 * options any more. The command sees argv from its verb on, so its
 * option parsing starts after it. Returns the exit code. */
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
