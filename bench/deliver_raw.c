/* SPDX-License-Identifier: MIT */
/*
 * deliver_raw.c - taio-deliver-raw: the yardstick of the delivery
 * benchmark (bench/deliver_bench.py). It sends N messages with libcurl
 * alone, one easy handle (so one connection) per message as taio does:
 *
 *   taio-deliver-raw smtp URL FROM TO N    N mails of the size of taio's
 *   taio-deliver-raw http URL N            N JSON posts of a webhook's size
 *
 * and prints the seconds it took. No store, no retries, no signing.
 */
#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A mail as large as a notification's (headers, base64 bodies). */
static const char MAIL[] =
    "Date: Tue, 24 Nov 2026 01:30:00 +0000\r\n"
    "From: desk@example.jp\r\nTo: staff@example.jp\r\n"
    "Message-ID: <raw@taio>\r\nSubject: raw\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n";

/* A body as large as a json webhook's. */
static const char POST[] =
    "{\"delivery\":\"webhook.1.promise_due:1:1\",\"event\":\"promise_due\","
    "\"text\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\","
    "\"case\":{\"number\":\"2026-0001\",\"title\":\"xxxxxxxxxxxxxxxx\","
    "\"customer\":\"xxxxxxxxxxxxxxxx\"},\"promise\":null,\"at\":\"\"}";

struct upload {
    const char *data;
    size_t left;
};

static size_t read_upload(char *to, size_t size, size_t count, void *arg)
{
    struct upload *u = arg;
    size_t n = size * count < u->left ? size * count : u->left;
    memcpy(to, u->data, n);
    u->data += n;
    u->left -= n;
    return n;
}

static size_t ignore(char *data, size_t size, size_t count, void *arg)
{
    (void)data;
    (void)arg;
    return size * count;
}

/* One mail, on a handle of its own. */
static int send_mail(const char *url, const char *from, const char *to)
{
    CURL *curl = curl_easy_init();
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    struct upload u = {MAIL, sizeof(MAIL) - 1};
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : 1;
}

/* One post, on a handle of its own. */
static int send_post(const char *url)
{
    CURL *curl = curl_easy_init();
    struct curl_slist *headers =
        curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "127.0.0.1,localhost");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, POST);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, ignore);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK && status >= 200 && status < 300 ? 0 : 1;
}

int main(int argc, char **argv)
{
    bool mail = argc == 6 && strcmp(argv[1], "smtp") == 0;
    bool post = argc == 4 && strcmp(argv[1], "http") == 0;
    if (!mail && !post) {
        fprintf(stderr, "usage: taio-deliver-raw smtp URL FROM TO N | "
                        "http URL N\n");
        return 2;
    }
    long n = atol(argv[mail ? 5 : 3]);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct timespec start;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int failed = 0;
    for (long i = 0; i < n; i++) {
        failed += mail ? send_mail(argv[2], argv[3], argv[4])
                       : send_post(argv[2]);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.6f %d\n",
           (double)(end.tv_sec - start.tv_sec) +
               (double)(end.tv_nsec - start.tv_nsec) / 1e9,
           failed);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
