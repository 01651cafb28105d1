/* SPDX-License-Identifier: MIT */
/*
 * test_db.c - unit tests for the store layer on a real SQLite file:
 * portable $N placeholders, nested transactions, the statement cache,
 * constraint classification, migrations and the append-only timeline.
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

#include "db/db.h"
#include "db/migrate.h"

struct fixture {
    struct db *db;
    char path[64];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    snprintf(f->path, sizeof(f->path), "/tmp/taio-db-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(db_open(f->path, &f->db), TAIO_OK);
    assert_int_equal(db_exec(f->db, "CREATE TABLE t (id INTEGER PRIMARY KEY,"
                                    " name TEXT NOT NULL UNIQUE)"),
                     TAIO_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char name[80];
        snprintf(name, sizeof(name), "%s%s", f->path, suffixes[i]);
        unlink(name);
    }
    free(f);
    return 0;
}

static int64_t count_rows(struct db *db)
{
    struct db_stmt *st = NULL;
    assert_int_equal(db_prepare(db, "SELECT COUNT(*) FROM t", &st), TAIO_OK);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int64(st, 0);
    db_finalize(st);
    return n;
}

static enum taio_status insert(struct db *db, const char *name)
{
    struct db_stmt *st = NULL;
    enum taio_status status =
        db_prepare(db, "INSERT INTO t (name) VALUES ($1)", &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, name);
    return db_run(st);
}

/* SQLite reads "$1" as a named parameter; binding by number must still
 * reach the right one, and a placeholder used twice takes one value. */
static void test_dollar_placeholders_bind_by_number(void **state)
{
    struct fixture *f = *state;
    struct db_stmt *st = NULL;
    assert_int_equal(db_prepare(f->db, "SELECT $2 || $1, $1 + $1", &st),
                     TAIO_OK);
    db_bind_text(st, 1, "3");
    db_bind_text(st, 2, "b");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "b3");
    assert_int_equal(db_col_int64(st, 1), 6);
    assert_int_equal(db_step(st), DB_DONE);
    db_finalize(st);
}

/* A rollback at an inner level undoes the whole transaction, and the
 * outer commit reports the conflict instead of pretending. */
static void test_inner_rollback_undoes_everything(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "outer"), TAIO_OK);
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "inner"), TAIO_OK);
    db_rollback(f->db);
    assert_int_equal(db_commit(f->db), TAIO_ECONFLICT);
    assert_int_equal(count_rows(f->db), 0);
    /* The connection is usable again afterwards. */
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "after"), TAIO_OK);
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(db_commit(f->db), TAIO_OK);
    assert_int_equal(db_commit(f->db), TAIO_OK);
    assert_int_equal(count_rows(f->db), 1);
}

/* In a batch (group commit), a change that fails is undone alone: its
 * domain-level rollback, an unbalanced rollback, or the caller's "do not
 * keep" never reach the other changes, and one commit keeps the rest. */
static void test_batch_undoes_only_the_failed_change(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(db_batch_begin(f->db), TAIO_OK);
    /* 1: kept. */
    assert_int_equal(db_batch_item_begin(f->db), TAIO_OK);
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "first"), TAIO_OK);
    assert_int_equal(db_end(f->db, TAIO_OK), TAIO_OK);
    db_batch_item_end(f->db, true);
    /* 2: the domain rolls back its own transaction. */
    assert_int_equal(db_batch_item_begin(f->db), TAIO_OK);
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "second"), TAIO_OK);
    assert_int_equal(db_end(f->db, TAIO_EINVAL), TAIO_EINVAL);
    db_batch_item_end(f->db, true);
    /* 3: written, but the answer was an error: not kept. */
    assert_int_equal(db_batch_item_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "third"), TAIO_OK);
    db_batch_item_end(f->db, false);
    /* 4: a rollback without a begin stays inside its change. */
    assert_int_equal(db_batch_item_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "fourth"), TAIO_OK);
    db_rollback(f->db);
    db_rollback(f->db);
    db_batch_item_end(f->db, true);
    /* 5: a constraint violation fails only itself. */
    assert_int_equal(db_batch_item_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "first"), TAIO_ECONFLICT);
    db_batch_item_end(f->db, false);
    /* 6: kept. */
    assert_int_equal(db_batch_item_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "sixth"), TAIO_OK);
    db_batch_item_end(f->db, true);
    assert_int_equal(db_batch_commit(f->db), TAIO_OK);
    assert_int_equal(count_rows(f->db), 2);
    /* The connection works normally afterwards. */
    assert_int_equal(db_begin(f->db), TAIO_OK);
    assert_int_equal(insert(f->db, "after"), TAIO_OK);
    assert_int_equal(db_end(f->db, TAIO_OK), TAIO_OK);
    assert_int_equal(count_rows(f->db), 3);
}

