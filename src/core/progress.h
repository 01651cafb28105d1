/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_PROGRESS_H
#define TAIO_CORE_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

/* A progress bar on stderr for long CLI work; silent unless both stdout
 * and stderr are terminals, so logs, pipes and scripts stay clean. */
struct progress {
    const char *label; /* borrowed */
    int64_t total;     /* 0: unknown */
    int64_t done;
    int64_t shown_at;  /* monotonic milliseconds of the last redraw */
    bool on_tty;
};

void progress_start(struct progress *p, const char *label, int64_t total);
void progress_step(struct progress *p, int64_t done);
void progress_finish(struct progress *p);

#endif
