/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_SECRET_H
#define TAIO_CORE_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

/* Hex SHA-256 is 64 characters plus the terminator. */
#define SECRET_HASH_HEX 65

enum taio_status secret_init(void);
char *secret_random(const char *prefix);
void secret_hash(const char *value, char out[SECRET_HASH_HEX]);
bool secret_equal(const char *a, const char *b);

/* Passwords (argon2id) */
enum taio_status secret_password_hash(const char *password, char **out);
bool secret_password_verify(const char *hash, const char *password);

#endif
