import DCMCApplication
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

  /// A case the feed told the hub of for a user: its version then, and the feed's count
  /// (`State.mark`) after it.
  private struct Fed {
    var version: Int
    var mark: Int
  }

  private struct Watched {
    var snapshot: EventSnapshot
    var watch: String
    var events: [Event] = []
    var next = 1
    /// The number of the newest event no longer kept (0: none dropped).
    var dropped = 0
    var touched: Int
    /// The cases whose changes the feed told for this user, at most `fedCases`.
    var fed: [String: Fed] = [:]

    var cursor: Cursor { Cursor(watch: watch, number: next - 1) }

    /// Numbers and keeps `changes`, dropping the oldest past `kept`.
    mutating func record(_ changes: [(type: String, data: JSONValue)], kept: Int) {
      for change in changes {
        events.append(Event(number: next, type: change.type, data: change.data))
        next += 1
      }
      if events.count > kept {
        dropped = events[events.count - kept - 1].number
        events.removeFirst(events.count - kept)
      }
    }

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
    /// How many publications the feed made (`committed`): a snapshot read after the mark was
    /// `m` shows every change of the publications up to `m`.
    var mark = 0
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
  /// Told of the users the feed gave events, so that their streams are read at once
  /// (`HTTPDaemon.wake`); `nil`: they wait for the next poll.
  private let wake = Mutex<(@Sendable (Set<String>) -> Void)?>(nil)
  /// The most cases a user's `fed` holds (the ones told longest ago are forgotten first).
  static let fedCases = 256

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

  /// The feed's count so far: read before a snapshot, and given with it to `update`.
  var mark: Int { state.withLock { $0.mark } }

  /// Has `wake` told of the users the feed gives events from now on.
  func wakes(_ wake: @escaping @Sendable (Set<String>) -> Void) {
    self.wake.withLock { $0 = wake }
  }

  /// Records the changes from `user`'s last snapshot to `snapshot` (read at `now`, after the
  /// feed's count was `mark`) and returns the events after `cursor`; `resync` when some of
  /// them are lost, or the cursor is of another watch of the user (forgotten meanwhile). A
  /// snapshot older than the last one (its presence behind: two streams of the user read at
  /// once) records nothing. The cases the feed told of after `mark` keep the tasks the feed
  /// left (the snapshot may have been read before their change), so what the feed sent is
  /// never sent again, nor undone, by the difference; the others' differences are what other
  /// processes changed (the CLI beside the server, another server).
  func update(_ user: String, to snapshot: EventSnapshot, mark: Int, at now: Instant, after cursor: Cursor) -> Delivery {
    state.withLock { state in
      state.touches += 1
      var watched = state.users[user] ?? Watched(snapshot: snapshot, watch: Self.newWatch(), touched: state.touches)
      if snapshot.presenceVersion >= watched.snapshot.presenceVersion {
        var snapshot = snapshot
        for (id, fed) in watched.fed where fed.mark > mark {
          snapshot = snapshot.keeping(case: id, from: watched.snapshot)
        }
        watched.record(snapshot.changes(since: watched.snapshot, at: now), kept: kept)
        watched.snapshot = snapshot
      }
      watched.touched = state.touches
      state.users[user] = watched
      forgetOldest(&state)
      return watched.delivery(after: cursor)
    }
  }

  /// The feed's changes (`CommitFeed`: this process's, durable, in the order written), each
  /// given at once to the watched users it concerns, as the difference from what the hub
  /// last showed them to what the change leaves: so an offer made and withdrawn between two
  /// polls is sent as both, a task assigned, released and assigned again as three events, and
  /// a `ready` comes before the offers it makes. Users not watched are passed over (a stream
  /// starts from its snapshot); so is a change older than the last one the hub has of its
  /// case or presence for the user (two threads' publications crossing), and a presence change
  /// after records the hub has not seen (another process's): the next poll reads those.
  func committed(_ committed: CommitFeed.Committed) {
    let given = state.withLock { state in
      state.mark += 1
      var given: Set<String> = []
      // Nobody watched (no stream opened yet): nothing to work out on the commit's path.
      guard !state.users.isEmpty else { return given }
      switch committed {
      case .cases(let changes):
        for change in changes {
          for user in change.watchers where feed(change, to: user, &state) { given.insert(user) }
        }
      case .presence(let changes):
        for change in changes where feed(change, &state) { given.insert(change.after.user) }
      }
      return given
    }
    guard !given.isEmpty, let wake = wake.withLock({ $0 }) else { return }
    wake(given)
  }

  /// Gives `user` the events of `change` (`CaseChangeSet.watchers` names them), dated at the
  /// change's instant (an offer gone at or after its time-out is `offer.expired`); whether
  /// there were any.
  private func feed(_ change: CaseChangeSet, to user: String, _ state: inout State) -> Bool {
    let id = change.after.id
    guard var watched = state.users[user], (watched.fed[id]?.version ?? -1) < change.after.version else { return false }
    let placed = watched.snapshot.placing(change.after, for: user)
    let events = placed.changes(since: watched.snapshot, at: change.after.updatedAt ?? change.after.createdAt)
    watched.record(events, kept: kept)
    watched.snapshot = placed
    watched.fed[id] = Fed(version: change.after.version, mark: state.mark)
    if watched.fed.count > Self.fedCases, let oldest = watched.fed.min(by: { $0.value.mark < $1.value.mark }) {
      watched.fed[oldest.key] = nil
    }
    state.users[user] = watched
    return !events.isEmpty
  }

  /// Gives the user of `change` its records, when it follows the last one the hub has.
  private func feed(_ change: PresenceChangeSet, _ state: inout State) -> Bool {
    let user = change.after.user
    guard var watched = state.users[user], let at = change.events.last?.at,
      change.before.version <= watched.snapshot.presenceVersion, watched.snapshot.presenceVersion < change.after.version
    else { return false }
    var moved = watched.snapshot
    moved.presenceVersion = change.after.version
    moved.presenceRecords = change.events.filter { $0.seq > watched.snapshot.presenceVersion }
      .map { EventSnapshot.record(user, $0.seq, $0.status, since: $0.at) }
    // No task moves here: the instant only dates offers gone, of which there are none.
    let events = moved.changes(since: watched.snapshot, at: at)
    watched.record(events, kept: kept)
    watched.snapshot = moved
    state.users[user] = watched
    return !events.isEmpty
  }

  private static func newWatch() -> String { String(UInt32.random(in: .min ... .max), radix: 36) }

  private func forgetOldest(_ state: inout State) {
    guard state.users.count > users, let oldest = state.users.min(by: { $0.value.touched < $1.value.touched }) else {
      return
    }
    state.users[oldest.key] = nil
  }
}
