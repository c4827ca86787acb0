#ifndef DCMC_CMICROHTTPD_SHIM_H
#define DCMC_CMICROHTTPD_SHIM_H
// The declarations only: dcmc loads libmicrohttpd when `dcmc serve` starts (DCMCServer,
// LibMicroHTTPD.swift), so every other command loads nothing of it, or of GnuTLS.
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
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

/** A daemon, started by `start_daemon` (MHD_start_daemon's address), on `address` with a pool
    of `threads` polling threads (epoll), connections that may be suspended (a stream waiting
    for its next bytes), each connection cut after `timeout` seconds idle,
    with `memory` bytes for its headers, at most `connections` at once; `completed` is told
    when each request ends. NULL when it cannot start. */
static inline struct MHD_Daemon *dcmc_mhd_start(
    void *start_daemon, const struct sockaddr_in *address, unsigned int threads, unsigned int timeout,
    size_t memory, unsigned int connections, MHD_AccessHandlerCallback handler, void *handler_context,
    MHD_RequestCompletedCallback completed, void *completed_context) {
  dcmc_mhd_start_daemon_function start = (dcmc_mhd_start_daemon_function)start_daemon;
  return start(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME,
      ntohs(address->sin_port), NULL, NULL,
      handler, handler_context,
      MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)address,
      MHD_OPTION_THREAD_POOL_SIZE, threads,
      MHD_OPTION_CONNECTION_TIMEOUT, timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory,
      MHD_OPTION_CONNECTION_LIMIT, connections,
      MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
      MHD_OPTION_END);
}

/** The port the daemon listens on (the one the kernel chose for port 0), asked through
    `get_daemon_info` (MHD_get_daemon_info's address); 0 when unknown. */
static inline uint16_t dcmc_mhd_port(void *get_daemon_info, struct MHD_Daemon *daemon) {
  dcmc_mhd_get_daemon_info_function info_of = (dcmc_mhd_get_daemon_info_function)get_daemon_info;
  const union MHD_DaemonInfo *info = info_of(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info == NULL ? 0 : info->port;
}
#endif
