/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_LOG_H
#define TAIO_CORE_LOG_H

/* Diagnostics for operators, on stderr. Never shown as a user's error. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
