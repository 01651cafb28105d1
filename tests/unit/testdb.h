/* SPDX-License-Identifier: MIT */
#ifndef TAIO_TESTS_TESTDB_H
#define TAIO_TESTS_TESTDB_H

#include <stdint.h>

#include "db/db.h"
#include "settings.h"
#include "user.h"

/* A migrated database in a temporary file, with default settings and a
 * few users, for unit tests of the domain modules. */
struct testdb {
    struct db *db;
    char path[64];
    struct settings settings;
    struct actor admin;   /* user 1 */
    struct actor agent;   /* user 2, login "sato" */
    struct actor clerk;   /* user 3, login "ito" */
    struct actor viewer;  /* user 4, login "watanabe" */
    int64_t customer_id;  /* one customer */
    int64_t contact_id;   /* its contact person */
};

int testdb_setup(void **state);
int testdb_teardown(void **state);
int64_t testdb_tokyo(int year, int month, int day, int hour, int minute);

#endif
