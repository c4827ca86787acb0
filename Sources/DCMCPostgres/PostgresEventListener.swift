import DCMCApplication
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What tells a `dcmc serve` on a PostgreSQL store that another process changed what its
/// `/api/v1/events` streams show: the changes that make or take offers, assign tasks or move a
/// user's presence `NOTIFY` the channel `dcmc_events` in their transaction (delivered at the
/// commit, never for a rollback), the payload naming the users concerned; the listener holds
/// one connection of its own that `LISTEN`s, waits on its socket, and hands each payload's
/// users to `wake` at once (`nil`: everyone).
///
/// A lost connection is opened again after a back-off (1 s, doubling up to 30 s); once it is,
/// `wake(nil)` makes every stream read its snapshot again, for the notifications missed
/// meanwhile. Each wait on the socket lasts at most `sliceMilliseconds`, connecting included
/// (a server that accepts and does not answer is given up at `stop`), so `stop` returns
/// promptly. Not a substitute for the server's poll, which stays the fallback.
///
/// `@unchecked Sendable`: the thread handle is written by `start` and read by `stop`, which
/// the owner calls once each, in order; the rest is immutable or atomic.
public final class PostgresEventListener: @unchecked Sendable {
  /// The channel dcmc notifies and listens on.
  public static let channel = "dcmc_events"
  /// What `report` gets each time the listener's `LISTEN` succeeded: the first time, and after
  /// a lost connection was made again.
  public static let listening = "events: listening on postgresql"
  public static let listeningAgain = "events: listening again on postgresql"
  /// The longest payload sent (the server's limit is 8000 bytes); beyond it, an empty
  /// payload: everyone.
  static let payloadLimit = 7000
  /// The longest wait on the socket, and the unit of the back-off's waits.
  static let sliceMilliseconds = 250
  static let longestBackOffSeconds = 30

  let url: String
  let settings: PostgresSettings
  let wake: @Sendable (Set<String>?) -> Void
  let report: @Sendable (String) -> Void
  private let stopping = Atomic<Bool>(false)
  private let threads: ThreadStarter
  private var thread: NamedThread?

  /// Listens on the store at `url` once started; `wake` gets the users each notification
  /// names, `report` a line each time it listens and each time its connection is lost.
  public init(
    url: String, settings: PostgresSettings = PostgresSettings(), threads: ThreadStarter = .system,
    wake: @escaping @Sendable (Set<String>?) -> Void, report: @escaping @Sendable (String) -> Void
  ) {
    self.url = url
    self.settings = settings
    self.threads = threads
    self.wake = wake
    self.report = report
  }

  /// Starts listening on a thread of its own (made by `threads`); throws when the thread
  /// could not be made, and then nothing listens and `stop` has nothing to wait for.
  public func start() throws(NamedThreadError) {
    thread = try threads.start(named: "dcmc-events") { [self] in listen() }
  }

  /// Stops listening and waits for the thread: at most one slice of waiting, connecting
  /// included.
  public func stop() {
    stopping.store(true, ordering: .sequentiallyConsistent)
    thread?.join()
    thread = nil
  }

  private var stopped: Bool { stopping.load(ordering: .sequentiallyConsistent) }

  /// Until stopped: connect and `LISTEN`, hand on what comes, and after a loss wait and again.
  private func listen() {
    var backOff = 0
    var connectedBefore = false
    while !stopped {
      do throws(PostgresError) {
        let connection = try PostgresConnection(url: url, settings: settings) { self.stopped }
        try connection.query("LISTEN \(Self.channel)")
        report(connectedBefore ? Self.listeningAgain : Self.listening)
        if connectedBefore { wake(nil) }
        connectedBefore = true
        backOff = 0
        while !stopped {
          let payloads = try connection.notifications(waitingAtMost: Self.sliceMilliseconds)
          guard !payloads.isEmpty else { continue }
          wake(Self.users(in: payloads))
        }
      } catch {
        guard !stopped else { return }
        backOff = min(max(backOff * 2, 1), Self.longestBackOffSeconds)
        report("events: \(error.message); listening again in \(backOff) s (meanwhile the streams poll)")
        for _ in 0..<(backOff * 1000 / Self.sliceMilliseconds) where !stopped {
          var pause = timespec(tv_sec: 0, tv_nsec: Self.sliceMilliseconds * 1_000_000)
          nanosleep(&pause, nil)
        }
      }
    }
  }

  /// The payload naming `users`, one a line (a user id has no control characters): `nil`
  /// for nobody (nothing to notify), empty (everyone) when they would not fit.
  static func payload(naming users: Set<String>) -> String? {
    guard !users.isEmpty else { return nil }
    let text = users.sorted().joined(separator: "\n")
    return text.utf8.count <= payloadLimit ? text : ""
  }

  /// The users `payloads` name; `nil` (everyone) when one of them is empty.
  static func users(in payloads: [String]) -> Set<String>? {
    var users: Set<String> = []
    for payload in payloads {
      guard !payload.isEmpty else { return nil }
      users.formUnion(payload.split(separator: "\n").map(String.init))
    }
    return users
  }

  /// `pg_notify` of the channel with the payload parameter `parameter` (`$16`).
  static func notify(_ parameter: String) -> String { "pg_notify('\(channel)', \(parameter))" }
}