/* A unique violation is a conflict, not a storage failure. */
static void test_unique_violation_is_a_conflict(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(insert(f->db, "same"), TAIO_OK);
    assert_int_equal(insert(f->db, "same"), TAIO_ECONFLICT);
    assert_int_equal(count_rows(f->db), 1);
}

/* The same SQL prepared while an earlier statement is still stepping
 * gets its own statement; both give correct rows. */
static void test_cached_statement_in_use_is_not_shared(void **state)
{
    struct fixture *f = *state;
    insert(f->db, "a");
    insert(f->db, "b");
    const char *sql = "SELECT name FROM t ORDER BY id";
    struct db_stmt *one = NULL;
    struct db_stmt *two = NULL;
    assert_int_equal(db_prepare(f->db, sql, &one), TAIO_OK);
    assert_int_equal(db_step(one), DB_ROW);
    assert_int_equal(db_prepare(f->db, sql, &two), TAIO_OK);
    assert_ptr_not_equal(one, two);
    assert_int_equal(db_step(two), DB_ROW);
    assert_string_equal(db_col_text(two, 0), "a");
    assert_int_equal(db_step(one), DB_ROW);
    assert_string_equal(db_col_text(one, 0), "b");
    db_finalize(one);
    db_finalize(two);
    /* Reuse after finalize starts from the first row again. */
    assert_int_equal(db_prepare(f->db, sql, &one), TAIO_OK);
    assert_int_equal(db_step(one), DB_ROW);
    assert_string_equal(db_col_text(one, 0), "a");
    db_finalize(one);
}

/* NULL binds and reads back as NULL. */
static void test_null_round_trips(void **state)
{
    struct fixture *f = *state;
    struct db_stmt *st = NULL;
    assert_int_equal(db_prepare(f->db, "SELECT $1, $2", &st), TAIO_OK);
    db_bind_text(st, 1, NULL);
    db_bind_opt_int64(st, 2, false, 5);
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_col_is_null(st, 0));
    assert_null(db_col_text(st, 0));
    assert_true(db_col_is_null(st, 1));
    db_finalize(st);
}

/* Migrating twice applies nothing the second time, and the timeline
 * table refuses updates and deletes. */
static void test_migrations_are_idempotent_and_timeline_append_only(
    void **state)
{
    struct fixture *f = *state;
    int applied = -1;
    assert_int_equal(migrate_apply(f->db, &applied), TAIO_OK);
    assert_int_equal(applied, migrate_latest(f->db));
    assert_int_equal(migrate_apply(f->db, &applied), TAIO_OK);
    assert_int_equal(applied, 0);
    int version = 0;
    assert_int_equal(migrate_version(f->db, &version), TAIO_OK);
    assert_int_equal(version, migrate_latest(f->db));
    assert_int_equal(db_exec(f->db, "UPDATE case_events SET body = 'x'"),
                     TAIO_OK); /* no rows: the trigger does not fire */
    assert_int_equal(
        db_exec(f->db,
                "INSERT INTO users (login, display_name, role, created_at)"
                " VALUES ('a', 'a', 'agent', 0);"
                "INSERT INTO customers (kind, name, name_key, created_at,"
                " updated_at) VALUES ('person', 'c', 'c', 0, 0);"
                "INSERT INTO cases (number, year, seq, kind, title,"
                " customer_id, channel, received_at, reported, impact,"
                " created_at, updated_at) VALUES ('2026-0001', 2026, 1,"
                " 'trouble', 't', 1, 'phone', 0, 'r', 'minor', 0, 0);"
                "INSERT INTO case_events (case_id, at, kind) VALUES (1, 0,"
                " 'note')"),
        TAIO_OK);
    assert_int_not_equal(db_exec(f->db, "UPDATE case_events SET body = 'x'"),
                         TAIO_OK);
    assert_int_not_equal(db_exec(f->db, "DELETE FROM case_events"), TAIO_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_dollar_placeholders_bind_by_number, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_inner_rollback_undoes_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unique_violation_is_a_conflict,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_batch_undoes_only_the_failed_change, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_cached_statement_in_use_is_not_shared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_round_trips, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_migrations_are_idempotent_and_timeline_append_only, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
