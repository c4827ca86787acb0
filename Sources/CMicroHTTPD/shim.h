#ifndef DCMC_CMICROHTTPD_SHIM_H
#define DCMC_CMICROHTTPD_SHIM_H
// The declarations only: dcmc loads libmicrohttpd when `dcmc serve` starts (DCMCServer,
// LibMicroHTTPD.swift), so every other command loads nothing of it, or of GnuTLS.
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <microhttpd.h>

/* libmicrohttpd's start and info calls are variadic. Swift cannot call a variadic C function,
   and calling one through a non-variadic pointer type is undefined behaviour (on x86-64 the
   caller must set %al for the callee's va_start). So Swift hands the address dlsym found to
   these helpers, which cast it back to the function's own variadic type: the C compiler
   makes a proper variadic call. MHD_OPTION_ARRAY would not help: MHD_start_daemon itself
   stays variadic. The helpers also fix the options dcmc serve uses. */

typedef struct MHD_Daemon *(*dcmc_mhd_start_daemon_function)(
    unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback accept, void *accept_context,
    MHD_AccessHandlerCallback handler, void *handler_context, ...);
typedef const union MHD_DaemonInfo *(*dcmc_mhd_get_daemon_info_function)(
    struct MHD_Daemon *daemon, enum MHD_DaemonInfoType info_type, ...);
typedef const union MHD_ConnectionInfo *(*dcmc_mhd_get_connection_info_function)(
    struct MHD_Connection *connection, enum MHD_ConnectionInfoType info_type, ...);

/** The value of the hex digit `c`, or -1. */
static inline int dcmc_hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/** libmicrohttpd's unescape callback (MHD_OPTION_UNESCAPE_CALLBACK), for the path and for each
    query name and value: `%XX` decoded in place as libmicrohttpd's own does, except `%2F`,
    `%25` and `%00`, kept as sent. So an encoded slash stays inside its path segment, which the
    server routes on and only then decodes (`HTTPRequest.decodingSlashes`), a `%252F` cannot
    turn into a slash, and a `%00` stays three characters of the value instead of ending it
    where the server reads it as a C string (`?status=open%00junk` is the status
    `open%00junk`, not `open`). Returns the decoded length. */
static inline size_t dcmc_mhd_unescape(void *context, struct MHD_Connection *connection, char *text) {
  (void)context;
  (void)connection;
  char *read = text;
  char *write = text;
  while (*read != '\0') {
    int high = read[0] == '%' ? dcmc_hex_digit(read[1]) : -1;
    int low = high < 0 ? -1 : dcmc_hex_digit(read[2]);
    if (low < 0) {
      *write++ = *read++;
      continue;
    }
    char value = (char)(high * 16 + low);
    if (value == '/' || value == '%' || value == '\0') {
      write[0] = read[0], write[1] = read[1], write[2] = read[2];
      write += 3;
    } else {
      *write++ = value;
    }
    read += 3;
  }
  *write = '\0';
  return (size_t)(write - text);
}

/** The most query arguments a request's target may have, and the longest target (in bytes)
    that may have a query: `dcmc_mhd_target` cuts the query of any other. */
#define DCMC_MHD_MAXIMUM_ARGUMENTS 64
#define DCMC_MHD_MAXIMUM_QUERY_TARGET 8000

/** libmicrohttpd's URI log callback (MHD_OPTION_URI_LOG_CALLBACK), called with the request
    target `uri` (NUL-terminated inside the connection's read buffer) just before libmicrohttpd
    parses its query. libmicrohttpd 0.9.75 adds a record per query argument to the
    connection's memory pool (16 KiB); when the pool runs out, its request-line parser ignores
    the failure: its 431 answer is overwritten by the next state and the read buffer is gone,
    so the connection waits unanswered until its deadline (`parse_initial_message_line`,
    mended in 0.9.76). Each argument costs a record of 56 bytes for as little as one byte of
    target (`&`), so no pool size is enough. A target within 8000 bytes is read within the
    first half of the pool, which leaves the other half for its records: 64 of them take
    3.5 KiB, with room for the headers'. So a target over either limit has its query cut here
    (emptied, in place: libmicrohttpd then parses none of it) and the request is marked: the
    call answers `mark`, which libmicrohttpd hands the access handler as the request's
    context, and the access handler refuses the request, 414. Any other target is left as it
    is, `NULL`. The count is libmicrohttpd's own: one argument per piece between `&`s, an empty
    one too, but not an empty last one. */
static inline void *dcmc_mhd_target(void *mark, const char *uri, struct MHD_Connection *connection) {
  (void)connection;
  char *query = strchr(uri, '?');
  if (query == NULL) return NULL;
  size_t arguments = 0;
  const char *end = query + 1;
  for (; *end != '\0'; end++) arguments += *end == '&';
  if (end > query + 1 && end[-1] != '&') arguments++;
  if (arguments <= DCMC_MHD_MAXIMUM_ARGUMENTS && (size_t)(end - uri) <= DCMC_MHD_MAXIMUM_QUERY_TARGET) return NULL;
  query[1] = '\0';
  return mark;
}

/** A daemon, started by `start_daemon` (MHD_start_daemon's address), on `address` (IPv4 or
    IPv6; the IPv6 `::` takes IPv4 clients too) with a pool of `threads` polling threads (epoll), connections that may be suspended (a stream
    waiting for its next bytes), each connection cut after `timeout`
    seconds idle, with `memory` bytes for its headers, at most `connections` at once and
    `per_address` from one address; over TLS with the PEM texts `key` and `cert` when both are
    given; `completed` is told when each request ends, `notify` when each connection starts
    and closes; a request whose query `dcmc_mhd_target` cut reaches `handler` with `cut_mark`
    as its context. NULL when it cannot start. */
