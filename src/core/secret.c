/* SPDX-License-Identifier: MIT */
/*
 * secret.c - random secrets, their hashes, and password hashing, all
 * through libsodium.
 *
 * A secret handed to a person or script (session cookie, API token) is
 * random, shown once, and stored only as its SHA-256: the value has 256
 * bits of entropy, so a fast hash is enough and lookups stay indexed.
 * Passwords are chosen by people and get argon2id instead. Its cost is
 * libsodium's "interactive" level (about 0.1 s and 64 MiB here) unless
 * TAIO_PWHASH_COST=min, which test suites set to stay fast; the cost is
 * stored in each hash, so hashes of either cost verify.
 */
#include "core/secret.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

/* Start libsodium; call once before any thread starts. */
enum taio_status secret_init(void)
{
    if (sodium_init() < 0) {
        log_error("libsodium could not be initialised");
        return TAIO_EIO;
    }
    return TAIO_OK;
}

/* A new random secret: prefix followed by 32 random bytes in URL-safe
 * base64 (43 characters), safe in cookies, headers and URLs. Free with
 * free(). */
char *secret_random(const char *prefix)
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof(bytes));
    char text[sodium_base64_ENCODED_LEN(
        32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof(text), bytes, sizeof(bytes),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof(bytes));
    struct buf out = {0};
    buf_printf(&out, "%s%s", prefix, text);
    sodium_memzero(text, sizeof(text));
    return buf_steal(&out);
}

/* The lower-case hex SHA-256 of value, the form a secret is stored in. */
void secret_hash(const char *value, char out[SECRET_HASH_HEX])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)value, strlen(value));
    sodium_bin2hex(out, SECRET_HASH_HEX, digest, sizeof(digest));
}

/* Compare two strings in time that depends only on their lengths, for
 * tokens a client sends back (CSRF). */
bool secret_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b)) {
        return false;
    }
    return sodium_memcmp(a, b, n) == 0;
}

/* The argon2id cost chosen by TAIO_PWHASH_COST. */
static void password_cost(unsigned long long *ops, size_t *mem)
{
    const char *cost = getenv("TAIO_PWHASH_COST");
    if (cost && strcmp(cost, "min") == 0) {
        *ops = crypto_pwhash_OPSLIMIT_MIN;
        *mem = crypto_pwhash_MEMLIMIT_MIN;
    } else {
        *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }
}

/* Hash password with argon2id into *out ("$argon2id$v=19$..."; free with
 * free()). TAIO_EIO when the memory for the hash is not available. */
enum taio_status secret_password_hash(const char *password, char **out)
{
    unsigned long long ops = 0;
    size_t mem = 0;
    password_cost(&ops, &mem);
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password, strlen(password), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        log_error("password hashing ran out of memory");
        return TAIO_EIO;
    }
    *out = xstrdup(hash);
    return TAIO_OK;
}

/* True when password matches hash (from secret_password_hash). */
bool secret_password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
