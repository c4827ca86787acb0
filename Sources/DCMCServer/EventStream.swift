import DCMCApplication
import DCMCCalendar
import DCMCJSON
import Synchronization

/// One connection's `/api/v1/events` (Server-Sent Events): at each instant the daemon's pump
/// gives it, it reads the user's snapshot, records the changes in the hub and returns the
/// events this connection has not been sent, each with its `id:`; after `heartbeat` seconds
/// without one, a comment line keeps the connection (and its proxies) alive. It holds no more
/// than a cursor and the first bytes, whatever the user does.
final class EventStream: ResponseStream {
  /// Seconds without an event after which a heartbeat comment is sent.
  static let heartbeat = 15

  private struct State {
    var cursor: EventHub.Cursor
    var pending: [UInt8]
    var lastSent: Instant
  }

  let user: String
  var subject: String? { user }
  let cases: CaseService
  let hub: EventHub
  /// Whether the stream's credential (a bearer token, a staff session) still acts at an
  /// instant: a stream whose token is revoked or expired, or whose session ended, ends at the
  /// next poll, as its next request would be refused.
  let acts: @Sendable (Instant) -> Bool
  private let state: Mutex<State>

  init(
    user: String, cases: CaseService, hub: EventHub, start: EventHub.Delivery, at now: Instant,
    acts: @escaping @Sendable (Instant) -> Bool
  ) {
    self.user = user
    self.cases = cases
    self.hub = hub
    self.acts = acts
    let first = "retry: 2000\n: connected\n\n" + Self.text(start, hub)
    state = Mutex(State(cursor: start.cursor, pending: Array(first.utf8), lastSent: now))
  }

  /// The stream is gone (its connection freed and the pump let go of it): the user may open
  /// another (`EventHub.enter`, counted in when `EventRoutes` made it).
  deinit { hub.leave(user) }

  func next(at now: Instant) -> [UInt8]? {
    guard acts(now) else { return nil }
    // Read before the snapshot: the feed's changes up to it are in the snapshot.
    let mark = hub.mark
    let snapshot = try? EventSnapshot(
      of: user, on: cases.with(clock: FixedClock(now)), presenceAfter: hub.presenceVersion(of: user), kept: hub.kept)
    return state.withLock { state in
      var bytes = state.pending
      state.pending = []
      if let snapshot {
        let delivery = hub.update(user, to: snapshot, mark: mark, at: now, after: state.cursor)
        state.cursor = delivery.cursor
        bytes += Self.text(delivery, hub).utf8
      }
      if bytes.isEmpty, now >= state.lastSent.adding(seconds: Self.heartbeat) { bytes = Array(": heartbeat\n\n".utf8) }
      if !bytes.isEmpty { state.lastSent = now }
      return bytes
    }
  }

  /// `event: resync` when events were lost, then each event as `id:`, `event:` and one `data:`
  /// line of compact JSON.
  static func text(_ delivery: EventHub.Delivery, _ hub: EventHub) -> String {
    var text = delivery.resync ? "event: resync\ndata: {}\n\n" : ""
    for event in delivery.events {
      text += "id: \(hub.id(event, of: delivery.cursor))\nevent: \(event.type)\ndata: \(String(decoding: event.data.compact(), as: UTF8.self))\n\n"
    }
    return text
  }
}

extension TokenService {
  /// Whether `token` acts as `user` at `now` on `tokens`: not revoked, not expired, its
  /// secret checked. What a staff session and an open event stream check again.
  static func acts(_ token: String, as user: String, tokens: any TokenRepository, at now: Instant) -> Bool {
    (try? TokenService(repository: tokens, clock: FixedClock(now)).authenticate(token)) == user
  }
}