static inline struct MHD_Daemon *dcmc_mhd_start(
    void *start_daemon, const struct sockaddr *address, unsigned int threads, unsigned int timeout,
    size_t memory, unsigned int connections, unsigned int per_address, const char *key, const char *cert,
    MHD_AccessHandlerCallback handler, void *handler_context, void *cut_mark,
    MHD_RequestCompletedCallback completed, void *completed_context, MHD_NotifyConnectionCallback notify,
    void *notify_context) {
  dcmc_mhd_start_daemon_function start = (dcmc_mhd_start_daemon_function)start_daemon;
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
  uint16_t port = ntohs(((const struct sockaddr_in *)address)->sin_port);
  if (address->sa_family == AF_INET6) {
    const struct sockaddr_in6 *ipv6 = (const struct sockaddr_in6 *)address;
    /* `[::]` is every address, IPv4 ones too (mapped); another IPv6 address is itself only. */
    flags |= IN6_IS_ADDR_UNSPECIFIED(&ipv6->sin6_addr) ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
    port = ntohs(ipv6->sin6_port);
  }
#define DCMC_MHD_OPTIONS \
      MHD_OPTION_SOCK_ADDR, address, \
      MHD_OPTION_THREAD_POOL_SIZE, threads, \
      MHD_OPTION_CONNECTION_TIMEOUT, timeout, \
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory, \
      MHD_OPTION_CONNECTION_LIMIT, connections, \
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address, \
      MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context, \
      MHD_OPTION_NOTIFY_CONNECTION, notify, notify_context, \
      MHD_OPTION_UNESCAPE_CALLBACK, dcmc_mhd_unescape, NULL, \
      MHD_OPTION_URI_LOG_CALLBACK, dcmc_mhd_target, cut_mark, \
      /* HTTP/1.1 without Host, a space in the target: 400 (RFC 9112 3.2, 3.2 of RFC 3986). */ \
      MHD_OPTION_STRICT_FOR_CLIENT, (int)1
  if (key != NULL && cert != NULL) {
    return start(
        flags | MHD_USE_TLS, port, NULL, NULL, handler, handler_context,
        MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_HTTPS_MEM_CERT, cert, DCMC_MHD_OPTIONS, MHD_OPTION_END);
  }
  return start(flags, port, NULL, NULL, handler, handler_context, DCMC_MHD_OPTIONS, MHD_OPTION_END);
#undef DCMC_MHD_OPTIONS
}

/** The socket of `connection`, asked through `get_connection_info`; -1 when unknown. */
static inline int dcmc_mhd_socket(void *get_connection_info, struct MHD_Connection *connection) {
  dcmc_mhd_get_connection_info_function info_of = (dcmc_mhd_get_connection_info_function)get_connection_info;
  const union MHD_ConnectionInfo *info = info_of(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  return info == NULL ? -1 : info->connect_fd;
}

/** The size in bytes of the request head of `connection` (its line, its header lines and the
    empty line that ends them, as received), asked through `get_connection_info`; 0 when unknown. */
static inline size_t dcmc_mhd_head_size(void *get_connection_info, struct MHD_Connection *connection) {
  dcmc_mhd_get_connection_info_function info_of = (dcmc_mhd_get_connection_info_function)get_connection_info;
  const union MHD_ConnectionInfo *info = info_of(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
  return info == NULL ? 0 : info->header_size;
}

/** The address of the client of `connection`, asked through `get_connection_info`
    (MHD_get_connection_info's address), as text in `text` (`size` bytes): an IPv4 address
    (an IPv4-mapped IPv6 one too), or the /64 network of an IPv6 address, `2001:db8::/64`, one
    host's share, which a rate limit counts as one client. 0 when unknown. */
static inline int dcmc_mhd_client(void *get_connection_info, struct MHD_Connection *connection, char *text, size_t size) {
  dcmc_mhd_get_connection_info_function info_of = (dcmc_mhd_get_connection_info_function)get_connection_info;
  const union MHD_ConnectionInfo *info = info_of(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == NULL || info->client_addr == NULL || size < INET6_ADDRSTRLEN + 4) return 0;
  const struct sockaddr *address = info->client_addr;
  if (address->sa_family == AF_INET) {
    return inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, text, (socklen_t)size) != NULL;
  }
  if (address->sa_family != AF_INET6) return 0;
  struct in6_addr host = ((const struct sockaddr_in6 *)address)->sin6_addr;
  if (IN6_IS_ADDR_V4MAPPED(&host)) return inet_ntop(AF_INET, &host.s6_addr[12], text, (socklen_t)size) != NULL;
  memset(&host.s6_addr[8], 0, 8);
  if (inet_ntop(AF_INET6, &host, text, (socklen_t)size) == NULL) return 0;
  strcat(text, "/64");
  return 1;
}

/** The port the daemon listens on (the one the kernel chose for port 0), asked through
    `get_daemon_info` (MHD_get_daemon_info's address); 0 when unknown. */
static inline uint16_t dcmc_mhd_port(void *get_daemon_info, struct MHD_Daemon *daemon) {
  dcmc_mhd_get_daemon_info_function info_of = (dcmc_mhd_get_daemon_info_function)get_daemon_info;
  const union MHD_DaemonInfo *info = info_of(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info == NULL ? 0 : info->port;
}
#endif
