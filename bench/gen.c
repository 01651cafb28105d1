/* SPDX-License-Identifier: MIT */
/*
 * gen.c - makes sure the benchmark database exists with the requested
 * content: reuses it when its marker matches, else generates it anew.
 *
 * The marker (table bench_marker, "incomplete" from the start of a
 * generation, completed in its last transaction) records the generator
 * version, the schema version of this build and every parameter, so a
 * database from other parameters, an older schema or an interrupted run
 * is never reused. A file without a marker that holds any table is not
 * ours and is never deleted.
 *
 * The generation connection uses a large page cache (index pages stay in
 * memory while millions of rows go in) and big transactions; durability
 * settings are the driver's own (WAL, synchronous=FULL). Staff and
 * customers come from people.c, cases from gen_cases.c.
 */
#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "db/migrate.h"
#include "sample.h"
#include "settings.h"

/* Bump when the generator writes different data for the same
 * parameters. */
#define GEN_VERSION 1

/* Page cache of the generating connection, KiB. */
#define GEN_CACHE_KIB 262144

/* The benchmark's fixed clock: Tuesday 2026-11-24 10:30 in Tokyo, inside
 * business hours, so the agenda has its weekday shape. */
#define GEN_NOW 1795483800

/* People and customers were created this long before the first case. */
#define GEN_SETUP_LEAD (30 * 86400)

static const char SQL_MARKER_TABLE[] =
    "SELECT COUNT(*) FROM sqlite_master"
    " WHERE type = 'table' AND name = 'bench_marker'";
static const char SQL_ANY_TABLE[] = "SELECT COUNT(*) FROM sqlite_master";
static const char SQL_MARKER_GET[] =
    "SELECT value FROM bench_marker WHERE key = $1";
static const char SQL_MARKER_CREATE[] =
    "CREATE TABLE IF NOT EXISTS bench_marker"
    " (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
static const char SQL_MARKER_PUT[] =
    "INSERT OR REPLACE INTO bench_marker (key, value) VALUES ($1, $2)";

/* The parameters of issue 2's benchmark. */
void gen_params_default(struct gen_params *p)
{
    memset(p, 0, sizeof(*p));
    p->people.users = 100;
    p->people.customers = 20000;
    p->cases.cases = 1000000;
    p->cases.events = 5000000;
    p->cases.promises = 1000000;
    p->cases.open_permille = 30;
    p->cases.overdue_permille = 30;
    p->cases.years = 4;
    p->cases.now = GEN_NOW;
    p->seed = 20261122;
}

/* Write the marker text of p for schema version schema into out. */
static void marker_text(const struct gen_params *p, int schema, char *out,
                        size_t size)
{
    snprintf(out, size,
             "gen %d; schema %d; users %lld; customers %lld; cases %lld;"
             " events %lld; promises %lld; open %d/1000; overdue %d/1000;"
             " years %d; now %lld; seed %llu",
             GEN_VERSION, schema, (long long)p->people.users,
             (long long)p->people.customers, (long long)p->cases.cases,
             (long long)p->cases.events, (long long)p->cases.promises,
             p->cases.open_permille, p->cases.overdue_permille,
             p->cases.years, (long long)p->cases.now,
             (unsigned long long)p->seed);
}

/* The marker value under key, malloc'd into *out (NULL when absent). */
static enum taio_status marker_get(struct db *db, const char *key,
                                   char **out)
{
    *out = NULL;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_MARKER_GET, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, key);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        *out = db_col_strdup(st, 0);
    } else if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Look at what is at path: *marked when it is a benchmark database,
 * *reuse when its marker is `want` (its generation time in *seconds),
 * *ours when it may be deleted (a benchmark database, or an empty
 * store). None of them when it holds anything else. */
static enum taio_status inspect(const char *path, const char *want,
                                bool *reuse, bool *ours, bool *marked,
                                double *seconds)
{
    *reuse = false;
    *ours = false;
    *marked = false;
    struct db *db = NULL;
    enum taio_status status = db_open(path, &db);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t n = 0;
    status = db_query_int64(db, SQL_MARKER_TABLE, &n);
    if (status == TAIO_OK && n == 1) {
        *ours = true;
        *marked = true;
        char *have = NULL;
        char *took = NULL;
        status = marker_get(db, "params", &have);
        if (status == TAIO_OK) {
            status = marker_get(db, "seconds", &took);
        }
        *reuse = status == TAIO_OK && have && strcmp(have, want) == 0;
        *seconds = took ? strtod(took, NULL) : 0;
        free(have);
        free(took);
    } else if (status == TAIO_OK) {
        status = db_query_int64(db, SQL_ANY_TABLE, &n);
        *ours = status == TAIO_OK && n == 0;
    }
    db_close(db);
    return status;
}

/* Remove the database at path with its WAL and shared-memory files. */
static enum taio_status remove_database(const char *path)
{
    static const char *const SUFFIXES[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        size_t size = strlen(path) + 8;
        char *name = xmalloc(size);
        snprintf(name, size, "%s%s", path, SUFFIXES[i]);
        int rc = unlink(name);
        int err = errno;
        if (rc != 0 && err != ENOENT) {
            log_error("bench: cannot remove %s: %s", name, strerror(err));
            free(name);
            return TAIO_EIO;
        }
        free(name);
    }
    return TAIO_OK;
}

