/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_SAMPLE_H
#define TAIO_BENCH_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* Latencies of one measured operation, in nanoseconds, in the order they
 * were taken. Zero-initialised is an empty sample. */
struct sample {
    int64_t *ns;  /* owned array of n latencies */
    size_t n;
    size_t cap;
};

/* What a sample says, in the units the report uses. */
struct sample_summary {
    size_t n;
    double ops_per_s; /* n / total measured time: back-to-back rate */
    double mean_ms;
    double p50_ms;    /* nearest-rank percentiles */
    double p99_ms;
    double max_ms;
};

int64_t sample_clock_ns(void);
void sample_add(struct sample *s, int64_t ns);
void sample_summarize(const struct sample *s, struct sample_summary *out);
void sample_clear(struct sample *s);

#endif
