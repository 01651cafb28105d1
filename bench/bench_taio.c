/* SPDX-License-Identifier: MIT */
/*
 * bench_taio.c - taio-bench: the speed benchmark of issue 2.
 *
 * Makes sure a generated database of a million cases is there (gen.c),
 * then measures in one run, side by side, the intake of a case with its
 * first contact and a promise (taio, its rows through db.h, its rows
 * through the SQLite C API) and one user's agenda (agenda_collect, its
 * bare queries), and prints a Markdown report: rate, p50, p99 and max of
 * each, and the ratios, which are the figures that matter on a shared,
 * noisy machine. Method and results: bench/README.md, bench/RESULTS.md.
 *
 * Not part of "meson test": speed is never asserted in tests.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "db/migrate.h"
#include "gen.h"
#include "intake.h"
#include "measure.h"
#include "settings.h"
#include "lesson_bench.h"
#include "metrics_bench.h"
#include "search_bench.h"
#include "tick.h"

/* The targets of issues 2 and 5. */
#define TARGET_AGENDA_P99_MS 20.0
#define TARGET_INTAKE_RATIO 2.0
#define TARGET_IDLE_TICK_MS 10.0
/* Issue 6: p99 of a Japanese search of any length. */
#define TARGET_SEARCH_MS 100.0
/* Issue 6: the metrics page over a million cases. */
#define TARGET_METRICS_MS 500.0

/* Everything the command line sets. */
struct options {
    const char *db_path;  /* borrowed from argv or a literal */
    const char *out_path; /* NULL: report on stdout only */
    const char *setup_sql; /* run on both measured connections; NULL:
                              none, taio's settings as shipped */
    int64_t n_intake;     /* measured intakes per way */
    int64_t n_agenda;     /* measured agenda calls per way */
    int64_t n_tick;       /* measured scheduler passes per way */
    int64_t n_search;     /* rounds of the search measurement */
    int64_t n_metrics;    /* rounds of the metrics measurement */
    int64_t n_lessons;    /* rounds of the lesson suggestions */
    int64_t batch;        /* operations per interleaved batch */
    int64_t warmup;       /* untimed operations per way first */
    bool regenerate;
    bool generate_only;
    struct gen_params gen;
};

/* Row counts and sizes of the database, read before measuring. */
struct dataset {
    int64_t users;
    int64_t customers;
    int64_t contacts;
    int64_t cases;
    int64_t open_cases;       /* is_open = 1 */
    int64_t not_closed;       /* open, resolved or reported */
    int64_t events;
    int64_t open_promises;
    int64_t overdue_promises; /* open and past due at the clock */
    int64_t db_bytes;
};

static const char USAGE[] =
    "usage: taio-bench [options]\n"
    "\n"
    "Generate (or reuse) the benchmark database, then measure case intake\n"
    "and the agenda beside raw SQLite, and print a Markdown report.\n"
    "\n"
    "  --db PATH             database (default bench/out/bench.db)\n"
    "  --out FILE            also write the report to FILE\n"
    "  --intake N            measured intakes per way (default 2000)\n"
    "  --agenda N            measured agenda calls per way (default 1000)\n"
    "  --ticks N             measured scheduler passes per way (default 200)\n"
    "  --searches N          rounds of every search word each way (default 50)\n"
    "  --metrics N           rounds of the metrics, three periods (default 20)\n"
    "  --lessons N           rounds of 50 lesson suggestions (default 10)\n"
    "  --batch N             operations per interleaved batch (default 100)\n"
    "  --warmup N            untimed operations per way first (default 50)\n"
    "  --setup-sql SQL       run SQL on both measured connections first,\n"
    "                        e.g. \"PRAGMA cache_size=-65536\" (an\n"
    "                        experiment: the default measures taio as is)\n"
    "  --regenerate          generate the database even if it matches\n"
    "  --generate-only       stop after making sure the database exists\n"
    "\n"
    "Database content (a change means a new database):\n"
    "  --users N             staff (default 100)\n"
    "  --customers N         customers (default 20000)\n"
    "  --cases N             cases (default 1000000)\n"
    "  --events N            timeline entries (default 5000000)\n"
    "  --promises N          open promises (default 1000000)\n"
    "  --open-permille N     cases not closed, per mille (default 30)\n"
    "  --overdue-permille N  open promises past due, per mille (default 30)\n"
    "  --seed N              random seed (default 20261122)\n";

