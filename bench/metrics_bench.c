/* SPDX-License-Identifier: MIT */
/*
 * metrics_bench.c - the metrics over the benchmark's million cases
 * (issue 6): metrics_compute as the page and the API call it, for the
 * page's default period (the 90 days up to the clock), a year, and every
 * case, taking turns. The last period runs to the end of the generated
 * promises (60 days after the clock): the database has no kept promises
 * in the past, so it is its million open ones that stand in for the
 * promises a desk of a million cases made.
 */
#include "metrics_bench.h"

#include "metrics.h"

/* One timed computation of [from, to) at now into s; *cases its case
 * count. */
static enum taio_status once(struct db *db, const struct settings *s,
                             int64_t from, int64_t to, int64_t now,
                             struct sample *out, int64_t *cases)
{
    struct metrics_query q = {.from_at = from, .to_at = to};
    struct metrics m = {0};
    struct problems p = {0};
    int64_t start = sample_clock_ns();
    enum taio_status status = metrics_compute(db, s, &q, now, &p, &m);
    sample_add(out, sample_clock_ns() - start);
    *cases = m.cases;
    metrics_clear(&m);
    problems_clear(&p);
    return status;
}

/* One round: the three periods in turn, into the three samples. */
static enum taio_status round_of(struct db *db, const struct settings *s,
                                 int64_t now, struct sample *quarter,
                                 struct sample *year, struct sample *all,
                                 struct metrics_results *out)
{
    enum taio_status status = once(db, s, now - 90 * 86400, now, now,
                                   quarter, &out->quarter_cases);
    if (status == TAIO_OK) {
        status = once(db, s, now - 365 * 86400, now, now, year,
                      &out->year_cases);
    }
    if (status == TAIO_OK) {
        status = once(db, s, 0, now + 61 * 86400, now, all, &out->all_cases);
    }
    return status;
}

/* Measure the metrics on db at now over rounds rounds, after one untimed
 * round (as the other measurements warm up first: the pages of the
 * indexes read are then in memory). */
enum taio_status metrics_measure(struct db *db, const struct settings *s,
                                 int64_t now, int64_t rounds,
                                 struct metrics_results *out)
{
    struct sample warm = {0};
    enum taio_status status = round_of(db, s, now, &warm, &warm, &warm, out);
    sample_clear(&warm);
    for (int64_t i = 0; status == TAIO_OK && i < rounds; i++) {
        status = round_of(db, s, now, &out->quarter, &out->year, &out->all,
                          out);
    }
    return status;
}

void metrics_results_clear(struct metrics_results *r)
{
    sample_clear(&r->quarter);
    sample_clear(&r->year);
    sample_clear(&r->all);
}
