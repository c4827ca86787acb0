import DCMCApplication
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The request deadlines of SPEC section 17, which libmicrohttpd's own timeout does not give:
/// it counts idle time only, which a client sending a byte a second never reaches (slowloris).
/// - A request's line and headers must all arrive within `seconds` of the connection (or, on
///   a kept-alive connection, of the previous answer).
/// - Its body must then keep coming: it is due `seconds` after the headers, and each byte kept
///   moves that deadline on by 1/`bytesPerSecond` of a second, so an honest upload at
///   `bytesPerSecond` or faster is never cut and a trickle is cut at about `seconds`. Bytes
///   past the body limit (which the handler refuses) move it no further.
/// A watchdog thread shuts down the socket of any connection past its deadline; libmicrohttpd
/// then sees the socket end and closes the connection on its own thread.
///
/// Keyed by socket: libmicrohttpd reports a connection closed before it closes the socket,
/// so a number is never reused while its entry is here. A `final class` for identity: the
/// daemon's callbacks and the watchdog share it.
final class RequestDeadlines: Sendable {
  let seconds: Int
  let bytesPerSecond: Int
  /// Monotonic nanoseconds: the system's, or a test's.
  private let now: @Sendable () -> Int
  /// The monotonic nanosecond by which each connection's headers or body must be in;
  /// `Int.max` while none are awaited (the request is being answered).
  private let deadlines = Mutex<[Int32: Int]>([:])
  /// Whether `stop` was called; the watchdog sleeps on it between its rounds, so a stop wakes
  /// it at once (a sleep of up to a second made every stop wait it out: audit37 L6).
  private let stopped = ConditionLock<Bool>(false)
  /// The watchdog, once started.
  private let thread = Mutex<NamedThread?>(nil)

  init(seconds: Int, bytesPerSecond: Int, now: @escaping @Sendable () -> Int = RequestDeadlines.monotonic) {
    self.seconds = seconds
    self.bytesPerSecond = max(1, bytesPerSecond)
    self.now = now
  }

  /// A connection on `socket` started, or answered a request and awaits the next: its
  /// headers are due `seconds` from now. `started: false` re-arms only a tracked connection.
  func arm(_ socket: Int32, started: Bool) {
    let due = now() + seconds * 1_000_000_000
    deadlines.withLock { deadlines in
      if started || deadlines[socket] != nil { deadlines[socket] = due }
    }
  }

  /// The headers of a request on `socket` are in: its body is due `seconds` from now.
  func headersIn(_ socket: Int32) {
    arm(socket, started: false)
  }

  /// `count` more bytes of the body on `socket` were kept: its deadline moves on by the time
  /// they take at `bytesPerSecond`.
  func received(_ socket: Int32, _ count: Int) {
    let more = count.multipliedReportingOverflow(by: 1_000_000_000 / bytesPerSecond)
    deadlines.withLock { deadlines in
      guard let due = deadlines[socket], due != Int.max else { return }
      deadlines[socket] = more.overflow ? Int.max - 1 : min(Int.max - 1, due &+ more.partialValue)
    }
  }

  /// The request on `socket` is whole: nothing is due until it is answered.
  func disarm(_ socket: Int32) {
    deadlines.withLock { deadlines in
      if deadlines[socket] != nil { deadlines[socket] = Int.max }
    }
  }

  /// The connection on `socket` is closing.
  func forget(_ socket: Int32) {
    _ = deadlines.withLock { $0.removeValue(forKey: socket) }
  }

  /// Shuts down the sockets whose headers or body are overdue; returns how many.
  @discardableResult
  func cutOverdue() -> Int {
    let now = now()
    return deadlines.withLock { deadlines in
      let overdue = deadlines.filter { $0.value <= now }.map(\.key)
      for socket in overdue {
        shutdown(socket, Int32(SHUT_RDWR))
        deadlines[socket] = Int.max
      }
      return overdue.count
    }
  }

  /// Starts the watchdog on a thread `threads` makes: it cuts overdue connections four times a
  /// deadline (at most every second) until `stop`.
  func start(_ threads: ThreadStarter = .system) throws(NamedThreadError) {
    let started = try threads.start(named: "dcmc-deadlines") { [self] in watch() }
    thread.withLock { $0 = started }
  }

  /// Stops the watchdog and waits for it.
  func stop() {
    stopped.withLock { held in
      held.value = true
      held.broadcast()
    }
    thread.withLock { $0.take() }?.join()
  }

  private func watch() {
    let period = min(1000, seconds * 250)
    // Until `stop`: each round waits out its period, or is woken by the stop and ends.
    while true {
      let stopping = stopped.withLock { held -> Bool in
        if !held.value { held.wait(atMostMilliseconds: period) }
        return held.value
      }
      if stopping { return }
      cutOverdue()
    }
  }

  /// The system's monotonic clock, in nanoseconds.
  @Sendable static func monotonic() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
  }
}
