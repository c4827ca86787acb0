import DCMCApplication
import Dispatch
import Synchronization

/// The cancel requests of statements whose answer did not come by their deadline
/// (`PostgresConnection.query`), each sent without holding its caller past a grace.
///
/// libpq 15's `PQcancel` has no time-out: it connects to the server, sends the request and then
/// waits for the server to close that connection, so a server that accepts connections and
/// never answers holds it for ever (libpq 17's `PQcancelStart`/`PQcancelPoll` would not, but
/// 15 is what Debian installs; and the request's secret key, without which dcmc could write the
/// request on a socket of its own, is not in libpq 15's API). So each request runs on a thread
/// of its own (`dcmc-cancel`, made by a `ThreadStarter`), which owns what the request needs
/// (the `PGcancel`, freed when the request's closure goes, on that thread); the caller waits for
/// it at most a grace, then goes on without it: the thread ends when the server answers or
/// closes, the connection is dropped by its caller either way.
///
/// At most `limit` threads wait for their servers at once in a process: past that no cancel
/// request is sent (`notSent`), so a server that never answers cannot pile threads up in a
/// long-running `dcmc serve`.
final class CancelRequests: Sendable {
  /// The process's.
  static let shared = CancelRequests(limit: 4)

  /// What came of a cancel request.
  enum Outcome: Equatable, Sendable {
    /// The server took it.
    case sent
    /// libpq could not send it: its reason.
    case failed(String)
    /// Not done within the grace: its thread is left to end on its own.
    case unanswered
    /// Never sent: why (as many requests already wait for their servers as are allowed, or
    /// the thread could not be made).
    case notSent(String)
  }

  let limit: Int
  private let outstanding = Atomic<Int>(0)

  init(limit: Int) { self.limit = max(limit, 0) }

  /// The requests whose thread has not ended.
  var running: Int { outstanding.load(ordering: .sequentiallyConsistent) }

  /// Runs `request` (which answers `nil` once sent, or why it failed) on a thread `threads`
  /// makes, and waits at most `graceMilliseconds` for it. `request` is released without being
  /// run when it is not sent.
  func send(
    graceMilliseconds: Int, threads: ThreadStarter, _ request: @escaping @Sendable () -> String?
  ) -> Outcome {
    guard outstanding.add(1, ordering: .sequentiallyConsistent).newValue <= limit else {
      outstanding.subtract(1, ordering: .sequentiallyConsistent)
      return .notSent("\(limit) cancel requests already wait for their servers")
    }
    let finished = Finished()
    do throws(NamedThreadError) {
      try threads.start(named: "dcmc-cancel") { [self] in
        let failure = request()
        finished.reason.withLock { $0 = failure }
        outstanding.subtract(1, ordering: .sequentiallyConsistent)
        finished.done.signal()
      }.detach()
    } catch {
      outstanding.subtract(1, ordering: .sequentiallyConsistent)
      return .notSent(error.description)
    }
    guard finished.done.wait(timeout: .now() + .milliseconds(max(graceMilliseconds, 0))) == .success else {
      return .unanswered
    }
    return finished.reason.withLock { $0 }.map(Outcome.failed) ?? .sent
  }

  /// A request's end, between its thread and its caller.
  private final class Finished: Sendable {
    let done = DispatchSemaphore(value: 0)
    let reason = Mutex<String?>(nil)
  }
}

/// A `PGcancel` (`PQgetCancel`), owned by one cancel request and freed when it goes: on the
/// request's thread once sent, or by the caller when it was never sent. `@unchecked
/// Sendable`: handed to that thread whole, used by it alone.
final class CancelToken: @unchecked Sendable {
  let token: OpaquePointer
  let pq: LibPQ

  init(_ token: OpaquePointer, _ pq: LibPQ) {
    self.token = token
    self.pq = pq
  }

  /// `PQcancel`: `nil` once the server took the request, else libpq's reason.
  func send() -> String? {
    var reason = [CChar](repeating: 0, count: 256)
    guard pq.cancel(token, &reason, Int32(reason.count)) != 1 else { return nil }
    return PostgresError.firstLine(String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }

  deinit { pq.freeCancel(token) }
}