/* Parse a positive (or zero, when allowed) integer option; prints a
 * usage error and returns false when it is not one. */
static bool parse_count(const char *name, const char *text, bool allow_zero,
                        int64_t *out)
{
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || value < (allow_zero ? 0 : 1)) {
        fprintf(stderr, "taio-bench: --%s: \"%s\" is not a %s number\n",
                name, text, allow_zero ? "non-negative" : "positive");
        return false;
    }
    *out = value;
    return true;
}

/* Fill o from argv. Returns 0 to go on, 1 after --help, 2 on a usage
 * error (already reported). */
static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option LONG[] = {
        {"db", required_argument, NULL, 'd'},
        {"out", required_argument, NULL, 'o'},
        {"intake", required_argument, NULL, 'i'},
        {"agenda", required_argument, NULL, 'a'},
        {"batch", required_argument, NULL, 'b'},
        {"warmup", required_argument, NULL, 'w'},
        {"setup-sql", required_argument, NULL, 'S'},
        {"regenerate", no_argument, NULL, 'R'},
        {"generate-only", no_argument, NULL, 'G'},
        {"users", required_argument, NULL, 'U'},
        {"customers", required_argument, NULL, 'C'},
        {"cases", required_argument, NULL, 'c'},
        {"events", required_argument, NULL, 'e'},
        {"promises", required_argument, NULL, 'p'},
        {"open-permille", required_argument, NULL, 'O'},
        {"overdue-permille", required_argument, NULL, 'V'},
        {"seed", required_argument, NULL, 's'},
        {"ticks", required_argument, NULL, 't'},
        {"searches", required_argument, NULL, 'Q'},
        {"metrics", required_argument, NULL, 'M'},
        {"lessons", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (struct options){
        .db_path = "bench/out/bench.db",
        .n_intake = 2000,
        .n_agenda = 1000,
        .n_tick = 200,
        .n_search = 50,
        .n_metrics = 20,
        .n_lessons = 10,
        .batch = 100,
        .warmup = 50,
    };
    gen_params_default(&o->gen);
    int c;
    while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        int64_t v = 0;
        bool ok = true;
        const char *name = NULL;
        for (size_t i = 0; LONG[i].name; i++) {
            if (LONG[i].val == c) {
                name = LONG[i].name;
            }
        }
        switch (c) {
        case 'd':
            o->db_path = optarg;
            break;
        case 'o':
            o->out_path = optarg;
            break;
        case 'S':
            o->setup_sql = optarg;
            break;
        case 'R':
            o->regenerate = true;
            break;
        case 'G':
            o->generate_only = true;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return 1;
        case 'i':
        case 'a':
        case 't':
        case 'b':
        case 'Q':
        case 'M':
        case 'L':
        case 'U':
        case 'C':
        case 'c':
        case 'e':
        case 'p':
            ok = parse_count(name, optarg, false, &v);
            break;
        case 'w':
        case 'O':
        case 'V':
        case 's':
            ok = parse_count(name, optarg, true, &v);
            break;
        default:
            fputs(USAGE, stderr);
            return 2;
        }
        if (!ok) {
            return 2;
        }
        switch (c) {
        case 'i':
            o->n_intake = v;
            break;
        case 'a':
            o->n_agenda = v;
            break;
        case 't':
            o->n_tick = v;
            break;
        case 'Q':
            o->n_search = v;
            break;
        case 'M':
            o->n_metrics = v;
            break;
        case 'L':
            o->n_lessons = v;
            break;
        case 'b':
            o->batch = v;
            break;
        case 'w':
            o->warmup = v;
            break;
        case 'U':
            o->gen.people.users = v;
            break;
        case 'C':
            o->gen.people.customers = v;
            break;
        case 'c':
            o->gen.cases.cases = v;
            break;
        case 'e':
            o->gen.cases.events = v;
            break;
        case 'p':
            o->gen.cases.promises = v;
            break;
        case 'O':
            o->gen.cases.open_permille = (int)(v > 1000 ? 1000 : v);
            break;
        case 'V':
            o->gen.cases.overdue_permille = (int)(v > 1000 ? 1000 : v);
            break;
        case 's':
            o->gen.seed = (uint64_t)v;
            break;
        default:
            break;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "taio-bench: unexpected argument \"%s\"\n",
                argv[optind]);
        return 2;
    }
    if (o->gen.people.users < 20 || o->gen.people.customers < 10) {
        fprintf(stderr, "taio-bench: need at least 20 users and 10 "
                        "customers\n");
        return 2;
    }
    return 0;
}

