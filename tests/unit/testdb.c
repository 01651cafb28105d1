/* SPDX-License-Identifier: MIT */
/*
 * testdb.c - a real SQLite database for unit tests: a temporary file,
 * migrated, with users of every role and one customer. Used as a cmocka
 * group or test setup/teardown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"

#include "contact.h"
#include "core/tz.h"
#include "customer.h"
#include "db/migrate.h"

/* 2026-11-24 10:00 in Tokyo, a Tuesday: the moment setup acts at. */
int64_t testdb_tokyo(int year, int month, int day, int hour, int minute)
{
    const struct tz *zone = NULL;
    tz_lookup("Asia/Tokyo", &zone);
    return tz_from_local(zone, year, month, day, hour, minute, 0);
}

static int64_t add_user(struct testdb *t, const char *login, const char *role)
{
    struct actor system = {.user_id = 0, .role = USER_ADMIN,
                           .now = t->admin.now};
    struct user_input in = {.login = login, .display_name = login,
                            .role = role};
    struct problems p = {0};
    int64_t id = 0;
    assert_int_equal(user_add(t->db, &system, &in, &p, &id), TAIO_OK);
    problems_clear(&p);
    return id;
}

/* Create the database and its people; *state becomes the struct testdb. */
int testdb_setup(void **state)
{
    struct testdb *t = calloc(1, sizeof(*t));
    snprintf(t->path, sizeof(t->path), "/tmp/taio-unit-XXXXXX");
    int fd = mkstemp(t->path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(db_open(t->path, &t->db), TAIO_OK);
    assert_int_equal(migrate_apply(t->db, NULL), TAIO_OK);
    assert_int_equal(settings_load(t->db, &t->settings), TAIO_OK);
    int64_t now = testdb_tokyo(2026, 11, 24, 10, 0);
    t->admin = (struct actor){.role = USER_ADMIN, .now = now};
    t->admin.user_id = add_user(t, "admin", "admin");
    t->agent = (struct actor){.role = USER_AGENT, .now = now};
    t->agent.user_id = add_user(t, "sato", "agent");
    t->clerk = (struct actor){.role = USER_CLERK, .now = now};
    t->clerk.user_id = add_user(t, "ito", "clerk");
    t->viewer = (struct actor){.role = USER_VIEWER, .now = now};
    t->viewer.user_id = add_user(t, "watanabe", "viewer");
    struct problems p = {0};
    struct customer_input cin = {.kind = "organization",
                                 .name = "株式会社山田製作所",
                                 .reading = "ヤマダセイサクショ"};
    assert_int_equal(customer_add(t->db, &t->admin, &cin, &p,
                                  &t->customer_id),
                     TAIO_OK);
    struct contact_input kin = {.name = "田中 一郎"};
    assert_int_equal(contact_add(t->db, &t->admin, t->customer_id, &kin, &p,
                                 &t->contact_id),
                     TAIO_OK);
    problems_clear(&p);
    *state = t;
    return 0;
}

/* Close and delete the database. */
int testdb_teardown(void **state)
{
    struct testdb *t = *state;
    settings_clear(&t->settings);
    db_close(t->db);
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char name[80];
        snprintf(name, sizeof(name), "%s%s", t->path, suffixes[i]);
        unlink(name);
    }
    free(t);
    return 0;
}
