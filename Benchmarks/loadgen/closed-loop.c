/* A closed-loop HTTP/1.1 load for machines without wrk (Benchmarks/postgres-load.sh): CLIENTS
 * threads, each on one keep-alive connection to 127.0.0.1:PORT, send the request in REQUEST_FILE
 * (the whole request, head and body) and the next as soon as its answer (with a Content-Length,
 * as dcmc serve sends) arrived, for SECONDS. Prints wrk's summary lines the scripts read:
 * "N requests in Ss", "Requests/sec: R" and, when any, "Non-2xx or 3xx responses: K".
 *
 * usage: closed-loop PORT CLIENTS SECONDS REQUEST_FILE
 * Build: cc -O2 -pthread -o closed-loop closed-loop.c */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static double seconds;
static char *request;
static size_t request_length;
static double deadline;

struct counts { long done, bad, failed; };

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int connect_once(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct timeval timeout = {.tv_sec = 30};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { close(fd); return -1; }
  return fd;
}

/* One exchange: 0 with *status set, -1 when the connection failed. */
static int exchange(int fd, int *status) {
  for (size_t sent = 0; sent < request_length;) {
    ssize_t n = write(fd, request + sent, request_length - sent);
    if (n <= 0) return -1;
    sent += (size_t)n;
  }
  char buffer[65536];
  size_t have = 0;
  char *end = NULL;
  while (!end) {
    if (have == sizeof buffer - 1) return -1;
    ssize_t n = read(fd, buffer + have, sizeof buffer - 1 - have);
    if (n <= 0) return -1;
    have += (size_t)n;
    buffer[have] = 0;
    end = strstr(buffer, "\r\n\r\n");
  }
  if (sscanf(buffer, "HTTP/1.%*d %d", status) != 1) return -1;
  long length = 0;
  for (char *line = strstr(buffer, "\r\n"); line && line < end; line = strstr(line + 2, "\r\n"))
    if (strncasecmp(line + 2, "Content-Length:", 15) == 0) length = strtol(line + 17, NULL, 10);
  long body = (long)(have - (size_t)(end + 4 - buffer));
  while (body < length) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return -1;
    body += n;
  }
  return 0;
}

static void *client(void *argument) {
  struct counts *counts = argument;
  int fd = -1;
  while (now() < deadline) {
    if (fd < 0 && (fd = connect_once()) < 0) { counts->failed++; usleep(10000); continue; }
    int status = 0;
    if (exchange(fd, &status) != 0) { close(fd); fd = -1; counts->failed++; continue; }
    counts->done++;
    if (status < 200 || status >= 400) counts->bad++;
  }
  if (fd >= 0) close(fd);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: closed-loop PORT CLIENTS SECONDS REQUEST_FILE\n"); return 2; }
  port = atoi(argv[1]);
  int clients = atoi(argv[2]);
  seconds = atof(argv[3]);
  if (port <= 0 || clients <= 0 || clients > 1024 || seconds <= 0) { fprintf(stderr, "closed-loop: bad arguments\n"); return 2; }
  FILE *file = fopen(argv[4], "rb");
  if (!file) { perror(argv[4]); return 2; }
  request = malloc(1 << 20);
  request_length = fread(request, 1, 1 << 20, file);
  fclose(file);
  pthread_t threads[1024];
  struct counts *counts = calloc((size_t)clients, sizeof *counts);
  double start = now();
  deadline = start + seconds;
  for (int i = 0; i < clients; i++) pthread_create(&threads[i], NULL, client, &counts[i]);
  struct counts total = {0, 0, 0};
  for (int i = 0; i < clients; i++) {
    pthread_join(threads[i], NULL);
    total.done += counts[i].done;
    total.bad += counts[i].bad;
    total.failed += counts[i].failed;
  }
  double elapsed = now() - start;
  printf("  %ld requests in %.2fs\n", total.done, elapsed);
  if (total.bad) printf("  Non-2xx or 3xx responses: %ld\n", total.bad);
  if (total.failed) printf("  Socket errors: %ld\n", total.failed);
  printf("Requests/sec: %.2f\n", total.done / elapsed);
  return 0;
}
