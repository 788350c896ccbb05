/*
 * openloop: a constant-rate ("open loop") HTTP/1.1 load generator for loopback benchmarks.
 *
 * Request k is due at t0 + k/rate whatever happened to the requests before it, and its latency
 * is counted from that intended send time (coordinated-omission correction, as in wrk2): a server
 * stall shows in the tail as a user arriving at that rate would see it, instead of quietly
 * slowing the load down the way a closed-loop tool (wrk) does. See README.md.
 *
 * Build: cc -O2 -Wall -o openloop bench/openloop/openloop.c   (Linux >= 5.11, glibc, pthreads)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_SEC 1000000000LL
#define NS_PER_MS 1000000LL
/* how long to wait for outstanding responses after the last request was due */
#define DRAIN_NS (2 * NS_PER_SEC)
/* lets every worker start its connects before the first request is due */
#define START_DELAY_NS (100 * NS_PER_MS)
/* a refused connect is retried no sooner than this, so a dead server costs no connect storm */
#define RECONNECT_BACKOFF_NS (100 * NS_PER_MS)
#define PROBE_TIMEOUT_MS 2000
/* per connection; also the longest response header (or chunk-size line) accepted */
#define READ_BUFFER_SIZE 65536
#define MAX_EVENTS 64
#define MAX_ERROR_MESSAGES 10
/* POST kick-offs, as in bench/post-predict.lua: 2030-01-01T00:00:00Z, far from any real fixture */
#define UNIQUE_EPOCH 1893456000LL
/* each run counts its unique kick-off seconds in its own band of this many: the 1,000 bands end
   before 2189, inside the years the API accepts (1850-2200) */
#define UNIQUE_BAND 5000000ULL

/* ---- small functions ---- */

