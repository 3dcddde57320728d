/*
 * giop-load: a neutral, cheap load generator for GIOP/IIOP servers of the CORBA interop contract (the role ice-load
 * plays for Ice and h2load for gRPC). One thread, epoll, N connections. The target comes from the server's IOR (the
 * IIOP profile's host, port and object key). Each connection pipelines GIOP 1.2 twoway Requests for
 * opString(a = "hello", b = "world"), keeping DEPTH outstanding, little-endian, no service contexts. Every Reply is
 * checked: a request id that is outstanding, reply status NO_EXCEPTION, and a body that is exactly the return value
 * a + b = "helloworld" then the out parameter ba = b + a = "worldhello". The bytes are written here from the CORBA
 * 3 specification (chapter 15: CDR, GIOP, IOR), so the program shares no code with any stack under test.
 *
 *   giop-load IOR|IOR_FILE CONNS DEPTH SECONDS WARMUP [SERVER_PID]
 * prints: calls=N rps=X p50_ms=X p99_ms=X cpu=X server_cpu=X
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
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
#define HEADER 12         /* magic(4) version(2) flags(1) type(1) size(4) */
#define READ_CAP (1 << 20)
#define MAX_KEY 1024

enum { REQUEST = 0, REPLY = 1, CLOSE_CONNECTION = 5, MESSAGE_ERROR = 6, FRAGMENT = 7 };

struct conn {
    int fd;
    uint32_t next_id;
    int outstanding;
    unsigned char *in; size_t in_len;
    unsigned char *out; size_t out_len, out_sent, out_cap;
    uint32_t slot_id[SLOTS];
    uint64_t slot_ns[SLOTS];
};

static const char *A = "hello", *B = "world";
static char host[256];
static unsigned port;
static unsigned char key[MAX_KEY];
static size_t key_len;
static unsigned char request[2048];
static size_t request_len;
static char expect_ab[64], expect_ba[64];
static uint32_t *histogram;
static int depth;

