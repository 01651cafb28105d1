/* SPDX-License-Identifier: MIT */
/*
 * smtp.c - sending one e-mail through SMTP with libcurl: the message text
 * (RFC 5322 headers, UTF-8 subjects as RFC 2047 encoded words, the body as
 * plain text and as HTML, each base64 UTF-8) and the transfer (STARTTLS when the server offers it, AUTH
 * when the URL carries credentials: smtp://user:password@host:587).
 *
 * A transport only: what to send, to whom and when to try again are
 * notify.c's.
 */
#include "smtp.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Bytes of UTF-8 text per encoded word: 45 bytes are 60 base64
 * characters, and with "=?UTF-8?B?" and "?=" under the 75 RFC 2047
 * allows. */
#define WORD_BYTES 45
/* Base64 characters per body line (RFC 2045 allows 76). */
#define LINE_CHARS 76
/* The parts' boundary: "=_" never occurs in base64 lines. */
#define BOUNDARY "=_taio_part_boundary"

/* Whether text is plain printable ASCII, which needs no encoding. */
static bool is_plain(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c < 0x20 || *c > 0x7e) {
            return false;
        }
    }
    return true;
}

/* Append base64 of len bytes at data. */
static void put_base64(struct buf *out, const void *data, size_t len)
{
    size_t size =
        sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *encoded = xmalloc(size);
    sodium_bin2base64(encoded, size, data, len,
                      sodium_base64_VARIANT_ORIGINAL);
    buf_puts(out, encoded);
    free(encoded);
}

/* Append a header value: as it is when plain ASCII, else as encoded
 * words, each cut on a character boundary and folded onto its own line. */
static void put_header_text(struct buf *out, const char *text)
{
    if (is_plain(text)) {
        buf_puts(out, text);
        return;
    }
    const unsigned char *p = (const unsigned char *)text;
    size_t left = strlen(text);
    bool first = true;
    while (left > 0) {
        size_t n = left < WORD_BYTES ? left : WORD_BYTES;
        while (n < left && (p[n] & 0xc0) == 0x80) {
            n--; /* never split a UTF-8 character */
        }
        buf_puts(out, first ? "=?UTF-8?B?" : "\r\n =?UTF-8?B?");
        put_base64(out, p, n);
        buf_puts(out, "?=");
        first = false;
        p += n;
        left -= n;
    }
}

/* The Date header's value for at (UTC, RFC 5322). */
static void put_date(struct buf *out, int64_t at)
{
    static const char *const DAYS[] = {"Sun", "Mon", "Tue", "Wed",
                                       "Thu", "Fri", "Sat"};
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr",
                                         "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec"};
    time_t t = (time_t)at;
    struct tm tm;
    gmtime_r(&t, &tm);
    buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", DAYS[tm.tm_wday],
               tm.tm_mday, MONTHS[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
               tm.tm_min, tm.tm_sec);
}

/* One part of the multipart message: its headers, then text in base64
 * lines (so no line of it can look like the boundary). */
static void put_part(struct buf *out, const char *type, const char *text)
{
    buf_printf(out, "--" BOUNDARY "\r\nContent-Type: %s; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n",
               type);
    struct buf encoded = {0};
    put_base64(&encoded, text, strlen(text));
    for (size_t i = 0; i < encoded.len; i += LINE_CHARS) {
        size_t n = encoded.len - i < LINE_CHARS ? encoded.len - i
                                                : LINE_CHARS;
        buf_append(out, encoded.data + i, n);
        buf_puts(out, "\r\n");
    }
    buf_clear(&encoded);
}

/* The HTML part: the plain text escaped, its lines kept. */
static void html_of(const char *text, struct buf *out)
{
    buf_puts(out, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                  "</head><body><div style=\"font-family:sans-serif;"
                  "line-height:1.6\">");
    struct buf escaped = {0};
    text_escape_html(&escaped, text);
    for (const char *p = buf_str(&escaped); *p; p++) {
        if (*p == '\n') {
            buf_puts(out, "<br>\n");
        } else {
            buf_putc(out, *p);
        }
    }
    buf_clear(&escaped);
    buf_puts(out, "</div></body></html>\n");
}

/* The whole message m as sent (CR LF line ends), into out: the plain
 * text and the same as HTML, as multipart/alternative. */
void smtp_format(const struct smtp_message *m, struct buf *out)
{
    buf_puts(out, "Date: ");
    put_date(out, m->date);
    buf_puts(out, "\r\nFrom: ");
    if (m->from_name) {
        put_header_text(out, m->from_name);
        buf_printf(out, " <%s>", m->from);
    } else {
        buf_puts(out, m->from);
    }
    buf_printf(out, "\r\nTo: %s\r\nMessage-ID: %s\r\nSubject: ", m->to,
               m->message_id);
    put_header_text(out, m->subject);
    buf_puts(out, "\r\nMIME-Version: 1.0\r\n"
                  "Content-Type: multipart/alternative; boundary=\"" BOUNDARY
                  "\"\r\n\r\n");
    put_part(out, "text/plain", m->body);
    struct buf html = {0};
    html_of(m->body, &html);
    put_part(out, "text/html", buf_str(&html));
    buf_clear(&html);
    buf_puts(out, "--" BOUNDARY "--\r\n");
}

/* What libcurl reads the message from. */
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

/* Send m through the server at url (smtp:// or smtps://; credentials in
 * the URL turn on AUTH; STARTTLS is used when the server offers it, and
 * its certificate must be trusted: by the system, or by the PEM file ca
 * when that is not NULL).
 * Proxies are never used: mail goes to the server named. On failure
 * error (size bytes) says why, for the outbox, and TAIO_EIO is returned. */
enum taio_status smtp_send(const char *url, const char *ca,
                           const struct smtp_message *m, char *error,
                           size_t size)
{
    error[0] = '\0';
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        snprintf(error, size, "curl_easy_init failed");
        return TAIO_EIO;
    }
    struct buf text = {0};
    smtp_format(m, &text);
    struct upload u = {text.data, text.len};
    char from[320];
    snprintf(from, sizeof(from), "<%s>", m->from);
    char to[320];
    snprintf(to, sizeof(to), "<%s>", m->to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    char curl_error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    if (ca) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, ca);
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    CURLcode rc = curl_easy_perform(curl);
    enum taio_status status = TAIO_OK;
    if (rc != CURLE_OK) {
        snprintf(error, size, "%s", curl_error[0] ? curl_error
                                                  : curl_easy_strerror(rc));
        log_warn("smtp: sending %s to %s failed: %s", m->message_id, m->to,
                 error);
        status = TAIO_EIO;
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    buf_clear(&text);
    return status;
}
