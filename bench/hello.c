/* SPDX-License-Identifier: MIT */
/*
 * hello.c - the yardstick of the HTTP benchmark: libmicrohttpd answering
 * a fixed 15-byte JSON body, set up as taio serve sets up its daemon
 * (thread pool with epoll, the answer queued on the second call so
 * connections stay alive). Whatever taio does beyond this is the cost of
 * taio; the ratio of the two rates, measured in one run, is the figure.
 *
 * usage: taio-hello PORT THREADS [BODY_BYTES] (runs until killed)
 *
 * With BODY_BYTES the answer is a JSON string of that many bytes instead:
 * the rate of a server that had the answer ready (a perfect cache) and
 * only had to send it, the ceiling for a read of that size.
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The body every request gets. */
static const char *hello_body = "{\"status\":\"ok\"}";
static size_t hello_len = 15;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    static int marker;
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    if (*con_cls != &marker) {
        *con_cls = &marker;
        return MHD_YES;
    }
    *upload_data_size = 0;
    struct MHD_Response *r = MHD_create_response_from_buffer(
        hello_len, (void *)(uintptr_t)hello_body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/json");
    enum MHD_Result ret = MHD_queue_response(connection, 200, r);
    MHD_destroy_response(r);
    return ret;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: taio-hello PORT THREADS [BODY_BYTES]\n");
        return 2;
    }
    if (argc == 4) {
        size_t n = (size_t)atol(argv[3]);
        char *body = malloc(n + 1);
        if (body == NULL || n < 2) {
            fprintf(stderr, "taio-hello: bad BODY_BYTES\n");
            return 2;
        }
        memset(body, 'x', n);
        body[0] = body[n - 1] = '"';
        body[n] = '\0';
        hello_body = body;
        hello_len = n;
    }
    unsigned port = (unsigned)atoi(argv[1]);
    unsigned threads = (unsigned)atoi(argv[2]);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)port,
        NULL, NULL, answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_CONNECTION_TIMEOUT,
        30u, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "taio-hello: cannot listen on %u\n", port);
        return 1;
    }
    printf("hello serving on %u\n", port);
    fflush(stdout);
    pause();
    MHD_stop_daemon(d);
    return 0;
}