static uint64_t now_ns(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

__attribute__((noreturn)) static void fail(const char *why) { fprintf(stderr, "giop-load: %s\n", why); exit(1); }

/* ---- CDR reading (for the IOR and the replies): a buffer, a position, a byte order ---- */

struct cdr { const unsigned char *p; size_t len, at; int little; };

static void cdr_align(struct cdr *c, size_t n) { c->at = (c->at + n - 1) / n * n; }
static void cdr_need(const struct cdr *c, size_t n) { if (c->at + n > c->len) fail("truncated CDR data"); }
static uint8_t cdr_octet(struct cdr *c) { cdr_need(c, 1); return c->p[c->at++]; }
static uint16_t cdr_ushort(struct cdr *c) {
    cdr_align(c, 2); cdr_need(c, 2);
    const unsigned char *q = c->p + c->at; c->at += 2;
    return c->little ? (uint16_t)(q[0] | q[1] << 8) : (uint16_t)(q[0] << 8 | q[1]);
}
static uint32_t cdr_ulong(struct cdr *c) {
    cdr_align(c, 4); cdr_need(c, 4);
    const unsigned char *q = c->p + c->at; c->at += 4;
    return c->little ? (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24
                     : (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | (uint32_t)q[3];
}
/* An octet sequence or a string's bytes (with the string's NUL): length then data; returns a pointer into the buffer. */
static const unsigned char *cdr_bytes(struct cdr *c, uint32_t *n) {
    *n = cdr_ulong(c); cdr_need(c, *n);
    const unsigned char *q = c->p + c->at; c->at += *n; return q;
}
/* An encapsulation: an octet sequence whose first octet is its byte order; alignment restarts at its start. */
static struct cdr cdr_encapsulation(struct cdr *c) {
    uint32_t n; const unsigned char *q = cdr_bytes(c, &n);
    if (n < 1) fail("empty encapsulation");
    struct cdr e = { q, n, 1, q[0] & 1 };
    return e;
}

/* ---- The IOR: "IOR:" then the hex of an encapsulated IOR {type_id, profiles}; the first IIOP profile is used ---- */

static void parse_ior(const char *text) {
    if (strncmp(text, "IOR:", 4) != 0) fail("the IOR does not start with \"IOR:\"");
    size_t hex = strlen(text + 4);
    while (hex > 0 && isspace((unsigned char)text[4 + hex - 1])) hex--;
    if (hex % 2 != 0 || hex == 0) fail("the IOR's hex digits are not whole octets");
    unsigned char *raw = malloc(hex / 2);
    for (size_t i = 0; i < hex / 2; i++) {
        unsigned v;
        if (sscanf(text + 4 + 2 * i, "%2x", &v) != 1) fail("the IOR has a character that is not a hex digit");
        raw[i] = (unsigned char)v;
    }
    struct cdr c = { raw, hex / 2, 1, raw[0] & 1 };
    uint32_t n;
    cdr_bytes(&c, &n);                                   /* type id */
    uint32_t profiles = cdr_ulong(&c);
    for (uint32_t i = 0; i < profiles; i++) {
        uint32_t tag = cdr_ulong(&c);
        if (tag != 0) { cdr_bytes(&c, &n); continue; }  /* not TAG_INTERNET_IOP */
        struct cdr p = cdr_encapsulation(&c);
        uint8_t major = cdr_octet(&p), minor = cdr_octet(&p);
        if (major != 1) fail("the IIOP profile's version is not 1.x");
        (void)minor;
        const unsigned char *h = cdr_bytes(&p, &n);
        if (n < 1 || n > sizeof host || h[n - 1] != 0) fail("the IIOP profile's host is not a string");
        memcpy(host, h, n);
        port = cdr_ushort(&p);
        const unsigned char *k = cdr_bytes(&p, &n);
        if (n > MAX_KEY) fail("the object key is longer than 1024 octets");
        memcpy(key, k, n); key_len = n;
        free(raw);
        return;
    }
    fail("the IOR has no IIOP profile");
}

/* ---- The request, written once; each call patches its request id at offset 12 ---- */

static void put_u32le(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static size_t pad(size_t at, size_t n) { size_t to = (at + n - 1) / n * n; memset(request + at, 0, to - at); return to; }
static size_t put_string(size_t at, const char *s) {
    size_t n = strlen(s) + 1;
    at = pad(at, 4); put_u32le(request + at, (uint32_t)n); memcpy(request + at + 4, s, n); return at + 4 + n;
}

static void build_request(void) {
    const unsigned char head[8] = { 'G', 'I', 'O', 'P', 1, 2, 0x01 /* little-endian */, REQUEST };
    memcpy(request, head, sizeof head);
    size_t at = HEADER;
    at += 4;                                             /* request id */
    request[at++] = 0x03;                                /* response flags: a twoway (SYNC_WITH_TARGET) */
    request[at++] = 0; request[at++] = 0; request[at++] = 0;   /* reserved */
    request[at++] = 0; request[at++] = 0;                /* TargetAddress: KeyAddr (short 0) */
    at = pad(at, 4);
    put_u32le(request + at, (uint32_t)key_len); memcpy(request + at + 4, key, key_len); at += 4 + key_len;
    at = put_string(at, "opString");
    at = pad(at, 4); put_u32le(request + at, 0); at += 4; /* service contexts: none */
    at = pad(at, 8);                                      /* GIOP 1.2: the body starts 8-aligned */
    at = put_string(at, A);
    at = put_string(at, B);
    request_len = at;
    put_u32le(request + 8, (uint32_t)(request_len - HEADER));
    snprintf(expect_ab, sizeof expect_ab, "%s%s", A, B);
    snprintf(expect_ba, sizeof expect_ba, "%s%s", B, A);
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
    uint32_t id = c->next_id++;
    if (c->next_id == 0) c->next_id = 1;                 /* ids stay non-zero: 0 marks a free slot */
    uint32_t slot = id % SLOTS;
    if (c->slot_id[slot]) fail("more than 65536 calls outstanding on one connection");
    c->slot_id[slot] = id; c->slot_ns[slot] = t;
    if (c->out_sent > 0) { /* drop what the socket already took, so DEPTH requests always fit */
        memmove(c->out, c->out + c->out_sent, c->out_len - c->out_sent);
        c->out_len -= c->out_sent; c->out_sent = 0;
    }
    memcpy(c->out + c->out_len, request, request_len);
    put_u32le(c->out + c->out_len + HEADER, id);
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

static void expect_string(struct cdr *r, const char *want, const char *what) {
    uint32_t n; const unsigned char *s = cdr_bytes(r, &n);
    if (n != strlen(want) + 1 || memcmp(s, want, n) != 0) {
        fprintf(stderr, "giop-load: the reply's %s is not \"%s\" (length %u)\n", what, want, n); exit(1);
    }
}

/* One complete message at m (size bytes, header included): returns 1 when it completed a call. */
static int handle_message(struct conn *c, const unsigned char *m, size_t size, uint64_t *latency_ns) {
    if (m[6] & 0x02) fail("a fragmented reply (the replies here are small enough for one message)");
    switch (m[7]) {
    case REPLY: break;
    case CLOSE_CONNECTION: fail("the server closed a connection (CloseConnection)");
    case MESSAGE_ERROR: fail("the server answered MessageError: it did not understand a request");
    default: fprintf(stderr, "giop-load: unexpected GIOP message type %d from the server\n", m[7]); exit(1);
    }
    struct cdr r = { m, size, HEADER, m[6] & 0x01 };
    uint32_t id = cdr_ulong(&r), status = cdr_ulong(&r);
    uint32_t slot = id % SLOTS;
    if (id == 0 || c->slot_id[slot] != id) fail("a reply to a request id that is not outstanding");
    uint32_t contexts = cdr_ulong(&r), n;
    for (uint32_t i = 0; i < contexts; i++) { cdr_ulong(&r); cdr_bytes(&r, &n); }
    if (status != 0) {
        fprintf(stderr, "giop-load: reply status %u (not 0: NO_EXCEPTION)", status);
        if (status == 1 || status == 2) {                /* user or system exception: name it */
            cdr_align(&r, 8);
            const unsigned char *rid = cdr_bytes(&r, &n);
            fprintf(stderr, ": %.*s", (int)n, (const char *)rid);
        }
        fprintf(stderr, "\n"); exit(1);
    }
    if (r.at < size) cdr_align(&r, 8);                   /* GIOP 1.2: a non-empty body starts 8-aligned */
    expect_string(&r, expect_ab, "return value");
    expect_string(&r, expect_ba, "out parameter ba");
    if (r.at != size) fail("the reply has octets after the out parameter");
    c->slot_id[slot] = 0; c->outstanding--;
    *latency_ns = now_ns() - c->slot_ns[slot];
    return 1;
}

static char *read_ior(const char *arg) {
    if (strncmp(arg, "IOR:", 4) == 0) return strdup(arg);
    FILE *f = fopen(arg, "r");
    if (!f) { perror(arg); exit(2); }
    static char line[65536];
    if (!fgets(line, sizeof line, f)) fail("the IOR file is empty");
    fclose(f);
    return line;
}

static int connect_to_server(void) {
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res;
    char service[16]; snprintf(service, sizeof service, "%u", port);
    int rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) { fprintf(stderr, "giop-load: %s: %s\n", host, gai_strerror(rc)); exit(1); }
    int fd = socket(res->ai_family, SOCK_STREAM, 0), one = 1;
    if (connect(fd, res->ai_addr, res->ai_addrlen) < 0) { perror("connect"); exit(1); }
    freeaddrinfo(res);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

int main(int argc, char **argv) {
    if (argc < 6) { fprintf(stderr, "usage: giop-load IOR|IOR_FILE CONNS DEPTH SECONDS WARMUP [SERVER_PID]\n"); return 2; }
    int conns = atoi(argv[2]), seconds = atoi(argv[4]), warmup = atoi(argv[5]);
    depth = atoi(argv[3]);
    int server_pid = argc > 6 ? atoi(argv[6]) : 0;
    if (conns < 1 || depth < 1 || seconds < 1 || warmup < 0) fail("CONNS, DEPTH and SECONDS must be positive");
    parse_ior(read_ior(argv[1]));
    build_request();
    histogram = calloc(BUCKETS, sizeof *histogram);
    struct conn *cs = calloc((size_t)conns, sizeof *cs);
    int ep = epoll_create1(0);
    uint64_t start = now_ns();
    for (int i = 0; i < conns; i++) {
        struct conn *c = &cs[i];
        c->fd = connect_to_server(); c->next_id = 1;
        c->in = malloc(READ_CAP);
        c->out_cap = request_len * (size_t)depth; c->out = malloc(c->out_cap);
        struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c };
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
        for (int k = 0; k < depth; k++) queue_call(c, start);  /* GIOP needs no greeting: fill the pipeline */
        flush_out(c);
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
                    if (memcmp(m, "GIOP\1\2", 6) != 0) fail("bad message header (not GIOP 1.2)");
                    struct cdr h = { m, HEADER, 8, m[6] & 0x01 };
                    uint32_t body = cdr_ulong(&h);
                    if (body > READ_CAP - HEADER) fail("bad message size");
                    size_t size = HEADER + body;
                    if (c->in_len - at < size) break;
                    uint64_t latency = 0;
                    if (handle_message(c, m, size, &latency)) {
                        uint64_t now = now_ns();
                        if (measuring && now < end) {
                            uint64_t us = latency / 1000;
                            histogram[us < BUCKETS ? us : BUCKETS - 1]++;
                            calls++;
                        }
                        queue_call(c, now);
                    }
                    at += size;
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
    printf("calls=%llu rps=%.0f p50_ms=%.3f p99_ms=%.3f cpu=%.2f server_cpu=%.2f\n",
           (unsigned long long)calls, calls / wall, p50, p99, cpu / wall, server_pid > 0 ? server_cpu / wall : 0.0);
    return calls > 0 ? 0 : 1;
}
