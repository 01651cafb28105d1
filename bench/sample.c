/* SPDX-License-Identifier: MIT */
/*
 * sample.c - latency samples of the benchmark: the clock they are taken
 * with, and the figures reported from them (rate, mean, p50, p99, max).
 *
 * Percentiles are nearest-rank over every recorded latency (no
 * histogram buckets, no interpolation), so p99 of 2,000 operations is the
 * 1,980th smallest. Printing is bench_taio.c's.
 */
#include "sample.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"

/* Nanoseconds of the monotonic clock: for intervals only. */
int64_t sample_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Record one latency of ns nanoseconds. */
void sample_add(struct sample *s, int64_t ns)
{
    s->ns = xgrow(s->ns, &s->cap, s->n + 1, sizeof(*s->ns));
    s->ns[s->n++] = ns;
}

/* qsort order of latencies: ascending. */
static int compare_ns(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The latency at nearest rank percent (1..100) of the sorted array. */
static int64_t rank(const int64_t *sorted, size_t n, int percent)
{
    size_t r = (n * (size_t)percent + 99) / 100; /* ceil(n * p / 100) */
    return sorted[r == 0 ? 0 : r - 1];
}

/* Summarise s into *out; s itself is left in recording order. An empty
 * sample summarises to all zeros. */
void sample_summarize(const struct sample *s, struct sample_summary *out)
{
    memset(out, 0, sizeof(*out));
    out->n = s->n;
    if (s->n == 0) {
        return;
    }
    int64_t *sorted = xmalloc(s->n * sizeof(*sorted));
    memcpy(sorted, s->ns, s->n * sizeof(*sorted));
    qsort(sorted, s->n, sizeof(*sorted), compare_ns);
    double total = 0;
    for (size_t i = 0; i < s->n; i++) {
        total += (double)sorted[i];
    }
    out->ops_per_s = total > 0 ? (double)s->n * 1e9 / total : 0;
    out->mean_ms = total / (double)s->n / 1e6;
    out->p50_ms = (double)rank(sorted, s->n, 50) / 1e6;
    out->p99_ms = (double)rank(sorted, s->n, 99) / 1e6;
    out->max_ms = (double)sorted[s->n - 1] / 1e6;
    free(sorted);
}

/* Free what s owns and leave it empty. Accepts NULL. */
void sample_clear(struct sample *s)
{
    if (s == NULL) {
        return;
    }
    free(s->ns);
    memset(s, 0, sizeof(*s));
}
