/* SPDX-License-Identifier: MIT */
#ifndef TAIO_METRICS_CSV_H
#define TAIO_METRICS_CSV_H

#include "core/buf.h"
#include "core/validate.h"
#include "metrics.h"

extern const char *const METRICS_TABLES[];

enum taio_status metrics_csv(const struct metrics *m,
                             const struct settings *s, const char *table,
                             struct buf *out);
enum taio_status metrics_csv_cp932(const struct buf *in, struct buf *out);
const struct metrics_counts *metrics_breakdown(const struct metrics *m,
                                               const char *table);
const char *metrics_label(const char *table, const char *name);

#endif