/* One integer from a query with the clock as $1 (or no parameter). */
static enum taio_status count(struct db *db, const char *sql, int64_t now,
                              int64_t *out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    if (strstr(sql, "$1")) {
        db_bind_int64(st, 1, now);
    }
    if (db_step(st) == DB_ROW) {
        *out = db_col_int64(st, 0);
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Size of the file at path, 0 if there is none. */
static int64_t file_size(const char *path, const char *suffix)
{
    char name[4096];
    snprintf(name, sizeof(name), "%s%s", path, suffix);
    struct stat st;
    return stat(name, &st) == 0 ? (int64_t)st.st_size : 0;
}

/* Count the rows of the database into *d. */
static enum taio_status read_dataset(struct db *db, const char *path,
                                     int64_t now, struct dataset *d)
{
    const struct {
        const char *sql;
        int64_t *out;
    } QUERIES[] = {
        {"SELECT COUNT(*) FROM users", &d->users},
        {"SELECT COUNT(*) FROM customers", &d->customers},
        {"SELECT COUNT(*) FROM contacts", &d->contacts},
        {"SELECT COUNT(*) FROM cases", &d->cases},
        {"SELECT COUNT(*) FROM cases WHERE is_open = 1", &d->open_cases},
        {"SELECT COUNT(*) FROM cases WHERE status <> 'closed'",
         &d->not_closed},
        {"SELECT COUNT(*) FROM case_events", &d->events},
        {"SELECT COUNT(*) FROM promises WHERE state = 'open'",
         &d->open_promises},
        {"SELECT COUNT(*) FROM promises WHERE state = 'open'"
         "   AND due_at < $1",
         &d->overdue_promises},
    };
    memset(d, 0, sizeof(*d));
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; i < sizeof(QUERIES) / sizeof(QUERIES[0]) &&
                       status == TAIO_OK;
         i++) {
        status = count(db, QUERIES[i].sql, now, QUERIES[i].out);
    }
    d->db_bytes = file_size(path, "");
    return status;
}

/* Append one row of the latency table for sample s. */
static void latency_row(struct buf *out, const char *what,
                        const struct sample *s)
{
    struct sample_summary sum;
    sample_summarize(s, &sum);
    buf_printf(out, "| %s | %zu | %.0f | %.2f | %.2f | %.2f | %.2f |\n", what,
               sum.n, sum.ops_per_s, sum.mean_ms, sum.p50_ms, sum.p99_ms,
               sum.max_ms);
}

/* Append one row of the ratio table: a over b by mean, p50 and p99. */
static void ratio_row(struct buf *out, const char *what,
                      const struct sample *a, const struct sample *b)
{
    struct sample_summary x;
    struct sample_summary y;
    sample_summarize(a, &x);
    sample_summarize(b, &y);
    if (y.mean_ms <= 0 || y.p50_ms <= 0 || y.p99_ms <= 0) {
        return;
    }
    buf_printf(out, "| %s | %.2f× | %.2f× | %.2f× |\n", what,
               x.mean_ms / y.mean_ms, x.p50_ms / y.p50_ms,
               x.p99_ms / y.p99_ms);
}

/* Append the command line, quoted as typed. */
static void command_line(struct buf *out, int argc, char **argv)
{
    buf_puts(out, "`");
    for (int i = 0; i < argc; i++) {
        buf_printf(out, "%s%s", i ? " " : "", argv[i]);
    }
    buf_puts(out, "`");
}

/* Append the whole report. */
/* Append the scheduler's part of the report. */
static void report_tick(struct buf *out, const struct tick_results *t)
{
    buf_printf(out,
               "\n### The scheduler (issue 5)\n\n"
               "First pass (sweeps every open case, looks a day back for "
               "promises): %.0f ms, %zu notifications written (each with "
               "its mail: every user of the database has an address).\n\n",
               (double)t->first_ns / 1e6, t->first_notified);
    buf_puts(out, "| pass | n | passes/s | mean ms | p50 ms | p99 ms | "
                  "max ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
    latency_row(out, "nothing new (the same second again)", &t->idle);
    latency_row(out, "30 s later each time (as taio serve runs)",
                &t->every_30s);
    latency_row(out, "agenda_collect, whole team (what every pass read "
                     "before)",
                &t->team);
    buf_puts(out, "\n| ratio (same run) | mean | p50 | p99 |\n"
                  "|---|---:|---:|---:|\n");
    ratio_row(out, "whole-team agenda / pass 30 s later", &t->team,
              &t->every_30s);
    struct sample_summary idle;
    struct sample_summary step;
    sample_summarize(&t->idle, &idle);
    sample_summarize(&t->every_30s, &step);
    buf_printf(out,
               "\nThe passes 30 s apart wrote %zu notifications in all "
               "(%.2f per pass).\n\n- a pass with nothing due under "
               "%.0f ms: **%s** (p99 %.2f ms; 30 s later: p99 %.2f ms)\n",
               t->notified_30s,
               step.n ? (double)t->notified_30s / (double)step.n : 0.0,
               TARGET_IDLE_TICK_MS,
               idle.n && idle.p99_ms < TARGET_IDLE_TICK_MS ? "met"
                                                           : "missed",
               idle.p99_ms, step.p99_ms);
}

/* Append the search part of the report. */
static void report_search(struct buf *out, const struct search_results *r)
{
    buf_printf(out,
               "\n### Japanese search (issue 6)\n\n"
               "%lld timeline entries with words (not counting those that "
               "opened a case: the case index holds their words). taio's "
               "timeline index "
               "(case_events_fts, bigrams, prefix index of 1): %.0f MB.  \n"
               "Built side by side from the same entries in scratch "
               "files: bigram index %.1f s (%.0f entries/s), %.0f MB; "
               "trigram index %.1f s (%.0f entries/s), %.0f MB.\n\n",
               (long long)r->rows,
               r->product_bytes >= 0 ? (double)r->product_bytes / 1e6 : -1.0,
               (double)r->bigram_ns / 1e9,
               r->bigram_ns ? (double)r->rows * 1e9 / (double)r->bigram_ns
                            : 0.0,
               (double)r->bigram_bytes / 1e6, (double)r->trigram_ns / 1e9,
               r->trigram_ns ? (double)r->rows * 1e9 / (double)r->trigram_ns
                             : 0.0,
               (double)r->trigram_bytes / 1e6);
    buf_puts(out, "| query | n | queries/s | mean ms | p50 ms | p99 ms | "
                  "max ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
    bool met = true;
    for (int l = 0; l < SEARCH_LENGTHS; l++) {
        struct buf what = {0};
        buf_printf(&what, "%d char: taio search (", SEARCH_LENGTH_CHARS[l]);
        for (size_t w = 0; SEARCH_WORDS[l][w]; w++) {
            buf_printf(&what, "%s%s", w ? " " : "", SEARCH_WORDS[l][w]);
        }
        buf_printf(&what, "; %lld hits)", (long long)r->hits[l]);
        latency_row(out, buf_str(&what), &r->taio[l]);
        buf_reset(&what);
        buf_printf(&what, "%d char: bigram MATCH, 300 newest (%lld rows)",
                   SEARCH_LENGTH_CHARS[l], (long long)r->bigram_hits[l]);
        latency_row(out, buf_str(&what), &r->bigram[l]);
        buf_reset(&what);
        buf_printf(&what, "%d char: %s (%lld rows)", SEARCH_LENGTH_CHARS[l],
                   SEARCH_LENGTH_CHARS[l] >= 3
                       ? "trigram MATCH, 300 newest"
                       : "LIKE scan, 300 newest (no trigram token)",
                   (long long)r->trigram_hits[l]);
        latency_row(out, buf_str(&what), &r->trigram[l]);
        buf_clear(&what);
        struct sample_summary sum;
        sample_summarize(&r->taio[l], &sum);
        met = met && sum.n && sum.p99_ms < TARGET_SEARCH_MS;
    }
    buf_puts(out, "\n| ratio (same run) | mean | p50 | p99 |\n"
                  "|---|---:|---:|---:|\n");
    for (int l = 0; l < SEARCH_LENGTHS; l++) {
        struct buf what = {0};
        buf_printf(&what, "%d char: trigram (or LIKE) / bigram MATCH",
                   SEARCH_LENGTH_CHARS[l]);
        ratio_row(out, buf_str(&what), &r->trigram[l], &r->bigram[l]);
        buf_clear(&what);
    }
    buf_printf(out, "\n- every query length under %.0f ms at p99 (taio "
                    "search): **%s**\n",
               TARGET_SEARCH_MS, met ? "met" : "missed");
}

/* Append the lesson suggestions' part of the report. */
static void report_lessons(struct buf *out, const struct lesson_results *r)
{
    struct sample_summary sum;
    sample_summarize(&r->similar, &sum);
    buf_printf(out,
               "\n### Lessons of similar cases (issue 6)\n\n"
               "%lld approved reports written for the measurement (the "
               "generator writes none), removed afterwards; "
               "lesson_similar for the words of 50 open cases in turn, "
               "%.2f lessons suggested per call.\n\n"
               "| operation | n | calls/s | mean ms | p50 ms | p99 ms | "
               "max ms |\n|---|---:|---:|---:|---:|---:|---:|\n",
               (long long)r->lessons,
               sum.n ? (double)r->suggested / (double)sum.n : 0.0);
    latency_row(out, "lesson_similar (5 lessons)", &r->similar);
}

/* Append the metrics part of the report. */
static void report_metrics(struct buf *out, const struct metrics_results *r)
{
    buf_puts(out, "\n### Metrics (issue 6)\n\n"
                  "metrics_compute as the page calls it, the three periods "
                  "taking turns, after one untimed round; \"every case\" "
                  "runs to the end of the generated promises (60 days "
                  "after the clock), so it also counts the million open "
                  "promises.\n\n"
                  "| period | cases | n | mean ms | p50 ms | p99 ms | max ms |\n"
                  "|---|---:|---:|---:|---:|---:|---:|\n");
    const struct {
        const char *name;
        const struct sample *s;
        int64_t cases;
    } rows[] = {
        {"90 days (the page's default)", &r->quarter, r->quarter_cases},
        {"365 days", &r->year, r->year_cases},
        {"every case (and every promise)", &r->all, r->all_cases},
    };
    for (size_t i = 0; i < 3; i++) {
        struct sample_summary sum;
        sample_summarize(rows[i].s, &sum);
        buf_printf(out, "| %s | %lld | %zu | %.1f | %.1f | %.1f | %.1f |\n",
                   rows[i].name, (long long)rows[i].cases, sum.n,
                   sum.mean_ms, sum.p50_ms, sum.p99_ms, sum.max_ms);
    }
    struct sample_summary quarter;
    struct sample_summary all;
    sample_summarize(&r->quarter, &quarter);
    sample_summarize(&r->all, &all);
    buf_printf(out, "\n- the page's default period under %.0f ms at p99: "
                    "**%s** (p99 %.1f ms)\n",
               TARGET_METRICS_MS,
               quarter.n && quarter.p99_ms < TARGET_METRICS_MS ? "met"
                                                                : "missed",
               quarter.p99_ms);
    buf_printf(out, "- every case of the database under %.0f ms at p99: "
                    "**%s** (p99 %.1f ms)\n",
               TARGET_METRICS_MS,
               all.n && all.p99_ms < TARGET_METRICS_MS ? "met" : "missed",
               all.p99_ms);
}

static void report(struct buf *out, int argc, char **argv,
                   const struct options *o, const struct gen_result *g,
                   const struct dataset *d, const struct settings *s,
                   const struct measure_results *r)
{
    time_t wall = time(NULL);
    struct tm tm;
    char date[32];
    gmtime_r(&wall, &tm);
    strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
    char clock[TIMEUTIL_ISO_MAX];
    timeutil_format_iso(s->zone, o->gen.cases.now, clock);
    buf_printf(out, "## taio-bench, %s\n\n", date);
    buf_puts(out, "Command: ");
    command_line(out, argc, argv);
    buf_printf(out,
               "  \nMachine: %ld CPUs online. SQLite %s; WAL, "
               "synchronous=FULL, foreign_keys=ON, default page cache, "
               "mmap_size 2 GB; "
               "one transaction per operation.  \n"
               "Clock of the data and the agenda: %s.\n\n",
               sysconf(_SC_NPROCESSORS_ONLN), raw_sqlite_version(), clock);
    if (o->setup_sql) {
        buf_printf(out, "Extra setup of both measured connections: `%s` "
                        "(not taio as shipped).\n\n",
                   o->setup_sql);
    }
    buf_puts(out, "| database | rows |\n|---|---:|\n");
    buf_printf(out,
               "| users | %lld |\n| customers (contact people) | %lld (%lld) "
               "|\n| cases | %lld |\n| cases open / not closed | %lld / %lld "
               "|\n| timeline entries | %lld |\n| open promises (past due) "
               "| %lld (%lld) |\n| file size | %.2f GB "
               "|\n\n",
               (long long)d->users, (long long)d->customers,
               (long long)d->contacts, (long long)d->cases,
               (long long)d->open_cases, (long long)d->not_closed,
               (long long)d->events, (long long)d->open_promises,
               (long long)d->overdue_promises,
               (double)d->db_bytes / 1e9);
    buf_printf(out, "Generation: %.1f s (%s).\n\n", g->seconds,
               g->generated ? "this run" : "an earlier run; reused");
    buf_printf(out,
               "Interleaved in batches of %lld, after %lld untimed "
               "operations per way (agenda: at least one per agent). The "
               "intakes written are removed after the run.\n\n",
               (long long)o->batch, (long long)o->warmup);
    buf_puts(out, "| operation | n | ops/s | mean ms | p50 ms | p99 ms | "
                  "max ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
    latency_row(out, "intake: taio (case_open + case_log_contact + "
                     "promise_add, 1 tx)", &r->intake_taio);
    latency_row(out, "intake: same rows via db.h, no checks (1 tx)",
                &r->intake_dbh);
    latency_row(out, "intake: same rows, raw SQLite C API (1 tx)",
                &r->intake_raw);
    latency_row(out, "agenda: agenda_collect, one user", &r->agenda_taio);
    latency_row(out, "agenda: its two queries, raw SQLite C API",
                &r->agenda_raw);
    buf_puts(out, "\n| ratio (same run) | mean | p50 | p99 |\n"
                  "|---|---:|---:|---:|\n");
    ratio_row(out, "intake taio / raw SQLite", &r->intake_taio,
              &r->intake_raw);
    ratio_row(out, "intake db.h rows / raw SQLite", &r->intake_dbh,
              &r->intake_raw);
    ratio_row(out, "intake taio / db.h rows", &r->intake_taio,
              &r->intake_dbh);
    ratio_row(out, "agenda_collect / raw queries", &r->agenda_taio,
              &r->agenda_raw);
    struct sample_summary agenda;
    struct sample_summary taio;
    struct sample_summary raw;
    sample_summarize(&r->agenda_taio, &agenda);
    sample_summarize(&r->intake_taio, &taio);
    sample_summarize(&r->intake_raw, &raw);
    double ratio = raw.mean_ms > 0 ? taio.mean_ms / raw.mean_ms : 0;
    buf_printf(out,
               "\nAgenda: %.1f items per call on average (its queries read "
               "%.1f rows).\n\n",
               agenda.n ? (double)r->agenda_items / (double)agenda.n : 0.0,
               r->agenda_raw.n ? (double)r->agenda_raw_rows /
                                     (double)r->agenda_raw.n
                               : 0.0);
    buf_printf(out, "Targets:\n\n- agenda p99 under %.0f ms: **%s** "
                    "(%.2f ms)\n",
               TARGET_AGENDA_P99_MS,
               agenda.n && agenda.p99_ms < TARGET_AGENDA_P99_MS ? "met"
                                                                : "missed",
               agenda.p99_ms);
    buf_printf(out, "- intake within %.0f× of raw SQLite (mean cost): "
                    "**%s** (%.2f×)\n",
               TARGET_INTAKE_RATIO,
               taio.n && ratio <= TARGET_INTAKE_RATIO ? "met" : "missed",
               ratio);
}

/* Open the measured connections (running setup_sql on both when not
 * NULL) and load what the measurement needs. */
static enum taio_status open_all(const char *path, const char *setup_sql,
                                 struct db **db, struct settings *s,
                                 struct people *people, struct raw **raw)
{
    enum taio_status status = db_open(path, db);
    if (status == TAIO_OK) {
        status = migrate_apply(*db, NULL);
    }
    if (status == TAIO_OK) {
        status = settings_load(*db, s);
    }
    if (status == TAIO_OK) {
        status = people_load(*db, people);
    }
    if (status == TAIO_OK) {
        status = raw_open(path, raw);
    }
    if (status == TAIO_OK && setup_sql) {
        status = db_exec(*db, setup_sql);
        if (status == TAIO_OK) {
            status = raw_exec(*raw, setup_sql);
        }
    }
    return status;
}

/* Write the report to stdout and, when asked, to o->out_path. */
static enum taio_status emit(const struct buf *text, const struct options *o)
{
    fputs(buf_str(text), stdout);
    if (o->out_path == NULL) {
        return TAIO_OK;
    }
    FILE *f = fopen(o->out_path, "w");
    if (f == NULL || fputs(buf_str(text), f) == EOF || fclose(f) != 0) {
        log_error("bench: cannot write %s", o->out_path);
        return TAIO_EIO;
    }
    return TAIO_OK;
}

/* taio-bench: see the file comment and USAGE. Exit 0 on success, 1 on a
 * failure, 2 on a usage error. */
int main(int argc, char **argv)
{
    struct options o;
    int parsed = parse_options(argc, argv, &o);
    if (parsed != 0) {
        return parsed == 1 ? 0 : 2;
    }
    struct gen_result g;
    enum taio_status status =
        gen_ensure(o.db_path, &o.gen, o.regenerate, &g);
    if (status != TAIO_OK) {
        fprintf(stderr, "taio-bench: no database (%s)\n", status_id(status));
        return 1;
    }
    fprintf(stderr, "taio-bench: %s %s in %.1f s\n", o.db_path,
            g.generated ? "generated" : "reused; it was generated", g.seconds);
    if (o.generate_only) {
        return 0;
    }
    struct db *db = NULL;
    struct raw *raw = NULL;
    struct settings s = {0};
    struct people people = {0};
    struct dataset d;
    struct measure_results r = {0};
    status = open_all(o.db_path, o.setup_sql, &db, &s, &people, &raw);
    int64_t removed = 0;
    if (status == TAIO_OK) {
        status = intake_remove(db, people.intake_user, &removed);
    }
    if (status == TAIO_OK && removed > 0) {
        fprintf(stderr, "taio-bench: removed %lld intakes an interrupted "
                        "run left\n", (long long)removed);
    }
    if (status == TAIO_OK) {
        status = read_dataset(db, o.db_path, o.gen.cases.now, &d);
    }
    struct measure m = {.db = db, .raw = raw, .s = &s, .people = &people,
                        .now = o.gen.cases.now, .batch = o.batch};
    if (status == TAIO_OK) {
        status = measure_intake(&m, o.n_intake, o.warmup, &r);
    }
    if (status == TAIO_OK) {
        status = measure_agenda(&m, o.n_agenda, o.warmup, &r);
    }
    if (status == TAIO_OK) {
        status = intake_remove(db, people.intake_user, &removed);
    }
    struct tick_results t = {0};
    if (status == TAIO_OK && o.n_tick > 0) {
        fprintf(stderr, "taio-bench: measuring the scheduler\n");
        status = tick_measure(db, &s, o.gen.cases.now, o.n_tick, &t);
    }
    struct search_results sr = {0};
    if (status == TAIO_OK && o.n_search > 0) {
        fprintf(stderr, "taio-bench: measuring search\n");
        status = search_measure(db, o.db_path, o.n_search, &sr);
    }
    struct lesson_results lr = {0};
    if (status == TAIO_OK && o.n_lessons > 0) {
        fprintf(stderr, "taio-bench: measuring the lesson suggestions\n");
        status = lesson_measure(db, o.n_lessons, &lr);
    }
    struct metrics_results mr = {0};
    if (status == TAIO_OK && o.n_metrics > 0) {
        fprintf(stderr, "taio-bench: measuring the metrics\n");
        status = metrics_measure(db, &s, o.gen.cases.now, o.n_metrics, &mr);
    }
    if (status == TAIO_OK) {
        struct buf text = {0};
        report(&text, argc, argv, &o, &g, &d, &s, &r);
        if (o.n_tick > 0) {
            report_tick(&text, &t);
        }
        if (o.n_search > 0) {
            report_search(&text, &sr);
        }
        if (o.n_lessons > 0) {
            report_lessons(&text, &lr);
        }
        if (o.n_metrics > 0) {
            report_metrics(&text, &mr);
        }
        status = emit(&text, &o);
        buf_clear(&text);
    }
    if (status != TAIO_OK) {
        fprintf(stderr, "taio-bench: failed (%s)\n", status_id(status));
    }
    measure_results_clear(&r);
    tick_results_clear(&t);
    search_results_clear(&sr);
    metrics_results_clear(&mr);
    lesson_results_clear(&lr);
    raw_close(raw);
    people_clear(&people);
    settings_clear(&s);
    db_close(db);
    return status == TAIO_OK ? 0 : 1;
}