/* Create the directories leading to the file path, like mkdir -p on its
 * dirname. */
static enum taio_status make_parents(const char *path)
{
    char *dir = xstrdup(path);
    enum taio_status status = TAIO_OK;
    for (char *slash = strchr(dir + 1, '/'); slash && status == TAIO_OK;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            log_error("bench: cannot create %s: %s", dir, strerror(errno));
            status = TAIO_EIO;
        }
        *slash = '/';
    }
    free(dir);
    return status;
}

/* Write the marker: params, and the generation time. */
static enum taio_status marker_put(struct db *db, const char *params,
                                   double seconds)
{
    char took[32];
    snprintf(took, sizeof(took), "%.1f", seconds);
    const char *const keys[2] = {"params", "seconds"};
    const char *const values[2] = {params, took};
    enum taio_status status = db_begin(db);
    if (status == TAIO_OK) {
        status = db_exec(db, SQL_MARKER_CREATE);
    }
    for (size_t i = 0; i < 2 && status == TAIO_OK; i++) {
        struct db_stmt *st = NULL;
        status = db_prepare(db, SQL_MARKER_PUT, &st);
        if (status == TAIO_OK) {
            db_bind_text(st, 1, keys[i]);
            db_bind_text(st, 2, values[i]);
            status = db_run(st);
        }
    }
    return db_end(db, status);
}

/* Generate a fresh database at path (nothing may be there) from p, with
 * marker text marker; *seconds receives the time it took. */
static enum taio_status generate(const char *path, const struct gen_params *p,
                                 const char *marker, double *seconds)
{
    int64_t started = sample_clock_ns();
    struct db *db = NULL;
    enum taio_status status = db_open(path, &db);
    if (status != TAIO_OK) {
        return status;
    }
    struct settings s = {0};
    struct people people = {0};
    char pragma[64];
    snprintf(pragma, sizeof(pragma), "PRAGMA cache_size=-%d", GEN_CACHE_KIB);
    status = db_exec(db, pragma);
    if (status == TAIO_OK) {
        status = migrate_apply(db, NULL);
    }
    if (status == TAIO_OK) {
        status = settings_load(db, &s);
    }
    if (status == TAIO_OK) {
        /* Marked as ours at once, so an interrupted generation is
         * recognised and replaced next time. */
        status = marker_put(db, "incomplete", 0);
    }
    struct rng rng;
    rng_seed(&rng, p->seed);
    int64_t first_case = p->cases.now - (int64_t)p->cases.years * 365 * 86400;
    if (status == TAIO_OK) {
        status = people_generate(db, &p->people, first_case - GEN_SETUP_LEAD,
                                 &rng);
    }
    if (status == TAIO_OK) {
        status = people_load(db, &people);
    }
    if (status == TAIO_OK) {
        fprintf(stderr, "bench: people done in %.1f s\n",
                (double)(sample_clock_ns() - started) / 1e9);
        status = gen_cases(db, &s, &people, &p->cases, &rng);
    }
    *seconds = (double)(sample_clock_ns() - started) / 1e9;
    if (status == TAIO_OK) {
        status = marker_put(db, marker, *seconds);
    }
    if (status == TAIO_OK) {
        status = db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    }
    people_clear(&people);
    settings_clear(&s);
    db_close(db);
    return status;
}

/* Make sure a benchmark database generated from p is at path: reuse the
 * one there when its marker matches (unless force), else delete it (only
 * if it is a benchmark database or empty) and generate a new one. Refuses
 * with TAIO_EINVAL (logged) to touch any other file. */
enum taio_status gen_ensure(const char *path, const struct gen_params *p,
                            bool force, struct gen_result *out)
{
    memset(out, 0, sizeof(*out));
    struct db *probe = NULL;
    enum taio_status status = db_open(":memory:", &probe);
    if (status != TAIO_OK) {
        return status;
    }
    char marker[512];
    marker_text(p, migrate_latest(probe), marker, sizeof(marker));
    db_close(probe);
    struct stat st;
    if (stat(path, &st) == 0) {
        bool reuse = false;
        bool ours = false;
        bool marked = false;
        status = inspect(path, marker, &reuse, &ours, &marked, &out->seconds);
        if (status == TAIO_OK && reuse && !force) {
            return TAIO_OK;
        }
        if (status == TAIO_OK && !ours) {
            log_error("bench: %s is not a benchmark database; refusing to "
                      "overwrite it (choose another --db)",
                      path);
            return TAIO_EINVAL;
        }
        if (status != TAIO_OK) {
            return status;
        }
        fprintf(stderr, "bench: generating %s anew (%s)\n", path,
                reuse    ? "--regenerate"
                : marked ? "other parameters or schema"
                         : "it was empty");
    }
    status = remove_database(path);
    if (status == TAIO_OK) {
        status = make_parents(path);
    }
    if (status == TAIO_OK) {
        status = generate(path, p, marker, &out->seconds);
        out->generated = true;
    }
    return status;
}
