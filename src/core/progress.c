/* SPDX-License-Identifier: MIT */
/*
 * progress.c - a progress bar for imports, seeding and backups.
 *
 * Drawn on stderr at most ten times a second, and only when stderr is a
 * terminal: piped output and test logs never see carriage returns.
 */
#include "core/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* Milliseconds of the monotonic clock, for redraw pacing. */
static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Redraw the bar on the current line of stderr. */
static void draw(const struct progress *p)
{
    enum { WIDTH = 30 };
    if (p->total > 0) {
        int64_t filled = p->done * WIDTH / p->total;
        char bar[WIDTH + 1];
        for (int i = 0; i < WIDTH; i++) {
            bar[i] = i < filled ? '#' : '.';
        }
        bar[WIDTH] = '\0';
        fprintf(stderr, "\r%s [%s] %3lld%% %lld/%lld", p->label, bar,
                (long long)(p->done * 100 / p->total), (long long)p->done,
                (long long)p->total);
    } else {
        fprintf(stderr, "\r%s %lld", p->label, (long long)p->done);
    }
    fflush(stderr);
}

/* Begin a bar called label for total units of work (0 if unknown). */
void progress_start(struct progress *p, const char *label, int64_t total)
{
    p->label = label;
    p->total = total;
    p->done = 0;
    p->shown_at = 0;
    /* Drawn on stderr, so the output stays clean, but only when a person
     * watches: stdout going to a file or pipe means a script runs us. */
    p->on_tty = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1;
    if (p->on_tty) {
        draw(p);
    }
}

/* Record that done units are finished; redraws at most every 100 ms. */
void progress_step(struct progress *p, int64_t done)
{
    p->done = done;
    if (!p->on_tty) {
        return;
    }
    int64_t now = monotonic_ms();
    if (now - p->shown_at >= 100) {
        p->shown_at = now;
        draw(p);
    }
}

/* Draw the bar full and end its line. */
void progress_finish(struct progress *p)
{
    if (!p->on_tty) {
        return;
    }
    if (p->total > 0) {
        p->done = p->total;
    }
    draw(p);
    fputc('\n', stderr);
}
