import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The header deadline of SPEC section 17: a request's line and headers must all arrive
/// within `seconds` of the connection (or, on a kept-alive connection, of the previous
/// answer). libmicrohttpd's own timeout counts idle time only, which a client sending a byte
/// a second never reaches (slowloris); so each connection's deadline is kept here, from its
/// start to its close, disarmed when its headers are in, and a watchdog thread shuts down the
/// socket of any connection past it. libmicrohttpd then sees the socket end and closes the
/// connection on its own thread.
///
/// Keyed by socket: libmicrohttpd reports a connection closed before it closes the socket,
/// so a number is never reused while its entry is here. A `final class` for identity: the
/// daemon's callbacks and the watchdog share it.
final class HeaderDeadlines: Sendable {
  let seconds: Int
  /// The monotonic nanosecond by which each connection's headers must be in; `Int.max` while
  /// none are awaited.
  private let deadlines = Mutex<[Int32: Int]>([:])
  private let stopped = Atomic<Bool>(false)
  /// The watchdog, once started.
  private let thread = Mutex<pthread_t?>(nil)

  init(seconds: Int) {
    self.seconds = seconds
  }

  /// A connection on `socket` started, or answered a request and awaits the next: its
  /// headers are due `seconds` from now. `started: false` re-arms only a tracked connection.
  func arm(_ socket: Int32, started: Bool) {
    let due = Self.now() + seconds * 1_000_000_000
    deadlines.withLock { deadlines in
      if started || deadlines[socket] != nil { deadlines[socket] = due }
    }
  }

  /// The headers of a request on `socket` are in: nothing is due until it is answered.
  func disarm(_ socket: Int32) {
    deadlines.withLock { deadlines in
      if deadlines[socket] != nil { deadlines[socket] = Int.max }
    }
  }

  /// The connection on `socket` is closing.
  func forget(_ socket: Int32) {
    _ = deadlines.withLock { $0.removeValue(forKey: socket) }
  }

  /// Shuts down the sockets whose headers are overdue; returns how many.
  @discardableResult
  func cutOverdue() -> Int {
    let now = Self.now()
    return deadlines.withLock { deadlines in
      let overdue = deadlines.filter { $0.value <= now }.map(\.key)
      for socket in overdue {
        shutdown(socket, Int32(SHUT_RDWR))
        deadlines[socket] = Int.max
      }
      return overdue.count
    }
  }

  /// Starts the watchdog: it cuts overdue connections four times a deadline (at most every
  /// second) until `stop`.
  func start() {
    let retained = Unmanaged.passRetained(self)
    var started = pthread_t()
    let result = pthread_create(
      &started, nil,
      { pointer in
        guard let pointer else { return nil }
        Unmanaged<HeaderDeadlines>.fromOpaque(pointer).takeRetainedValue().watch()
        return nil
      }, retained.toOpaque())
    if result == 0 {
      thread.withLock { $0 = started }
    } else {
      retained.release()
    }
  }

  /// Stops the watchdog and waits for it.
  func stop() {
    stopped.store(true, ordering: .sequentiallyConsistent)
    if let running = thread.withLock({ $0.take() }) { pthread_join(running, nil) }
  }

  private func watch() {
    let period = min(1_000_000_000, seconds * 250_000_000)
    while !stopped.load(ordering: .sequentiallyConsistent) {
      var pause = timespec(tv_sec: period / 1_000_000_000, tv_nsec: period % 1_000_000_000)
      nanosleep(&pause, nil)
      cutOverdue()
    }
  }

  private static func now() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
  }
}
