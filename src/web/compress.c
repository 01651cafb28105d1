/* SPDX-License-Identifier: MIT */
/*
 * compress.c - gzip for answers (zlib), and whether a client takes it.
 *
 * libmicrohttpd sends what it is given. A case's JSON shrinks about
 * fivefold, which shortens the answer on a phone in the field and the
 * server's time spent sending it; the answer cache keeps the compressed
 * form, so it is made once per change of the data.
 */
#include "web/compress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/text.h"

/* Does an Accept-Encoding header value (NULL when absent) accept gzip?
 * An explicit "gzip" (or "x-gzip") decides, by its q-value; otherwise
 * "*" does; q=0 means "not this one" (RFC 9110, 12.5.3). */
bool compress_gzip_accepted(const char *accept_encoding)
{
    if (accept_encoding == NULL) {
        return false;
    }
    int gzip = -1; /* -1: not named */
    int star = -1;
    struct text_qitem it;
    while (text_qlist_next(&accept_encoding, &it)) {
        int verdict = it.q > 0.0 ? 1 : 0;
        if ((it.len == 4 && strncasecmp(it.name, "gzip", 4) == 0) ||
            (it.len == 6 && strncasecmp(it.name, "x-gzip", 6) == 0)) {
            gzip = verdict;
        } else if (it.len == 1 && *it.name == '*') {
            star = verdict;
        }
    }
    return gzip == 1 || (gzip == -1 && star == 1);
}

/* Compress len bytes at data into out (replacing what it held) as a gzip
 * stream. False when zlib fails (out is then empty). */
bool compress_gzip(const char *data, size_t len, struct buf *out)
{
    buf_reset(out);
    z_stream z;
    memset(&z, 0, sizeof(z));
    /* 15 + 16: the largest window, with a gzip header; level 1: the
     * answer is made while the client waits, and JSON's repeated keys
     * shrink well even at the fastest level. */
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        return false;
    }
    uLong bound = deflateBound(&z, (uLong)len);
    char *dest = malloc(bound);
    if (dest == NULL) {
        deflateEnd(&z);
        return false;
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)dest;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    size_t produced = bound - z.avail_out;
    deflateEnd(&z);
    if (rc == Z_STREAM_END) {
        buf_append(out, dest, produced);
    }
    free(dest);
    return rc == Z_STREAM_END;
}
