#ifndef DCMC_CMICROHTTPD_SHIM_H
#define DCMC_CMICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <microhttpd.h>

/* libmicrohttpd's start and info calls are variadic, which Swift cannot call: these fix the
   options dcmc serve uses. */

/** A daemon on `address` with a pool of `threads` polling threads (epoll), each connection cut
    after `timeout` seconds idle, with `memory` bytes for its headers, at most `connections` at
    once; `completed` is told when each request ends. NULL when it cannot start. */
static inline struct MHD_Daemon *dcmc_mhd_start(
    const struct sockaddr_in *address, unsigned int threads, unsigned int timeout, size_t memory,
    unsigned int connections, MHD_AccessHandlerCallback handler, void *handler_context,
    MHD_RequestCompletedCallback completed, void *completed_context) {
  return MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, ntohs(address->sin_port), NULL, NULL,
      handler, handler_context,
      MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)address,
      MHD_OPTION_THREAD_POOL_SIZE, threads,
      MHD_OPTION_CONNECTION_TIMEOUT, timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory,
      MHD_OPTION_CONNECTION_LIMIT, connections,
      MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
      MHD_OPTION_END);
}

/** The port the daemon listens on (the one the kernel chose for port 0); 0 when unknown. */
static inline uint16_t dcmc_mhd_port(struct MHD_Daemon *daemon) {
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info == NULL ? 0 : info->port;
}

/** The connections open now. */
static inline unsigned int dcmc_mhd_connections(struct MHD_Daemon *daemon) {
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
  return info == NULL ? 0 : info->num_connections;
}
#endif