static void die(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("openloop: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(2);
}

/* strerror is not thread-safe; this is */
static const char *error_text(int error)
{
    const char *text = strerrordesc_np(error);
    return text ? text : "unknown error";
}

static void *checked_realloc(void *old, size_t size)
{
    void *memory = realloc(old, size);
    if (memory == NULL)
        die("out of memory");
    return memory;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static struct timespec to_timespec(int64_t ns)
{
    return (struct timespec){ .tv_sec = ns / NS_PER_SEC, .tv_nsec = ns % NS_PER_SEC };
}

/* bytes [head, len) of data are pending; head stays 0 when the buffer is only appended to */
struct buffer {
    char *data;
    size_t head, len, cap;
};

static void buffer_reserve(struct buffer *b, size_t extra)
{
    if (b->cap - b->len >= extra)
        return;
    if (b->head > 0) {
        memmove(b->data, b->data + b->head, b->len - b->head);
        b->len -= b->head;
        b->head = 0;
        if (b->cap - b->len >= extra)
            return;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra)
        cap *= 2;
    b->data = checked_realloc(b->data, cap);
    b->cap = cap;
}

static void buffer_append(struct buffer *b, const char *data, size_t n)
{
    buffer_reserve(b, n);
    memcpy(b->data + b->len, data, n);
    b->len += n;
}

static void buffer_printf(struct buffer *b, const char *format, ...)
{
    buffer_reserve(b, 1);
    for (;;) {
        va_list args;
        va_start(args, format);
        int n = vsnprintf(b->data + b->len, b->cap - b->len, format, args);
        va_end(args);
        if (n < 0)
            die("cannot format a request");
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        buffer_reserve(b, (size_t)n + 1);
    }
}

/* xorshift64*: each worker draws from its own generator, no locks */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

/* ---- latency histogram ---- */

/* Log-linear: 1 us buckets below 1024 us, then 128 buckets per power of two (each <= 0.8 % of
 * its values wide) up to 2^26 us (67 s); anything longer lands in the last bucket. */
#define LINEAR_US_LOG2 10
#define LINEAR_US (1ULL << LINEAR_US_LOG2)
#define SUB_BUCKETS_LOG2 7
#define SUB_BUCKETS (1ULL << SUB_BUCKETS_LOG2)
#define MAX_US_LOG2 26
#define BUCKETS (LINEAR_US + (MAX_US_LOG2 - LINEAR_US_LOG2) * SUB_BUCKETS)

struct histogram {
    uint64_t count[BUCKETS];
    uint64_t total;
    int64_t max_ns;
};

static size_t bucket_of(uint64_t us)
{
    if (us < LINEAR_US)
        return us;
    if (us >= (1ULL << MAX_US_LOG2))
        us = (1ULL << MAX_US_LOG2) - 1;
    int log2 = 63 - __builtin_clzll(us);
    uint64_t sub = (us >> (log2 - SUB_BUCKETS_LOG2)) - SUB_BUCKETS;
    return LINEAR_US + (size_t)(log2 - LINEAR_US_LOG2) * SUB_BUCKETS + sub;
}

/* the bucket's upper bound (exclusive), so percentiles err on the high side */
static uint64_t bucket_upper_us(size_t bucket)
{
    if (bucket < LINEAR_US)
        return bucket + 1;
    size_t offset = bucket - LINEAR_US;
    int log2 = LINEAR_US_LOG2 + (int)(offset / SUB_BUCKETS);
    return (SUB_BUCKETS + offset % SUB_BUCKETS + 1) << (log2 - SUB_BUCKETS_LOG2);
}

static void histogram_record(struct histogram *h, int64_t ns)
{
    if (ns < 0)
        ns = 0;
    h->count[bucket_of((uint64_t)ns / 1000)]++;
    h->total++;
    if (ns > h->max_ns)
        h->max_ns = ns;
}

static void histogram_add(struct histogram *into, const struct histogram *from)
{
    for (size_t i = 0; i < BUCKETS; i++)
        into->count[i] += from->count[i];
    into->total += from->total;
    if (from->max_ns > into->max_ns)
        into->max_ns = from->max_ns;
}

/* permille: 500 for p50, 999 for p99.9 */
static double histogram_percentile_ms(const struct histogram *h, unsigned permille)
{
    uint64_t rank = (h->total * permille + 999) / 1000;
    uint64_t seen = 0;
    for (size_t i = 0; i < BUCKETS; i++) {
        seen += h->count[i];
        if (seen >= rank && seen > 0) {
            int64_t upper_ns = (int64_t)bucket_upper_us(i) * 1000;
            return (double)(upper_ns < h->max_ns ? upper_ns : h->max_ns) / NS_PER_MS;
        }
    }
    return (double)h->max_ns / NS_PER_MS;
}

/* ---- configuration and the requests to send ---- */

enum mode { MODE_NONE, MODE_GET, MODE_POST };

struct pairing {
    char *league, *home, *away;
};

static struct config {
    struct sockaddr_in address;
    const char *host;
    int port;
    double rate, duration_s, warmup_s;
    int connections, threads;
    enum mode mode;
    const char *file;
    double hit_share;
    int hot_set;
    uint64_t seed, unique_offset;
    int64_t start_ns, measure_start_ns, send_end_ns;
    double ns_per_request;
} cfg = { .host = "127.0.0.1", .connections = 32, .threads = 1, .hit_share = 0.73, .hot_set = 20 };

static struct buffer *get_requests; /* GET mode: one formatted request per id */
static size_t get_request_count;
static struct pairing *pairings; /* POST mode */
static size_t pairing_count;
static struct buffer *hot_requests; /* POST mode: the hot set, formatted once */

static void format_get(struct buffer *request, const char *id)
{
    buffer_printf(request, "GET /api/v1/predictions/%s HTTP/1.1\r\nHost: %s:%d\r\n\r\n",
                  id, cfg.host, cfg.port);
}

/* the body of bench/post-predict.lua, byte for byte (names are not JSON-escaped there either) */
static void format_post(struct buffer *request, struct buffer *body, const struct pairing *p,
                        int64_t kickoff)
{
    char when[32];
    time_t seconds = (time_t)kickoff;
    struct tm tm;
    gmtime_r(&seconds, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    body->len = 0;
    buffer_printf(body, "{\"home_team\":\"%s\",\"away_team\":\"%s\",\"league\":\"%s\",\"kickoff_time\":\"%s\"}",
                  p->home, p->away, p->league, when);
    request->len = 0;
    buffer_printf(request,
                  "POST /api/v1/predict HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                  "Content-Length: %zu\r\n\r\n",
                  cfg.host, cfg.port, body->len);
    buffer_append(request, body->data, body->len);
}

static FILE *open_input(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        die("cannot read %s: %s", path, error_text(errno));
    return file;
}

/* reads one line without its line ending; false at end of file */
static bool read_line(FILE *file, char **line, size_t *cap)
{
    ssize_t n = getline(line, cap, file);
    if (n < 0)
        return false;
    while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
        (*line)[--n] = '\0';
    return true;
}

static void load_get_requests(void)
{
    FILE *file = open_input(cfg.file);
    char *line = NULL;
    size_t cap = 0, allocated = 0;
    while (read_line(file, &line, &cap)) {
        if (line[0] == '\0')
            continue;
        if (get_request_count == allocated) {
            allocated = allocated ? allocated * 2 : 1024;
            get_requests = checked_realloc(get_requests, allocated * sizeof *get_requests);
        }
        struct buffer *request = &get_requests[get_request_count++];
        *request = (struct buffer){ 0 };
        format_get(request, line);
    }
    free(line);
    fclose(file);
    if (get_request_count == 0)
        die("no fixture ids in %s", cfg.file);
}

/* like the Lua pattern ^([^\t]+)\t([^\t]+)\t([^\t]+)$: other lines are skipped */
static bool split_pairing(char *line, struct pairing *p)
{
    char *first_tab = strchr(line, '\t');
    char *second_tab = first_tab ? strchr(first_tab + 1, '\t') : NULL;
    if (second_tab == NULL || strchr(second_tab + 1, '\t') != NULL)
        return false;
    *first_tab = *second_tab = '\0';
    if (line[0] == '\0' || first_tab[1] == '\0' || second_tab[1] == '\0')
        return false;
    p->league = strdup(line);
    p->home = strdup(first_tab + 1);
    p->away = strdup(second_tab + 1);
    if (!p->league || !p->home || !p->away)
        die("out of memory");
    return true;
}

static void load_post_requests(void)
{
    FILE *file = open_input(cfg.file);
    char *line = NULL;
    size_t cap = 0, allocated = 0;
    while (read_line(file, &line, &cap)) {
        if (pairing_count == allocated) {
            allocated = allocated ? allocated * 2 : 1024;
            pairings = checked_realloc(pairings, allocated * sizeof *pairings);
        }
        if (split_pairing(line, &pairings[pairing_count]))
            pairing_count++;
    }
    free(line);
    fclose(file);
    if (pairing_count == 0)
        die("no league<TAB>home<TAB>away lines in %s", cfg.file);

    /* same hot set as the Lua script: a fixed stride through the list, fixed kick-offs */
    hot_requests = checked_realloc(NULL, (size_t)cfg.hot_set * sizeof *hot_requests);
    struct buffer body = { 0 };
    for (int i = 1; i <= cfg.hot_set; i++) {
        hot_requests[i - 1] = (struct buffer){ 0 };
        format_post(&hot_requests[i - 1], &body, &pairings[((size_t)i * 97) % pairing_count],
                    UNIQUE_EPOCH - 86400LL * i);
    }
    free(body.data);
}

/* ---- connections and workers ---- */

/* A request waiting for its response. end_offset is the connection's byte count once the
 * request is fully handed to the kernel; written_ns (0 until then) is when that happened. */
struct pending {
    int64_t intended_ns, written_ns;
    uint64_t end_offset;
};

enum parse_state { READ_HEAD, READ_BODY, READ_CHUNK_SIZE, READ_CHUNK_DATA, READ_TRAILER };

struct parser {
    enum parse_state state;
    uint64_t remaining; /* body bytes, or chunk bytes plus its CRLF */
    int status;
};

struct stats {
    uint64_t sent, completed, non_2xx, socket_errors, timed_out;
    uint64_t by_class[10]; /* non-2xx responses by status / 100 */
    struct histogram latency, service, send_lag;
};

enum connection_state { DOWN, CONNECTING, OPEN };

struct connection {
    struct worker *worker;
    int fd;
    enum connection_state state;
    bool write_interest; /* EPOLLOUT registered */
    int64_t retry_at_ns;
    struct buffer out;
    uint64_t bytes_queued, bytes_sent;
    struct pending *pending; /* ring buffer, capacity a power of two */
    size_t pending_cap, pending_head, pending_count;
    size_t unwritten; /* the last this many pending requests are not fully written yet */
    char *in;
    size_t in_len;
    struct parser parser;
};

struct worker {
    int index;
    pthread_t thread;
    int epoll_fd;
    struct connection *connections;
    size_t connection_count;
    size_t outstanding; /* pending requests over all its connections */
    uint64_t random_state, unique_count;
    struct buffer request, body; /* POST misses are formatted here */
    struct stats stats;
};

static atomic_int error_messages;

static void report_connection_error(const char *what, size_t lost)
{
    int n = atomic_fetch_add(&error_messages, 1);
    if (n < MAX_ERROR_MESSAGES)
        fprintf(stderr, "openloop: connection error: %s (%zu outstanding requests lost)\n", what, lost);
    else if (n == MAX_ERROR_MESSAGES)
        fprintf(stderr, "openloop: further connection errors not shown\n");
}

static bool is_measured(int64_t intended_ns)
{
    return intended_ns >= cfg.measure_start_ns;
}

static struct pending *pending_at(struct connection *c, size_t i)
{
    return &c->pending[(c->pending_head + i) & (c->pending_cap - 1)];
}

static void pending_push(struct connection *c, struct pending p)
{
    if (c->pending_count == c->pending_cap) {
        size_t cap = c->pending_cap ? c->pending_cap * 2 : 64;
        struct pending *ring = checked_realloc(NULL, cap * sizeof *ring);
        for (size_t i = 0; i < c->pending_count; i++)
            ring[i] = *pending_at(c, i);
        free(c->pending);
        c->pending = ring;
        c->pending_cap = cap;
        c->pending_head = 0;
    }
    *pending_at(c, c->pending_count++) = p;
    c->unwritten++;
    c->worker->outstanding++;
}

static void set_write_interest(struct connection *c, bool on)
{
    if (c->write_interest == on)
        return;
    struct epoll_event event = { .events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c };
    if (epoll_ctl(c->worker->epoll_fd, EPOLL_CTL_MOD, c->fd, &event) != 0)
        die("epoll_ctl: %s", error_text(errno));
    c->write_interest = on;
}

/* Drops the connection; its outstanding requests are lost and count as socket errors. */
static void fail_connection(struct connection *c, const char *what)
{
    struct worker *w = c->worker;
    report_connection_error(what, c->pending_count);
    for (size_t i = 0; i < c->pending_count; i++)
        if (is_measured(pending_at(c, i)->intended_ns))
            w->stats.socket_errors++;
    w->outstanding -= c->pending_count;
    c->pending_count = c->pending_head = c->unwritten = 0;
    c->out.head = c->out.len = 0;
    c->bytes_queued = c->bytes_sent = 0;
    c->in_len = 0;
    c->parser = (struct parser){ .state = READ_HEAD };
    close(c->fd);
    c->fd = -1;
    /* a connection the server closed is reopened at once; a failed connect waits */
    c->retry_at_ns = c->state == OPEN ? 0 : now_ns() + RECONNECT_BACKOFF_NS;
    c->state = DOWN;
    c->write_interest = false;
}

static int new_socket(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket: %s", error_text(errno));
    /* small pipelined writes must leave at once, not wait for the previous one's ACK */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* Starts a non-blocking connect; the connection is usable once EPOLLOUT reports it done. */
static bool connection_open(struct connection *c)
{
    c->fd = new_socket();
    if (connect(c->fd, (struct sockaddr *)&cfg.address, sizeof cfg.address) != 0 && errno != EINPROGRESS) {
        report_connection_error(error_text(errno), 0);
        close(c->fd);
        c->fd = -1;
        c->retry_at_ns = now_ns() + RECONNECT_BACKOFF_NS;
        return false;
    }
    struct epoll_event event = { .events = EPOLLIN | EPOLLOUT, .data.ptr = c };
    if (epoll_ctl(c->worker->epoll_fd, EPOLL_CTL_ADD, c->fd, &event) != 0)
        die("epoll_ctl: %s", error_text(errno));
    c->state = CONNECTING;
    c->write_interest = true;
    return true;
}

static void mark_written(struct connection *c, int64_t written_ns)
{
    while (c->unwritten > 0) {
        struct pending *p = pending_at(c, c->pending_count - c->unwritten);
        if (p->end_offset > c->bytes_sent)
            break;
        p->written_ns = written_ns;
        if (is_measured(p->intended_ns))
            histogram_record(&c->worker->stats.send_lag, written_ns - p->intended_ns);
        c->unwritten--;
    }
}

/* Writes what the socket takes now; the rest waits for EPOLLOUT. */
static void flush(struct connection *c)
{
    while (c->out.head < c->out.len) {
        /* a request is written when the send call that takes its last byte starts */
        int64_t started = now_ns();
        ssize_t n = send(c->fd, c->out.data + c->out.head, c->out.len - c->out.head, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            fail_connection(c, error_text(errno));
            return;
        }
        c->out.head += (size_t)n;
        c->bytes_sent += (uint64_t)n;
        mark_written(c, started);
    }
    if (c->out.head == c->out.len)
        c->out.head = c->out.len = 0;
    set_write_interest(c, c->out.len > 0);
}

static void finish_connect(struct connection *c)
{
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0) {
        fail_connection(c, error_text(error));
        return;
    }
    c->state = OPEN;
    flush(c);
}

/* the next request's bytes: GET and hot POST requests are formatted already */
static const struct buffer *choose_request(struct worker *w)
{
    if (cfg.mode == MODE_GET)
        return &get_requests[next_random(&w->random_state) % get_request_count];
    double draw = (double)(next_random(&w->random_state) >> 11) * 0x1.0p-53;
    if (draw < cfg.hit_share)
        return &hot_requests[next_random(&w->random_state) % (uint64_t)cfg.hot_set];
    /* a kick-off second no request of this run has used: workers interleave within the band */
    w->unique_count++;
    uint64_t second = cfg.unique_offset + w->unique_count * (uint64_t)cfg.threads + (uint64_t)w->index;
    const struct pairing *p = &pairings[next_random(&w->random_state) % pairing_count];
    format_post(&w->request, &w->body, p, UNIQUE_EPOCH + (int64_t)second);
    return &w->request;
}

/* global request k goes to connection k % connections, owned by worker (k % connections) % threads */
static struct connection *connection_of(struct worker *w, uint64_t k)
{
    return &w->connections[(k % (uint64_t)cfg.connections) / (uint64_t)cfg.threads];
}

static uint64_t next_request_of(const struct worker *w, uint64_t k)
{
    do
        k++;
    while ((k % (uint64_t)cfg.connections) % (uint64_t)cfg.threads != (uint64_t)w->index);
    return k;
}

static int64_t due_ns(uint64_t k)
{
    return cfg.start_ns + (int64_t)((double)k * cfg.ns_per_request);
}

static void issue_request(struct worker *w, uint64_t k, int64_t intended_ns)
{
    struct connection *c = connection_of(w, k);
    bool measured = is_measured(intended_ns);
    if (measured)
        w->stats.sent++;
    if (c->state == DOWN && (now_ns() < c->retry_at_ns || !connection_open(c))) {
        if (measured)
            w->stats.socket_errors++;
        return;
    }
    const struct buffer *request = choose_request(w);
    buffer_append(&c->out, request->data, request->len);
    c->bytes_queued += request->len;
    pending_push(c, (struct pending){ .intended_ns = intended_ns, .end_offset = c->bytes_queued });
    if (c->state == OPEN)
        flush(c);
}

/* ---- response parsing ---- */

static const char *complete_response(struct connection *c)
{
    if (c->pending_count == 0)
        return "response without an outstanding request";
    struct worker *w = c->worker;
    struct pending p = *pending_at(c, 0);
    if (c->unwritten == c->pending_count)
        c->unwritten--; /* answered before its last byte left: service time 0 */
    c->pending_head = (c->pending_head + 1) & (c->pending_cap - 1);
    c->pending_count--;
    w->outstanding--;
    int status = c->parser.status;
    c->parser = (struct parser){ .state = READ_HEAD };
    if (!is_measured(p.intended_ns))
        return NULL;
    int64_t now = now_ns();
    if (p.written_ns == 0)
        p.written_ns = now;
    w->stats.completed++;
    if (status < 200 || status > 299) {
        w->stats.non_2xx++;
        w->stats.by_class[status / 100]++;
    }
    histogram_record(&w->stats.latency, now - p.intended_ns);
    histogram_record(&w->stats.service, now - p.written_ns);
    return NULL;
}

/* a header line "Name: value" with this name (any case); sets the trimmed value */
static bool header_value(const char *line, const char *eol, const char *name, const char **value,
                         size_t *value_len)
{
    size_t n = strlen(name);
    if ((size_t)(eol - line) <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
        return false;
    const char *start = line + n + 1, *end = eol;
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *value = start;
    *value_len = (size_t)(end - start);
    return true;
}

static bool parse_decimal(const char *text, size_t len, uint64_t *out)
{
    if (len == 0 || len > 18)
        return false;
    uint64_t value = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (uint64_t)(text[i] - '0');
    }
    *out = value;
    return true;
}

/* head: the status line and the header lines, each ending with CRLF */
static const char *parse_head(struct connection *c, const char *head, size_t len)
{
    if (len < 14 || memcmp(head, "HTTP/1.", 7) != 0 || head[8] != ' ')
        return "malformed status line";
    int status = 0;
    for (int i = 9; i < 12; i++) {
        if (head[i] < '0' || head[i] > '9')
            return "malformed status line";
        status = status * 10 + (head[i] - '0');
    }
    bool chunked = false, has_length = false;
    uint64_t length = 0;
    const char *end = head + len;
    const char *line = (const char *)memmem(head, len, "\r\n", 2) + 2;
    while (line < end) {
        const char *eol = memmem(line, (size_t)(end - line), "\r\n", 2);
        const char *value;
        size_t value_len;
        if (header_value(line, eol, "content-length", &value, &value_len)) {
            if (!parse_decimal(value, value_len, &length))
                return "malformed Content-Length";
            has_length = true;
        } else if (header_value(line, eol, "transfer-encoding", &value, &value_len)) {
            if (value_len < 7 || strncasecmp(value + value_len - 7, "chunked", 7) != 0)
                return "unsupported Transfer-Encoding (only chunked is)";
            chunked = true;
        }
        line = eol + 2;
    }
    if (status < 200)
        return NULL; /* an interim response (100 Continue): the final one follows */
    c->parser.status = status;
    if (chunked) {
        c->parser.state = READ_CHUNK_SIZE;
        return NULL;
    }
    if (status == 204 || status == 304 || (has_length && length == 0))
        return complete_response(c);
    if (!has_length)
        return "response with neither Content-Length nor chunked Transfer-Encoding (unsupported)";
    c->parser.state = READ_BODY;
    c->parser.remaining = length;
    return NULL;
}

static const char *parse_chunk_size(struct parser *parser, const char *line, size_t len)
{
    uint64_t size = 0;
    size_t digits = 0;
    for (; digits < len && digits <= 15; digits++) {
        char ch = line[digits];
        int value = ch >= '0' && ch <= '9' ? ch - '0'
                  : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                  : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (value < 0)
            break;
        size = size * 16 + (uint64_t)value;
    }
    if (digits == 0 || digits > 15 || (digits < len && line[digits] != ';' && line[digits] != ' '))
        return "malformed chunk size";
    if (size == 0) {
        parser->state = READ_TRAILER;
    } else {
        parser->state = READ_CHUNK_DATA;
        parser->remaining = size + 2;
    }
    return NULL;
}

/* Consumes every complete response (or body part) in the read buffer; an error drops the connection. */
static const char *parse_responses(struct connection *c)
{
    struct parser *parser = &c->parser;
    const char *error = NULL;
    size_t pos = 0;
    while (pos < c->in_len && error == NULL) {
        const char *p = c->in + pos;
        size_t available = c->in_len - pos;
        if (parser->state == READ_BODY || parser->state == READ_CHUNK_DATA) {
            size_t take = available < parser->remaining ? available : (size_t)parser->remaining;
            pos += take;
            parser->remaining -= take;
            if (parser->remaining == 0) {
                if (parser->state == READ_BODY)
                    error = complete_response(c);
                else
                    parser->state = READ_CHUNK_SIZE;
            }
            continue;
        }
        bool head = parser->state == READ_HEAD;
        const char *found = memmem(p, available, head ? "\r\n\r\n" : "\r\n", head ? 4 : 2);
        if (found == NULL)
            break;
        size_t line_len = (size_t)(found - p);
        if (head) {
            pos += line_len + 4;
            error = parse_head(c, p, line_len + 2);
        } else if (parser->state == READ_CHUNK_SIZE) {
            pos += line_len + 2;
            error = parse_chunk_size(parser, p, line_len);
        } else { /* READ_TRAILER: trailer fields until an empty line */
            pos += line_len + 2;
            if (line_len == 0)
                error = complete_response(c);
        }
    }
    memmove(c->in, c->in + pos, c->in_len - pos);
    c->in_len -= pos;
    if (error == NULL && c->in_len == READ_BUFFER_SIZE)
        error = "response header longer than the 64 KiB read buffer";
    return error;
}

static void receive(struct connection *c)
{
    ssize_t n = recv(c->fd, c->in + c->in_len, READ_BUFFER_SIZE - c->in_len, 0);
    if (n == 0) {
        fail_connection(c, "closed by the server");
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            fail_connection(c, error_text(errno));
        return;
    }
    c->in_len += (size_t)n;
    const char *error = parse_responses(c);
    if (error != NULL)
        fail_connection(c, error);
}

static void handle_event(struct connection *c, uint32_t events)
{
    if (c->state == CONNECTING) {
        finish_connect(c);
        return;
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
        receive(c);
    if ((events & EPOLLOUT) && c->state == OPEN)
        flush(c);
}

/* ---- the worker loop ---- */

static void *run_worker(void *arg)
{
    struct worker *w = arg;
    for (size_t i = 0; i < w->connection_count; i++)
        connection_open(&w->connections[i]);

    struct epoll_event events[MAX_EVENTS];
    uint64_t k = (uint64_t)w->index; /* its first request: connection index == worker index */
    int64_t due = due_ns(k);
    int64_t give_up_ns = cfg.send_end_ns + DRAIN_NS;
    for (;;) {
        int64_t now = now_ns();
        /* everything due, as one burst when the loop woke late: latency still counts from due */
        while (due <= now && due < cfg.send_end_ns) {
            issue_request(w, k, due);
            k = next_request_of(w, k);
            due = due_ns(k);
        }
        bool sending = due < cfg.send_end_ns;
        if (!sending && (w->outstanding == 0 || now >= give_up_ns))
            break;
        /* sleep until the next request is due (epoll_pwait2: a ns timeout, not ms) */
        int64_t wake = sending ? due : give_up_ns;
        struct timespec timeout = to_timespec(wake > now ? wake - now : 0);
        int n = epoll_pwait2(w->epoll_fd, events, MAX_EVENTS, &timeout, NULL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("epoll_pwait2: %s%s", error_text(errno), errno == ENOSYS ? " (needs Linux 5.11 or later)" : "");
        }
        for (int i = 0; i < n; i++)
            handle_event(events[i].data.ptr, events[i].events);
    }

    for (size_t i = 0; i < w->connection_count; i++) {
        struct connection *c = &w->connections[i];
        for (size_t j = 0; j < c->pending_count; j++)
            if (is_measured(pending_at(c, j)->intended_ns))
                w->stats.timed_out++;
        if (c->fd >= 0)
            close(c->fd);
        free(c->out.data);
        free(c->pending);
        free(c->in);
    }
    free(w->connections);
    free(w->request.data);
    free(w->body.data);
    close(w->epoll_fd);
    return NULL;
}

/* ---- command line, start and report ---- */

static void usage(FILE *out)
{
    fprintf(out,
            "usage: openloop [-H 127.0.0.1] -p PORT -r RATE -d SECONDS [-w WARMUP_SECONDS]\n"
            "                [-c CONNECTIONS] [-t THREADS] MODE\n"
            "MODE: --get-ids FILE                 GET /api/v1/predictions/<id>, ids URL-encoded, one a line\n"
            "      --post-fixtures FILE [--hit-share 0.73] [--hot-set 20]\n"
            "                                     POST /api/v1/predict as bench/post-predict.lua;\n"
            "                                     FILE: league<TAB>home<TAB>away lines\n"
            "Sends RATE requests/s in total on CONNECTIONS (32) keep-alive connections over THREADS (1)\n"
            "threads; latency counts from each request's intended send time. Loopback only.\n");
}

static double parse_number(const char *text, const char *what, double min, double max)
{
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(value >= min && value <= max))
        die("%s must be a number from %g to %g, not '%s'", what, min, max, text);
    return value;
}

static int parse_integer(const char *text, const char *what, int min, int max)
{
    double value = parse_number(text, what, min, max);
    if (value != (int)value)
        die("%s must be a whole number, not '%s'", what, text);
    return (int)value;
}

static void parse_arguments(int argc, char **argv)
{
    enum { GET_IDS = 256, POST_FIXTURES, HIT_SHARE, HOT_SET };
    static const struct option options[] = {
        { "get-ids", required_argument, NULL, GET_IDS },
        { "post-fixtures", required_argument, NULL, POST_FIXTURES },
        { "hit-share", required_argument, NULL, HIT_SHARE },
        { "hot-set", required_argument, NULL, HOT_SET },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int option;
    while ((option = getopt_long(argc, argv, "H:p:r:d:w:c:t:h", options, NULL)) != -1) {
        switch (option) {
        case 'H': cfg.host = optarg; break;
        case 'p': cfg.port = parse_integer(optarg, "-p PORT", 1, 65535); break;
        case 'r': cfg.rate = parse_number(optarg, "-r RATE", 0.001, 10e6); break;
        case 'd': cfg.duration_s = parse_number(optarg, "-d SECONDS", 0.001, 86400); break;
        case 'w': cfg.warmup_s = parse_number(optarg, "-w WARMUP_SECONDS", 0, 86400); break;
        case 'c': cfg.connections = parse_integer(optarg, "-c CONNECTIONS", 1, 10000); break;
        case 't': cfg.threads = parse_integer(optarg, "-t THREADS", 1, 256); break;
        case GET_IDS:
        case POST_FIXTURES:
            if (cfg.mode != MODE_NONE)
                die("give one of --get-ids and --post-fixtures");
            cfg.mode = option == GET_IDS ? MODE_GET : MODE_POST;
            cfg.file = optarg;
            break;
        case HIT_SHARE: cfg.hit_share = parse_number(optarg, "--hit-share", 0, 1); break;
        case HOT_SET: cfg.hot_set = parse_integer(optarg, "--hot-set", 1, 100000); break;
        case 'h': usage(stdout); exit(0);
        default: usage(stderr); exit(2);
        }
    }
    if (optind < argc || cfg.port == 0 || cfg.rate == 0 || cfg.duration_s == 0 || cfg.mode == MODE_NONE) {
        usage(stderr);
        exit(2);
    }
    if (cfg.threads > cfg.connections)
        die("-t THREADS (%d) must not exceed -c CONNECTIONS (%d)", cfg.threads, cfg.connections);
    /* this tool must only ever load this machine */
    cfg.address.sin_family = AF_INET;
    cfg.address.sin_port = htons((uint16_t)cfg.port);
    if (inet_pton(AF_INET, cfg.host, &cfg.address.sin_addr) != 1
        || (ntohl(cfg.address.sin_addr.s_addr) >> 24) != 127)
        die("refusing host '%s': only loopback IPv4 literals (127.x.x.x) are allowed, "
            "this tool must only ever send traffic to this machine", cfg.host);
}

/* fails early, and clearly, when nothing listens on the port */
static void probe_server(void)
{
    int fd = new_socket();
    int error = 0;
    if (connect(fd, (struct sockaddr *)&cfg.address, sizeof cfg.address) != 0) {
        error = errno;
        struct pollfd poll_fd = { .fd = fd, .events = POLLOUT };
        if (error == EINPROGRESS) {
            int ready = poll(&poll_fd, 1, PROBE_TIMEOUT_MS);
            socklen_t length = sizeof error;
            if (ready == 0)
                error = ETIMEDOUT;
            else if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
                error = errno;
        }
    }
    close(fd);
    if (error != 0)
        die("cannot connect to %s:%d: %s", cfg.host, cfg.port, error_text(error));
}

static double cpu_seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void print_percentiles(const char *label, const struct histogram *h)
{
    if (h->total == 0) {
        printf("%s: p50 n/a p90 n/a p99 n/a p99.9 n/a max n/a\n", label);
        return;
    }
    printf("%s: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f\n", label,
           histogram_percentile_ms(h, 500), histogram_percentile_ms(h, 900),
           histogram_percentile_ms(h, 990), histogram_percentile_ms(h, 999),
           (double)h->max_ns / NS_PER_MS);
}

int main(int argc, char **argv)
{
    parse_arguments(argc, argv);
    if (cfg.mode == MODE_GET)
        load_get_requests();
    else
        load_post_requests();
    probe_server();

    struct timespec wall;
    clock_gettime(CLOCK_REALTIME, &wall);
    cfg.seed = ((uint64_t)wall.tv_sec * NS_PER_SEC + (uint64_t)wall.tv_nsec) ^ ((uint64_t)getpid() << 32);
    cfg.unique_offset = (cfg.seed % 1000) * UNIQUE_BAND;
    cfg.ns_per_request = 1e9 / cfg.rate;
    cfg.start_ns = now_ns() + START_DELAY_NS;
    cfg.measure_start_ns = cfg.start_ns + (int64_t)(cfg.warmup_s * 1e9);
    cfg.send_end_ns = cfg.measure_start_ns + (int64_t)(cfg.duration_s * 1e9);

    struct worker *workers = checked_realloc(NULL, (size_t)cfg.threads * sizeof *workers);
    for (int t = 0; t < cfg.threads; t++) {
        struct worker *w = &workers[t];
        memset(w, 0, sizeof *w);
        w->index = t;
        w->random_state = (cfg.seed + 0x9E3779B97F4A7C15ULL * (uint64_t)(t + 1)) | 1;
        w->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        if (w->epoll_fd < 0)
            die("epoll_create1: %s", error_text(errno));
        /* connections t, t + threads, t + 2 * threads, ... */
        w->connection_count = (size_t)((cfg.connections - t + cfg.threads - 1) / cfg.threads);
        w->connections = checked_realloc(NULL, w->connection_count * sizeof *w->connections);
        for (size_t i = 0; i < w->connection_count; i++) {
            struct connection *c = &w->connections[i];
            *c = (struct connection){ .worker = w, .fd = -1, .state = DOWN };
            c->in = checked_realloc(NULL, READ_BUFFER_SIZE);
        }
    }
    for (int t = 0; t < cfg.threads; t++)
        if ((errno = pthread_create(&workers[t].thread, NULL, run_worker, &workers[t])) != 0)
            die("pthread_create: %s", error_text(errno));

    /* CPU and wall time from the start of the measured phase to the end of the drain */
    struct timespec measure_start = to_timespec(cfg.measure_start_ns);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &measure_start, NULL) == EINTR)
        ;
    struct rusage usage_before, usage_after;
    getrusage(RUSAGE_SELF, &usage_before);
    int64_t wall_before = now_ns();
    struct stats total = { 0 };
    for (int t = 0; t < cfg.threads; t++) {
        pthread_join(workers[t].thread, NULL);
        struct stats *s = &workers[t].stats;
        total.sent += s->sent;
        total.completed += s->completed;
        total.non_2xx += s->non_2xx;
        for (int i = 0; i < 10; i++)
            total.by_class[i] += s->by_class[i];
        total.socket_errors += s->socket_errors;
        total.timed_out += s->timed_out;
        histogram_add(&total.latency, &s->latency);
        histogram_add(&total.service, &s->service);
        histogram_add(&total.send_lag, &s->send_lag);
    }
    getrusage(RUSAGE_SELF, &usage_after);
    double wall_s = (double)(now_ns() - wall_before) / 1e9;
    double user_s = cpu_seconds(usage_after.ru_utime) - cpu_seconds(usage_before.ru_utime);
    double sys_s = cpu_seconds(usage_after.ru_stime) - cpu_seconds(usage_before.ru_stime);
    free(workers);

    printf("openloop: target %.10g req/s, %d connections, %d threads, %.1f s measured after %.1f s warm-up\n",
           cfg.rate, cfg.connections, cfg.threads, cfg.duration_s, cfg.warmup_s);
    printf("requests: %llu sent, %llu completed, %llu non-2xx (3xx %llu, 4xx %llu, 5xx %llu), "
           "%llu socket errors, %llu timed out\n",
           (unsigned long long)total.sent, (unsigned long long)total.completed,
           (unsigned long long)total.non_2xx, (unsigned long long)total.by_class[3],
           (unsigned long long)total.by_class[4], (unsigned long long)total.by_class[5],
           (unsigned long long)total.socket_errors, (unsigned long long)total.timed_out);
    printf("achieved: %.1f req/s\n", (double)total.completed / cfg.duration_s);
    print_percentiles("latency (from intended send, ms)", &total.latency);
    print_percentiles("service time (from actual write, ms)", &total.service);
    /* the part of the latency spent before the kernel had the request: a late wake-up of this
     * tool, or a send buffer the server did not drain */
    print_percentiles("send lag (from intended send to actual write, ms)", &total.send_lag);
    printf("cpu: %.2f cores (user %.1f s, sys %.1f s)\n", (user_s + sys_s) / wall_s, user_s, sys_s);

    uint64_t failed = total.non_2xx + total.socket_errors + total.timed_out;
    return failed * 100 > total.sent ? 1 : 0;
}
