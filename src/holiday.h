/* SPDX-License-Identifier: MIT */
#ifndef TAIO_HOLIDAY_H
#define TAIO_HOLIDAY_H

#include <stddef.h>

/* One national holiday. */
struct holiday {
    int year, month, day;
    const char *name; /* static Japanese name, as in the official list */
};

/* Japanese national holidays (pure, no zone involved) */
const char *holiday_name(int year, int month, int day);
size_t holiday_list(int year, struct holiday *out, size_t cap);

#endif
