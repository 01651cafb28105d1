/* SPDX-License-Identifier: MIT */
/*
 * webhook.c - posting one webhook delivery with libcurl: a JSON body, its
 * delivery id, and an HMAC-SHA256 signature (libsodium) of
 * "<timestamp>.<body>" under the hook's secret, so the receiver can check
 * that it came from this desk and is not a replay.
 *
 *   X-Taio-Delivery:  the delivery id (stable across retries)
 *   X-Taio-Timestamp: Unix seconds of this attempt
 *   X-Taio-Signature: sha256=<hex HMAC>
 *
 * A transport only: what to post and when to retry are notify.c's.
 */
#include "webhook.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"

/* The signature header's value for body at timestamp under secret, into
 * out (at least WEBHOOK_SIGNATURE_MAX bytes). */
void webhook_sign(const char *secret, int64_t timestamp, const char *body,
                  char *out)
{
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char prefix[32];
    int n = snprintf(prefix, sizeof(prefix), "%lld.", (long long)timestamp);
    crypto_auth_hmacsha256_init(&state, (const unsigned char *)secret,
                                strlen(secret));
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)prefix,
                                  (unsigned long long)n);
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)body,
                                  strlen(body));
    crypto_auth_hmacsha256_final(&state, mac);
    memcpy(out, "sha256=", 7);
    sodium_bin2hex(out + 7, WEBHOOK_SIGNATURE_MAX - 7, mac, sizeof(mac));
}

/* Discard what the receiver answers. */
static size_t ignore(char *data, size_t size, size_t count, void *arg)
{
    (void)data;
    (void)arg;
    return size * count;
}

/* Post body to url as delivery delivery_id, signed with secret at
 * timestamp. TAIO_OK when the receiver answered 2xx; otherwise TAIO_EIO
 * with error (size bytes) saying why. Proxies follow the environment
 * (a receiver on the internet may be reached only through one), except
 * for loopback addresses. */
enum taio_status webhook_post(const char *url, const char *body,
                              const char *secret, const char *delivery_id,
                              int64_t timestamp, char *error, size_t size)
{
    error[0] = '\0';
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        snprintf(error, size, "curl_easy_init failed");
        return TAIO_EIO;
    }
    char signature[WEBHOOK_SIGNATURE_MAX];
    webhook_sign(secret, timestamp, body, signature);
    struct buf line = {0};
    struct curl_slist *headers =
        curl_slist_append(NULL, "Content-Type: application/json");
    buf_printf(&line, "X-Taio-Delivery: %s", delivery_id);
    headers = curl_slist_append(headers, buf_str(&line));
    buf_reset(&line);
    buf_printf(&line, "X-Taio-Timestamp: %lld", (long long)timestamp);
    headers = curl_slist_append(headers, buf_str(&line));
    buf_reset(&line);
    buf_printf(&line, "X-Taio-Signature: %s", signature);
    headers = curl_slist_append(headers, buf_str(&line));
    char curl_error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, ignore);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    CURLcode rc = curl_easy_perform(curl);
    long http_status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
    enum taio_status status = TAIO_OK;
    if (rc != CURLE_OK) {
        snprintf(error, size, "%s", curl_error[0] ? curl_error
                                                  : curl_easy_strerror(rc));
        status = TAIO_EIO;
    } else if (http_status < 200 || http_status > 299) {
        snprintf(error, size, "HTTP %ld", http_status);
        status = TAIO_EIO;
    }
    if (status != TAIO_OK) {
        log_warn("webhook: delivery %s to %s failed: %s", delivery_id, url,
                 error);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    buf_clear(&line);
    return status;
}
