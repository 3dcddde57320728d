/*
 * ice-load: a neutral, cheap load generator for Ice 3.7 servers of the interop contract (the role h2load plays
 * for gRPC and thrift-load for Thrift). One thread, epoll, N connections. Each connection first reads the
 * server's ValidateConnection message, then pipelines twoway requests (identity "test", operation "opString",
 * a = "hello", b = "world", encoding 1.1 encapsulation) keeping DEPTH outstanding. Every reply is checked: a
 * request id that is outstanding, reply status 0, and a payload that is exactly ba = b + a then the return
 * value a + b. The bytes are written here from the Ice protocol and encoding specifications, so the program
 * shares no code with any stack under test.
 *
 *   ice-load PORT CONNS DEPTH SECONDS WARMUP [SERVER_PID]
 * prints: calls=N rps=X p50_ms=X p99_ms=X cpu=X server_cpu=X
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUCKETS 1000000   /* 1 µs latency buckets up to 1 s; slower calls land in the last one */
#define SLOTS 65536       /* outstanding requests are found by id % SLOTS */
#define HEADER 14         /* magic(4) protocol(2) encoding(2) type(1) compression(1) size(4) */
#define READ_CAP (1 << 20)

enum { REQUEST = 0, REPLY = 2, VALIDATE = 3, CLOSE = 4 };

struct conn {
    int fd, validated;
    int32_t next_id;
    int outstanding;
    unsigned char *in; size_t in_len;
    unsigned char *out; size_t out_len, out_sent, out_cap;
    int32_t slot_id[SLOTS];
    uint64_t slot_ns[SLOTS];
};

static const char *A = "hello", *B = "world";
static unsigned char request[256], expected[256];
static size_t request_len, expected_len;  /* expected: reply status byte + encapsulation */
static uint32_t *histogram;
static int depth;

static uint64_t now_ns(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static void fail(const char *why) { fprintf(stderr, "ice-load: %s\n", why); exit(1); }

static void put_i32(unsigned char *p, int32_t v) { uint32_t u = (uint32_t)v; p[0] = u; p[1] = u >> 8; p[2] = u >> 16; p[3] = u >> 24; }
static int32_t get_i32(const unsigned char *p) { return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24); }

/* An Ice string: its UTF-8 length as a size (one byte below 255), then the bytes. */
static size_t put_string(unsigned char *p, const char *s) {
    size_t n = strlen(s);
    if (n > 254) fail("strings longer than 254 bytes are not supported here");
    p[0] = (unsigned char)n; memcpy(p + 1, s, n); return n + 1;
}

static size_t put_header(unsigned char *p, int type) {
    const unsigned char h[10] = { 'I', 'c', 'e', 'P', 1, 0, 1, 0, (unsigned char)type, 0 };
    memcpy(p, h, sizeof h); return HEADER; /* the size is written once the message is complete */
}

static void build_messages(void) {
    unsigned char *p = request;
    p += put_header(p, REQUEST);
    p += 4;                                  /* request id, set per call */
    p += put_string(p, "test");              /* identity name */
    p += put_string(p, "");                  /* identity category */
    *p++ = 0;                                /* facet: empty sequence */
    p += put_string(p, "opString");
    *p++ = 0;                                /* mode: normal */
    *p++ = 0;                                /* context: empty dictionary */
    unsigned char *encaps = p;
    p += 4; *p++ = 1; *p++ = 1;              /* encapsulation size, encoding 1.1 */
    p += put_string(p, A);
    p += put_string(p, B);
    put_i32(encaps, (int32_t)(p - encaps));
    request_len = (size_t)(p - request);
    put_i32(request + 10, (int32_t)request_len);

    char ab[600], ba[600];
    snprintf(ab, sizeof ab, "%s%s", A, B); snprintf(ba, sizeof ba, "%s%s", B, A);
    p = expected;
    *p++ = 0;                                /* reply status: success */
    encaps = p;
    p += 4; *p++ = 1; *p++ = 1;
    p += put_string(p, ba);                  /* out parameters first, */
    p += put_string(p, ab);                  /* then the return value */
    put_i32(encaps, (int32_t)(p - encaps));
    expected_len = (size_t)(p - expected);
}

