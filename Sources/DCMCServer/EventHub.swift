import DCMCCalendar
import DCMCJSON
import Synchronization

/// The events of `/api/v1/events`, per user, shared by the user's connections: the user's
/// last snapshot and their latest events, each with an id, so that a client that reconnects
/// with `Last-Event-ID` is sent what it missed. Memory is bounded: `kept` events per user and
/// `users` users (the one polled longest ago is forgotten first); a client whose last event
/// is no longer kept, or comes from another run of the server or another watch of the user,
/// is sent `resync`, and reads the state again (`GET /api/v1/offers`, `/tasks?mine=true`,
/// `/presence/{user}`).
///
/// Ids are `RUN-WATCH-N`: N counts the user's own events (1, 2, 3... with no gap), so an id
/// tells nothing about other users' events (before 7 December 2026 one counter numbered
/// everyone's, and its gaps told how busy the server was: audit35 L10); WATCH is drawn at
/// random each time the hub starts watching the user, so that the numbers of a user
/// forgotten and watched again are never taken for each other.
final class EventHub: Sendable {
  struct Event: Sendable {
    var number: Int
    var type: String
    var data: JSONValue
  }

  /// Where a connection is: after event `number` of the user's watch `watch`.
  struct Cursor: Sendable, Equatable {
    var watch: String
    var number: Int
  }

  /// What a connection is sent after its cursor: the events, `resync` when some are lost, and
  /// its cursor after them.
  struct Delivery {
    var events: [Event]
    var resync: Bool
    var cursor: Cursor
  }

  private struct Watched {
    var snapshot: EventSnapshot
    var watch: String
    var events: [Event] = []
    var next = 1
    /// The number of the newest event no longer kept (0: none dropped).
    var dropped = 0
    var touched: Int

    var cursor: Cursor { Cursor(watch: watch, number: next - 1) }

    /// The kept events after `cursor`; `resync` when it is another watch's or some are lost.
    func delivery(after cursor: Cursor?) -> Delivery {
      guard let cursor, cursor.watch == watch, cursor.number < next else {
        return Delivery(events: cursor == nil ? [] : events, resync: cursor != nil, cursor: self.cursor)
      }
      return Delivery(events: events.filter { $0.number > cursor.number }, resync: cursor.number < dropped, cursor: self.cursor)
    }
  }

  private struct State {
    var users: [String: Watched] = [:]
    var touches = 0
    /// Each user's streams open now (a user without one has no entry).
    var open: [String: Int] = [:]
  }

  /// This run's part of each id, so that an id from another run is never taken for one of ours.
  let run: String
  let kept: Int
  let users: Int
  /// The most streams one user may have open at once: each holds a connection until its
  /// client leaves, so without a bound one token could take every connection of the server
  /// (and its address's share) from everyone else.
  let streamsPerUser: Int
  private let state = Mutex(State())

  init(run: String, kept: Int = 64, users: Int = 1024, streamsPerUser: Int = 16) {
    self.run = run
    self.kept = kept
    self.users = users
    self.streamsPerUser = streamsPerUser
  }

  /// Counts a new stream of `user` in; `false` (nothing counted) when the user has
  /// `streamsPerUser` open already. Each stream let in is counted out by `leave` when it goes.
  func enter(_ user: String) -> Bool {
    state.withLock { state in
      let open = state.open[user, default: 0]
      guard open < streamsPerUser else { return false }
      state.open[user] = open + 1
      return true
    }
  }

  func leave(_ user: String) {
    state.withLock { state in
      let open = state.open[user, default: 0] - 1
      state.open[user] = open > 0 ? open : nil
    }
  }

  /// The cursor an id `RUN-WATCH-N` names; `nil` for an id of another run or none, or a
  /// number this hub never gives (signed: `RUN-W--1` was once placed before every event).
  func cursor(ofID id: String?) -> Cursor? {
    guard let id, id.hasPrefix(run + "-") else { return nil }
    let parts = id.dropFirst(run.count + 1).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
      let number = Int(parts[1])
    else { return nil }
    return Cursor(watch: String(parts[0]), number: number)
  }

  func id(_ event: Event, of cursor: Cursor) -> String { "\(run)-\(cursor.watch)-\(event.number)" }

  /// The version of `user`'s last presence record the hub has seen; `nil` for a user not
  /// watched: what the next snapshot reads the presence records after.
  func presenceVersion(of user: String) -> Int? {
    state.withLock { $0.users[user]?.snapshot.presenceVersion }
  }

  /// Where a new connection of `user` starts: after the event `lastEventID` names when given,
  /// else after the newest; `resync` when events after it are lost, or the id names an event
  /// this hub cannot place. A user not watched yet starts from `snapshot`.
  func start(_ user: String, from snapshot: EventSnapshot, lastEventID: String?) -> Delivery {
    state.withLock { state in
      state.touches += 1
      guard let watched = state.users[user] else {
        let watched = Watched(snapshot: snapshot, watch: Self.newWatch(), touched: state.touches)
        state.users[user] = watched
        forgetOldest(&state)
        return Delivery(events: [], resync: lastEventID != nil, cursor: watched.cursor)
      }
      guard lastEventID != nil else { return watched.delivery(after: watched.cursor) }
      guard let resume = cursor(ofID: lastEventID), resume.watch == watched.watch, resume.number < watched.next else {
        return Delivery(events: [], resync: true, cursor: watched.cursor)
      }
      return watched.delivery(after: resume)
    }
  }

  /// Records the changes from `user`'s last snapshot to `snapshot` (read at `now`) and returns
  /// the events after `cursor`; `resync` when some of them are lost, or the cursor is of
  /// another watch of the user (forgotten meanwhile). A snapshot older than the last one
  /// (its presence behind: two streams of the user read at once) records nothing.
  func update(_ user: String, to snapshot: EventSnapshot, at now: Instant, after cursor: Cursor) -> Delivery {
    state.withLock { state in
      state.touches += 1
      var watched = state.users[user] ?? Watched(snapshot: snapshot, watch: Self.newWatch(), touched: state.touches)
      if snapshot.presenceVersion >= watched.snapshot.presenceVersion {
        for change in snapshot.changes(since: watched.snapshot, at: now) {
          watched.events.append(Event(number: watched.next, type: change.type, data: change.data))
          watched.next += 1
        }
        if watched.events.count > kept {
          watched.dropped = watched.events[watched.events.count - kept - 1].number
          watched.events.removeFirst(watched.events.count - kept)
        }
        watched.snapshot = snapshot
      }
      watched.touched = state.touches
      state.users[user] = watched
      forgetOldest(&state)
      return watched.delivery(after: cursor)
    }
  }

  private static func newWatch() -> String { String(UInt32.random(in: .min ... .max), radix: 36) }

  private func forgetOldest(_ state: inout State) {
    guard state.users.count > users, let oldest = state.users.min(by: { $0.value.touched < $1.value.touched }) else {
      return
    }
    state.users[oldest.key] = nil
  }
}
