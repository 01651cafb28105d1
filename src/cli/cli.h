/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CLI_CLI_H
#define TAIO_CLI_CLI_H

#include "app.h"

/* One command, "taio <noun> <verb>": the help text lives next to the
 * handler so "taio help" cannot drift from what runs. */
struct cli_cmd {
    const char *noun;
    const char *verb;     /* NULL for a noun that is a command by itself */
    int (*run)(struct app *app, int argc, char **argv);
    const char *synopsis; /* one line for "taio help" (English msgid) */
    const char *help;     /* the full text for "taio help NOUN VERB" */
};

/* Tables exported by each cli_<concept>.c, each ending with {0}. */
extern const struct cli_cmd cli_db_cmds[];
extern const struct cli_cmd cli_customer_cmds[];
extern const struct cli_cmd cli_contact_cmds[];
extern const struct cli_cmd cli_case_cmds[];
extern const struct cli_cmd cli_promise_cmds[];
extern const struct cli_cmd cli_agenda_cmds[];
extern const struct cli_cmd cli_calendar_cmds[];
extern const struct cli_cmd cli_user_cmds[];
extern const struct cli_cmd cli_settings_cmds[];
extern const struct cli_cmd cli_serve_cmds[];
extern const struct cli_cmd cli_tick_cmds[];
extern const struct cli_cmd cli_outbox_cmds[];
extern const struct cli_cmd cli_search_cmds[];
extern const struct cli_cmd cli_report_cmds[];
extern const struct cli_cmd cli_checklist_cmds[];
extern const struct cli_cmd cli_metrics_cmds[];

int cli_main(struct app *app, int argc, char **argv);

#endif