static double cpu_seconds_self(void) {
    struct rusage u; getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static double cpu_seconds_of(int pid) { /* utime + stime from /proc/PID/stat, in seconds */
    if (pid <= 0) return 0;
    char path[64], buf[4096]; snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r"); if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f); fclose(f); buf[n] = 0;
    char *p = strrchr(buf, ')'); if (!p) return 0;
    unsigned long utime = 0, stime = 0; int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 14) utime = strtoul(tok, NULL, 10);
        if (field == 15) { stime = strtoul(tok, NULL, 10); break; }
    }
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static void queue_call(struct conn *c, uint64_t t) {
    int32_t id = c->next_id++;
    if (c->next_id <= 0) c->next_id = 1;    /* 0 means oneway: ids stay positive */
    int slot = id % SLOTS;
    if (c->slot_id[slot]) fail("more than 65536 calls outstanding on one connection");
    c->slot_id[slot] = id; c->slot_ns[slot] = t;
    if (c->out_sent > 0) { /* drop what the socket already took, so DEPTH requests always fit */
        memmove(c->out, c->out + c->out_sent, c->out_len - c->out_sent);
        c->out_len -= c->out_sent; c->out_sent = 0;
    }
    memcpy(c->out + c->out_len, request, request_len);
    put_i32(c->out + c->out_len + HEADER, id);
    c->out_len += request_len;
    c->outstanding++;
}

static void flush_out(struct conn *c) {
    while (c->out_sent < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->out_sent, c->out_len - c->out_sent, MSG_NOSIGNAL);
        if (n < 0) { if (errno == EAGAIN) return; perror("send"); exit(1); }
        c->out_sent += (size_t)n;
    }
    c->out_len = c->out_sent = 0;
}

