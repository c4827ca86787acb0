import DCMCCalendar
import DCMCJSON
import Synchronization

/// The events of `/api/v1/events`, per user, shared by the user's connections: the user's
/// last snapshot and their latest events, each with an id, so that a client that reconnects
/// with `Last-Event-ID` is sent what it missed. Memory is bounded: `kept` events per user and
/// `users` users (the one polled longest ago is forgotten first); a client whose last event
/// is no longer kept, or comes from another run of the server, is sent `resync`, and reads
/// the state again (`GET /api/v1/offers`, `/tasks?mine=true`, `/presence/{user}`).
final class EventHub: Sendable {
  struct Event: Sendable {
    var number: Int
    var type: String
    var data: JSONValue
  }

  /// What a connection is sent after its cursor: the events, `resync` when some are lost, and
  /// its cursor after them.
  struct Delivery {
    var events: [Event]
    var resync: Bool
    var cursor: Int
  }

  private struct Watched {
    var snapshot: EventSnapshot
    var events: [Event] = []
    /// The number of the newest event no longer kept (0: none dropped).
    var dropped = 0
    var touched: Int
  }

  private struct State {
    var users: [String: Watched] = [:]
    var next = 1
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

  /// `123` of id `RUN-123`; `nil` for an id of another run or none, or a number this hub
  /// never gives (signed: `RUN--1` was placed before every event, resync and all of them).
  func number(ofID id: String?) -> Int? {
    guard let id, id.hasPrefix(run + "-") else { return nil }
    let digits = id.dropFirst(run.count + 1)
    guard digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return Int(digits)
  }

  func id(_ event: Event) -> String { "\(run)-\(event.number)" }

  /// Where a new connection of `user` starts: after event `resume` (its `Last-Event-ID`'s
  /// number) when given, else after the newest; `resync` when events after `resume` are lost,
  /// or `resumed` names an event this hub cannot place. A user not watched yet starts from
  /// `snapshot`.
  func start(_ user: String, from snapshot: EventSnapshot, resume: Int?, resumed: Bool) -> Delivery {
    state.withLock { state in
      state.touches += 1
      guard let watched = state.users[user] else {
        state.users[user] = Watched(snapshot: snapshot, touched: state.touches)
        forgetOldest(&state)
        return Delivery(events: [], resync: resumed, cursor: state.next - 1)
      }
      guard let resume, resume < state.next else { return Delivery(events: [], resync: resumed, cursor: state.next - 1) }
      return Delivery(
        events: watched.events.filter { $0.number > resume }, resync: resume < watched.dropped, cursor: state.next - 1)
    }
  }

  /// Records the changes from `user`'s last snapshot to `snapshot` (read at `now`) and returns
  /// the events after `cursor` (an event number); `resync` when some of them are lost.
  func update(_ user: String, to snapshot: EventSnapshot, at now: Instant, after cursor: Int) -> Delivery {
    state.withLock { state in
      state.touches += 1
      var watched = state.users[user] ?? Watched(snapshot: snapshot, touched: state.touches)
      for change in snapshot.changes(since: watched.snapshot, at: now) {
        watched.events.append(Event(number: state.next, type: change.type, data: change.data))
        state.next += 1
      }
      if watched.events.count > kept {
        watched.dropped = watched.events[watched.events.count - kept - 1].number
        watched.events.removeFirst(watched.events.count - kept)
      }
      watched.snapshot = snapshot
      watched.touched = state.touches
      state.users[user] = watched
      forgetOldest(&state)
      return Delivery(
        events: watched.events.filter { $0.number > cursor }, resync: cursor < watched.dropped,
        cursor: state.next - 1)
    }
  }

  private func forgetOldest(_ state: inout State) {
    guard state.users.count > users, let oldest = state.users.min(by: { $0.value.touched < $1.value.touched }) else {
      return
    }
    state.users[oldest.key] = nil
  }
}
