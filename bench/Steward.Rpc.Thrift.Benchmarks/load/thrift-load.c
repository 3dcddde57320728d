/*
 * thrift-load: a neutral, cheap load generator for framed Thrift servers (the role h2load plays for
 * gRPC). One thread, epoll, N connections each with one call outstanding (Thrift clients do not
 * pipeline). Every connection sends the same pre-encoded CALL frame and checks the REPLY frame byte
 * for byte against the expected one. The frames come from files written by the benchmark's `frames`
 * command, so this program knows nothing about either stack under test. It costs far less CPU per call
 * than any .NET client, so on a 2-core machine the server, not the load generator, is what saturates.
 *
 *   thrift-load PORT CONNS SECONDS WARMUP REQUEST_FILE REPLY_FILE [SERVER_PID]
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

#define BUCKETS 1000000 /* 1 µs buckets up to 1 s; slower calls land in the last one */

struct conn { int fd; size_t sent, got; uint64_t start_ns; };

static unsigned char *request, *reply, *scratch;
static size_t request_len, reply_len;
static uint32_t *histogram;

static uint64_t now_ns(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "cannot read %s\n", path); exit(2); }
    fclose(f); *len = (size_t)n; return buf;
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

static void pump_send(struct conn *c) { /* the rest of the CALL, as far as the socket takes it */
    while (c->sent < request_len) {
        ssize_t n = send(c->fd, request + c->sent, request_len - c->sent, MSG_NOSIGNAL);
        if (n < 0) { if (errno == EAGAIN) return; perror("send"); exit(1); }
        c->sent += (size_t)n;
    }
}

static void send_call(struct conn *c) {
    c->sent = 0; c->got = 0; c->start_ns = now_ns();
    pump_send(c);
}

int main(int argc, char **argv) {
    if (argc < 7) { fprintf(stderr, "usage: thrift-load PORT CONNS SECONDS WARMUP REQUEST_FILE REPLY_FILE [SERVER_PID]\n"); return 2; }
    int port = atoi(argv[1]), conns = atoi(argv[2]), seconds = atoi(argv[3]), warmup = atoi(argv[4]);
    int server_pid = argc > 7 ? atoi(argv[7]) : 0;
    request = slurp(argv[5], &request_len); reply = slurp(argv[6], &reply_len);
    scratch = malloc(reply_len + 65536);
    histogram = calloc(BUCKETS, sizeof *histogram);
    struct conn *cs = calloc((size_t)conns, sizeof *cs);
    int ep = epoll_create1(0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < conns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("connect"); return 1; }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        cs[i].fd = fd;
        struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = &cs[i] };
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        send_call(&cs[i]);
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
            pump_send(c);
            for (;;) {
                ssize_t r = recv(c->fd, scratch + c->got, reply_len + 65536 - c->got, 0);
                if (r == 0) { fprintf(stderr, "server closed a connection\n"); return 1; }
                if (r < 0) { if (errno == EAGAIN) break; perror("recv"); return 1; }
                c->got += (size_t)r;
                if (c->got > reply_len) { fprintf(stderr, "reply longer than expected (%zu bytes)\n", c->got); return 1; }
                if (c->got == reply_len) {
                    if (memcmp(scratch, reply, reply_len) != 0) { fprintf(stderr, "unexpected reply bytes\n"); return 1; }
                    uint64_t done = now_ns();
                    if (measuring && done < end) {
                        uint64_t us = (done - c->start_ns) / 1000;
                        histogram[us < BUCKETS ? us : BUCKETS - 1]++;
                        calls++;
                    }
                    send_call(c);
                }
            }
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