/* One complete message at m (size bytes): returns 1 when it completed a call. */
static int handle_message(struct conn *c, const unsigned char *m, size_t size, uint64_t *latency_ns) {
    if (m[9] != 0) fail("compressed message (compression status is not 0)");
    switch (m[8]) {
    case VALIDATE: c->validated = 1; return 0;  /* the first one opens the connection; later ones are heartbeats */
    case CLOSE: fail("the server closed a connection (CloseConnection)");
    case REPLY: break;
    default: fail("unexpected message type from the server");
    }
    if (!c->validated) fail("a reply before ValidateConnection");
    if (size < HEADER + 4 + 1) fail("reply too short");
    int32_t id = get_i32(m + HEADER);
    int slot = id > 0 ? id % SLOTS : 0;
    if (id <= 0 || c->slot_id[slot] != id) fail("reply to a request id that is not outstanding");
    if (m[HEADER + 4] != 0) { fprintf(stderr, "ice-load: reply status %d (not 0: success)\n", m[HEADER + 4]); exit(1); }
    if (size != HEADER + 4 + expected_len || memcmp(m + HEADER + 4, expected, expected_len) != 0)
        fail("reply payload is not ba = \"worldhello\", return \"helloworld\" in a 1.1 encapsulation");
    c->slot_id[slot] = 0; c->outstanding--;
    *latency_ns = now_ns() - c->slot_ns[slot];
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 6) { fprintf(stderr, "usage: ice-load PORT CONNS DEPTH SECONDS WARMUP [SERVER_PID]\n"); return 2; }
    int port = atoi(argv[1]), conns = atoi(argv[2]), seconds = atoi(argv[4]), warmup = atoi(argv[5]);
    depth = atoi(argv[3]);
    int server_pid = argc > 6 ? atoi(argv[6]) : 0;
    if (conns < 1 || depth < 1 || seconds < 1 || warmup < 0) fail("CONNS, DEPTH and SECONDS must be positive");
    build_messages();
    histogram = calloc(BUCKETS, sizeof *histogram);
    struct conn *cs = calloc((size_t)conns, sizeof *cs);
    int ep = epoll_create1(0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < conns; i++) {
        struct conn *c = &cs[i];
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("connect"); return 1; }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        c->fd = fd; c->next_id = 1;
        c->in = malloc(READ_CAP);
        c->out_cap = request_len * (size_t)depth; c->out = malloc(c->out_cap);
        struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c };
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    uint64_t begin = now_ns(), measure_from = begin + (uint64_t)warmup * 1000000000ull;
    uint64_t end = measure_from + (uint64_t)seconds * 1000000000ull;
    uint64_t calls = 0; int measuring = 0;
    double cpu0 = 0, server_cpu0 = 0;
    struct epoll_event events[256];
    for (;;) {
        uint64_t t = now_ns();
        if (!measuring && t >= measure_from) { measuring = 1; cpu0 = cpu_seconds_self(); server_cpu0 = cpu_seconds_of(server_pid); }
        if (t >= end) break;
        int n = epoll_wait(ep, events, 256, 100);
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            for (;;) {
                ssize_t r = recv(c->fd, c->in + c->in_len, READ_CAP - c->in_len, 0);
                if (r == 0) fail("the server closed a connection");
                if (r < 0) { if (errno == EAGAIN) break; perror("recv"); return 1; }
                c->in_len += (size_t)r;
                size_t at = 0;
                while (c->in_len - at >= HEADER) {
                    unsigned char *m = c->in + at;
                    if (memcmp(m, "IceP\1\0\1\0", 8) != 0) fail("bad message header (not IceP 1.0, encoding 1.0)");
                    int32_t size = get_i32(m + 10);
                    if (size < HEADER || size > READ_CAP) fail("bad message size");
                    if (c->in_len - at < (size_t)size) break;
                    int was_validated = c->validated;
                    uint64_t latency = 0;
                    if (handle_message(c, m, (size_t)size, &latency)) {
                        uint64_t now = now_ns();
                        if (measuring && now < end) {
                            uint64_t us = latency / 1000;
                            histogram[us < BUCKETS ? us : BUCKETS - 1]++;
                            calls++;
                        }
                        queue_call(c, now);
                    } else if (!was_validated && c->validated) {
                        /* The connection is open: fill the pipeline. */
                        uint64_t now = now_ns();
                        for (int k = 0; k < depth; k++) queue_call(c, now);
                    }
                    at += (size_t)size;
                }
                memmove(c->in, c->in + at, c->in_len - at);
                c->in_len -= at;
            }
            flush_out(c);
        }
    }
    double wall = (double)seconds, cpu = cpu_seconds_self() - cpu0, server_cpu = cpu_seconds_of(server_pid) - server_cpu0;
    double p50 = 0, p99 = 0; uint64_t seen = 0;
    for (int us = 0; us < BUCKETS; us++) {
        seen += histogram[us];
        if (!p50 && seen * 2 >= calls) p50 = us / 1000.0;
        if (seen * 100 >= calls * 99) { p99 = us / 1000.0; break; }
    }
    int unvalidated = 0;
    for (int i = 0; i < conns; i++) unvalidated += !cs[i].validated;
    if (unvalidated) { fprintf(stderr, "ice-load: %d connections never got ValidateConnection\n", unvalidated); return 1; }
    printf("calls=%llu rps=%.0f p50_ms=%.3f p99_ms=%.3f cpu=%.2f server_cpu=%.2f\n",
           (unsigned long long)calls, calls / wall, p50, p99, cpu / wall, server_pid > 0 ? server_cpu / wall : 0.0);
    return calls > 0 ? 0 : 1;
}
