import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// What `/api/v1/events` watches of one user (SPEC section 17): the tasks offered to them, the
/// tasks in their hands and their presence, read from the store at an instant, or as the hub
/// last showed them. The events a user is sent are the differences between two snapshots
/// (`changes(since:at:)`): from what the hub showed to what a change this server committed
/// leaves (`placing(_:for:)`, told by the feed), and from that to what a poll reads, which
/// is how another process's changes (the CLI beside the server) are seen. The presence is
/// read as its history's records after the last one sent (`presenceRecords`), so every
/// presence change is sent, not only the state a poll finds.
struct EventSnapshot: Sendable {
  /// One record of the user's presence history, as `presence.changed` carries it.
  struct PresenceRecord: Sendable {
    var version: Int
    var json: JSONValue
    /// Whether the record made the user ready: offers are made only to a ready user.
    var ready = false
  }

  /// Each task offered to the user, with when the offer times out.
  var offers: [String: Instant] = [:]
  /// The tasks assigned to the user.
  var held: Set<String> = []
  /// The sequence number of the user's last presence record (0: none, or a store without
  /// presence).
  var presenceVersion = 0
  /// The presence records read with this snapshot, oldest first, the last at
  /// `presenceVersion`: those after the version the reader was asked to start from.
  var presenceRecords: [PresenceRecord] = []
  /// The JSON each task event carries: the task's view.
  var tasks: [String: JSONValue] = [:]

  /// The events from `before` to this snapshot, read at `now`, in the order their causes
  /// run: each offer gone past its time-out (`offer.expired`: what sets a RONA presence), the
  /// presence records after `before`'s up to the last `ready` (`presence.changed`, every one,
  /// in order: `ready` is what makes offers), each new offer (`offer.created`), each offer gone
  /// before its time-out (`offer.withdrawn`; an accepted one is only `task.assigned`), each
  /// task newly in the user's hands (`task.assigned`), each task that left them
  /// (`task.unassigned`: completed, released, reassigned, escalated away, its case closed or
  /// cancelled), then the presence records after that `ready`. Before 6 December
  /// 2026 the presence came last, after the offer its `ready` had made; before 7 December
  /// 2026 only the state a poll found was sent (`ready` then `not_ready` within a poll sent
  /// only `not_ready`) and a task taken from the user sent nothing (audit35 M3).
  func changes(since before: EventSnapshot, at now: Instant) -> [(type: String, data: JSONValue)] {
    var events: [(type: String, data: JSONValue)] = []
    let gone = before.offers.sorted(by: { $0.key < $1.key }).filter { offers[$0.key] == nil && !held.contains($0.key) }
    for (id, expires) in gone where now >= expires {
      events.append(("offer.expired", Self.task(id)))
    }
    // The presence records up to the last `ready` come before the offers made (an offer is
    // made only to a ready user), the rest after the tasks' events.
    let records = presenceRecords.filter { $0.version > before.presenceVersion }
    let made = records.lastIndex(where: \.ready).map { $0 + 1 } ?? 0
    for record in records[..<made] {
      events.append(("presence.changed", record.json))
    }
    for id in offers.keys.sorted() where before.offers[id] == nil {
      events.append(("offer.created", tasks[id] ?? .null))
    }
    for (id, expires) in gone where now < expires {
      events.append(("offer.withdrawn", Self.task(id)))
    }
    for id in held.sorted() where !before.held.contains(id) {
      events.append(("task.assigned", tasks[id] ?? .null))
    }
    for id in before.held.sorted() where !held.contains(id) {
      events.append(("task.unassigned", Self.task(id)))
    }
    for record in records[made...] {
      events.append(("presence.changed", record.json))
    }
    return events
  }

  private static func task(_ id: String) -> JSONValue { .object([("task", .string(id))]) }

  /// Takes `task` of `state` in, as its hold (`TaskState.hold`) says: offered or in hand.
  private mutating func add(_ task: TaskState, of state: CaseState) {
    guard let hold = task.hold else { return }
    if let expires = hold.offerExpires { offers[task.id] = expires } else { held.insert(task.id) }
    tasks[task.id] = TaskView(task, of: state).json
  }

  /// Leaves out every task of case `id`.
  private mutating func drop(case id: String) {
    for task in Set(offers.keys).union(held) where Self.caseID(of: task) == id {
      offers[task] = nil
      held.remove(task)
      tasks[task] = nil
    }
  }

  /// The case of task `id` (`CASE.N`).
  static func caseID(of task: String) -> Substring {
    guard let dot = task.lastIndex(of: ".") else { return task[...] }
    return task[..<dot]
  }

  /// This snapshot with case `state.id`'s tasks as `state` leaves them for `user`: what the
  /// feed makes of a change this server committed (`EventHub.committed`).
  func placing(_ state: CaseState, for user: String) -> EventSnapshot {
    var placed = self
    placed.drop(case: state.id)
    for task in state.activeTasks where task.hold?.user == user { placed.add(task, of: state) }
    return placed
  }

  /// This snapshot with case `id`'s tasks as `other` has them: a snapshot read before the
  /// feed's last change of that case keeps what the feed made of it.
  func keeping(case id: String, from other: EventSnapshot) -> EventSnapshot {
    var kept = self
    kept.drop(case: id)
    for task in Set(other.offers.keys).union(other.held) where Self.caseID(of: task) == id {
      kept.offers[task] = other.offers[task]
      if other.held.contains(task) { kept.held.insert(task) }
      kept.tasks[task] = other.tasks[task]
    }
    return kept
  }

  /// Record `version` of `user`'s presence: `presence.changed`'s data, the state they went
  /// into at `since`.
  static func record(_ user: String, _ version: Int, _ status: PresenceStatus, since: Instant?) -> PresenceRecord {
    let json = JSONValue.object([
      ("reason", .string(status.reason)), ("since", since?.json ?? .null),
      ("state", .string(status.name)), ("until", status.until?.json ?? .null), ("user", .string(user)),
    ])
    return PresenceRecord(version: version, json: json, ready: status == .ready)
  }
}

extension EventSnapshot {
  /// `user`'s snapshot on `cases` (at its clock's instant), with the presence records after
  /// version `known` (the last one sent; `nil`: only the current state), at most `kept` of
  /// them, the newest.
  init(of user: String, on cases: CaseService, presenceAfter known: Int? = nil, kept: Int = 64) throws(ServiceError) {
    let found = try ServiceError.wrap { () throws(RepositoryError) in try cases.queries.heldTasks(of: user) }.tasks
    for (task, state) in found where task.hold?.user == user {
      add(task, of: state)
    }
    guard cases.presence != nil else { return }
    let service = try cases.presenceService()
    let state = try ServiceError.wrap { () throws(RepositoryError) in try service.repository.loadPresence(user) }
      ?? PresenceState(user: user)
    presenceVersion = state.version
    presenceRecords = [Self.record(user, state.version, state.status, since: state.since)]
    // More than one record since the last one sent: read them from the history, each in turn.
    guard let known, state.version > known + 1 else { return }
    let history = try ServiceError.wrap { () throws(RepositoryError) in try service.repository.presenceHistory(of: user) } ?? []
    let missed = history.filter { $0.seq > known && $0.seq <= state.version }.suffix(kept)
    guard missed.last?.seq == state.version else { return }
    presenceRecords = missed.map { Self.record(user, $0.seq, $0.status, since: $0.at) }
  }
}
